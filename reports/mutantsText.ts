import type { MutantsReport } from './MutantsReport.js';
import type { Renderer } from './Renderer.js';
import { count } from './_internals/count.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/** `mutants --list` for people: the catalog, then how much of each profile it covers. */
export const mutantsText: Renderer<MutantsReport> = (report) => {
  const rows = [
    ['mutant', 'breaks', 'profiles', 'minimal', 'description'],
    ...report.mutants.map((m) => [m.id, m.rule, m.profiles.join('\n'), String(m.minimalLength), m.description]),
  ];
  let text = fitTable(rows);
  const gaps = report.coverage.filter((c) => c.mutants.length === 0);
  const byProfile = new Map<string, { rules: number; covered: number }>();
  for (const c of report.coverage) {
    const p = byProfile.get(c.profile) ?? { rules: 0, covered: 0 };
    p.rules++;
    if (c.mutants.length > 0) p.covered++;
    byProfile.set(c.profile, p);
  }
  const covers = [...byProfile].map(([id, p]) => `${id} ${p.covered}/${p.rules}`);
  // a profile stays beside its count
  text += `${fitLine(`${count(report.mutants.length, 'mutant')}. Rules of each profile broken by at least one: ${covers.join(', ')}`, covers)}\n`;
  for (const g of gaps) text += `${fitLine(`not covered: ${g.rule} in ${g.profile}`)}\n`;
  return text;
};
