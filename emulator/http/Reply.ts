/** An answer of the emulator: a status with headers and a body, or a connection it drops without answering. */
export type Reply =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: Buffer | string }
  | { readonly drop: true };

/** A JSON answer. */
export function json(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

/** An image or other bytes, with their content type. */
export function bytes(contentType: string, body: Buffer, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status: 200, headers: { 'content-type': contentType, 'cache-control': 'private, max-age=0', ...headers }, body };
}

/** A 302 to `location`. */
export function redirect(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-cache' } };
}

/** An answer without a body (204, or a status whose body does not matter). */
export function empty(status: number): Reply {
  return { status };
}

/** Thrown by a handler that refuses a request: the server sends `reply` as it is. */
export class Refusal extends Error {
  constructor(readonly reply: Reply) {
    super('request refused');
    this.name = 'Refusal';
  }
}
