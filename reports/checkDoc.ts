import { PROFILE_IDS } from '../model/profiles.js';
import type { CheckReport } from './CheckReport.js';
import { describeEvent } from './describeEvent.js';
import type { Block, Cell, Doc, Tone } from './Doc.js';
import { NO_RULE } from './storyWords.js';
import { shellWord } from './_internals/shellWord.js';

/** The verdict table of `check`, a row per profile: what the text and the document both show. */
export const CHECK_HEAD = ['profile', 'verdict', 'line', 'event', 'allowed', 'rules'];
export function checkRows(report: CheckReport): Cell[][] {
  return report.results.map((r) => {
    if (r.verdict === 'conforms') return [r.profile, { text: 'conforms', tone: 'good' }, '', '', '', ''];
    if (r.verdict === 'unknown') return [r.profile, { text: 'unknown', tone: 'unknown' }, String(r.line), r.reason, '', ''];
    const d = r.divergence;
    const at = typeof d.event.at === 'string' ? `${d.event.at} ` : '';
    return [
      r.profile,
      { text: 'DIVERGES', tone: 'bad' },
      String(d.line),
      `${at}${describeEvent(d.event)}`,
      d.allowed.join(', ') || '(not in this profile)',
      d.rules.join(', ') || NO_RULE,
    ];
  });
}

/** What the verdicts of a torn trace cover: `up to line 4 (line 5 is torn)`; undefined for a whole trace. */
export function checkedLines(report: CheckReport): string | undefined {
  return report.torn === undefined ? undefined : `up to line ${report.torn.line - 1} (line ${report.torn.line} is torn)`;
}

/**
 * The verdict of a check in a sentence that claims no more than was checked: of a torn trace, the
 * lines before the torn one; conformance only where every profile was decided.
 */
export function checkHeadline(report: CheckReport): { text: string; tone: Tone } {
  const checked = report.results.length;
  const diverging = report.results.filter((r) => r.verdict === 'diverges').length;
  const unknown = report.results.filter((r) => r.verdict === 'unknown').length;
  const lines = checkedLines(report);
  const trace = lines === undefined ? 'The trace' : `The trace ${lines}`;
  if (diverging > 0) return { text: `${trace} diverges from ${diverging} of ${checked} profiles checked.`, tone: 'bad' };
  if (unknown > 0)
    return {
      text: `${trace} conforms to ${checked - unknown} of ${checked} profiles checked; ${unknown} could not be decided.`,
      tone: 'unknown',
    };
  // a torn trace's last line may hold what refutes a profile
  return { text: `${trace} conforms to every profile checked.`, tone: lines === undefined ? 'good' : 'unknown' };
}

/** The command line that checks a trace again against a profile (or `all`), its path quoted for a shell where it must be. */
export function recheckCommand(trace: string, profile: string): string {
  return `photosync check ${shellWord(trace)} --profile ${profile}`;
}

/** The command lines that check again what was checked: every profile at once, else each profile checked. */
export function recheckCommands(report: CheckReport): string[] {
  const checked = new Set(report.results.map((r) => r.profile));
  const every = PROFILE_IDS.every((id) => checked.has(id));
  return (every ? ['all'] : [...checked]).map((id) => recheckCommand(report.trace, id));
}

/** `check` as a document: the verdict of each profile, each divergence's story, the rules cited. */
export function checkDoc(report: CheckReport): Doc {
  const rows = checkRows(report);
  const blocks: Block[] = [{ kind: 'paragraph', ...checkHeadline(report) }];
  if (report.torn !== undefined) blocks.push({ kind: 'paragraph', text: `warning: ${report.torn.message}`, tone: 'unknown' });
  blocks.push({ kind: 'table', head: CHECK_HEAD, rows });
  for (const r of report.results) {
    if (r.verdict !== 'diverges' || r.story === undefined) continue;
    blocks.push({ kind: 'heading', level: 2, text: `Where ${r.profile} diverges` }, { kind: 'story', story: r.story, profile: r.profile });
  }
  if (report.cited !== undefined && report.cited.length > 0)
    blocks.push(
      { kind: 'heading', level: 2, text: 'Rules cited' },
      { kind: 'list', items: report.cited.map((c) => `${c.id} (${c.source}): ${c.statement}`) },
    );
  blocks.push({ kind: 'paragraph', text: 'Re-check offline:' }, { kind: 'code', text: recheckCommands(report).join('\n') });
  return { title: `photosync check: ${report.trace}`, blocks };
}
