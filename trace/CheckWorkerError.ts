/** A check worker that failed: it threw, could not start, or exited before its verdicts. Never a verdict. */
export class CheckWorkerError extends Error {
  readonly code = 'PHOTOSYNC_CHECK_WORKER_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CheckWorkerError';
  }
}
