import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { writeDurably } from '../adapters/live/writeDurably.js';
import type { RunStep } from '../adapters/RunStep.js';
import { traceEvent } from '../harness/TraceRecorder.js';
import { traceLine } from '../harness/traceFiles.js';
import { campaignPaths } from './CampaignFile.js';
import { CampaignError } from './CampaignError.js';
import { JsonLog, parseLogLine as parse } from './JsonLog.js';

/** A damaged journal line put right: where it was, where the damaged text is kept, and the step it was. */
export type Repair = { readonly line: number; readonly savedTo: string; readonly step: string };

/**
 * Puts right a damaged journal line that other lines follow (a torn last line is JsonLog's to
 * cut): the steps log says which step it was (begun, and journaled on no other line, between the
 * steps of the lines around it), and the plan what that step was; the line becomes that step with
 * nothing known of it, an action of result `unknown` (the model keeps both outcomes open) or a
 * look that saw `unknown` (nothing learnt), so no line is lost, nothing is made up and the line
 * numbers stay. The damaged text is kept beside the journal. Undefined when nothing needs it;
 * a CampaignError naming the file and line when the step cannot be told (or the header is the line).
 */
export async function repairJournal(dir: string): Promise<Repair | undefined> {
  const paths = campaignPaths(dir);
  if (!existsSync(paths.journal)) return undefined;
  const text = readFileSync(paths.journal, 'utf8');
  const lines = text.split('\n');
  // the last part is empty when the file ends with a newline, or torn (JsonLog cuts that)
  const whole = lines.slice(0, -1);
  const parsed = whole.map(parse);
  const bad = parsed.findIndex((v, i) => v === undefined && i < whole.length - 1);
  if (bad === -1) return undefined;
  const where = `${paths.journal}:${bad + 1}`;
  const refuse = (why: string) =>
    new CampaignError('PHOTOSYNC_CAMPAIGN_BAD_FILE', `${where}: not a JSON object, and lines follow it; ${why}: put it right by hand`);
  if (bad === 0) throw refuse('it is the header, which no other file holds');
  if (parsed.slice(bad + 1, -1).some((v) => v === undefined)) throw refuse('other lines after it are damaged too');

  const journaled = new Set(parsed.flatMap((v) => (v?.step === undefined ? [] : [String(v.step)])));
  const before = parsed[bad - 1]!;
  const after = parsed[bad + 1];
  const begun = JsonLog.read(paths.steps, { cut: false }).lines.flatMap(({ value }) =>
    value.begun === undefined ? [] : [{ step: String(value.step), begun: Date.parse(String(value.begun)) }],
  );
  const from = before.step === undefined ? 0 : begun.findIndex((b) => b.step === String(before.step)) + 1;
  const to = after?.step === undefined ? begun.length : begun.findIndex((b) => b.step === String(after.step));
  const candidates = [
    ...new Set(
      begun
        .slice(from, to < 0 ? begun.length : to)
        .filter((b) => !journaled.has(b.step))
        .map((b) => b.step),
    ),
  ];
  if (candidates.length !== 1) throw refuse(`the steps log names ${candidates.length} steps it may have been`);
  const id = candidates[0]!;
  const step = stepOf(dir, id);
  if (step === undefined) throw refuse(`the plan has no step ${id}`);

  const beforeAt = Date.parse(String(before.at ?? before.start));
  const afterAt = after?.at === undefined ? Infinity : Date.parse(String(after.at));
  const at = Math.min(Math.max(begun.find((b) => b.step === id)!.begun, beforeAt), afterAt);
  const reason = 'its journal line was damaged; what it did or saw is not known';
  const event = traceEvent(step, at, { status: 'unknown', reason });
  const savedTo = `${paths.journal}.bad-line-${bad + 1}`;
  writeFileSync(savedTo, whole[bad]!);
  whole[bad] = JSON.stringify({ ...traceLine(event), step: id });
  // the whole file replaced, or not at all
  await writeDurably(paths.journal, `${whole.join('\n')}\n${lines.at(-1)}`);
  return { line: bad + 1, savedTo, step: id };
}

/** The step `lane#n#k` as the plan gave it to its lane. */
function stepOf(dir: string, id: string): RunStep | undefined {
  const [lane, n, k] = id.split('#');
  const story = JsonLog.read(campaignPaths(dir).plan, { cut: false }).lines.find(
    ({ value }) => value.story !== undefined && String(value.lane) === lane && Number(value.n) === Number(n),
  );
  return (story?.value.steps as RunStep[] | undefined)?.[Number(k)];
}
