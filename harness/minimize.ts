import { DAY, HOUR, MINUTE, SECOND } from '../model/Params.js';
import { defaultUser, type Surface, type UserInit, type Via, type Wait } from '../model/vocabulary.js';
import { isLook, isWait, type RunStep } from '../adapters/RunStep.js';
import { namedUsers, type ConcretePlan } from './Plan.js';

/** What a counterexample may move to: other surfaces for its last look, other paths for its photos, longer waits (ascending) before its last look. */
export type MinimizeScope = { readonly surfaces: readonly Surface[]; readonly vias: readonly Via[]; readonly waits: readonly number[] };

/** Runs a candidate: the plan as it ran (cut at its divergence) when it still diverges, else undefined. */
export type Attempt = (plan: ConcretePlan) => Promise<ConcretePlan | undefined>;

/**
 * Takes what fast-check's shrinking leaves and makes it 1-minimal: no single step can be removed,
 * even if the last look moves to another surface or waits longer, or the step's state is given by
 * the header from the start, nor after two steps swap or a photo takes another path; no two waits
 * in a row, waits on round figures, no user the steps do not name, and no header field off its
 * default. Invariant: every plan it returns was seen to diverge by `attempt`, and it ends, since
 * every move it keeps either shortens the plan or simplifies it without lengthening it.
 */
export async function minimize(
  plan: ConcretePlan,
  attempt: Attempt,
  scope: MinimizeScope = { surfaces: [], vias: [], waits: [] },
  stopped: () => boolean = () => false,
): Promise<ConcretePlan> {
  let current = plan;
  const tryPlan = async (candidate: ConcretePlan): Promise<boolean> => {
    if (stopped()) return false;
    const ran = await attempt(candidate);
    if (ran === undefined) return false;
    current = ran;
    return true;
  };
  const withSteps = (steps: readonly RunStep[]): ConcretePlan => ({ ...current, steps });

  do await shrinkInPlace();
  while (!stopped() && (await moveThenRemove()));
  return current;

  /** Single-step moves until none applies. */
  async function shrinkInPlace(): Promise<void> {
    let changed = true;
    while (changed && !stopped()) {
      changed = false;
      // from the end: a later step depends on earlier ones more often than the reverse
      for (let i = current.steps.length - 1; i >= 0; i--) {
        if (i >= current.steps.length) continue;
        if (await removeStep(i)) changed = true;
      }
      for (let i = current.steps.length - 2; i >= 0; i--) {
        const a = current.steps[i]!;
        const b = current.steps[i + 1];
        if (b === undefined || !isWait(a) || !isWait(b)) continue;
        const merged = [...current.steps.slice(0, i), { do: 'wait' as const, ms: a.ms + b.ms }, ...current.steps.slice(i + 2)];
        if (await tryPlan(withSteps(merged))) changed = true;
      }
      // a wait on a round figure reads at a glance, and keeps the story off a window's edge
      for (let i = 0; i < current.steps.length; i++) {
        const step = current.steps[i]!;
        if (!isWait(step)) continue;
        for (const ms of roundings(step.ms)) {
          if (await tryPlan(withSteps(current.steps.map((s, j) => (j === i ? { do: 'wait', ms } : s))))) {
            changed = true;
            break;
          }
        }
      }
      if (await simplifyUsers()) changed = true;
    }
  }

  /**
   * A 1-minimal story may still be one move away from a shorter one: two steps in the other order,
   * or a photo set through another path. Tries each such move followed by each removal.
   */
  async function moveThenRemove(): Promise<boolean> {
    const steps = current.steps;
    if (steps.filter((s) => !isWait(s)).length < 2) return false;
    const moved: RunStep[][] = [];
    for (let i = 0; i + 1 < steps.length - 1; i++) {
      const a = steps[i]!;
      const b = steps[i + 1]!;
      if (isWait(a) || isWait(b)) continue;
      moved.push([...steps.slice(0, i), b, a, ...steps.slice(i + 2)]);
    }
    steps.forEach((s, i) => {
      if (isLook(s) || s.do !== 'setPhoto') return;
      for (const via of scope.vias) if (via !== s.via) moved.push(steps.map((t, j) => (j === i ? { ...s, via } : t)));
    });
    for (const m of moved) {
      for (let j = 0; j < m.length - 1; j++) {
        if (isWait(m[j]!)) continue;
        if (await tryPlan(withSteps(m.filter((_, k) => k !== j)))) return true;
      }
    }
    return false;
  }

  async function removeStep(i: number): Promise<boolean> {
    const without = current.steps.filter((_, j) => j !== i);
    if (await tryPlan(withSteps(without))) return true;
    if (isWait(current.steps[i]!)) return false;
    // the step may only have let a millisecond pass
    if (await tryPlan(withSteps(keepTime(without, i)))) return true;
    // or set a state the header can give from the start
    for (const users of foldIntoHeader(current.users, current.steps[i]!))
      if (await tryPlan({ ...current, users, steps: without })) return true;
    const last = without[without.length - 1];
    if (last === undefined || !isLook(last) || i === current.steps.length - 1) return false;
    // or it shows the divergence on another surface than the one it was found on
    for (const see of scope.surfaces) {
      if (see === last.see) continue;
      if (await tryPlan(withSteps([...without.slice(0, -1), { ...last, see }]))) return true;
    }
    // or it only made the divergence likely, where a longer wait before the last look makes it sure
    let w = without.length - 1;
    while (w >= 0 && !isWait(without[w]!)) w--;
    const waited = w === -1 ? 0 : (without[w] as Wait).ms;
    for (const ms of scope.waits) {
      if (ms <= waited) continue;
      const longer =
        w === -1
          ? [...without.slice(0, -1), { do: 'wait' as const, ms }, last]
          : without.map((s, j) => (j === w ? { do: 'wait' as const, ms } : s));
      if (await tryPlan(withSteps(longer))) return true;
    }
    return false;
  }

  async function simplifyUsers(): Promise<boolean> {
    let simpler = false;
    const named = new Set(namedUsers({ users: [], steps: current.steps }));
    for (const user of current.users) {
      if (!named.has(user.id) && (await tryPlan({ ...current, users: current.users.filter((u) => u.id !== user.id) }))) simpler = true;
    }
    for (const user of current.users) {
      const fallback = defaultUser(user.id);
      for (const field of ['photo', 'mySite', 'lync', 'setPhotoEnabled', 'adSynced', ...SECTION_SIX] as const) {
        const now = current.users.find((u) => u.id === user.id);
        if (now === undefined || now[field] === fallback[field]) continue;
        const reset: UserInit = { ...now, [field]: fallback[field] };
        if (await tryPlan({ ...current, users: current.users.map((u) => (u.id === user.id ? reset : u)) })) simpler = true;
      }
    }
    if (current.photoSettings !== undefined && (await tryPlan({ ...current, photoSettings: undefined }))) simpler = true;
    return simpler;
  }
}

/** `steps` with step `removed` taken out, and the millisecond it took added to the wait before it. */
function keepTime(steps: RunStep[], removed: number): RunStep[] {
  for (let j = removed - 1; j >= 0; j--) {
    const s = steps[j]!;
    if (isWait(s)) return steps.map((t, k) => (k === j ? { do: 'wait', ms: s.ms + 1 } : t));
  }
  return [{ do: 'wait', ms: 1 }, ...steps];
}

const UNITS = [DAY, HOUR, 10 * MINUTE, MINUTE, 10 * SECOND, SECOND];

/** The header fields of a tenant taken as it is (SPEC section 6): absent is their default. */
const SECTION_SIX = ['stores', 'spUpdated', 'pending', 'roles', 'caches'] as const;

/** Rounder figures near `ms`, the roundest first; never `ms` itself. */
function roundings(ms: number): number[] {
  const out: number[] = [];
  for (const unit of UNITS) {
    if (unit > 2 * ms) continue;
    for (const v of [Math.ceil(ms / unit) * unit, Math.floor(ms / unit) * unit]) if (v > 0 && v !== ms && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Headers that give from the start what `step` sets: for a step that sets a user's state, or an AD photo's one-time sync. */
function foldIntoHeader(users: readonly UserInit[], step: RunStep): UserInit[][] {
  if (isLook(step)) return [];
  let changes: Partial<UserInit>[];
  if (step.do === 'setPolicy') changes = [{ setPhotoEnabled: step.setPhotoEnabled }];
  else if (step.do === 'visitMySite' || step.do === 'editCancel') changes = [{ mySite: true }];
  else if (step.do === 'lyncSignIn') changes = [{ lync: 'online' }];
  else if (step.do === 'lyncSignOut') changes = [{ lync: 'offline' }];
  else if (step.do === 'setPhoto' && step.via === 'on-prem-ad') changes = [{ adSynced: true }, { adSynced: true, photo: step.photo }];
  else return [];
  const id = step.user;
  const base = users.some((u) => u.id === id) ? users : [...users, defaultUser(id)];
  return changes.map((change) => base.map((u) => (u.id === id ? { ...u, ...change } : u)));
}
