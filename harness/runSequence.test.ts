import { describe, expect, it } from 'vitest';
import { MINUTE } from '../model/Params.js';
import { defaultUser } from '../model/vocabulary.js';
import { createSimTenant, DEFAULT_START } from '../adapters/sim/SimTenant.js';
import { runSequence } from './runSequence.js';

const alice = { ...defaultUser('alice'), photo: 'p0' };

describe('runSequence', () => {
  it('records one event per step, with outcomes and photos, a millisecond apart but for waits', async () => {
    const sim = createSimTenant({ profile: 'microsoft-2024', seed: 1 });
    const run = await runSequence(sim, 'microsoft-2024', {
      users: [alice],
      steps: [
        { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'admin-cmdlet' },
        { do: 'wait', ms: MINUTE },
        { see: 'graph', user: 'alice', viewer: 'bob' },
      ],
    });
    expect(run.start).toEqual({ start: DEFAULT_START, users: [alice] });
    expect(run.events).toEqual([
      expect.objectContaining({ at: DEFAULT_START, do: 'setPhoto', result: 'rejected' }),
      { at: DEFAULT_START + 1, do: 'wait', ms: MINUTE, result: 'ok' },
      { at: DEFAULT_START + 1 + MINUTE, see: 'graph', user: 'alice', viewer: 'bob', photo: 'p0' },
    ]);
    expect(run.verdict).toEqual({ profile: 'microsoft-2024', verdict: 'conforms' });
  });

  it('returns a divergence as data', async () => {
    const sim = createSimTenant({ profile: 'threewill-2014', seed: 1 });
    const run = await runSequence(sim, 'microsoft-2024', { users: [alice], steps: [{ see: 'lync', user: 'alice', viewer: 'bob' }] });
    // microsoft-2024 has no Lync: the sim of 2014 shows it, the model of 2024 refuses it
    expect(run.verdict).toMatchObject({ verdict: 'diverges', divergence: { line: 2 } });
  });
});
