import type { HttpOutcome, HttpRequest } from '../http/HttpClient.js';
import type { LiveEndpoints } from '../LiveConfig.js';

/** A service's token audience: Graph, the SharePoint host, the My Site host, Viva Engage. */
export type Resource = 'graph' | 'sharepoint' | 'mySite' | 'yammer';

/** What every service call needs: where the services are, a way to send, and tokens (app-only, or as a test user by sign-in name). */
export type Services = {
  readonly endpoints: LiveEndpoints;
  send(request: HttpRequest): Promise<HttpOutcome>;
  token(resource: Resource, as?: string): Promise<string>;
};

/** A service's answer as the adapter reads it: done, refused by the tenant, or not known (a fault, never a verdict). */
export type Reply<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A base URL and a path, whatever slashes each has. */
export function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The service's own words for an error, from a Graph or SharePoint JSON error body, else its status. */
export function serviceMessage(status: number, body: Buffer): string {
  const text = body.toString('utf8', 0, Math.min(body.length, 4096));
  try {
    const json = JSON.parse(text) as {
      error?: { message?: unknown; code?: unknown } | string;
      'odata.error'?: { message?: { value?: unknown } };
    };
    const e = json.error;
    if (typeof e === 'string') return `${status}: ${e}`;
    if (e !== undefined && typeof e.message === 'string')
      return `${status} ${typeof e.code === 'string' ? e.code : ''}: ${e.message}`.replace(' :', ':');
    const odata = json['odata.error']?.message?.value;
    if (typeof odata === 'string') return `${status}: ${odata}`;
  } catch {
    // not JSON: the status says it
  }
  return `HTTP ${status}`;
}

/**
 * How a change's answer reads: 2xx done; 403 and 413 refused by the tenant (a policy, a size limit,
 * the photo settings); anything else (400, 401, 404, 5xx, a fault) not known, since it says nothing
 * of what the tenant does with photos. A 400 is a request the service could not read (Graph's
 * "malformed"; SharePoint's "Parameter is not valid" for an image it cannot decode): were it a
 * refusal, a fault of photosync's request would be a verdict on the tenant.
 */
export function changeReply(outcome: HttpOutcome): Reply<void> {
  if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason };
  if (outcome.status >= 200 && outcome.status < 300) return { kind: 'ok', value: undefined };
  const reason = serviceMessage(outcome.status, outcome.body);
  if (outcome.status === 403 || outcome.status === 413) return { kind: 'refused', reason };
  return { kind: 'unknown', reason };
}

/** How a removal's answer reads: as `changeReply`, but a 404 is done, since what was to go is not there. */
export function removalReply(outcome: HttpOutcome): Reply<void> {
  if (outcome.kind === 'answered' && outcome.status === 404) return { kind: 'ok', value: undefined };
  return changeReply(outcome);
}

/** A token, or the reason there is none: a sign-in fault makes a step `unknown`, never a verdict. */
export async function tokenOr(services: Services, resource: Resource, as?: string): Promise<{ token: string } | { reason: string }> {
  try {
    return { token: await services.token(resource, as) };
  } catch (e) {
    return { reason: `no token for ${resource}${as === undefined ? '' : ` as ${as}`}: ${(e as Error).message}` };
  }
}

/** JSON of a body, or undefined: zod then says what is wrong with it. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
