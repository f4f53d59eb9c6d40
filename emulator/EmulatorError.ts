/** Stable codes of an emulator that cannot start; the CLI maps each to an exit code. */
export type EmulatorErrorCode = 'PHOTOSYNC_BAD_EMULATOR_OPTIONS';

/** Options the emulator cannot start with, naming the option. */
export class EmulatorError extends Error {
  constructor(
    readonly code: EmulatorErrorCode,
    readonly option: string,
    readonly detail: string,
  ) {
    super(`${option === '' ? '' : `${option}: `}${detail}`);
    this.name = 'EmulatorError';
  }
}
