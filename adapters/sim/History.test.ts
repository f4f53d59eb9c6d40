import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../model/Params.js';
import { PROFILE_IDS } from '../../model/profiles.js';
import { defaultUser, type Action, type Photo, type UserInit } from '../../model/vocabulary.js';
import { perform, type Adapter } from '../Adapter.js';
import { HISTORY_VIEWERS, playHistory } from './History.js';
import { Random } from './Random.js';
import { capabilitiesOf, createSimTenant, DEFAULT_START } from './SimTenant.js';
import { context, SEEDS } from './sim.testkit.js';
import { SimulatedTenant } from './SimulatedTenant.js';

const USERS: UserInit[] = [
  { ...defaultUser('alice'), photo: 'p0', mySite: true, lync: 'online', roles: ['PhotoAdmin'] },
  { ...defaultUser('bob'), photo: 'p1' },
];

async function asIs(profile: string, seed: number): Promise<Adapter> {
  const a = createSimTenant({ profile, seed, asIs: true });
  await a.setup(USERS);
  return a;
}

async function look(a: Adapter, surface: Parameters<Adapter['observe']>[0], user: string, viewer = 'frank'): Promise<Photo> {
  const o = await a.observe(surface, user, viewer);
  if (o.status !== 'seen') throw new Error(`${surface}: ${o.reason}`);
  return o.photo;
}

describe('a simulated tenant with a history (asIs)', () => {
  it('starts the trace after its history, later than `start`, and is deterministic for its seed', async () => {
    const lengths: number[] = [];
    for (const seed of SEEDS.slice(0, 20)) {
      const a = await asIs('microsoft-2026', seed);
      const b = await asIs('microsoft-2026', seed);
      expect(a.clock.now()).toBe(b.clock.now());
      expect(await a.survey!(['alice', 'bob'])).toEqual(await b.survey!(['alice', 'bob']));
      for (const x of [a, b]) await perform(x, { do: 'setPhoto', user: 'alice', photo: 'p2', via: 'graph' });
      expect(await look(a, 'teams', 'alice', 'dave')).toBe(await look(b, 'teams', 'alice', 'dave'));
      lengths.push(a.clock.now() - DEFAULT_START);
    }
    expect(Math.min(...lengths)).toBeGreaterThan(0);
    expect(Math.min(...lengths)).toBeLessThan(2 * DAY);
    expect(Math.max(...lengths)).toBeGreaterThan(7 * DAY);
  });

  it('has a survey only when taken as it is', async () => {
    expect(createSimTenant({ profile: 'threewill-2014', seed: 1 }).survey).toBeUndefined();
    expect((await asIs('threewill-2014', 1)).survey).toBeDefined();
  });

  it('surveys the ids asked for and every user the history touched (dave and erin looked), never admin', async () => {
    const listed = new Set<string>();
    for (const seed of SEEDS.slice(0, 20)) {
      const a = await asIs('microsoft-2024', seed);
      const ids = (await a.survey!(['alice', 'carol'])).users.map((u) => u.id);
      expect(ids.slice(0, 2)).toEqual(['alice', 'carol']);
      expect(ids).toContain('bob');
      expect(ids).not.toContain('admin');
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) listed.add(id);
    }
    for (const v of HISTORY_VIEWERS) expect(listed).toContain(v);
  });

  it.each(PROFILE_IDS)(
    'shows at the start, in %s, every store the survey read as settled, and keeps it while nothing is done',
    async (profile) => {
      let known = 0;
      for (const seed of SEEDS) {
        const a = await asIs(profile, seed);
        const survey = await a.survey!(['alice', 'bob']);
        const sharepointSurface = profile === 'microsoft-2026' ? 'sp-newsfeed' : 'delve';
        for (let round = 0; round < 2; round++) {
          for (const u of survey.users) {
            const { exchange, sharepoint, yammer } = u.stores!;
            expect(u.photo).toBe(exchange === 'unknown' ? 'p0' : exchange);
            for (let i = 0; i < 4; i++) {
              if (exchange !== 'unknown') expect(await look(a, 'graph', u.id), `${u.id} exchange, seed ${seed}`).toBe(exchange);
              if (sharepoint !== 'unknown')
                expect(await look(a, sharepointSurface, u.id), `${u.id} sharepoint, seed ${seed}`).toBe(sharepoint);
              if (yammer !== 'unknown') expect(await look(a, 'yammer', u.id), `${u.id} yammer, seed ${seed}`).toBe(yammer);
            }
            known += [exchange, sharepoint, yammer].filter((p) => p !== 'unknown').length;
          }
          // nothing on its way and no push due: a month without actions changes none of them
          await perform(a, { do: 'wait', ms: 30 * DAY });
        }
      }
      expect(known).toBeGreaterThan(100);
    },
  );

  it('starts in the settings the survey says, already in effect (microsoft-2026)', async () => {
    const sources = new Set<string>();
    for (const seed of SEEDS) {
      const a = await asIs('microsoft-2026', seed);
      const { photoSettings } = await a.survey!(['alice']);
      sources.add(photoSettings.source);
      const outcome = await perform(a, { do: 'setPhoto', user: 'bob', photo: 'p3', via: 'graph', by: 'admin' });
      expect(outcome.status).toBe(photoSettings.source === 'onPremises' ? 'rejected' : 'ok');
    }
    expect(sources.size).toBeGreaterThan(1);
  });

  it('reads back the users as they are: roles, policy, presence, My Site', async () => {
    const states = new Set<string>();
    for (const seed of SEEDS.slice(0, 30)) {
      const a = await asIs('threewill-2014', seed);
      const [alice] = (await a.survey!(['alice'])).users;
      expect(alice!.roles).toEqual(['PhotoAdmin']);
      expect([alice!.spUpdated, alice!.pending, alice!.caches]).toEqual(['unknown', 'unknown', 'unknown']);
      states.add(`${alice!.lync} ${alice!.setPhotoEnabled}`);
    }
    expect(states.size).toBeGreaterThan(1);
  });
});

describe('playHistory', () => {
  /** a tenant whose every action is logged with its time */
  function logged(profile: string, seed: number) {
    const ctx = context(profile, seed);
    const tenant = new SimulatedTenant(ctx);
    for (const u of USERS) tenant.addUser(u);
    const log: { at: number; action: Action }[] = [];
    const apply = tenant.apply.bind(tenant);
    tenant.apply = (action) => {
      log.push({ at: ctx.clock.now(), action });
      return apply(action);
    };
    return { ctx, tenant, log };
  }

  it.each(PROFILE_IDS)(
    'leaves %s quiet: no AD write within dirSyncInterval + exoLag, no settings change within settingsLag',
    async (profile) => {
      const kinds = new Set<string>();
      for (const seed of SEEDS) {
        const { ctx, tenant, log } = logged(profile, seed);
        const b = ctx.behaviour;
        await playHistory(tenant, ctx.clock, new Random(seed), capabilitiesOf(b), b, ['alice', 'bob'], ['PhotoAdmin']);
        const start = ctx.clock.now();
        for (const { at, action } of log) {
          kinds.add(action.do === 'setPhoto' ? action.via : action.do);
          if (action.do === 'setPhoto' && action.via === 'on-prem-ad')
            expect(start - at).toBeGreaterThanOrEqual(b.param('dirSyncInterval') + b.param('exoLag'));
          if (action.do === 'setPhotoSettings' && b.has('PHOTO-SOURCE')) expect(start - at).toBeGreaterThanOrEqual(b.param('settingsLag'));
        }
        expect(tenant.quietFrom()).toBeLessThanOrEqual(start);
      }
      // every path and kind of action the tenant has is played, over the seeds
      const caps = capabilitiesOf(tenantBehaviourOf(profile));
      for (const via of caps.vias) expect(kinds).toContain(via);
      for (const k of caps.actions) if (k !== 'wait' && k !== 'setPhoto') expect(kinds).toContain(k);
    },
  );

  it('spans hours to a couple of weeks', async () => {
    const spans: number[] = [];
    for (const seed of SEEDS) {
      const { ctx, tenant, log } = logged('microsoft-2024', seed);
      await playHistory(tenant, ctx.clock, new Random(seed), capabilitiesOf(ctx.behaviour), ctx.behaviour, ['alice'], []);
      spans.push(log.at(-1)!.at - log[0]!.at);
    }
    expect(Math.min(...spans)).toBeLessThan(DAY);
    expect(Math.max(...spans)).toBeGreaterThan(7 * DAY);
    expect(Math.max(...spans)).toBeLessThan(14 * DAY + HOUR);
  });
});

function tenantBehaviourOf(profile: string) {
  return context(profile).behaviour;
}
