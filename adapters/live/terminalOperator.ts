import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { NO_PHOTO, UNKNOWN, UNRECOGNIZED } from '../../model/vocabulary.js';
import type { Operator, OperatorAnswer, OperatorStep } from './Operator.js';

const PHOTO_ID = /^p\d+$/;

/** Reads one answer to a step; `undefined` asks again. */
export function parseAnswer(step: OperatorStep, text: string): OperatorAnswer | undefined {
  const answer = text.trim();
  const [word = '', ...rest] = answer.split(/\s+/);
  const reason = rest.join(' ');
  if (word === UNKNOWN || word === 'u') return { kind: 'unknown', reason: reason === '' ? 'the operator could not tell' : reason };
  if (step.kind === 'look') {
    if (PHOTO_ID.test(word) || word === NO_PHOTO || word === UNRECOGNIZED) return { kind: 'seen', photo: word };
    return undefined;
  }
  if (word === 'done' || word === 'd') return { kind: 'done' };
  if (word === 'refused' || word === 'r') return { kind: 'refused', reason: reason === '' ? 'refused, as the operator saw it' : reason };
  return undefined;
}

/**
 * The person at the terminal: each step is printed with who to sign in as and what to do, and the
 * answer read back. Invariant: prompts go to `output` (stderr), never to the results on stdout; an
 * answer that cannot be read is asked again, never guessed; the end of input answers `unknown`.
 */
export function terminalOperator(input: Readable = process.stdin, output: Writable = process.stderr): Operator {
  const rl = createInterface({ input, terminal: false });
  // lines typed ahead (or piped in) wait here until a step asks for them
  const typed: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const w = waiting.shift();
    if (w === undefined) typed.push(line);
    else w(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  const ask = (question: string): Promise<string | undefined> => {
    output.write(question);
    const line = typed.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (ended) return Promise.resolve(undefined);
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    name: 'terminal',
    async take(step) {
      if (step.kind === 'signIn') {
        output.write(`\n[photosync] sign-in of ${step.signInAs}: ${step.message}\n`);
        return { kind: 'done' };
      }
      const heading = step.kind === 'act' ? `do: ${JSON.stringify(step.action)}` : `look: ${step.see} of ${step.user} as ${step.viewer}`;
      output.write(`\n[photosync] ${heading}\n${step.instructions.map((l) => `  ${l}\n`).join('')}`);
      if (step.kind === 'look') output.write(`  The test photos are in ${step.candidates}.\n`);
      const prompt = step.kind === 'act' ? '  done | refused [why] | unknown [why] > ' : '  p<N> | none | unrecognized | unknown > ';
      for (;;) {
        const line = await ask(prompt);
        if (line === undefined) return { kind: 'unknown', reason: 'the operator left (end of input)' };
        const answer = parseAnswer(step, line);
        if (answer !== undefined) return answer;
        output.write('  (not an answer; try again)\n');
      }
    },
    async close() {
      rl.close();
    },
  };
}
