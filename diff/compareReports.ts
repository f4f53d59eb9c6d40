import { RULE_IDS, type RuleId } from '../model/RuleId.js';
import type { CheckResult } from '../reports/CheckReport.js';
import {
  CHANGES,
  DIFF_KINDS,
  type ChangeKind,
  type DiffChange,
  type DiffKind,
  type DiffReport,
  type DiffSide,
} from '../reports/DiffReport.js';
import type { MatrixResult } from '../reports/MatrixReport.js';
import type { MutantRun } from '../reports/MutantRunsReport.js';
import type { ReportJson } from '../reports/ReportJson.js';
import type { RunReport } from '../reports/RunReport.js';
import type { Story } from '../reports/Story.js';
import { DiffError } from './DiffError.js';

type Comparable = Extract<ReportJson, { report: DiffKind }>;

/** One profile's verdict in one report, whatever the kind of report. */
type Verdict = {
  readonly verdict: 'conforms' | 'diverges' | 'unknown';
  /** the rules its divergence cites */
  readonly rules: readonly RuleId[];
  /** what makes two counterexamples the same: check, the divergent line, event (but its time) and allowed; run and matrix, the steps' events */
  readonly key: string;
  /** the counterexample's length (run and matrix) */
  readonly length?: number | undefined;
  /** where it diverged: `line 4: saw p0, allowed p1`; for unknown, the reason */
  readonly where: string;
  /** runs made (run and matrix) */
  readonly runs?: number | undefined;
  readonly story?: Story | undefined;
};

const SCOPES = ['profile', 'rule', 'timing', 'mutant'] as const;

/**
 * How NEW differs from BASE, for reports of the same kind: each profile's verdict, each rule a
 * divergence cites, each mutant, and a warning when the two tried other runs. Pure; throws a
 * DiffError for reports of two kinds or of a kind it does not compare.
 */
export function compareReports(base: ReportJson, next: ReportJson, paths = { base: 'BASE', next: 'NEW' }): DiffReport {
  if (base.report !== next.report)
    throw new DiffError(
      'PHOTOSYNC_DIFF_KINDS',
      `cannot compare a ${base.report} report (${paths.base}) with a ${next.report} report (${paths.next})`,
    );
  if (!isComparable(base) || !isComparable(next))
    throw new DiffError(
      'PHOTOSYNC_DIFF_UNSUPPORTED',
      `cannot compare ${base.report} reports: photosync diff compares ${DIFF_KINDS.join(', ')} reports`,
    );
  const changes = changesOf(base, next);
  const rank = (c: DiffChange) => CHANGES.indexOf(c.change) * SCOPES.length + SCOPES.indexOf(c.scope);
  changes.sort((a, b) => rank(a) - rank(b));
  const warning = sampleWarning(base, next);
  return {
    base: side(base, paths.base),
    next: side(next, paths.next),
    kind: base.report,
    regressed: changes.some((c) => c.change === 'regressed'),
    ...(warning === undefined ? {} : { warnings: [warning] }),
    changes,
  };
}

/** The inputs of the search behind one result, as far as the report holds them. */
type Sample = { readonly seed?: number | undefined; readonly runs?: number | undefined; readonly maxActions?: number | undefined };

/** The options a whole report was made with, as far as its top holds them. */
type Asked = Sample & { readonly budget?: number | undefined };

const FLAGS = { seed: '--seed', runs: '--runs', budget: '--budget', maxActions: '--max-actions' } as const;

/**
 * A warning when BASE and NEW tried other runs (another seed, number of runs or of actions per run):
 * a rule that fails in one and not the other may then be chance, not a change. Exit codes do not
 * change: the rows are what they are, the warning says how far to trust them. An option both
 * reports record at their top (`options`, a mutants report's `budget`, a matrix's `seed`) is read
 * there, once for the whole report; one that either leaves out, from the results that hold it.
 */
function sampleWarning(base: Comparable, next: Comparable): string | undefined {
  const was = samplesOf(base);
  const now = samplesOf(next);
  if (was === undefined || now === undefined) return undefined;
  const ofMutants = base.report === 'mutants' && next.report === 'mutants';
  const asked = [askedOf(base), askedOf(next)] as const;
  const differences: string[] = [];
  for (const param of ['seed', ofMutants ? 'budget' : 'runs', 'maxActions'] as const) {
    const [b, n] = asked.map((a) => a[param]);
    if (b !== undefined && n !== undefined) {
      if (b !== n) differences.push(`${FLAGS[param]} ${b} → ${n}`);
      continue;
    }
    if (param === 'budget') continue;
    const keys = new Map<string, string[]>();
    for (const [key, sample] of now) {
      const before = was.get(key)?.[param];
      const value = sample[param];
      if (before === undefined || value === undefined || before === value) continue;
      const text = `${FLAGS[param]} ${before} → ${value}`;
      keys.set(text, [...(keys.get(text) ?? []), key]);
    }
    differences.push(...[...keys].map(([text, of]) => `${text} (${of.join(', ')})`));
  }
  if (differences.length === 0) return undefined;
  const flags = ofMutants ? '--seed, --budget and --max-actions' : '--seed, --runs and --max-actions';
  return `BASE and NEW tried other runs: ${differences.join('; ')}. What differs may be chance, not a change of the ${ofMutants ? 'harness' : 'tenant'}: diff reports made with the same ${flags}`;
}

/** The options a report records at its top; none for reports made before photosync kept them, but a mutants report's budget and a matrix's seed. */
function askedOf(r: Comparable): Asked {
  switch (r.report) {
    case 'check':
    case 'campaign':
      return {};
    case 'mutants':
      return { ...r.options, budget: r.budget };
    case 'run':
      return { ...r.options };
    case 'matrix':
      return { seed: r.seed, ...r.options };
  }
}

/**
 * Each result's search inputs, keyed as compared; undefined for reports that hold none (check,
 * campaign). A result that found nothing holds its search's seed, and its runs unless stopped. A
 * divergence holds the seed and --max-actions that replay it: on a simulated tenant those of a
 * shorter search that narrowed it, maybe, so neither is read; a live tenant gets no shorter search.
 */
function samplesOf(r: Comparable): Map<string, Sample> | undefined {
  switch (r.report) {
    case 'check':
    case 'campaign':
      return undefined;
    case 'mutants':
      // the budget is the report's; a killed mutant holds a replay seed, one that survived its search's
      return new Map(r.mutants.filter((m) => !m.killed).map((m) => [`mutant ${m.id} on ${m.profile}`, { seed: m.seed }]));
    case 'run':
    case 'matrix': {
      const live = r.tenant.adapter === 'live';
      const results = r.report === 'run' ? [r] : r.results;
      return new Map(
        results.map((x): [string, Sample] => [
          x.profile,
          x.verdict === 'conforms'
            ? { seed: x.seed, runs: r.interrupted ? undefined : x.runs }
            : live
              ? { seed: x.seed, maxActions: x.maxActions }
              : {},
        ]),
      );
    }
  }
}

/** The changes between two reports of one kind (compareReports checked that they are). */
function changesOf(base: Comparable, next: Comparable): DiffChange[] {
  if (base.report === 'mutants' || next.report === 'mutants')
    return base.report === 'mutants' && next.report === 'mutants' ? compareMutants(base, next) : [];
  if (base.report === 'campaign' && next.report === 'campaign')
    return [...compareVerdicts(verdictsOf(base), verdictsOf(next)), ...compareTimings(base, next), ...compareObserved(base, next)];
  return compareVerdicts(verdictsOf(base), verdictsOf(next));
}

type Campaign = Extract<Comparable, { report: 'campaign' }>;
type Fitted = NonNullable<Campaign['timings']>[number];

/**
 * A campaign's measured timings: a parameter whose values the new journal is consistent with no
 * longer meet those of the old one has moved (`regressed`: the tenant's timing changed); one that
 * fits no value now and did before, likewise. Narrower or wider but overlapping is `changed`.
 */
function compareTimings(base: Campaign, next: Campaign): DiffChange[] {
  const key = (t: Fitted) => `${t.profile}\n${t.param}`;
  const before = new Map((base.timings ?? []).map((t) => [key(t), t]));
  const out: DiffChange[] = [];
  for (const n of next.timings ?? []) {
    const b = before.get(key(n));
    if (b === undefined) continue;
    const row = { scope: 'timing' as const, profile: n.profile, param: n.param, base: rangeText(b), next: rangeText(n) };
    if (row.base === row.next) out.push({ ...row, change: 'same' });
    else if (b.consistent !== null && (n.consistent === null || n.consistent.hi < b.consistent.lo || n.consistent.lo > b.consistent.hi))
      out.push({ ...row, change: 'regressed', detail: `${n.param} moved outside what the earlier campaign measured` });
    else out.push({ ...row, change: n.consistent === null ? 'same' : 'changed' });
  }
  return out;
}

type Observed = NonNullable<Campaign['observed']>[number];

/**
 * A campaign's observed delays, with no model: a surface whose delay after one kind of change (as
 * the ladders make it, once per campaign) lies wholly outside the earlier campaign's has moved
 * (`regressed`: the tenant shows changes sooner or later than before); an overlap is `changed`.
 * Kinds seen more than once in either campaign are left out: which two to compare is not known.
 */
function compareObserved(base: Campaign, next: Campaign): DiffChange[] {
  const once = (r: Campaign) => {
    const all = new Map<string, Observed[]>();
    for (const o of r.observed ?? []) all.set(`${o.surface} after ${o.change}`, [...(all.get(`${o.surface} after ${o.change}`) ?? []), o]);
    return new Map([...all].filter(([, v]) => v.length === 1).map(([k, v]) => [k, v[0]!]));
  };
  const before = once(base);
  const out: DiffChange[] = [];
  for (const [param, n] of once(next)) {
    const b = before.get(param);
    if (b === undefined) continue;
    const row = { scope: 'timing' as const, profile: 'observed', param, base: delayText(b), next: delayText(n) };
    // a delay lies in (after, by]: two such spans miss each other when one ends where the other starts, or before
    const apart = (b.by !== null && b.by <= n.after) || (n.by !== null && n.by <= b.after);
    if (row.base === row.next) out.push({ ...row, change: 'same' });
    else if (apart)
      out.push({ ...row, change: 'regressed', detail: `${n.surface} showed ${n.change} outside what the earlier campaign saw` });
    else out.push({ ...row, change: 'changed' });
  }
  return out;
}

function delayText(o: Observed): string {
  return `${o.after}..${o.by ?? ''} ms`;
}

function rangeText(t: Fitted): string {
  if (t.consistent === null) return 'none';
  return `${t.consistent.lo}..${t.openAbove ? '' : t.consistent.hi} ms`;
}

function isComparable(r: ReportJson): r is Comparable {
  return (DIFF_KINDS as readonly string[]).includes(r.report);
}

function side(r: Comparable, path: string): DiffSide {
  const s: DiffSide = { path, kind: r.report, generated: r.generated, tool: { ...r.tool } };
  if (r.report === 'run' || r.report === 'matrix') s.tenant = { ...r.tenant };
  return s;
}

/** Each profile's verdict, in the report's order. */
function verdictsOf(r: Exclude<Comparable, { report: 'mutants' }>): Map<string, Verdict> {
  switch (r.report) {
    case 'campaign':
      return new Map(r.profiles.map((p) => [p.profile, campaignVerdict(p)]));
    case 'check':
      return new Map(r.results.map((x) => [x.profile, checkVerdict(x)]));
    case 'run':
      return new Map([[r.profile, runVerdict(r)]]);
    case 'matrix':
      return new Map(r.results.map((x) => [x.profile, matrixVerdict(x)]));
  }
}

function checkVerdict(r: CheckResult): Verdict {
  if (r.verdict === 'conforms') return { verdict: 'conforms', rules: [], key: '', where: '' };
  if (r.verdict === 'unknown') return { verdict: 'unknown', rules: [], key: '', where: `line ${r.line}: ${r.reason}` };
  const d = r.divergence;
  const seen = d.event.photo ?? d.event.result;
  // the time is left out: a trace recorded again has other times, the same story
  const { at: _at, ...event } = d.event;
  return {
    verdict: 'diverges',
    rules: d.rules,
    key: canonical({ line: d.line, event, allowed: d.allowed }),
    where: `line ${d.line}: saw ${seen === undefined ? '?' : String(seen)}, allowed ${allowedText(d.allowed)}`,
    story: r.story,
  };
}

function campaignVerdict(p: Campaign['profiles'][number]): Verdict {
  if (p.verdict !== 'diverges')
    return { verdict: p.verdict, rules: [], key: '', where: p.verdict === 'unknown' ? `line ${p.line ?? '?'}` : '' };
  return storyVerdict(p.explanation, p.rules, p.explanation?.length, 0);
}

function runVerdict(r: RunReport): Verdict {
  if (r.verdict === 'conforms') return { verdict: 'conforms', rules: [], key: '', where: '', runs: r.runs };
  return storyVerdict(r.counterexample, r.counterexample?.divergence.rules.map((c) => c.id) ?? [], r.counterexample?.length, r.runs);
}

function matrixVerdict(r: MatrixResult): Verdict {
  if (r.verdict === 'conforms') return { verdict: 'conforms', rules: [], key: '', where: '', runs: r.runs };
  return storyVerdict(r.counterexample, r.rules, r.length ?? r.counterexample?.length, r.runs);
}

function storyVerdict(story: Story | undefined, rules: readonly RuleId[], length: number | undefined, runs: number): Verdict {
  const last = story?.steps.find((s) => s.line === story.divergence.line);
  return {
    verdict: 'diverges',
    rules,
    key: canonical({ length, events: story?.steps.map((s) => s.event) }),
    length,
    where:
      story === undefined
        ? ''
        : `line ${story.divergence.line}: saw ${last?.seen ?? '?'}, allowed ${allowedText(story.divergence.allowed)}`,
    runs,
    story,
  };
}

function allowedText(allowed: readonly string[]): string {
  return allowed.length === 0 ? 'nothing (not in this profile)' : allowed.join(', ');
}

/** JSON with its keys sorted: two events with the same fields in another order are the same event. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Profile verdicts and the rules they cite. An unknown verdict on either side is `changed`, never
 * `regressed`: not knowing is no failure (never cry wolf); nor is a profile that BASE did not check.
 */
function compareVerdicts(base: ReadonlyMap<string, Verdict>, next: ReadonlyMap<string, Verdict>): DiffChange[] {
  const profiles = [...new Set([...base.keys(), ...next.keys()])];
  const changes: DiffChange[] = [];
  for (const profile of profiles) changes.push(compareProfile(profile, base.get(profile), next.get(profile)));
  for (const profile of profiles) changes.push(...compareRules(profile, base.get(profile), next.get(profile)));
  return changes;
}

function compareProfile(profile: string, b: Verdict | undefined, n: Verdict | undefined): DiffChange {
  const row = { scope: 'profile' as const, profile, base: b?.verdict ?? 'absent', next: n?.verdict ?? 'absent' };
  const withStory = (c: DiffChange): DiffChange => (n?.story === undefined ? c : { ...c, counterexample: n.story });
  if (b === undefined || n === undefined) {
    const c: DiffChange = { ...row, change: 'changed' };
    if (n?.verdict === 'diverges') return withStory({ ...c, newCounterexample: true, detail: summary(n) });
    return n === undefined ? c : { ...c, detail: summary(n) };
  }
  if (b.verdict === 'diverges' && n.verdict === 'diverges') {
    const rules = sameRules(b.rules, n.rules);
    if (rules && b.key === n.key) return { ...row, change: 'same' };
    return withStory({ ...row, change: 'changed', newCounterexample: true, detail: howItChanged(b, n) });
  }
  if (b.verdict === n.verdict) return { ...row, change: 'same' };
  if (b.verdict === 'conforms' && n.verdict === 'diverges')
    return withStory({ ...row, change: 'regressed', newCounterexample: true, detail: summary(n) });
  if (b.verdict === 'diverges' && n.verdict === 'conforms')
    return { ...row, change: 'improved', detail: `${n.runs === undefined ? '' : `${summary(n)}; `}was ${summary(b)}` };
  // a transition from or to unknown
  if (n.verdict === 'unknown') return { ...row, change: 'changed', detail: summary(n) };
  const c: DiffChange = { ...row, change: 'changed', detail: `${n.verdict === 'diverges' ? `${summary(n)}; ` : ''}was ${summary(b)}` };
  return n.verdict === 'diverges' ? withStory({ ...c, newCounterexample: true }) : c;
}

/** A verdict in a few words: `length 4; line 7: saw p0, allowed p1`, `conforms in 100 runs`. */
function summary(v: Verdict): string {
  if (v.verdict === 'conforms') return v.runs === undefined ? 'conforms' : `conforms in ${v.runs} runs`;
  if (v.verdict === 'unknown') return `unknown at ${v.where}`;
  const parts = [v.length === undefined ? undefined : `length ${v.length}`, v.where === '' ? undefined : v.where];
  return parts.filter((p) => p !== undefined).join('; ') || 'diverges';
}

/** What differs between two divergences: their rules, their length, where they diverged. */
function howItChanged(b: Verdict, n: Verdict): string {
  const parts: string[] = [];
  if (!sameRules(b.rules, n.rules)) parts.push(`rules ${b.rules.join(', ') || 'none'} → ${n.rules.join(', ') || 'none'}`);
  if (b.length !== n.length) parts.push(`length ${b.length ?? '?'} → ${n.length ?? '?'}`);
  if (b.where !== n.where && n.where !== '') parts.push(`now ${n.where}`);
  if (parts.length === 0) parts.push('other steps');
  return parts.join('; ');
}

function sameRules(a: readonly RuleId[], b: readonly RuleId[]): boolean {
  const set = new Set(a);
  return new Set(b).size === set.size && b.every((r) => set.has(r));
}

/** The rules a divergence of the profile cites in BASE or NEW: `fails` when cited, `holds` when not (the profile's row tells where). */
function compareRules(profile: string, b: Verdict | undefined, n: Verdict | undefined): DiffChange[] {
  const cited = new Set([...(b?.rules ?? []), ...(n?.rules ?? [])]);
  const state = (v: Verdict | undefined, rule: RuleId) =>
    v === undefined
      ? 'absent'
      : v.verdict === 'unknown'
        ? 'unknown'
        : v.verdict === 'diverges' && v.rules.includes(rule)
          ? 'fails'
          : 'holds';
  return RULE_IDS.filter((rule) => cited.has(rule)).map((rule) => {
    const was = state(b, rule);
    const now = state(n, rule);
    const change: ChangeKind =
      was === now ? 'same' : was === 'holds' && now === 'fails' ? 'regressed' : was === 'fails' && now === 'holds' ? 'improved' : 'changed';
    return { scope: 'rule', profile, rule, change, base: was, next: now };
  });
}

/**
 * Mutants read the other way round from profiles: a mutant is a tenant known to be wrong, so being
 * killed is the harness working. Killed in BASE and surviving in NEW is `regressed` (the harness lost
 * the power to find that wrong tenant); surviving then killed is `improved`; killed in both with a
 * longer shrunk counterexample or citing other rules is `changed` (found, but not as before), with a
 * shorter one `improved`. A mutant that only one report ran is `changed`.
 */
function compareMutants(base: Extract<Comparable, { report: 'mutants' }>, next: Extract<Comparable, { report: 'mutants' }>): DiffChange[] {
  const key = (m: MutantRun) => `${m.id}\n${m.profile}`;
  const was = new Map(base.mutants.map((m) => [key(m), m]));
  const now = new Map(next.mutants.map((m) => [key(m), m]));
  const keys = [...new Set([...was.keys(), ...now.keys()])];
  const state = (m: MutantRun | undefined) => (m === undefined ? 'absent' : m.killed ? 'killed' : 'survived');
  return keys.map((k) => {
    const b = was.get(k);
    const n = now.get(k);
    const m = (n ?? b)!;
    const row = { scope: 'mutant' as const, profile: m.profile, mutant: m.id, rule: m.rule, base: state(b), next: state(n) };
    if (b === undefined || n === undefined) return { ...row, change: 'changed' };
    if (b.killed && !n.killed) {
      const budget = next.budget >= base.budget ? '' : ` (BASE allowed ${base.budget})`;
      return { ...row, change: 'regressed', detail: `not found within ${next.budget} runs${budget}` };
    }
    if (!b.killed && n.killed)
      return { ...row, change: 'improved', detail: `found after ${n.runsToFailure ?? '?'} runs, length ${n.shrunkLength ?? '?'}` };
    if (!b.killed) return { ...row, change: 'same' };
    const grew = (n.shrunkLength ?? 0) > (b.shrunkLength ?? 0);
    const shrank = (n.shrunkLength ?? 0) < (b.shrunkLength ?? 0);
    const rules = sameRules(b.rules, n.rules) ? undefined : `rules ${b.rules.join(', ') || 'none'} → ${n.rules.join(', ') || 'none'}`;
    const length = grew || shrank ? `length ${b.shrunkLength ?? '?'} → ${n.shrunkLength ?? '?'}` : undefined;
    const detail = [length, rules].filter((p) => p !== undefined).join('; ');
    if (grew || rules !== undefined) return { ...row, change: 'changed', detail };
    if (shrank) return { ...row, change: 'improved', detail };
    return { ...row, change: 'same' };
  });
}
