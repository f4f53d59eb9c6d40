import type { Renderer } from './Renderer.js';
import type { ProfilesReport } from './ProfilesReport.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/** `profiles` for people: each profile's summary, rules and parameters. */
export const profilesText: Renderer<ProfilesReport> = (report) =>
  report.profiles
    .map(
      (p) =>
        `${fitLine(`${p.id}: ${p.summary}`)}\n` +
        fitTable([
          ['rules', p.rules.join(', ')],
          ['parameters', p.params.map((x) => `${x.name} ${x.text}`).join(', ')],
        ]),
    )
    .join('\n');
