/** A command line that cannot be carried out; exit code 2. */
export class UsageError extends Error {
  readonly code = 'PHOTOSYNC_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
