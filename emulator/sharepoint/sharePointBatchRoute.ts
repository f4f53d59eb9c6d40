import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { batchBody, batchParts, boundaryOf, type BatchPart } from '../../adapters/live/api/httpBatch.js';
import type { EmulatorContext } from '../EmulatorContext.js';
import { answerPart } from '../http/answerPart.js';
import { sharePointErrors } from '../http/errorStyles.js';
import { Refusal, type Reply } from '../http/Reply.js';
import type { Router } from '../http/Router.js';
import { authorize } from '../identity/authorize.js';

/** SharePoint's own limit of requests in one `$batch`. */
export const SP_BATCH_LIMIT = 100;

/** The largest batch body the emulator reads. */
const BATCH_READ_LIMIT = 1_000_000;

/**
 * SharePoint's OData `$batch` at `/sp/_api/$batch` and `/my/_api/$batch`: a `multipart/mixed` body
 * of `application/http` requests, each answered by the route it names with the batch's own
 * authorization, in a `multipart/mixed` answer. The emulator takes GET requests only (photosync
 * batches nothing else); a fault hits the batch as a whole. Invariant: one answer per request, in order.
 */
export function sharePointBatchRoute(router: Router, ctx: EmulatorContext): void {
  const { resources } = ctx.identity;
  for (const [prefix, audience] of [
    ['/sp', resources.sharepoint],
    ['/my', resources.mySite],
  ] as const) {
    router.add({
      method: 'POST',
      path: `${prefix}/_api/$batch`,
      kind: 'service',
      style: sharePointErrors,
      handle: async (req) => {
        authorize(req, ctx.identity, { audience, apps: 'certificate' });
        const boundary = boundaryOf(req.headers['content-type']);
        if (boundary === undefined)
          throw new Refusal(
            req.style(
              400,
              'Microsoft.SharePoint.Client.InvalidClientQueryException',
              'expected a multipart/mixed body with a boundary',
              'header.content-type',
            ),
          );
        const parts = batchParts((await req.body(BATCH_READ_LIMIT)).toString('utf8'), boundary);
        if (parts === undefined || parts.length === 0 || parts.length > SP_BATCH_LIMIT)
          throw new Refusal(
            req.style(
              400,
              'Microsoft.SharePoint.Client.InvalidClientQueryException',
              `expected 1 to ${SP_BATCH_LIMIT} application/http requests`,
              'body',
            ),
          );
        const answers: BatchPart[] = [];
        for (const part of parts) answers.push(await answerOne(router, req, prefix, part));
        const out = `batchresponse_${randomUUID()}`;
        return { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${out}` }, body: batchBody(out, answers) };
      },
    });
  }
}

async function answerOne(router: Router, batch: Parameters<typeof answerPart>[1], prefix: string, part: BatchPart): Promise<BatchPart> {
  const m = /^(\S+) (\S+) HTTP\/1\.1$/.exec(part.start);
  const target = m === null ? undefined : pathOf(m[2]!);
  const reply: Reply =
    m === null || target === undefined || !target.startsWith(`${prefix}/`)
      ? sharePointErrors(
          400,
          'Microsoft.SharePoint.Client.InvalidClientQueryException',
          `expected "GET URL HTTP/1.1" on this site, not ${JSON.stringify(part.start)}`,
        )
      : m[1] !== 'GET'
        ? sharePointErrors(
            400,
            'Microsoft.SharePoint.Client.InvalidClientQueryException',
            `the emulator batches GET requests only, not ${m[1]}`,
          )
        : await answerPart(router, batch, 'GET', target, lowerCased(part.headers));
  if ('drop' in reply) return response(500, {}, '');
  const body = reply.body === undefined ? '' : Buffer.isBuffer(reply.body) ? reply.body.toString('utf8') : reply.body;
  return response(reply.status, reply.headers ?? {}, body);
}

function response(status: number, headers: Readonly<Record<string, string>>, body: string): BatchPart {
  return { start: `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd(), headers, body };
}

/** The path and query of an absolute or relative URL, or undefined. */
function pathOf(url: string): string | undefined {
  try {
    const u = new URL(url, 'https://127.0.0.1');
    return u.pathname + u.search;
  } catch {
    return undefined;
  }
}

function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
