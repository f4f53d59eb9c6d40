import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorRequest } from './EmulatorRequest.js';
import { run } from './requestHandler.js';
import type { Reply } from './Reply.js';
import type { Router } from './Router.js';

/**
 * One request of a batch (Graph's JSON batching, SharePoint's `$batch`), answered by the route it
 * names with the batch's own authorization and no fault of its own (a fault hits the batch as a
 * whole). `target` is a path with its query. Invariant: what the route would answer alone.
 */
export async function answerPart(
  router: Router,
  batch: EmulatorRequest,
  method: string,
  target: string,
  headers: IncomingHttpHeaders = {},
  body: Buffer = Buffer.alloc(0),
): Promise<Reply> {
  const url = new URL(`https://127.0.0.1${target}`);
  const match = router.match(method, url.pathname);
  if (!match.found) return match.style(match.status, 'NotFound', `path: no such resource: ${url.pathname}`, 'path');
  const req: EmulatorRequest = {
    method,
    path: url.pathname,
    params: match.params,
    query: url.searchParams,
    headers: { ...headers, authorization: batch.headers.authorization },
    style: match.route.style,
    body: async () => body,
  };
  return run(match.route.handle, req);
}
