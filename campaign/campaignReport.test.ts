import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunStep } from '../adapters/RunStep.js';
import { traceHeader, traceLine } from '../harness/traceFiles.js';
import { defaultUser, type TraceEvent } from '../model/vocabulary.js';
import { CampaignReport } from '../reports/CampaignReport.js';
import { ReportJson } from '../reports/ReportJson.js';
import { renderers } from '../reports/renderers.js';
import { campaignPaths, type CampaignFile } from './CampaignFile.js';
import { campaignReport } from './campaignReport.js';
import { readCampaignState, stepId } from './CampaignState.js';

const START = Date.parse('2026-06-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const meta = { tool: { name: 'photosync' as const, version: '0.1.0' }, generated: '2026-12-02T00:00:00.000Z' };
const USERS = ['alice', 'bob', 'carol', 'dave'];
const file: CampaignFile = {
  format: 'photosync-campaign',
  version: 1,
  config: '/nowhere/live.json',
  tenantId: 't',
  clientId: 'c',
  users: USERS,
  profiles: ['microsoft-2024', 'microsoft-2026'],
  seed: 1,
  operator: true,
  started: iso(START),
  until: iso(START + 7 * 86_400_000),
};

/** A story of two steps for `lane`, looked at by the next user. */
const storyOf = (lane: string, viewer: string): RunStep[] => [
  { do: 'setPhoto', user: lane, photo: 'p1', via: 'graph' },
  { see: 'graph', user: lane, viewer },
];

/**
 * A campaign folder as processes of several versions leave it: alice's steps noted with their
 * requests, bob's from a version that noted none, carol's second step cut off by a stop (journaled
 * as unknown when resumed, so never noted), dave never given a story. `finished` ends it.
 */
function folder(finished: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'photosync-campaign-report-'));
  const paths = campaignPaths(dir);
  const users = USERS.map((id) => defaultUser(id));
  const journal: object[] = [traceHeader({ start: START, users }, { campaign: true, tenantId: 't', seed: 1 })];
  const steps: object[] = [];
  const plan: object[] = [];
  let total = 7; // the survey's requests
  let t = START;
  const made = (lane: string, k: number, step: RunStep, cost: number | 'not noted' | 'cut off') => {
    const id = stepId(lane, 0, k);
    steps.push({ step: id, kind: 'see' in step ? 'look' : 'act', begun: iso(t), requests: total });
    total += cost === 'cut off' ? 2 : typeof cost === 'number' ? cost : 1;
    const event = {
      ...step,
      at: t,
      ...('see' in step ? { photo: 'p1' } : { result: cost === 'cut off' ? 'unknown' : 'ok' }),
    } as TraceEvent;
    journal.push({ ...traceLine(event), step: id });
    if (typeof cost === 'number') steps.push({ step: id, done: iso(t), spent: cost, requests: total });
    t += 1_000;
  };
  for (const [lane, viewer, costs] of [
    ['alice', 'bob', [3, 1]],
    ['bob', 'carol', ['not noted', 'not noted']],
    ['carol', 'dave', [2, 'cut off']],
  ] as const) {
    const story = storyOf(lane, viewer);
    plan.push({ lane, n: 0, story: JSON.stringify(story), assigned: iso(START), pairs: [], steps: story });
    story.forEach((s, k) => made(lane, k, s, costs[k]!));
  }
  if (finished) plan.push({ finished: iso(t), refuted: {} });
  const lines = (xs: object[]) => xs.map((x) => `${JSON.stringify(x)}\n`).join('');
  writeFileSync(paths.journal, lines(journal));
  writeFileSync(paths.steps, lines(steps));
  writeFileSync(paths.plan, lines(plan));
  return dir;
}

describe('campaignReport: requests per lane', () => {
  it('counts the requests each lane’s steps made, at least where a step noted none, unknown where none did', () => {
    const dir = folder(false);
    const state = readCampaignState(dir, { cut: false });
    // the step begun last is a begun line, though a done line follows it; the total is the last line's
    expect(state.begun?.step).toBe(stepId('carol', 0, 1));
    // the survey's 7, alice's 4, bob's 2 (not noted per step), carol's first 2; her cut-off step's are lost with its process
    expect(state.requestsBefore).toBe(7 + 4 + 2 + 2);
    const report = campaignReport(dir, file, state);
    expect(report.lanes.map((l) => [l.user, l.requests, l.unrecorded])).toEqual([
      ['alice', 4, undefined],
      ['bob', undefined, 2],
      ['carol', 2, 1],
      ['dave', 0, undefined],
    ]);
    expect(report.requests).toBe(state.requestsBefore);
  });

  it('shows them in every format, running or done, and the JSON reads back', () => {
    for (const finished of [false, true]) {
      const dir = folder(finished);
      const report = campaignReport(dir, file, readCampaignState(dir, { cut: false }));
      expect(report.state).toBe(finished ? 'done' : 'running');
      for (const format of ['text', 'md', 'html'] as const) {
        const shown = renderers.campaign[format](report, meta);
        expect(shown, format).toMatch(/requests/);
        expect(shown, format).toContain('at least 2 (1 step not noted)');
        expect(shown, format).toContain('unknown');
      }
      const json = ReportJson.parse(JSON.parse(renderers.campaign.json(report, meta)));
      expect(json.report === 'campaign' && json.lanes.map((l) => l.requests)).toEqual([4, undefined, 2, 0]);
    }
  });

  it('reads a report written before lanes counted requests', () => {
    const dir = folder(false);
    const report = campaignReport(dir, file, readCampaignState(dir, { cut: false }));
    const old = { ...report, lanes: report.lanes.map(({ requests, unrecorded, ...rest }) => (void requests, void unrecorded, rest)) };
    expect(CampaignReport.parse(old).lanes.every((l) => l.requests === undefined)).toBe(true);
    expect(renderers.campaign.text(CampaignReport.parse(old), meta)).toMatch(/alice +│[^\n]*│ unknown/);
  });
});

describe('campaignReport: the story under way', () => {
  it('names each lane’s story by its steps in words, which the status table cuts at a step, never as its JSON key', () => {
    const dir = folder(false);
    const story: RunStep[] = [
      { do: 'removePhoto', user: 'dave', via: 'graph' },
      { do: 'setPhoto', user: 'dave', photo: 'p6', via: 'graph' },
      { do: 'wait', ms: 2 * 86_400_000 },
      { see: 'sp-people-picker', user: 'dave', viewer: 'alice' },
    ];
    const plan = { lane: 'dave', n: 0, story: JSON.stringify(story), assigned: iso(START), pairs: [], steps: story };
    appendFileSync(campaignPaths(dir).plan, `${JSON.stringify(plan)}\n`);
    const report = campaignReport(dir, file, readCampaignState(dir, { cut: false }));
    const dave = report.lanes.find((l) => l.user === 'dave')!;
    expect(dave.story).toBe('removePhoto dave via graph; setPhoto dave p6 via graph; wait 48 h; sp-people-picker of dave to alice');
    const text = renderers.campaign.text(report, meta);
    expect(text).toMatch(/^║ dave +│ 1 +│ removePhoto dave .*│ 0 of 4 +│/m);
    // the story's cell with its lines joined, as the table wraps it to fit in 100 columns
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('║ dave '));
    let end = row + 1;
    while (/^║ +│/.test(lines[end] ?? '')) end++;
    expect(
      lines
        .slice(row, end)
        .map((l) => l.split('│')[2]!.trim())
        .join(' '),
    ).toBe('removePhoto dave via graph; …');
    expect(text).not.toContain('[{');
  });
});
