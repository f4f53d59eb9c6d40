import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellWord } from './shellWord.js';

describe('shellWord', () => {
  it('leaves a plain path as it is', () => {
    expect(shellWord('photosync-traces/run-5.jsonl')).toBe('photosync-traces/run-5.jsonl');
  });

  it.each(['my traces/t.jsonl', "bob's.jsonl", '$(rm -rf x).jsonl', 'a;b', '', '*.jsonl'])(
    'quotes %j so that a shell reads it back as it was',
    (word) => {
      expect(shellWord(word)).not.toBe(word);
      expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellWord(word)}`], { encoding: 'utf8' })).toBe(word);
    },
  );
});
