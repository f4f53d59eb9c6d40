/** An Azure SDK request cancelled by its abort signal or timeout; named `AbortError` because the SDK's policies test the name. */
export class AzureAbortError extends Error {
  readonly code = 'PHOTOSYNC_AZURE_REQUEST_ABORTED';
  constructor(message: string) {
    super(message);
    this.name = 'AbortError';
  }
}
