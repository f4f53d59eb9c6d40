/**
 * The vocabulary of SPEC section 1: users, photos, stores, surfaces, actions.
 * Plain types only; the trace reader builds its zod schemas from these lists.
 */

/** A test photo id (`p0`, `p1`, ...), `none`, or `unrecognized`. */
export type Photo = string;
export const NO_PHOTO = 'none';
export const UNRECOGNIZED = 'unrecognized';
/** What an observation or action outcome records when it could not be known. */
export const UNKNOWN = 'unknown';
/** The user who acts for the tenant: an admin path's default `by`, and the holder of every role (PHOTO-SOURCE). */
export const ADMIN = 'admin';

export const STORES = ['exchange', 'sharepoint', 'yammer', 'ad'] as const;
export type Store = (typeof STORES)[number];

export const SURFACES = [
  'sp-mysite',
  'sp-search',
  'sp-newsfeed',
  'sp-people-picker',
  'delve',
  'sp-search-hover',
  'owa-contact-card',
  'owa-email',
  'owa-draft',
  'outlook-desktop',
  'lync',
  'teams',
  'graph',
  'yammer',
] as const;
export type Surface = (typeof SURFACES)[number];

/** The store each surface reads (SPEC section 1 table). */
export const SURFACE_STORE: { readonly [S in Surface]: Store } = {
  'sp-mysite': 'sharepoint',
  'sp-search': 'sharepoint',
  'sp-newsfeed': 'sharepoint',
  'sp-people-picker': 'sharepoint',
  delve: 'sharepoint',
  'sp-search-hover': 'exchange',
  'owa-contact-card': 'exchange',
  'owa-email': 'exchange',
  'owa-draft': 'exchange',
  'outlook-desktop': 'exchange',
  lync: 'exchange',
  teams: 'exchange',
  graph: 'exchange',
  yammer: 'yammer',
};

export const VIAS = [
  'sharepoint',
  'outlook-web',
  'outlook-desktop',
  'lync',
  'teams',
  'yammer',
  'admin-cmdlet',
  'graph',
  'on-prem-ad',
] as const;
export type Via = (typeof VIAS)[number];

export const REMOVE_VIAS = ['admin-cmdlet', 'graph'] as const satisfies readonly Via[];
export type RemoveVia = (typeof REMOVE_VIAS)[number];

export const CLIENTS = ['outlook-desktop', 'lync', 'teams'] as const;
export type Client = (typeof CLIENTS)[number];

export const ACTION_KINDS = [
  'setPhoto',
  'removePhoto',
  'visitMySite',
  'editCancel',
  'lyncSignIn',
  'lyncSignOut',
  'restartClient',
  'clearBrowserCache',
  'openYammer',
  'setPolicy',
  'wait',
  'setPhotoSettings',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const RESULTS = ['ok', 'rejected', 'unknown'] as const;
/** An action's outcome as recorded; `unknown` is a fault (timeout, service error). */
export type ActionResult = (typeof RESULTS)[number];

export type SetPhoto = {
  do: 'setPhoto';
  user: string;
  photo: Photo;
  via: Via;
  by?: string | undefined;
  bytes?: number | undefined;
};
export type RemovePhoto = { do: 'removePhoto'; user: string; via: RemoveVia; by?: string | undefined };
export type VisitMySite = { do: 'visitMySite'; user: string };
export type EditCancel = { do: 'editCancel'; user: string };
export type LyncSignIn = { do: 'lyncSignIn'; user: string };
export type LyncSignOut = { do: 'lyncSignOut'; user: string };
export type RestartClient = { do: 'restartClient'; viewer: string; client: Client };
export type ClearBrowserCache = { do: 'clearBrowserCache'; viewer: string };
export type OpenYammer = { do: 'openYammer'; user: string };
export type SetPolicy = { do: 'setPolicy'; user: string; setPhotoEnabled: boolean };
export type Wait = { do: 'wait'; ms: number };

/** Where the tenant's photos may be changed (Graph `photoUpdateSettings.source`, SPEC section 1). */
export const PHOTO_SOURCES = ['unset', 'cloud', 'onPremises'] as const;
export type PhotoSource = (typeof PHOTO_SOURCES)[number];
/** The tenant's photo update settings (SPEC section 6 `photoSettings`). */
export type PhotoSettings = { readonly source: PhotoSource; readonly allowedRoles: readonly string[] };
export const DEFAULT_PHOTO_SETTINGS: PhotoSettings = { source: 'unset', allowedRoles: [] };
/** The tenant's photo update settings change; made by `admin`, for every user (contract 1.1). */
export type SetPhotoSettings = { do: 'setPhotoSettings'; source: PhotoSource; allowedRoles?: readonly string[] | undefined };

/** One action of SPEC section 1, told apart by `do`. */
export type Action =
  | SetPhoto
  | RemovePhoto
  | VisitMySite
  | EditCancel
  | LyncSignIn
  | LyncSignOut
  | RestartClient
  | ClearBrowserCache
  | OpenYammer
  | SetPolicy
  | Wait
  | SetPhotoSettings;

/** An action as it happened: when, and with what outcome. */
export type ActionEvent = Action & { at: number; result: ActionResult };

/** A photo seen on a surface: `photo` is `unknown` when the observation could not be made. */
export type ObservationEvent = {
  at: number;
  see: Surface;
  user: string;
  viewer: string;
  photo: Photo;
};

export type TraceEvent = ActionEvent | ObservationEvent;

export function isObservation(e: TraceEvent): e is ObservationEvent {
  return 'see' in e;
}

/** The kinds of action that concern every subject: a viewer's reset and the tenant's settings. */
const OF_EVERY_SUBJECT: ReadonlySet<ActionKind> = new Set(['restartClient', 'clearBrowserCache', 'setPhotoSettings']);

/**
 * The subject whose state an event concerns, or undefined for one that concerns every subject (a
 * viewer's reset, the tenant's settings). A wait changes nothing: it goes with the user its line
 * names, if any. Invariant: the checker's state for a subject follows from the events of that
 * subject and the events of no subject alone, so subjects may be checked apart.
 */
export function subjectOf(e: TraceEvent): string | undefined {
  if ('see' in e) return e.user;
  if (OF_EVERY_SUBJECT.has(e.do)) return undefined;
  const user = (e as { user?: unknown }).user;
  return typeof user === 'string' ? user : undefined;
}

/** What a header may say of a store at `start` (SPEC section 6): a photo, or `unknown` (any photo until a change replaces it). */
export type StoreInit = Photo;

/**
 * A user as the trace header declares them (defaults of SPEC section 2 applied). The fields of a
 * tenant taken as it is (SPEC section 6) are optional: absent, each has its version 1 meaning.
 */
export type UserInit = {
  id: string;
  photo: Photo;
  mySite: boolean;
  lync: 'online' | 'offline';
  setPhotoEnabled: boolean;
  adSynced: boolean;
  /** the photo each store holds at `start`, or `unknown`; a store not named holds `photo` */
  stores?: { readonly [S in Store]?: StoreInit } | undefined;
  /** SharePoint's last photo update (ms, at or before `start`), or `unknown`; absent: never */
  spUpdated?: number | 'unknown' | undefined;
  /** whether an outside change made before `start` still waits to reach SharePoint; absent: false */
  pending?: boolean | 'unknown' | undefined;
  /** role names, for PHOTO-SOURCE's `allowedRoles`; absent: none */
  roles?: readonly string[] | undefined;
  /** as a viewer: `start` (nothing cached from before `start`) or `unknown`; absent: `start` */
  caches?: 'start' | 'unknown' | undefined;
};

export function defaultUser(id: string): UserInit {
  return { id, photo: NO_PHOTO, mySite: false, lync: 'offline', setPhotoEnabled: true, adSynced: false };
}

/** What a trace's header tells the checker: when it starts, who is there, and the tenant's photo settings (SPEC section 6). */
export type TraceStart = {
  readonly start: number;
  readonly users: readonly UserInit[];
  /** absent: `{"source":"unset","allowedRoles":[]}` */
  readonly photoSettings?: PhotoSettings | undefined;
};
