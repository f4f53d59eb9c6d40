/** The HTTP layer was misused (bad options, a URL that is not http(s), a send after close): a programming error, never a tenant fault. */
export class HttpUsageError extends Error {
  readonly code = 'PHOTOSYNC_HTTP_MISUSE';
  constructor(detail: string) {
    super(detail);
    this.name = 'HttpUsageError';
  }
}
