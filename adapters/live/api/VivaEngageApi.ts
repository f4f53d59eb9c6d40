import { z } from 'zod';
import type { Held } from './GraphApi.js';
import { join, parseJson, serviceMessage, tokenOr, type Reply, type Services } from './Services.js';

const EngageUser = z.object({ mugshot_url: z.string().nullish(), mugshot_url_template: z.string().nullish() });
/** by_email answers a list of users (one per network), or one user. */
const ByEmail = z.union([z.array(EngageUser).min(1), EngageUser]);

/** Viva Engage's default mugshot: its URL says so. */
export function isDefaultMugshot(url: string): boolean {
  return /no_photo|default_mugshot|\/mugshot\/default/i.test(url);
}

/**
 * Viva Engage's photo of a user (the `yammer` surface), as a signed-in viewer: Viva Engage takes
 * delegated tokens only. Invariant: a read changes nothing.
 */
export class VivaEngageApi {
  constructor(private readonly services: Services) {}

  async photo(upn: string, viewer: string): Promise<Reply<Held>> {
    const t = await tokenOr(this.services, 'yammer', viewer);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    const outcome = await this.services.send({
      method: 'GET',
      url: `${join(this.services.endpoints.yammer, 'api/v1/users/by_email.json')}?${new URLSearchParams({ email: upn })}`,
      token: async () => t.token,
    });
    if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason };
    if (outcome.status !== 200) return { kind: 'unknown', reason: serviceMessage(outcome.status, outcome.body) };
    const parsed = ByEmail.safeParse(parseJson(outcome.body));
    if (!parsed.success) return { kind: 'unknown', reason: `by_email: unexpected answer: ${parsed.error.issues[0]?.message ?? ''}` };
    const user = Array.isArray(parsed.data) ? parsed.data[0]! : parsed.data;
    const url = user.mugshot_url ?? undefined;
    if (url === undefined || url === '' || isDefaultMugshot(url)) return { kind: 'ok', value: { kind: 'none' } };
    // a mugshot on Viva Engage's own host takes the token; elsewhere (a CDN) it is sent without
    const sameHost = new URL(url).origin === new URL(this.services.endpoints.yammer).origin;
    const image = await this.services.send({ method: 'GET', url, ...(sameHost ? { token: async () => t.token } : {}) });
    if (image.kind === 'unknown') return { kind: 'unknown', reason: image.reason };
    if (image.status !== 200) return { kind: 'unknown', reason: serviceMessage(image.status, image.body) };
    return { kind: 'ok', value: { kind: 'photo', bytes: image.body } };
  }
}
