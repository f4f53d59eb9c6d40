import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../model/Params.js';
import { Random } from './Random.js';
import { SEEDS } from './sim.testkit.js';
import { TeamsService, type TeamsCaching } from './TeamsService.js';

// microsoft-2026: teamsCache 60 d, teamsServiceCache 3 d
const CACHING: TeamsCaching = { clientMaxAge: 60 * DAY, serviceMaxAge: 3 * DAY };

/** Exchange's photo of alice over time: p0 until 1 h, p1 after. */
const exchangeAt = (t: number) => (t < HOUR ? 'p0' : 'p1');

function reads(teams: TeamsService, viewer: string, at: number, random: Random, caching = CACHING, n = 10): Set<string> {
  return new Set(Array.from({ length: n }, () => teams.read(viewer, 'alice', at, caching, random, () => exchangeAt(at))));
}

describe('TeamsService (TEAMS-CACHE)', () => {
  it('may still show, whatever the viewer restarted, a photo the service read from Exchange less than teamsServiceCache ago', () => {
    const after = new Set<string>();
    for (const seed of SEEDS) {
      const random = new Random(seed);
      const teams = new TeamsService();
      teams.read('bob', 'alice', 0, CACHING, random, () => exchangeAt(0)); // the service and bob's client hold p0
      teams.restart('bob', 2 * HOUR);
      for (const p of reads(teams, 'bob', 2 * HOUR, random)) after.add(p);
      // three days after the service read p0, neither the service nor a client fed by it shows it
      expect(reads(teams, 'bob', 3 * DAY, random)).toEqual(new Set(['p1']));
    }
    expect(after).toEqual(new Set(['p0', 'p1']));
  });

  it('keeps the service cache per subject, for viewers who never looked before', () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const random = new Random(seed);
      const teams = new TeamsService();
      teams.read('bob', 'alice', 0, CACHING, random, () => exchangeAt(0));
      for (const p of reads(teams, 'erin', 2 * HOUR, random, CACHING, 1)) seen.add(p);
    }
    expect(seen).toEqual(new Set(['p0', 'p1']));
  });

  it("keeps in the client what it read since the viewer's restart, up to teamsCache", () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const random = new Random(seed);
      const teams = new TeamsService();
      teams.restart('bob', 0);
      teams.read('bob', 'alice', 10, CACHING, random, () => exchangeAt(10));
      for (const p of reads(teams, 'bob', 30 * DAY, random)) seen.add(p);
      expect(reads(teams, 'bob', 60 * DAY + 10, random)).toEqual(new Set(['p1']));
    }
    expect(seen).toEqual(new Set(['p0', 'p1']));
  });

  it('counts age from the Exchange read: a photo a client took from the service after a restart goes when the service window ends', () => {
    for (const seed of SEEDS) {
      const random = new Random(seed);
      const teams = new TeamsService();
      teams.read('bob', 'alice', 0, CACHING, random, () => exchangeAt(0));
      teams.restart('bob', 2 * HOUR);
      reads(teams, 'bob', 2 * HOUR, random);
      expect(reads(teams, 'bob', 3 * DAY, random)).toEqual(new Set(['p1']));
    }
  });

  it('has no service cache where the profile has no teamsServiceCache (microsoft-2024): a restart empties everything', () => {
    const caching = { clientMaxAge: 60 * DAY, serviceMaxAge: 0 };
    for (const seed of SEEDS) {
      const random = new Random(seed);
      const teams = new TeamsService();
      teams.read('bob', 'alice', 0, caching, random, () => exchangeAt(0));
      teams.restart('bob', 2 * HOUR);
      expect(reads(teams, 'bob', 2 * HOUR, random, caching)).toEqual(new Set(['p1']));
    }
  });
});
