import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { faultReply, type Faults } from '../faults/Faults.js';
import { bodyReader, type EmulatorRequest } from './EmulatorRequest.js';
import { Refusal, type Reply } from './Reply.js';
import type { Router } from './Router.js';

/** What the handler needs besides the routes: faults for service requests, a delay for every answer, and a log line per request. */
export type HandlerOptions = {
  readonly faults: Faults;
  readonly latencyMs: number;
  /** one line per request (method, path without its query, status, time): nothing secret */
  readonly log?: ((line: string) => void) | undefined;
};

/**
 * The server's request listener: routes the request, injects a drawn fault into a service
 * request (running a write first when the fault says it went through), waits `latencyMs`, and
 * answers or drops the connection. Invariant: every request gets exactly one answer or a dropped
 * connection; a handler's crash is a 500 and never takes the server down.
 */
export function requestHandler(router: Router, options: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (message, res) => {
    const started = performance.now();
    answer(router, options, message)
      .then((reply) => {
        if ('drop' in reply) {
          options.log?.(`${message.method} ${pathOf(message)} dropped`);
          message.socket.destroy();
          return;
        }
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
        options.log?.(`${message.method} ${pathOf(message)} ${reply.status} ${Math.round(performance.now() - started)} ms`);
      })
      .catch((e: unknown) => {
        // only writing the answer can fail here (a handler's crash is already a 500): the client is gone
        options.log?.(`${message.method} ${pathOf(message)} failed: ${(e as Error).message}`);
        message.socket.destroy();
      });
  };
}

async function answer(router: Router, options: HandlerOptions, message: IncomingMessage): Promise<Reply> {
  // the request target is a path; glued to the origin, `//x` stays a path rather than becoming a host
  const url = new URL(`https://127.0.0.1${message.url?.startsWith('/') === true ? message.url : '/'}`);
  const match = router.match(message.method ?? 'GET', url.pathname);
  let reply: Reply;
  if (!match.found) {
    reply =
      match.status === 405
        ? match.style(405, 'MethodNotAllowed', `${message.method} is not supported on ${url.pathname}`)
        : match.style(match.status, match.status === 400 ? 'BadRequest' : 'NotFound', `path: no such resource: ${url.pathname}`, 'path');
  } else {
    const { route, params } = match;
    const req: EmulatorRequest = {
      method: route.method,
      path: url.pathname,
      params,
      query: url.searchParams,
      headers: message.headers,
      style: route.style,
      body: bodyReader(message, route.style),
    };
    const fault = route.kind === 'service' ? options.faults.draw() : undefined;
    if (fault === undefined) reply = await run(route.handle, req);
    else {
      // a write the fault lets through is made, and its answer lost
      if (match.write && fault.applied) await run(route.handle, req);
      reply = faultReply(fault, route.style);
    }
  }
  if (options.latencyMs > 0) await delay(options.latencyMs);
  return reply;
}

/** A handler's answer: its reply, the reply of the Refusal it throws, or a 500 for anything else. */
export async function run(handle: (req: EmulatorRequest) => Promise<Reply>, req: EmulatorRequest): Promise<Reply> {
  try {
    return await handle(req);
  } catch (e) {
    if (e instanceof Refusal) return e.reply;
    return req.style(500, 'InternalServerError', `the emulator failed: ${(e as Error).message}`);
  }
}

function pathOf(message: IncomingMessage): string {
  return (message.url ?? '/').split('?')[0]!;
}
