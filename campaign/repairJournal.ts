import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { writeDurably } from '../adapters/live/writeDurably.js';
import type { RunStep } from '../adapters/RunStep.js';
import { traceEvent } from '../harness/TraceRecorder.js';
import { traceLine } from '../harness/traceFiles.js';
import { campaignPaths } from './CampaignFile.js';
import { CampaignError } from './CampaignError.js';
import { JsonLog, lineBytes, lineStart } from './JsonLog.js';
import { scanJournal } from './readJournal.js';

/** A damaged journal line put right: where it was, where the damaged text is kept, and the step it was. */
export type Repair = { readonly line: number; readonly savedTo: string; readonly step: string };

/**
 * Puts right a damaged journal line that other lines follow (a torn last line is JsonLog's to
 * cut): the steps log says which step it was (begun, and journaled on no other line, between the
 * steps of the lines around it), and the plan what that step was; the line becomes that step with
 * nothing known of it, an action of result `unknown` (the model keeps both outcomes open) or a
 * look that saw `unknown` (nothing learnt), so no line is lost, nothing is made up and the line
 * numbers stay. The damaged text is kept beside the journal, and every other byte of it stays.
 * Undefined when nothing needs it; a CampaignError naming the file and line when the step cannot be
 * told (or the header is the line), and, changing nothing, at what no repair applies to (scanJournal).
 */
export async function repairJournal(dir: string): Promise<Repair | undefined> {
  const paths = campaignPaths(dir);
  if (!existsSync(paths.journal)) return undefined;
  // what no repair applies to (UTF-16, CR line ends, a second header...) is refused here, as reading refuses it
  const { scan } = scanJournal(paths.journal);
  const bad = scan.damaged[0];
  if (bad === undefined) return undefined;
  const where = `${paths.journal}:${bad.line}`;
  const refuse = (why: string) =>
    new CampaignError('PHOTOSYNC_CAMPAIGN_BAD_FILE', `${where}: not a JSON object, and lines follow it; ${why}: put it right by hand`, {
      file: paths.journal,
      line: bad.line,
      field: '',
    });
  const good = scan.lines;
  if (bad.line < (good[0]?.line ?? Infinity)) throw refuse('it is the header, which no other file holds');
  // a bad last line is JsonLog's to cut
  if (scan.damaged.length > 1) throw refuse('other lines after it are damaged too');

  const journaled = new Set(good.flatMap(({ value }) => (value.step === undefined ? [] : [String(value.step)])));
  const before = good.filter((l) => l.line < bad.line).at(-1)!.value;
  const after = good.find((l) => l.line > bad.line)?.value;
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
  const savedTo = `${paths.journal}.bad-line-${bad.line}`;
  // byte for byte: the damaged line kept, every other line left as it is (its line end, a byte order mark)
  const lineAt = lineStart(paths.journal, bad.line);
  const damaged = lineBytes(paths.journal, lineAt);
  writeFileSync(savedTo, damaged);
  const bytes = readFileSync(paths.journal);
  const mended = Buffer.from(JSON.stringify({ ...traceLine(event), step: id }));
  // the whole file replaced, or not at all
  await writeDurably(paths.journal, Buffer.concat([bytes.subarray(0, lineAt), mended, bytes.subarray(lineAt + damaged.length)]));
  return { line: bad.line, savedTo, step: id };
}

/** The step `lane#n#k` as the plan gave it to its lane. */
function stepOf(dir: string, id: string): RunStep | undefined {
  const [lane, n, k] = id.split('#');
  const story = JsonLog.read(campaignPaths(dir).plan, { cut: false }).lines.find(
    ({ value }) => value.story !== undefined && String(value.lane) === lane && Number(value.n) === Number(n),
  );
  return (story?.value.steps as RunStep[] | undefined)?.[Number(k)];
}
