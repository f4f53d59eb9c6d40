import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ErrorStyle } from './errorStyles.js';
import { Refusal } from './Reply.js';

/** One request as a handler sees it: the route's parameters, the query, the headers, and a body read on demand. */
export type EmulatorRequest = {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** how this route's family writes its errors */
  readonly style: ErrorStyle;
  /** the body, at most `limit` bytes (413 beyond) */
  body(limit: number): Promise<Buffer>;
};

/** Reads a request's body, refusing (413) one longer than `limit` bytes without buffering the rest. */
export function bodyReader(message: IncomingMessage, style: ErrorStyle): (limit: number) => Promise<Buffer> {
  let read: Promise<Buffer> | undefined;
  return (limit) =>
    (read ??= new Promise<Buffer>((resolve, reject) => {
      const declared = Number(message.headers['content-length'] ?? NaN);
      if (declared > limit) {
        message.resume();
        reject(tooLarge(style, limit));
        return;
      }
      const chunks: Buffer[] = [];
      let length = 0;
      message.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > limit) {
          message.removeAllListeners('data');
          message.resume();
          reject(tooLarge(style, limit));
          return;
        }
        chunks.push(chunk);
      });
      message.on('end', () => resolve(Buffer.concat(chunks, length)));
      message.on('error', reject);
    }));
}

function tooLarge(style: ErrorStyle, limit: number): Refusal {
  return new Refusal(style(413, 'RequestEntityTooLarge', `body: the request body is larger than ${limit} bytes`, 'body'));
}
