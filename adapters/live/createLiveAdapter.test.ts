import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../model/Params.js';
import { baselinePhoto, LiveRefusalError } from './createLiveAdapter.js';
import { liveOnEmulator, type LiveOnEmulator } from '../../harness/liveOnEmulator.js';
import type { LiveConfig } from './LiveConfig.js';

let live: LiveOnEmulator | undefined;
afterEach(async () => {
  await live?.close();
  live = undefined;
});

describe('the live adapter on the tenant emulator', () => {
  it('surveys the tenant as it is: each store as read, the rest unknown, the photo settings from Graph', async () => {
    live = await liveOnEmulator({ seed: 11, photo: 'p3' });
    await live.adapter.setup([]);
    const survey = await live.adapter.survey!(['alice', 'bob', 'admin']);
    expect(survey.users.map((u) => u.id)).toEqual(['alice', 'bob']);
    expect(survey.users[0]).toMatchObject({
      stores: { exchange: 'p3', sharepoint: 'p3', yammer: 'p3', ad: 'unknown' },
      spUpdated: 'unknown',
      pending: 'unknown',
      caches: 'unknown',
      setPhotoEnabled: true,
      mySite: true,
    });
    expect(survey.photoSettings).toEqual({ source: 'unset', allowedRoles: [] });
  });

  it('changes a photo through Graph as the user, and reads it back through Graph once Exchange has it', async () => {
    live = await liveOnEmulator({ seed: 12, profile: 'microsoft-2026' });
    const { adapter } = live;
    await adapter.setup([]);
    await expect(adapter.perform.setPhoto({ do: 'setPhoto', user: 'alice', photo: 'p2', via: 'graph' })).resolves.toEqual({ status: 'ok' });
    await adapter.perform.wait({ do: 'wait', ms: 5 * HOUR });
    await expect(adapter.observe('graph', 'alice', 'bob')).resolves.toEqual({ status: 'seen', photo: 'p2' });
    // Outlook on the web has no API: the emulator's scripted operator looks, and recognises the photo
    await expect(adapter.observe('owa-contact-card', 'alice', 'bob')).resolves.toEqual({ status: 'seen', photo: 'p2' });
  });

  it('refuses a user the config does not list before any request, and answers unknown for what it cannot see without an operator', async () => {
    live = await liveOnEmulator({ seed: 13 }, (c) => void (c.operator = 'none'));
    const { adapter } = live;
    expect(adapter.capabilities.surfaces).not.toContain('owa-email');
    expect(adapter.capabilities.actions).not.toContain('visitMySite');
    expect(adapter.capabilities.users).toEqual(['alice', 'bob', 'carol', 'dave']);
    await expect(adapter.perform.setPhoto({ do: 'setPhoto', user: 'mallory', photo: 'p1', via: 'graph' })).rejects.toBeInstanceOf(
      LiveRefusalError,
    );
    await expect(adapter.observe('owa-email', 'alice', 'bob')).resolves.toMatchObject({ status: 'unknown' });
    expect(await readdir(join(live.configPath, '..', 'photosync-live', 'originals')).catch(() => [])).toEqual([]);
  });

  it('refuses another tenant before any change: the token says which tenant it is for', async () => {
    live = await liveOnEmulator({ seed: 14 });
    const other = live;
    live = await liveOnEmulator({ seed: 15 }, (c) => {
      const config = c as unknown as LiveConfig;
      // the app and tenant of one emulator, asked of another: its token names the other tenant
      (c as { tenantId: string }).tenantId =
        other.emulator.config.tenantId === config.tenantId ? '00000000-0000-0000-0000-000000000001' : other.emulator.config.tenantId;
    });
    await expect(live.adapter.perform.setPhoto({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' })).rejects.toMatchObject({
      code: expect.stringMatching(/PHOTOSYNC_(WRONG_TENANT|SIGN_IN)/),
    });
    await other.close();
  });

  it("backs up each user's original photo before the first change, starts each run from a baseline, and puts the originals back", async () => {
    live = await liveOnEmulator({ seed: 16, photo: 'p5' });
    const { adapter } = live;
    await adapter.setup([]);
    await adapter.perform.setPhoto({ do: 'setPhoto', user: 'bob', photo: 'p1', via: 'graph', by: 'admin' });
    await adapter.perform.removePhoto({ do: 'removePhoto', user: 'alice', via: 'graph', by: 'admin' });
    // the next run: the tenant settles, then each changed user gets a photo no run sets
    await adapter.setup([]);
    const survey = await adapter.survey!(['alice', 'bob', 'carol']);
    expect(survey.users.map((u) => u.stores?.exchange)).toEqual([baselinePhoto(0), baselinePhoto(1), 'p5']);
    const restored = await adapter.restoreOriginals();
    expect(restored.map((r) => [r.id, r.what, r.outcome])).toEqual([
      ['alice', 'photo', 'restored'],
      ['bob', 'photo', 'restored'],
    ]);
    await adapter.perform.wait({ do: 'wait', ms: 5 * HOUR });
    await expect(adapter.observe('graph', 'alice', 'carol')).resolves.toEqual({ status: 'seen', photo: 'p5' });
    await expect(adapter.observe('graph', 'bob', 'carol')).resolves.toEqual({ status: 'seen', photo: 'p5' });
    expect(await adapter.restoreOriginals()).toEqual([]);
  });

  it('puts a user back to a baseline only where the run may put a photo the user may hold', async () => {
    live = await liveOnEmulator({ seed: 18, photo: 'p5' });
    const { adapter } = live;
    await adapter.setup([]);
    await adapter.perform.setPhoto({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph', by: 'admin' });
    await adapter.perform.setPhoto({ do: 'setPhoto', user: 'bob', photo: 'p2', via: 'graph', by: 'admin' });
    await adapter.perform.removePhoto({ do: 'removePhoto', user: 'carol', via: 'graph', by: 'admin' });
    const before = adapter.requests();
    // alice may hold p1, which the run puts again; bob's p2 and carol's none are not among the run's
    const puts = new Map([
      ['alice', new Set(['p3', 'p1'])],
      ['bob', new Set(['p1', 'none'])],
      ['carol', new Set(['p2'])],
    ]);
    await adapter.setup([], undefined, puts);
    expect(adapter.requests() - before).toBe(1);
    const survey = await adapter.survey!(['alice', 'bob', 'carol']);
    expect(survey.users.map((u) => u.stores?.exchange)).toEqual([baselinePhoto(0), 'p2', 'none']);
    // the next run puts none in carol's mailbox, which she may hold: she is put back too
    await adapter.setup([], undefined, new Map([['carol', new Set(['none'])]]));
    expect((await adapter.survey!(['carol'])).users[0]!.stores?.exchange).toBe(baselinePhoto(2));
  });

  it('keeps its own account of the OWA policy, which no API shows, and sets it back at the end', async () => {
    live = await liveOnEmulator({ seed: 17, profile: 'microsoft-2024' });
    const { adapter } = live;
    await adapter.setup([]);
    await expect(adapter.perform.setPolicy({ do: 'setPolicy', user: 'carol', setPhotoEnabled: false })).resolves.toEqual({ status: 'ok' });
    await adapter.setup([]);
    expect((await adapter.survey!(['carol'])).users[0]!.setPhotoEnabled).toBe(false);
    const restored = await adapter.restoreOriginals();
    expect(restored).toContainEqual(expect.objectContaining({ id: 'carol', what: 'policy', outcome: 'restored' }));
    await adapter.setup([]);
    expect((await adapter.survey!(['carol'])).users[0]!.setPhotoEnabled).toBe(true);
  });
});
