import { z } from 'zod';
import type { ActionKind, TraceEvent as ModelEvent } from '../model/vocabulary.js';
import { CLIENTS, PHOTO_SOURCES, REMOVE_VIAS, RESULTS, SURFACES, VIAS } from '../model/vocabulary.js';
import { IsoTime } from './isoTime.js';

const id = z.string().min(1);
const photo = z.string().min(1);
const common = { at: IsoTime, result: z.enum(RESULTS).default('ok'), reason: z.string().optional() };

/** Every action line of SPEC section 2, told apart by `do`; unknown fields are kept. */
export const ActionLine = z.discriminatedUnion('do', [
  z.looseObject({
    ...common,
    do: z.literal('setPhoto'),
    user: id,
    photo,
    via: z.enum(VIAS),
    by: id.optional(),
    bytes: z.number().int().nonnegative().optional(),
  }),
  z.looseObject({ ...common, do: z.literal('removePhoto'), user: id, via: z.enum(REMOVE_VIAS) }),
  z.looseObject({ ...common, do: z.literal('visitMySite'), user: id }),
  z.looseObject({ ...common, do: z.literal('editCancel'), user: id }),
  z.looseObject({ ...common, do: z.literal('lyncSignIn'), user: id }),
  z.looseObject({ ...common, do: z.literal('lyncSignOut'), user: id }),
  z.looseObject({ ...common, do: z.literal('restartClient'), viewer: id, client: z.enum(CLIENTS) }),
  z.looseObject({ ...common, do: z.literal('clearBrowserCache'), viewer: id }),
  z.looseObject({ ...common, do: z.literal('openYammer'), user: id }),
  z.looseObject({ ...common, do: z.literal('setPolicy'), user: id, setPhotoEnabled: z.boolean() }),
  z.looseObject({ ...common, do: z.literal('wait'), ms: z.number().nonnegative() }),
  z.looseObject({
    ...common,
    do: z.literal('setPhotoSettings'),
    source: z.enum(PHOTO_SOURCES),
    allowedRoles: z.array(id).optional(),
  }),
]);
export type ActionLine = z.infer<typeof ActionLine>;

/** Each action's own schema, by `do`: a reader that already knows the kind skips the union's search. */
export const ACTION_SCHEMAS: ReadonlyMap<string, (typeof ActionLine.options)[number]> = new Map(
  ActionLine.options.map((schema) => [schema.shape.do.value, schema]),
);

/** An observation line: `photo` is `unknown` when it could not be made. */
export const ObservationLine = z.looseObject({
  at: IsoTime,
  see: z.enum(SURFACES),
  user: id,
  viewer: id,
  photo,
});
export type ObservationLine = z.infer<typeof ObservationLine>;

export type TraceEventLine = ActionLine | ObservationLine;

// the model's plain types are what the schemas produce
const _sameShape: (e: TraceEventLine) => ModelEvent = (e) => e;
void _sameShape;
// and every action kind of the model has a line schema
const _everyKind: (kind: ActionKind) => ActionLine['do'] = (kind) => kind;
void _everyKind;
