/** Another photosync process is changing the tenant through the same state folder: this one stops before changing anything. */
export class StateFolderBusyError extends Error {
  readonly code = 'PHOTOSYNC_STATE_FOLDER_BUSY';
  constructor(
    readonly stateDir: string,
    readonly pid: number,
  ) {
    super(
      `another photosync (process ${pid}) is changing the tenant through the state folder ${stateDir}; nothing was done: let it end (or stop it), then run this again`,
    );
    this.name = 'StateFolderBusyError';
  }
}
