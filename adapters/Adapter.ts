import type { Action, ActionKind, Photo, PhotoSettings, Store, Surface, UserInit, Via } from '../model/vocabulary.js';

/** What a tenant lets the harness do and see; the harness generates nothing outside it. */
export type Capabilities = {
  readonly actions: readonly ActionKind[];
  readonly vias: readonly Via[];
  readonly surfaces: readonly Surface[];
  /** the only users runs may name, subjects first (a live tenant's test users); absent: the harness's own */
  readonly users?: readonly string[];
};

/** How an action went: a fault (timeout, service error after retries) is `unknown`, never a guess. */
export type ActionOutcome =
  | { readonly status: 'ok' }
  | { readonly status: 'rejected'; readonly reason: string }
  | { readonly status: 'unknown'; readonly reason: string };

/** What a surface showed: a test photo id, `none`, `unrecognized`, or `unknown` when it could not be read. */
export type ObserveOutcome = { readonly status: 'seen'; readonly photo: Photo } | { readonly status: 'unknown'; readonly reason: string };

/** The tenant's time, in milliseconds since the epoch: a virtual clock jumps, a real one waits. */
export type Clock = {
  now(): number;
  advance(ms: number): Promise<void>;
};

/** One handler per action kind: a missing one is a type error. */
export type ActionHandlers = {
  readonly [K in ActionKind]: (action: Extract<Action, { do: K }>) => Promise<ActionOutcome>;
};

/** A tenant as it is, read before the first action: the header of SPEC section 6. */
export type Survey = { readonly users: readonly UserInit[]; readonly photoSettings: PhotoSettings };

/**
 * A tenant the harness can drive: the simulated one on this machine, or a live one over the network.
 * Invariants: `setup` puts every user in the state its `UserInit` describes (and the tenant in
 * `photoSettings`) and changes nothing else, or, for a tenant taken as it is, changes nothing and
 * `survey` then says the state it found; handlers and `observe` never throw for a tenant's fault (they answer `unknown`); `observe`
 * does not change what the tenant will show later, except where the contract says reading is an
 * action (a subject opening their own My Site is a visit).
 */
export type Adapter = {
  readonly name: string;
  readonly capabilities: Capabilities;
  readonly clock: Clock;
  /**
   * `puts`, when given, names the photos the run may put in each user's mailbox (`none` for a
   * removal): a tenant taken as it is then need only see that no user starts the run holding one of
   * them, so that every change the run makes shows.
   */
  setup(users: readonly UserInit[], photoSettings?: PhotoSettings, puts?: ReadonlyMap<string, ReadonlySet<Photo>>): Promise<void>;
  /**
   * Present on a tenant taken as it is (a live one, or a simulated one with a history): reads, for
   * each of `users` (subjects and viewers), what the tenant holds now, with `unknown` for what it
   * cannot know. `reads`, when given, names the stores of each user the run will read: the others
   * may be answered `unknown` (which only widens what the model allows), sparing their requests.
   * WARNING: call it after `setup` and before the first action; it changes nothing.
   */
  survey?(users: readonly string[], reads?: ReadonlyMap<string, ReadonlySet<Store>>): Promise<Survey>;
  teardown(): Promise<void>;
  readonly perform: ActionHandlers;
  observe(surface: Surface, user: string, viewer: string): Promise<ObserveOutcome>;
};

/** Runs one action through the adapter's handler for its kind. */
export function perform(adapter: Adapter, action: Action): Promise<ActionOutcome> {
  const handler = adapter.perform[action.do] as (a: Action) => Promise<ActionOutcome>;
  return handler(action);
}
