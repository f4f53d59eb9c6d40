import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunStep } from '../adapters/RunStep.js';
import { traceEvent } from '../harness/TraceRecorder.js';
import { traceHeader, traceLine } from '../harness/traceFiles.js';
import { defaultUser } from '../model/vocabulary.js';
import { campaignPaths } from './CampaignFile.js';
import { stepId } from './CampaignState.js';

export const T0 = Date.parse('2026-06-01T08:00:00Z');
export const STEPS: RunStep[] = [
  { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' },
  { see: 'graph', user: 'alice', viewer: 'bob' },
  { do: 'removePhoto', user: 'alice', via: 'graph' },
  { see: 'graph', user: 'alice', viewer: 'bob' },
];
const SEEN = ['p1', 'none'];

/** Test helper: a campaign folder of one lane that took STEPS and journaled each (a look made twice: begun, killed, begun again). */
export function campaignFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'photosync-campaign-files-'));
  const start = { start: T0, users: [defaultUser('alice'), defaultUser('bob')] };
  const lines = [JSON.stringify(traceHeader(start, { campaign: true }))];
  const begun: object[] = [];
  let seen = 0;
  STEPS.forEach((step, k) => {
    const at = T0 + (k + 1) * 60_000;
    const id = stepId('alice', 0, k);
    begun.push({ step: id, kind: 'see' in step ? 'look' : 'act', begun: new Date(at).toISOString() });
    if (k === 1) begun.push({ step: id, kind: 'look', begun: new Date(at + 1).toISOString() });
    const outcome = 'see' in step ? { status: 'seen' as const, photo: SEEN[seen++]! } : { status: 'ok' as const };
    lines.push(JSON.stringify({ ...traceLine(traceEvent(step, at, outcome)), step: id }));
  });
  const paths = campaignPaths(dir);
  writeFileSync(paths.journal, `${lines.join('\n')}\n`);
  writeFileSync(paths.steps, `${begun.map((b) => JSON.stringify(b)).join('\n')}\n`);
  writeFileSync(
    paths.plan,
    `${JSON.stringify({ lane: 'alice', n: 0, story: 'k', assigned: new Date(T0).toISOString(), pairs: [], steps: STEPS })}\n`,
  );
  return dir;
}

/** Test helper: every file of a folder and a hash of its bytes, to tell that nothing was changed (or added). */
export function folderBytes(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
}
