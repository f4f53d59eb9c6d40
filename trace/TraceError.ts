/** Stable codes of bad trace input; the CLI maps every one of them to exit code 2. */
export type TraceErrorCode = 'PHOTOSYNC_BAD_TRACE' | 'PHOTOSYNC_TORN_TRACE' | 'PHOTOSYNC_TRACE_UNREADABLE';

/** Bad trace input, located: file, 1-based line (0: the file itself) and field path (empty: the whole line). */
export class TraceError extends Error {
  constructor(
    readonly code: TraceErrorCode,
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${field === '' ? '' : `${field}: `}${detail}`);
    this.name = 'TraceError';
  }
}

/** A zod path as people write it: `users[0].lync`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
