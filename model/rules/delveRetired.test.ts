import { describe, expect, it } from 'vitest';
import { check, users, conforms, see } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });

// MSDOC Delve retirement (December 2024)
describe('DELVE-RETIRED', () => {
  it('has no delve surface in microsoft-2026: a photo seen there diverges, citing the retirement', () => {
    expect(check('microsoft-2026', people, [see('+1h', 'delve', 'p0')])).toEqual({
      profile: 'microsoft-2026',
      verdict: 'diverges',
      divergence: expect.objectContaining({ line: 2, allowed: [], rules: ['DELVE-RETIRED'] }),
    });
  });

  it('keeps delve in the profiles before it', () => {
    expect(check('microsoft-2024', people, [see('+1h', 'delve', 'p0')])).toEqual(conforms('microsoft-2024'));
  });

  it('skips a look at delve that could not be made, as any unknown observation', () => {
    expect(check('microsoft-2026', people, [see('+1h', 'delve', 'unknown')])).toEqual(conforms('microsoft-2026'));
  });
});
