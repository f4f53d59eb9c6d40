import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { OperatorStep } from './Operator.js';
import { parseAnswer, terminalOperator } from './terminalOperator.js';

const act: OperatorStep = {
  kind: 'act',
  action: { do: 'visitMySite', user: 'alice' },
  signInAs: 'alice@x.test',
  instructions: ['Sign in as alice@x.test.', 'Open it.'],
};
const look: OperatorStep = {
  kind: 'look',
  see: 'teams',
  user: 'alice',
  viewer: 'bob',
  signInAs: 'bob@x.test',
  instructions: ['Sign in as bob@x.test.'],
  candidates: '/tmp/photos',
};

function session(input: string): { output: () => string; operator: ReturnType<typeof terminalOperator> } {
  const stdin = new PassThrough();
  const stderr = new PassThrough();
  let written = '';
  stderr.on('data', (d: Buffer) => (written += d.toString()));
  stdin.end(input);
  return { output: () => written, operator: terminalOperator(stdin, stderr) };
}

describe('parseAnswer', () => {
  it('reads what an action or a look can answer, and nothing else', () => {
    expect(parseAnswer(act, 'done')).toEqual({ kind: 'done' });
    expect(parseAnswer(act, ' r  no upload button ')).toEqual({ kind: 'refused', reason: 'no upload button' });
    expect(parseAnswer(act, 'unknown page hung')).toEqual({ kind: 'unknown', reason: 'page hung' });
    expect(parseAnswer(act, 'p3')).toBeUndefined();
    expect(parseAnswer(look, 'p12')).toEqual({ kind: 'seen', photo: 'p12' });
    expect(parseAnswer(look, 'none')).toEqual({ kind: 'seen', photo: 'none' });
    expect(parseAnswer(look, 'unrecognized')).toEqual({ kind: 'seen', photo: 'unrecognized' });
    expect(parseAnswer(look, 'done')).toBeUndefined();
    expect(parseAnswer(look, 'P3')).toBeUndefined();
  });
});

describe('terminalOperator', () => {
  it('prints the step on stderr, asks again after a bad answer, and reads the answer', async () => {
    const { operator, output } = session('maybe\np4\n');
    await expect(operator.take(look)).resolves.toEqual({ kind: 'seen', photo: 'p4' });
    expect(output()).toContain('look: teams of alice as bob');
    expect(output()).toContain('/tmp/photos');
    expect(output()).toContain('not an answer');
    await operator.close?.();
  });

  it('answers unknown when the person leaves (end of input), never a guess', async () => {
    const { operator } = session('');
    await expect(operator.take(act)).resolves.toMatchObject({ kind: 'unknown' });
  });
});
