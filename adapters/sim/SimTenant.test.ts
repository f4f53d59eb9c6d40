import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../model/Params.js';
import { defaultUser, SURFACES, type Action, type Photo, type PhotoSettings, type Surface, type UserInit } from '../../model/vocabulary.js';
import { perform, type Adapter } from '../Adapter.js';
import { DEFAULT_START, createSimTenant } from './SimTenant.js';
import { SEEDS } from './sim.testkit.js';

const alice = (over: Partial<UserInit> = {}): UserInit => ({ ...defaultUser('alice'), photo: 'p0', mySite: true, lync: 'online', ...over });

async function sim(profile: string, seed = 1, users: UserInit[] = [alice()], faults = 0, settings?: PhotoSettings): Promise<Adapter> {
  const a = createSimTenant({ profile, seed, faults });
  await a.setup(users, settings);
  return a;
}

const OLD_PROFILES = ['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2024'];
const setPhoto = (
  a: Adapter,
  photo: Photo,
  via: Extract<Action, { do: 'setPhoto' }>['via'],
  more: Partial<Extract<Action, { do: 'setPhoto' }>> = {},
) => perform(a, { do: 'setPhoto', user: 'alice', photo, via, ...more });

async function see(a: Adapter, surface: Surface, user = 'alice', viewer = 'bob'): Promise<Photo> {
  const o = await a.observe(surface, user, viewer);
  if (o.status !== 'seen') throw new Error(`could not see ${surface}: ${o.reason}`);
  return o.photo;
}

const wait = (a: Adapter, ms: number) => perform(a, { do: 'wait', ms });

describe('createSimTenant', () => {
  it('offers Lync but not Teams in 2014, Teams but not Lync in 2024', () => {
    const old = createSimTenant({ profile: 'threewill-2014', seed: 1 }).capabilities;
    expect([old.surfaces.includes('lync'), old.surfaces.includes('teams'), old.vias.includes('lync'), old.vias.includes('teams')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(old.actions).toContain('lyncSignIn');
    const now = createSimTenant({ profile: 'microsoft-2024', seed: 1 }).capabilities;
    expect([now.surfaces.includes('lync'), now.surfaces.includes('teams'), now.vias.includes('lync'), now.vias.includes('teams')]).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(now.actions).not.toContain('lyncSignIn');
    expect(now.actions).toContain('wait');
  });

  it('refuses an action and cannot show a surface that the tenant does not have', async () => {
    const a = await sim('microsoft-2024');
    expect((await perform(a, { do: 'lyncSignIn', user: 'alice' })).status).toBe('rejected');
    expect((await a.observe('lync', 'alice', 'bob')).status).toBe('unknown');
    const b = await sim('threewill-2014');
    expect((await perform(b, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'teams' })).status).toBe('rejected');
  });

  it('starts every user as the header declares, on every surface', async () => {
    const a = await sim('threewill-2014', 1, [alice(), { ...defaultUser('carol'), photo: 'p3' }]);
    expect(a.clock.now()).toBe(DEFAULT_START);
    for (const s of a.capabilities.surfaces) expect(await see(a, s)).toBe('p0');
    expect(await see(a, 'lync', 'carol')).toBe('none'); // carol is offline
    expect(await see(a, 'sp-newsfeed', 'carol')).toBe('p3');
    expect(await see(a, 'graph', 'dave')).toBe('none'); // a user the header does not name
  });

  it('answers the same for the same seed and the same calls', async () => {
    const script: Action[] = [
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'outlook-web' },
      { do: 'wait', ms: 30_000 },
      { do: 'setPhoto', user: 'alice', photo: 'p2', via: 'sharepoint' },
      { do: 'wait', ms: 20_000 },
    ];
    const run = async (seed: number) => {
      const a = await sim('threewill-2014', seed);
      const seen: Photo[] = [];
      for (const action of script) {
        await perform(a, action);
        for (const s of SURFACES.filter((x) => x !== 'teams')) seen.push(await see(a, s));
      }
      return seen.join();
    };
    expect(await run(5)).toBe(await run(5));
    const others = new Set(await Promise.all(SEEDS.slice(0, 8).map(run)));
    expect(others.size).toBeGreaterThan(1);
  });

  it('lets time pass with wait, firing what is due on the way', async () => {
    const a = await sim('threewill-2014');
    await perform(a, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' });
    await wait(a, MINUTE);
    expect(a.clock.now()).toBe(DEFAULT_START + MINUTE);
    expect(await see(a, 'graph')).toBe('p1');
  });

  it('counts the subject opening their own My Site as a visit, and nobody else opening it', async () => {
    const a = await sim('threewill-2014');
    await perform(a, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'outlook-web' });
    await wait(a, HOUR);
    await see(a, 'sp-mysite', 'alice', 'bob');
    await wait(a, HOUR);
    expect(await see(a, 'sp-newsfeed')).toBe('p0');
    await see(a, 'sp-mysite', 'alice', 'alice');
    await wait(a, 10 * MINUTE);
    expect(await see(a, 'sp-newsfeed')).toBe('p1');
  });

  it('carries an AD photo to Exchange within dirSyncInterval + exoLag, only once where AD-ONE-TIME holds', async () => {
    for (const profile of ['threewill-2014', 'exchange-2015']) {
      const a = await sim(profile, 3);
      await perform(a, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'on-prem-ad' });
      await wait(a, 3 * HOUR + MINUTE);
      expect(await see(a, 'graph')).toBe('p1');
      await perform(a, { do: 'setPhoto', user: 'alice', photo: 'p2', via: 'on-prem-ad' });
      await wait(a, 3 * HOUR + MINUTE);
      expect(await see(a, 'graph')).toBe(profile === 'exchange-2015' ? 'p1' : 'p2');
    }
  });

  it('shows no Lync photo while the subject is signed out', async () => {
    const a = await sim('threewill-2014');
    await perform(a, { do: 'lyncSignOut', user: 'alice' });
    expect(await see(a, 'lync')).toBe('none');
    await perform(a, { do: 'lyncSignIn', user: 'alice' });
    expect(await see(a, 'lync')).toBe('p0');
  });

  it('copies the mailbox photo into Viva Engage when the user opens it (microsoft-2024)', async () => {
    const a = await sim('microsoft-2024');
    await perform(a, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' });
    await wait(a, HOUR);
    await perform(a, { do: 'openYammer', user: 'alice' });
    await wait(a, 6 * HOUR);
    expect(await see(a, 'yammer')).toBe('p1');
  });

  it('empties Teams on restart: the old photo no longer shows', async () => {
    const a = await sim('microsoft-2024');
    expect(await see(a, 'teams')).toBe('p0');
    await perform(a, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' });
    await wait(a, HOUR);
    await perform(a, { do: 'restartClient', viewer: 'bob', client: 'teams' });
    for (let i = 0; i < 10; i++) expect(await see(a, 'teams')).toBe('p1');
  });

  it('injects faults: an action of unknown outcome took effect in some runs and not in others', async () => {
    const tookEffect = new Set<boolean>();
    for (const seed of SEEDS) {
      const a = await sim('threewill-2014', seed, [alice()], 0.5);
      const outcome = await perform(a, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' });
      if (outcome.status !== 'unknown') continue;
      expect(outcome.reason).toMatch(/fault/);
      await wait(a, MINUTE);
      for (let i = 0; i < 20; i++) {
        const o = await a.observe('graph', 'alice', 'bob');
        if (o.status === 'seen') {
          tookEffect.add(o.photo === 'p1');
          break;
        }
      }
    }
    expect(tookEffect).toEqual(new Set([true, false]));
  });

  it('never answers unknown without faults', async () => {
    const a = await sim('exchange-2015');
    for (const s of a.capabilities.surfaces) expect((await a.observe(s, 'alice', 'bob')).status).toBe('seen');
    expect((await perform(a, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'outlook-web' })).status).toBe('ok');
  });

  it('offers neither Delve nor Lync in microsoft-2026, and the photo update settings in every tenant (DELVE-RETIRED)', async () => {
    const caps = createSimTenant({ profile: 'microsoft-2026', seed: 1 }).capabilities;
    expect([caps.surfaces.includes('delve'), caps.surfaces.includes('lync'), caps.surfaces.includes('teams')]).toEqual([
      false,
      false,
      true,
    ]);
    for (const profile of [...OLD_PROFILES, 'microsoft-2026']) {
      const c = createSimTenant({ profile, seed: 1 }).capabilities;
      expect(c.actions).toContain('setPhotoSettings');
      expect(c.surfaces.includes('delve')).toBe(profile !== 'microsoft-2026');
    }
    const a = await sim('microsoft-2026');
    expect((await a.observe('delve', 'alice', 'bob')).status).toBe('unknown');
    const kept = createSimTenant({ profile: 'microsoft-2026', seed: 1, mutant: { id: 'delve-kept', deviation: { delvePresent: true } } });
    await kept.setup([alice()]);
    expect(await see(kept, 'delve')).toBe('p0');
  });

  it('accepts a settings change in a tenant without PHOTO-SOURCE, and it changes nothing', async () => {
    for (const profile of OLD_PROFILES) {
      const a = await sim(profile);
      expect((await perform(a, { do: 'setPhotoSettings', source: 'onPremises' })).status).toBe('ok');
      await wait(a, 10 * DAY);
      expect((await setPhoto(a, 'p1', 'graph')).status).toBe('ok');
      await wait(a, HOUR);
      expect(await see(a, 'graph')).toBe('p1');
    }
  });

  it('judges photo changes by settings that take effect within settingsLag (PHOTO-SOURCE)', async () => {
    const during = new Set<string>();
    for (const seed of SEEDS) {
      const a = await sim('microsoft-2026', seed);
      await perform(a, { do: 'setPhotoSettings', source: 'onPremises' });
      await wait(a, 12 * HOUR);
      during.add((await setPhoto(a, 'p1', 'graph')).status);
      await wait(a, 12 * HOUR);
      expect((await setPhoto(a, 'p2', 'graph')).status).toBe('rejected');
      expect((await setPhoto(a, 'p2', 'outlook-desktop')).status).toBe('rejected');
      expect((await perform(a, { do: 'removePhoto', user: 'alice', via: 'graph' })).status).toBe('rejected');
      expect((await setPhoto(a, 'p3', 'on-prem-ad')).status).toBe('ok');
      await wait(a, 30 * MINUTE + 4 * HOUR);
      expect(await see(a, 'graph')).toBe('p3');
    }
    expect(during).toEqual(new Set(['ok', 'rejected']));
  });

  it('starts with the settings setup gives, in effect at once', async () => {
    const a = await sim('microsoft-2026', 1, [alice()], 0, { source: 'onPremises', allowedRoles: [] });
    expect((await setPhoto(a, 'p1', 'graph')).status).toBe('rejected');
  });

  it('lets only the roles allowed change photos in the cloud; admin holds every role; AD writes no longer reach Exchange', async () => {
    const users = [alice({ roles: ['Reader'] }), { ...defaultUser('bob'), roles: ['PhotoAdmin'] }];
    for (const seed of SEEDS.slice(0, 10)) {
      const a = await sim('microsoft-2026', seed, users, 0, { source: 'cloud', allowedRoles: ['PhotoAdmin'] });
      expect((await setPhoto(a, 'p1', 'graph')).status).toBe('rejected');
      expect((await setPhoto(a, 'p1', 'graph', { by: 'bob' })).status).toBe('ok');
      expect((await setPhoto(a, 'p2', 'graph', { by: 'admin' })).status).toBe('ok');
      await wait(a, 5 * HOUR);
      expect((await setPhoto(a, 'p3', 'on-prem-ad')).status).toBe('ok');
      await wait(a, 10 * HOUR);
      expect(await see(a, 'graph')).toBe('p2');
    }
  });

  it('judges an AD write when it is made, even if DirSync carries it after the settings changed', async () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const a = createSimTenant({ profile: 'microsoft-2026', seed, mutant: { id: 'instant-settings', deviation: { settingsLagMs: 0 } } });
      await a.setup([alice()]);
      await setPhoto(a, 'p1', 'on-prem-ad');
      await wait(a, 1);
      await perform(a, { do: 'setPhotoSettings', source: 'cloud' });
      await wait(a, 30 * MINUTE + 4 * HOUR);
      expect(await see(a, 'graph')).toBe('p1');
      await setPhoto(a, 'p2', 'on-prem-ad');
      await wait(a, 30 * MINUTE + 4 * HOUR);
      expect(await see(a, 'graph')).toBe('p1');
    }
  });

  it('refuses a photo in Outlook on the web and Teams only, where SetPhotoEnabled is off (PHOTO-POLICY-OWA)', async () => {
    const a = await sim('microsoft-2026', 1, [alice({ setPhotoEnabled: false })]);
    expect((await setPhoto(a, 'p1', 'outlook-web')).status).toBe('rejected');
    expect((await setPhoto(a, 'p1', 'teams')).status).toBe('rejected');
    expect((await setPhoto(a, 'p1', 'outlook-desktop')).status).toBe('ok');
    expect((await setPhoto(a, 'p2', 'sharepoint')).status).toBe('ok');
    await perform(a, { do: 'setPolicy', user: 'alice', setPhotoEnabled: true });
    expect((await setPhoto(a, 'p3', 'outlook-web')).status).toBe('ok');
  });

  it('carries every AD photo to Exchange, not only the first, and none over 10,240 bytes (AD-PERIODIC, AD-SIZE)', async () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const a = await sim('microsoft-2026', seed, [alice({ adSynced: true })]);
      await setPhoto(a, 'p1', 'on-prem-ad');
      await wait(a, 30 * MINUTE + 4 * HOUR);
      expect(await see(a, 'graph')).toBe('p1');
      await setPhoto(a, 'p2', 'on-prem-ad');
      await wait(a, 30 * MINUTE + 4 * HOUR);
      expect(await see(a, 'graph')).toBe('p2');
      await setPhoto(a, 'p3', 'on-prem-ad', { bytes: 10_241 });
      await wait(a, 30 * MINUTE + 4 * HOUR);
      expect(await see(a, 'graph')).toBe('p2');
    }
  });

  it('keeps one of an AD photo and a cloud photo made less than dirSyncInterval apart, once both have surely landed', async () => {
    const kept = new Set<Photo>();
    for (const seed of SEEDS) {
      const a = await sim('microsoft-2026', seed);
      await setPhoto(a, 'p1', 'on-prem-ad');
      await wait(a, 10 * MINUTE);
      await setPhoto(a, 'p2', 'graph');
      for (let i = 0; i < 4; i++) expect(['p0', 'p1', 'p2']).toContain(await see(a, 'graph'));
      await wait(a, 30 * MINUTE + 4 * HOUR);
      const final = new Set<Photo>();
      for (let i = 0; i < 8; i++) final.add(await see(a, 'graph'));
      expect(final.size).toBe(1);
      kept.add([...final][0]!);
    }
    expect(kept).toEqual(new Set(['p1', 'p2']));
  });

  it('keeps the later of an AD photo and a cloud photo made dirSyncInterval or more apart', async () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const a = await sim('microsoft-2026', seed);
      await setPhoto(a, 'p1', 'on-prem-ad');
      await wait(a, 31 * MINUTE);
      await setPhoto(a, 'p2', 'graph');
      await wait(a, 5 * HOUR);
      expect(await see(a, 'graph')).toBe('p2');
    }
  });

  it('takes Edit-Cancel for a visit only in microsoft-2026: SharePoint gets the photo within spPickup, not at once', async () => {
    const atOnce = new Set<boolean>();
    for (const seed of SEEDS.slice(0, 20)) {
      const a = await sim('microsoft-2026', seed);
      await setPhoto(a, 'p1', 'graph');
      await wait(a, 4 * HOUR);
      await perform(a, { do: 'editCancel', user: 'alice' });
      atOnce.add((await see(a, 'sp-newsfeed')) === 'p1');
      await wait(a, DAY);
      expect(await see(a, 'sp-newsfeed')).toBe('p1');
    }
    // a push lands at a random instant of spPickup: rarely at once
    expect(atOnce.has(false)).toBe(true);
  });

  it('shows in Teams, after a restart, a photo the service read less than teamsServiceCache ago (microsoft-2026)', async () => {
    const after = new Set<Photo>();
    for (const seed of SEEDS) {
      const a = await sim('microsoft-2026', seed);
      expect(await see(a, 'teams')).toBe('p0');
      await setPhoto(a, 'p1', 'graph');
      await wait(a, 4 * HOUR);
      await perform(a, { do: 'restartClient', viewer: 'bob', client: 'teams' });
      after.add(await see(a, 'teams'));
      await wait(a, 3 * DAY);
      await perform(a, { do: 'restartClient', viewer: 'bob', client: 'teams' });
      for (let i = 0; i < 5; i++) expect(await see(a, 'teams')).toBe('p1');
    }
    expect(after).toEqual(new Set(['p0', 'p1']));
  });
});
