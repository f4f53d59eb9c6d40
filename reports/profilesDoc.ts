import type { Block, Doc } from './Doc.js';
import type { ProfilesReport } from './ProfilesReport.js';

/** `profiles` as a document: each profile's summary, rules and parameters. */
export function profilesDoc(report: ProfilesReport): Doc {
  const blocks: Block[] = report.profiles.flatMap((p): Block[] => [
    { kind: 'heading', level: 2, text: p.id },
    { kind: 'paragraph', text: p.summary },
    {
      kind: 'table',
      head: ['rules', 'parameters'],
      rows: [[p.rules.join(', '), p.params.map((x) => `${x.name} ${x.text}`).join(', ')]],
    },
  ]);
  return { title: 'photosync profiles', blocks };
}
