import { z } from 'zod';
import { IsoTime } from './isoTime.js';

/** A user of the header, with SPEC section 2's defaults; unknown fields are kept. */
export const TraceUser = z.looseObject({
  id: z.string().min(1),
  photo: z.string().min(1).default('none'),
  mySite: z.boolean().default(false),
  lync: z.enum(['online', 'offline']).default('offline'),
  setPhotoEnabled: z.boolean().default(true),
  adSynced: z.boolean().default(false),
});
export type TraceUser = z.infer<typeof TraceUser>;

/** Line 1 of a trace (SPEC section 2); live runs add tenant, adapter, seed and photo hashes. */
export const TraceHeader = z.looseObject({
  format: z.literal('photosync-trace'),
  version: z.literal(1),
  start: IsoTime,
  users: z.array(TraceUser),
});
export type TraceHeader = z.infer<typeof TraceHeader>;
