import { z } from 'zod';
import type { EmulatorContext } from '../EmulatorContext.js';
import { graphErrors } from '../http/errorStyles.js';
import { jsonBody } from '../http/parseInput.js';
import { answerPart } from '../http/answerPart.js';
import { json, Refusal, type Reply } from '../http/Reply.js';
import type { Router } from '../http/Router.js';
import { authorize } from '../identity/authorize.js';

/** Graph's own limit of requests in one JSON batch. */
export const GRAPH_BATCH_LIMIT = 20;

const BatchBody = z.strictObject({
  requests: z
    .array(
      z.object({
        id: z.string().min(1),
        method: z.string().min(1),
        url: z.string().regex(/^\/[^/]/, 'expected a URL relative to the version, starting with one /'),
        headers: z.record(z.string(), z.string()).optional(),
        dependsOn: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .max(GRAPH_BATCH_LIMIT, `a batch holds at most ${GRAPH_BATCH_LIMIT} requests`),
});

/**
 * Graph's JSON batching at `/graph/{version}/$batch`: each request is answered by the route it
 * names, with the batch's own authorization; a JSON body is embedded, any other is base64, as
 * Graph does. The emulator takes GET requests only (photosync batches nothing else); a fault hits
 * the batch as a whole. Invariant: one answer per request, in order, with its id.
 */
export function graphBatchRoute(router: Router, ctx: EmulatorContext, version: 'v1.0' | 'beta'): void {
  router.add({
    method: 'POST',
    path: `/graph/${version}/$batch`,
    kind: 'service',
    style: graphErrors,
    handle: async (req) => {
      authorize(req, ctx.identity, { audience: ctx.identity.resources.graph, apps: 'any' });
      const body = await jsonBody(req, BatchBody);
      const ids = new Set(body.requests.map((r) => r.id));
      if (ids.size !== body.requests.length)
        throw new Refusal(req.style(400, 'BadRequest', 'body.requests: ids must be unique', 'body.requests'));
      const responses = [];
      for (const item of body.requests) {
        const reply =
          item.method.toUpperCase() === 'GET'
            ? await answerPart(router, req, 'GET', `/graph/${version}${item.url}`)
            : notTaken(item.method);
        responses.push({ id: item.id, ...embedded(reply) });
      }
      return json(200, { responses });
    },
  });
}

function notTaken(method: string): Reply {
  return graphErrors(400, 'BadRequest', `the emulator batches GET requests only, not ${method}`, 'method');
}

function embedded(reply: Reply): { status: number; headers: Record<string, string>; body?: unknown } {
  if ('drop' in reply) return { status: 500, headers: {} };
  const headers = { ...(reply.headers ?? {}) };
  if (reply.body === undefined) return { status: reply.status, headers };
  const raw = Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body, 'utf8');
  const isJson = /^application\/json/i.test(headers['content-type'] ?? '');
  return { status: reply.status, headers, body: isJson ? JSON.parse(raw.toString('utf8')) : raw.toString('base64') };
}
