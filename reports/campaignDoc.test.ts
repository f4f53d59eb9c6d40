import { describe, expect, it } from 'vitest';
import type { CampaignReport } from './CampaignReport.js';
import { campaignDoc } from './campaignDoc.js';
import { shortStory } from './story.testkit.js';

const report: CampaignReport = {
  dir: 'campaign-1',
  journal: 'campaign-1/journal.jsonl',
  started: '2026-01-05T09:00:00.000Z',
  until: '2026-01-19T09:00:00.000Z',
  state: 'done',
  events: 40,
  requests: 120,
  lanes: [{ user: 'pst-1', stories: 2, story: null, done: 0, of: 0, next: null, requests: 120 }],
  profiles: [{ profile: 'threewill-2014', verdict: 'diverges', line: 12, rules: ['OWA-CACHE'], explanation: shortStory() }],
  timings: [{ profile: 'threewill-2014', param: 'owaCache', value: 600_000, consistent: null, contiguous: true, openAbove: false }],
  observed: [{ user: 'pst-1', line: 3, change: 'setPhoto p1', photo: 'p1', surface: 'graph', after: 0, by: 60_000, looks: 2 }],
};

/** The paragraph right after the heading of that text. */
function under(heading: string): string | undefined {
  const blocks = campaignDoc(report).blocks;
  const i = blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  const next = blocks[i + 1];
  return i >= 0 && next?.kind === 'paragraph' ? next.text : undefined;
}

describe('campaignDoc', () => {
  it('says what the text says of its tables and stories: how the timings were tried, whose times, whose lines', () => {
    expect(under("The tenant's timings as the journal bounds them")).toBe("Each parameter tried with the profile's others as they are.");
    expect(under('When each surface showed each change')).toBe("The looks that bound it; the tenant's own times.");
    expect(under('threewill-2014 is refuted')).toBe(
      'threewill-2014 cannot explain this part of the journal; its lines are those of campaign-1/journal.jsonl.',
    );
  });
});
