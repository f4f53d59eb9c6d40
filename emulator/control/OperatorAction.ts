import { z } from 'zod';
import { CLIENTS, PHOTO_SOURCES, REMOVE_VIAS, VIAS } from '../../model/vocabulary.js';

const name = z.string().min(1);

/**
 * An action of SPEC section 1 as a scripted operator posts it to `/_emulator/operator/act`: users
 * by trace id or UPN; a setPhoto's photo comes with the request's `photoBase64` (its `photo` and
 * `bytes` fields are read only without one). Unknown fields (`at`, `result`) are ignored.
 */
export const OperatorAction = z.discriminatedUnion('do', [
  z.looseObject({
    do: z.literal('setPhoto'),
    user: name,
    via: z.enum(VIAS),
    photo: name.optional(),
    by: name.optional(),
    bytes: z.int().nonnegative().optional(),
  }),
  z.looseObject({ do: z.literal('removePhoto'), user: name, via: z.enum(REMOVE_VIAS), by: name.optional() }),
  z.looseObject({ do: z.literal('visitMySite'), user: name }),
  z.looseObject({ do: z.literal('editCancel'), user: name }),
  z.looseObject({ do: z.literal('lyncSignIn'), user: name }),
  z.looseObject({ do: z.literal('lyncSignOut'), user: name }),
  z.looseObject({ do: z.literal('restartClient'), viewer: name, client: z.enum(CLIENTS) }),
  z.looseObject({ do: z.literal('clearBrowserCache'), viewer: name }),
  z.looseObject({ do: z.literal('openYammer'), user: name }),
  z.looseObject({ do: z.literal('setPolicy'), user: name, setPhotoEnabled: z.boolean() }),
  z.looseObject({ do: z.literal('wait'), ms: z.number().nonnegative() }),
  z.looseObject({ do: z.literal('setPhotoSettings'), source: z.enum(PHOTO_SOURCES), allowedRoles: z.array(name).optional() }),
]);
export type OperatorAction = z.infer<typeof OperatorAction>;

/** The body of `/_emulator/operator/act`. */
export const ActRequest = z.strictObject({ action: OperatorAction, photoBase64: z.base64().min(1).optional() });
