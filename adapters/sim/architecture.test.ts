import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SIM = new URL('.', import.meta.url).pathname;

/** What the simulator may take from `model/`: the vocabulary and the profiles' data, never a rule's behaviour. */
const ALLOWED = ['../../model/vocabulary.js', '../../model/profiles.js', '../../model/Params.js'];
/** Types only: a profile's shape and its rule ids. */
const TYPES_ONLY = ['../../model/Profile.js', '../../model/RuleId.js'];

const isSource = (f: string) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('.testkit.');
/** mutants are mechanics too (their runner, which checks a run with the model, is the harness's) */
const mutantSources = readdirSync(join(SIM, 'mutants'))
  .filter(isSource)
  .map((f) => join('mutants', f));
const sources = [...readdirSync(SIM).filter(isSource), ...mutantSources];

describe('adapters/sim is an independent implementation', () => {
  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources)('%s takes from model/ only the vocabulary and profile data', (file) => {
    const text = readFileSync(join(SIM, file), 'utf8');
    for (const m of text.matchAll(/import (type )?[^;]*? from '([^']+)'/g)) {
      const [, typeOnly, raw] = m as unknown as [string, string | undefined, string];
      if (!raw.includes('model/')) continue;
      // the same module, spelled from adapters/sim/
      const spec = file.startsWith('mutants') ? raw.replace(/^\.\.\//, '') : raw;
      if (TYPES_ONLY.includes(spec)) expect(typeOnly, `${file} imports values from ${spec}`).toBe('type ');
      else expect(ALLOWED, `${file} imports ${spec}`).toContain(spec);
    }
  });

  it('draws chance from its own seeded generator only', () => {
    for (const file of sources) expect(readFileSync(join(SIM, file), 'utf8'), file).not.toMatch(/Math\.random|Date\.now\(/);
  });
});
