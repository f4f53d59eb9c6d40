/** Stable codes of a config that cannot be used; the CLI maps each to exit code 2. */
export type ConfigErrorCode = 'PHOTOSYNC_BAD_CONFIG' | 'PHOTOSYNC_CONFIG_UNREADABLE';

/** A config that cannot be used, located: file, 1-based line (0: the file itself, or the environment) and field path. */
export class ConfigError extends Error {
  constructor(
    readonly code: ConfigErrorCode,
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${field === '' ? '' : `${field}: `}${detail}`);
    this.name = 'ConfigError';
  }
}
