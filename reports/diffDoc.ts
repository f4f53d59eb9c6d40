import type { Block, Cell, Doc } from './Doc.js';
import type { DiffChange, DiffReport } from './DiffReport.js';
import { diffHeadline, diffSideText, diffSubject, diffTenantText, type DiffView } from './diffText.js';

const CELL: Record<DiffChange['change'], Cell> = {
  regressed: { text: 'REGRESSED', tone: 'bad' },
  changed: { text: 'changed', tone: 'unknown' },
  improved: { text: 'improved', tone: 'good' },
  same: 'same',
};

/** `diff` as a document: the headline, both reports, the table of what changed, then each new counterexample's story. */
export function diffDoc(r: DiffReport, view: DiffView = {}): Doc {
  const shown = r.changes.filter((c) => view.all === true || c.change !== 'same');
  const tenant = diffTenantText(r);
  const blocks: Block[] = [
    { kind: 'paragraph', text: diffHeadline(r), tone: r.regressed ? 'bad' : 'good' },
    { kind: 'list', items: [diffSideText('BASE', r.base), diffSideText('NEW', r.next), ...(tenant === undefined ? [] : [tenant])] },
    ...(r.warnings ?? []).map((text): Block => ({ kind: 'paragraph', text: `warning: ${text}`, tone: 'unknown' })),
  ];
  if (shown.length === 0) blocks.push({ kind: 'paragraph', text: 'Nothing changed.' });
  else
    blocks.push({
      kind: 'table',
      head: ['change', 'profile', 'what', 'base', 'new', 'detail'],
      rows: shown.map((c) => [CELL[c.change], c.profile, diffSubject(c), c.base, c.next, c.detail ?? '']),
    });
  for (const c of shown) {
    if (c.newCounterexample !== true || c.counterexample === undefined) continue;
    blocks.push(
      { kind: 'heading', level: 2, text: `New counterexample against ${c.profile}` },
      { kind: 'story', story: c.counterexample, profile: c.profile },
    );
  }
  return { title: `photosync diff: ${r.kind} ${r.base.path} → ${r.next.path}`, blocks };
}
