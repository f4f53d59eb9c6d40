import type { Action, ActionKind, Photo, Surface, UserInit, Via } from '../model/vocabulary.js';

/** What a tenant lets the harness do and see; the harness generates nothing outside it. */
export type Capabilities = {
  readonly actions: readonly ActionKind[];
  readonly vias: readonly Via[];
  readonly surfaces: readonly Surface[];
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

/**
 * A tenant the harness can drive: the simulated one on this machine, or a live one over the network.
 * Invariants: `setup` puts every user in the state its `UserInit` describes and changes nothing
 * else; handlers and `observe` never throw for a tenant's fault (they answer `unknown`); `observe`
 * does not change what the tenant will show later, except where the contract says reading is an
 * action (a subject opening their own My Site is a visit).
 */
export type Adapter = {
  readonly name: string;
  readonly capabilities: Capabilities;
  readonly clock: Clock;
  setup(users: readonly UserInit[]): Promise<void>;
  teardown(): Promise<void>;
  readonly perform: ActionHandlers;
  observe(surface: Surface, user: string, viewer: string): Promise<ObserveOutcome>;
};

/** Runs one action through the adapter's handler for its kind. */
export function perform(adapter: Adapter, action: Action): Promise<ActionOutcome> {
  const handler = adapter.perform[action.do] as (a: Action) => Promise<ActionOutcome>;
  return handler(action);
}
