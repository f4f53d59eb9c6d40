import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SIM = new URL('.', import.meta.url).pathname;

/** What the simulator may take from `model/`: the vocabulary and the profiles' data, never a rule's behaviour. */
const ALLOWED = ['../../model/vocabulary.js', '../../model/profiles.js', '../../model/Params.js'];
/** Types only: a profile's shape and its rule ids. */
const TYPES_ONLY = ['../../model/Profile.js', '../../model/RuleId.js'];

const sources = readdirSync(SIM).filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('.testkit.'));

describe('adapters/sim is an independent implementation', () => {
  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources)('%s takes from model/ only the vocabulary and profile data', (file) => {
    const text = readFileSync(join(SIM, file), 'utf8');
    for (const m of text.matchAll(/import (type )?[^;]*? from '([^']+)'/g)) {
      const [, typeOnly, spec] = m as unknown as [string, string | undefined, string];
      if (!spec.includes('model/')) continue;
      if (TYPES_ONLY.includes(spec)) expect(typeOnly, `${file} imports values from ${spec}`).toBe('type ');
      else expect(ALLOWED, `${file} imports ${spec}`).toContain(spec);
    }
  });

  it('draws chance from its own seeded generator only', () => {
    for (const file of sources) expect(readFileSync(join(SIM, file), 'utf8'), file).not.toMatch(/Math\.random|Date\.now\(/);
  });
});
