import { z } from 'zod';
import { TestPhotoSet } from '../adapters/live/photos/TestPhotoSet.js';
import { PROFILE_IDS } from '../model/profiles.js';

/** The test users an emulator has unless told otherwise. */
export const DEFAULT_EMULATOR_USERS = ['alice', 'bob', 'carol', 'dave'] as const;

const UserId = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, 'expected a short id of letters, digits, ".", "_" or "-"')
  .refine((id) => id !== 'admin', 'the id "admin" is the tenant\'s own');

/**
 * How to start a tenant emulator (`photosync emulator`); every field is optional. The same seed
 * (and the same requests) give the same tenant, ids and faults; certificates and secrets are new
 * on every start.
 */
export const EmulatorOptions = z.strictObject({
  /** the port on 127.0.0.1; 0 picks a free one */
  port: z.int().min(0).max(65535).default(0),
  /** the profile the simulated tenant behaves as; default microsoft-2026 (or the mutant's first profile when it does not deviate from that one) */
  profile: z.enum(PROFILE_IDS as [string, ...string[]], { error: `expected one of ${PROFILE_IDS.join(', ')}` }).optional(),
  /** a mutant of the catalog: the tenant deviates from its profile */
  mutant: z.string().min(1).optional(),
  /** the seed of the tenant's choices, its ids and the faults; random when absent */
  seed: z.int().min(0).max(0xffff_ffff).optional(),
  /** a tenant with a history, taken as it is (the simulated tenant's `asIs`): the clock ends later than `start` */
  asIs: z.boolean().default(false),
  /** the probability that a service request fails (429, 503 or a dropped connection) */
  faultRate: z.number().min(0).max(1).default(0),
  /** a delay before every answer, in ms */
  latencyMs: z.number().min(0).max(60_000).default(0),
  /** the test users' ids; their UPNs are `${id}@${domain}` */
  users: z
    .array(UserId)
    .min(1, 'name at least one test user')
    .refine((ids) => new Set(ids).size === ids.length, 'each test user once')
    .default([...DEFAULT_EMULATOR_USERS]),
  /** the tenant's domain */
  domain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'expected a domain name such as photosync.test')
    .default('photosync.test'),
  /** the virtual time the tenant starts at, ms since the epoch; default now, rounded down to the minute */
  start: z.int().min(0).optional(),
  /** where the certificates are written; default a new temporary folder, removed on close */
  dir: z.string().min(1).optional(),
  /** the photo every user holds at the start: `none`, or a test photo of the default set (`p0`, `p1`, ...) */
  photo: z
    .string()
    .refine((p) => p === 'none' || new TestPhotoSet().has(p), 'expected none or a test photo id of the default set, p0 to p255')
    .default('none'),
  /** one line per request (method, path, status, time), never a secret */
  log: z.custom<(line: string) => void>((v) => typeof v === 'function', 'expected a function').optional(),
});
/** What a caller passes: every field optional. */
export type EmulatorOptions = z.input<typeof EmulatorOptions>;
/** The options with their defaults. */
export type ResolvedEmulatorOptions = z.output<typeof EmulatorOptions>;
