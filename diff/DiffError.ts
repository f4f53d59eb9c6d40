/** Stable codes of a diff that cannot be made; the CLI maps every one of them to exit code 2. */
export type DiffErrorCode = 'PHOTOSYNC_DIFF_KINDS' | 'PHOTOSYNC_DIFF_UNSUPPORTED' | 'PHOTOSYNC_BAD_REPORT';

/** Two reports that cannot be compared, or a file that is not a photosync JSON report. */
export class DiffError extends Error {
  constructor(
    readonly code: DiffErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DiffError';
  }
}
