import { z } from 'zod';
import { PHOTO_SOURCES, STORES, type Store } from '../model/vocabulary.js';
import { IsoTime } from './isoTime.js';

const id = z.string().min(1);
const photo = z.string().min(1);
const roles = z.array(z.string().min(1));

// the message of an unknown key in a strict object; every other issue keeps zod's own
function unknownKey(what: string, expected: readonly string[]) {
  return (issue: { code?: string | undefined; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `unknown ${what} ${JSON.stringify(issue.keys?.[0])} (expected one of ${expected.join(', ')})`
      : undefined;
}

/** The photo each store holds at `start` (SPEC section 6); a misspelt store is an error, not a silent default. */
export const TraceStores = z.strictObject(
  {
    exchange: photo.optional(),
    sharepoint: photo.optional(),
    yammer: photo.optional(),
    ad: photo.optional(),
  } satisfies Record<Store, unknown>,
  { error: unknownKey('store', STORES) },
);
export type TraceStores = z.infer<typeof TraceStores>;

const SpUpdated = z.union([z.literal('unknown'), IsoTime], {
  error: 'expected an ISO 8601 date-time with a zone, like 2014-04-01T09:00:00Z, or "unknown"',
});

/**
 * A user of the header, with SPEC section 2's defaults; unknown fields are kept. The fields of
 * section 6 stay absent when absent: the model applies their defaults.
 */
export const TraceUser = z.looseObject({
  id,
  photo: photo.default('none'),
  mySite: z.boolean().default(false),
  lync: z.enum(['online', 'offline']).default('offline'),
  setPhotoEnabled: z.boolean().default(true),
  adSynced: z.boolean().default(false),
  stores: TraceStores.optional(),
  spUpdated: SpUpdated.optional(),
  pending: z.union([z.boolean(), z.literal('unknown')], { error: 'expected true, false or "unknown"' }).optional(),
  roles: roles.optional(),
  caches: z.enum(['start', 'unknown']).optional(),
});
export type TraceUser = z.infer<typeof TraceUser>;

/**
 * The tenant's photo update settings (SPEC section 6), as Graph's `photoUpdateSettings` has them. The
 * fields Graph's answer adds (`id`, and OData annotations: `@odata.context`, `@odata.type`,
 * `allowedRoles@odata.type`) are ignored, so that it can be pasted as it is; any other unknown field
 * is a misspelling and an error, as in `stores`: a silent default there would judge actions by
 * settings the tenant does not have.
 */
export const TracePhotoSettings = z.preprocess(
  withoutGraphFields,
  z.strictObject(
    {
      source: z.enum(PHOTO_SOURCES),
      allowedRoles: roles.default([]),
    },
    { error: unknownKey('field', ['source', 'allowedRoles']) },
  ),
);
export type TracePhotoSettings = z.infer<typeof TracePhotoSettings>;

function withoutGraphFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'id' && !ODATA_ANNOTATION.test(k)));
}

// an annotation of the object (`@odata.type`) or of one of its properties (`allowedRoles@odata.type`):
// OData names its annotations so, and no property name holds an `@`
const ODATA_ANNOTATION = /^\w*@/;

/** The header, the first line of a trace that is not blank (SPEC sections 2 and 6); live runs add tenant, adapter, seed and photo hashes. */
export const TraceHeader = z
  .looseObject({
    format: z.literal('photosync-trace'),
    version: z.literal(1),
    start: IsoTime,
    users: z.array(TraceUser),
    photoSettings: TracePhotoSettings.optional(),
  })
  .superRefine((header, ctx) => {
    const first = new Map<string, number>();
    header.users.forEach((user, i) => {
      const j = first.get(user.id);
      if (j === undefined) first.set(user.id, i);
      else {
        // two states for one user: whichever the checker took, its verdicts would rest on a guess
        ctx.addIssue({ code: 'custom', path: ['users', i, 'id'], message: `the same user as users[${j}]: each user is declared once` });
      }
      if (typeof user.spUpdated === 'number' && user.spUpdated > header.start) {
        ctx.addIssue({
          code: 'custom',
          path: ['users', i, 'spUpdated'],
          message: `after the start of the trace (${new Date(header.start).toISOString()}): SharePoint's last update is at or before it`,
        });
      }
    });
  });
export type TraceHeader = z.infer<typeof TraceHeader>;
