import type { Renderer } from './Renderer.js';
import type { ProfilesReport } from './ProfilesReport.js';
import { table } from 'table';

/** `profiles` for people: each profile's summary, rules and parameters. */
export const profilesText: Renderer<ProfilesReport> = (report) =>
  report.profiles
    .map(
      (p) =>
        `${p.id}: ${p.summary}\n` +
        table(
          [
            ['rules', p.rules.join(', ')],
            ['parameters', p.params.map((x) => `${x.name} ${x.text}`).join(', ')],
          ],
          { columns: { 1: { width: 72, wrapWord: true } } },
        ),
    )
    .join('\n');
