import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const setViaTeams: Step = { at: '+0s', do: 'setPhoto', user: 'alice', via: 'teams', photo: 'p1' };
const restart = (at: string, result: Result = 'ok'): Step => ({ at, do: 'restartClient', viewer: 'bob', client: 'teams', result });
const teams = (at: string, photo: string): Step => ({ at, see: 'teams', user: 'alice', viewer: 'bob', photo });

// MSDOC Teams: the Teams client caches photos (teamsCache 60 d, exoLag 1 h in microsoft-2024)
describe('TEAMS-CACHE', () => {
  it('lets Teams show the old photo 30 days after the change', () => {
    expect(check('microsoft-2024', people, [setViaTeams, teams('+30d', 'p0')])).toEqual(conforms('microsoft-2024'));
  });

  it('diverges when Teams shows the old photo more than teamsCache after it left exchange', () => {
    expect(check('microsoft-2024', people, [setViaTeams, teams('+61d', 'p0')])).toMatchObject(diverges(3, ['p1'], 'TEAMS-CACHE'));
  });

  it('closes the cache at its end: old photo allowed at 60 d 59 m 59 s, not at 60 d 1 h', () => {
    expect(check('microsoft-2024', people, [setViaTeams, teams('+60d59m59s', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [setViaTeams, teams('+60d1h', 'p0')])).toMatchObject(diverges(3, ['p1'], 'TEAMS-CACHE'));
  });

  it('empties the cache on a restart of Teams when that is shorter than teamsCache', () => {
    const steps = [setViaTeams, restart('+2h'), teams('+2h1m', 'p0')];
    expect(check('microsoft-2024', people, steps)).toMatchObject(diverges(4, ['p1'], 'TEAMS-CACHE'));
  });

  it('keeps the old photo after a restart made while it may still be in exchange', () => {
    expect(check('microsoft-2024', people, [setViaTeams, restart('+30m'), teams('+5d', 'p0')])).toEqual(conforms('microsoft-2024'));
  });

  it('keeps the cache when the restart has an unknown outcome', () => {
    const steps = [setViaTeams, restart('+2h', 'unknown'), teams('+2h1m', 'p0')];
    expect(check('microsoft-2024', people, steps)).toEqual(conforms('microsoft-2024'));
  });

  it('has a teams surface only in microsoft-2024: the same observation diverges from threewill-2014', () => {
    const steps = [teams('+1h', 'p0')];
    expect(check('microsoft-2024', people, steps)).toEqual(conforms('microsoft-2024'));
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(2, [], 'TEAMS-CACHE'));
  });

  it('has a via teams only in microsoft-2024', () => {
    expect(check('microsoft-2024', people, [setViaTeams])).toEqual(conforms('microsoft-2024'));
    expect(check('threewill-2014', people, [setViaTeams])).toMatchObject(diverges(2, [], 'TEAMS-CACHE'));
  });

  // MSDOC Teams (2025): whatever the viewer restarts, Teams may show what it showed in the last
  // teamsServiceCache (microsoft-2026: 3 days; exoLag 4 h)
  it('keeps a photo teamsServiceCache in the service, whatever the viewer restarted (microsoft-2026)', () => {
    const steps = (at: string): Step[] => [setViaTeams, restart('+5h'), teams(at, 'p0')];
    expect(check('microsoft-2026', people, steps('+2d'))).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, steps('+3d5h'))).toMatchObject(diverges(4, ['p1'], 'TEAMS-CACHE'));
    // microsoft-2024 has no service cache: the restart empties everything
    expect(check('microsoft-2024', people, [setViaTeams, restart('+2h'), teams('+1d', 'p0')])).toMatchObject(
      diverges(4, ['p1'], 'TEAMS-CACHE'),
    );
  });

  // SPEC section 6: a viewer whose caches the header does not know may see any photo in Teams until
  // start + teamsServiceCache, whatever they restart; from that instant on, what the service held
  it('lets a viewer of unknown caches see any photo in Teams until start + teamsServiceCache, and not at that instant (microsoft-2026)', () => {
    const unknown = users({ id: 'alice', photo: 'p0' }, { id: 'bob', caches: 'unknown' });
    const steps = (at: string): Step[] => [restart('+1h'), teams(at, 'p9')];
    expect(check('microsoft-2026', unknown, steps('+2d23h59m59s'))).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', unknown, steps('+3d'))).toMatchObject(diverges(3, ['p0'], 'TEAMS-CACHE'));
  });
});
