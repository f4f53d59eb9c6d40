import type { DiffChange, DiffReport, DiffSide } from './DiffReport.js';
import type { Renderer } from './Renderer.js';
import { storyText } from './storyText.js';
import { tenantName } from './tenantName.js';
import { count } from './_internals/count.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/** What a diff shows: what changed, and with `all` what stayed the same too. */
export type DiffView = { readonly all?: boolean };

const LABEL = { regressed: 'REGRESSED', changed: 'changed', improved: 'improved', same: 'same' } as const;

/** The diff in one line: `REGRESSION: 1 profile newly diverges, 2 rules newly fail (1 changed, 3 same)` or `no regression (…)`. */
export function diffHeadline(r: DiffReport): string {
  const tally = (change: DiffChange['change'], scope?: DiffChange['scope']) =>
    r.changes.filter((c) => c.change === change && (scope === undefined || c.scope === scope)).length;
  const others = `(${tally('changed')} changed, ${tally('improved')} improved, ${tally('same')} same)`;
  if (!r.regressed) return `no regression ${others}`;
  const lost = [
    [tally('regressed', 'profile'), count(tally('regressed', 'profile'), 'profile newly diverges', 'profiles newly diverge')],
    [tally('regressed', 'rule'), count(tally('regressed', 'rule'), 'rule newly fails', 'rules newly fail')],
    [tally('regressed', 'mutant'), count(tally('regressed', 'mutant'), 'mutant killed before survives', 'mutants killed before survive')],
    [tally('regressed', 'timing'), count(tally('regressed', 'timing'), 'timing moved', 'timings moved')],
  ] as const;
  return `REGRESSION: ${lost
    .filter(([n]) => n > 0)
    .map(([, text]) => text)
    .join(', ')} ${others}`;
}

/** One side of the diff in a line: `BASE old.json (photosync 0.1.0, 2026-01-05T09:00:00.000Z)`. */
export function diffSideText(label: string, s: DiffSide): string {
  return `${label} ${s.path} (${s.tool.name} ${s.tool.version}, ${s.generated})`;
}

/** The tenants compared, when the reports name one: one line when it is the same tenant. */
export function diffTenantText(r: DiffReport): string | undefined {
  if (r.base.tenant === undefined || r.next.tenant === undefined) return undefined;
  const base = tenantName(r.base.tenant);
  const next = tenantName(r.next.tenant);
  return base === next ? `tenant: ${base}` : `tenant: ${base} → ${next}`;
}

/** What a row of the diff is about: the verdict, a rule, a measured timing or a mutant. */
export function diffSubject(c: DiffChange): string {
  if (c.scope === 'profile') return 'verdict';
  if (c.scope === 'rule') return c.rule ?? '';
  if (c.scope === 'timing') return c.param ?? '';
  return c.mutant ?? '';
}

/** `diff` for people, at 100 columns: the headline, the table of what changed, then each new counterexample. */
export function diffTextWith(view: DiffView): Renderer<DiffReport> {
  return (r) => {
    const shown = r.changes.filter((c) => view.all === true || c.change !== 'same');
    const paths = [r.base.path, r.next.path, ...configs(r)];
    let text = `${fitLine(diffHeadline(r))}\n`;
    text += `${fitLine(`${r.kind}: ${diffSideText('BASE', r.base)}`, paths)}\n`;
    text += `${fitLine(`${' '.repeat(r.kind.length)}  ${diffSideText('NEW ', r.next)}`, paths)}\n`;
    const tenant = diffTenantText(r);
    if (tenant !== undefined) text += `${fitLine(tenant, paths)}\n`;
    for (const warning of r.warnings ?? []) text += `${fitLine(`warning: ${warning}`)}\n`;
    if (shown.length === 0) return `${text}nothing changed\n`;
    const rows = [['change', 'profile', 'what', 'base', 'new', 'detail']];
    for (const c of shown) rows.push([LABEL[c.change], c.profile, diffSubject(c), c.base, c.next, c.detail ?? '']);
    text += fitTable(rows, { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size });
    for (const c of shown) {
      if (c.newCounterexample !== true || c.counterexample === undefined) continue;
      text += `\n${fitLine(`new counterexample against ${c.profile} (length ${c.counterexample.length}; waits do not count):`)}\n`;
      text += storyText(c.counterexample);
    }
    return text;
  };
}

/** The config files of the live tenants the reports name: paths, kept whole. */
function configs(r: DiffReport): string[] {
  return [r.base.tenant?.config, r.next.tenant?.config].filter((c) => c !== undefined);
}

/** `diff` for people: what changed only; `diffTextWith({ all: true })` lists what stayed the same too. */
export const diffText: Renderer<DiffReport> = diffTextWith({});
