import type { CampaignReport } from './CampaignReport.js';
import type { Block, Doc } from './Doc.js';
import { formatDuration } from '../model/Params.js';
import { delayWords, timingWords } from './timingWords.js';
import { campaignLaneRequests } from './campaignLaneRequests.js';

/** A campaign as a document: the verdicts, the lanes (their progress while it runs) with their requests, each refutation's minimal explanation. */
export function campaignDoc(r: CampaignReport): Doc {
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Started ${r.started}, until ${r.until}; ${r.events} events in ${r.journal}, ${r.requests} requests.` },
    {
      kind: 'table',
      head: ['profile', 'verdict', 'line', 'rules'],
      rows: r.profiles.map((p) => [
        p.profile,
        p.verdict === 'diverges'
          ? { text: 'REFUTED', tone: 'bad' }
          : p.verdict === 'conforms'
            ? { text: r.state === 'done' ? 'holds' : 'holds so far', tone: 'good' }
            : { text: 'unknown', tone: 'unknown' },
        p.line === undefined ? '' : String(p.line),
        p.rules.join(', '),
      ]),
    },
  ];
  if (r.state === 'running')
    blocks.push({
      kind: 'table',
      head: ['test user', 'stories', 'story under way', 'step', 'next step due', 'requests'],
      rows: r.lanes.map((l) => [
        l.user,
        String(l.stories),
        l.story ?? '',
        l.story === null ? '' : `${l.done} of ${l.of}`,
        l.next ?? '',
        campaignLaneRequests(l),
      ]),
    });
  else
    blocks.push({
      kind: 'table',
      head: ['test user', 'stories', 'requests'],
      rows: r.lanes.map((l) => [l.user, String(l.stories), campaignLaneRequests(l)]),
    });
  if (r.timings !== undefined && r.timings.length > 0)
    blocks.push(
      { kind: 'heading', level: 2, text: "The tenant's timings as the journal bounds them" },
      { kind: 'paragraph', text: "Each parameter tried with the profile's others as they are." },
      {
        kind: 'table',
        head: ['profile', 'parameter', "profile's value", 'journal consistent with'],
        rows: r.timings.map((t) => [
          t.profile,
          t.param,
          formatDuration(t.value),
          t.consistent === null ? { text: timingWords(t), tone: 'bad' } : timingWords(t),
        ]),
      },
    );
  if (r.observed !== undefined && r.observed.length > 0)
    blocks.push(
      { kind: 'heading', level: 2, text: 'When each surface showed each change' },
      { kind: 'paragraph', text: "The looks that bound it; the tenant's own times." },
      {
        kind: 'table',
        head: ['test user', 'change', 'line', 'surface', 'shown after the change'],
        rows: r.observed.map((d) => [
          d.user,
          d.change,
          String(d.line),
          d.surface,
          d.by === null ? { text: delayWords(d), tone: 'unknown' } : delayWords(d),
        ]),
      },
    );
  for (const p of r.profiles)
    if (p.explanation !== undefined)
      blocks.push(
        { kind: 'heading', level: 2, text: `${p.profile} is refuted` },
        { kind: 'paragraph', text: `${p.profile} cannot explain this part of the journal; its lines are those of ${r.journal}.` },
        { kind: 'story', story: p.explanation, profile: p.profile },
      );
  if (r.torn !== undefined)
    blocks.push({ kind: 'paragraph', text: `${r.journal}:${r.torn.line} is torn: the next resume cuts it off`, tone: 'unknown' });
  return { title: `photosync campaign: ${r.dir} (${r.state})`, blocks };
}
