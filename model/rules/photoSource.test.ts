import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, see, setPhoto } from '../scenario.testkit.js';
import type { PhotoSource } from '../vocabulary.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob', roles: ['photo-admin'] });
const settings = (at: string, source: PhotoSource, allowedRoles: string[] = [], result: Result = 'ok'): Step => ({
  at,
  do: 'setPhotoSettings',
  source,
  allowedRoles,
  result,
});
const refused = (line: number) => ({ verdict: 'diverges', divergence: { line, allowed: ['rejected'], rules: ['PHOTO-SOURCE'] } });
const accepted = (line: number) => ({ verdict: 'diverges', divergence: { line, allowed: ['ok'] } });
// refused where what the subject's own actions told of the settings leaves none that refuses
const toldAccepted = (line: number) => ({
  verdict: 'diverges',
  divergence: { line, allowed: ['ok'], rules: expect.arrayContaining(['PHOTO-SOURCE']) },
});

// MSDOC profilephoto-configure-settings (2024): photoUpdateSettings.source and allowedRoles;
// microsoft-2026: settingsLag 24 h, dirSyncInterval 30 min, exoLag 4 h
describe('PHOTO-SOURCE', () => {
  const cloudAdmins = { source: 'cloud' as const, allowedRoles: ['photo-admin'] };

  it('cloud with allowed roles: refuses a change by a user who has none of them, takes one by a user who has', () => {
    expect(check('microsoft-2026', people, [setPhoto('+0s', 'graph', 'p1', 'rejected')], cloudAdmins)).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [setPhoto('+0s', 'graph', 'p1')], cloudAdmins)).toMatchObject(refused(2));
    const byBob: Step = { at: '+0s', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p1', by: 'bob' };
    expect(check('microsoft-2026', people, [byBob], cloudAdmins)).toEqual(conforms('microsoft-2026'));
    const byAdmin: Step = { at: '+0s', do: 'removePhoto', user: 'alice', via: 'graph', by: 'admin' };
    expect(check('microsoft-2026', people, [byAdmin], cloudAdmins)).toEqual(conforms('microsoft-2026'));
  });

  it('cloud with no allowed roles: takes a change by anyone, refuses none', () => {
    const cloud = { source: 'cloud' as const, allowedRoles: [] };
    expect(check('microsoft-2026', people, [setPhoto('+0s', 'graph', 'p1'), see('+5h', 'graph', 'p1')], cloud)).toEqual(
      conforms('microsoft-2026'),
    );
    expect(check('microsoft-2026', people, [setPhoto('+0s', 'graph', 'p1', 'rejected')], cloud)).toMatchObject(accepted(2));
  });

  it('cloud: an AD photo no longer reaches Exchange', () => {
    const ad: Step = { at: '+0s', do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo: 'p1' };
    const cloud = { source: 'cloud' as const, allowedRoles: [] };
    expect(check('microsoft-2026', people, [ad, see('+5h', 'graph', 'p0')], cloud)).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [ad, see('+5h', 'graph', 'p1')], cloud)).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 3, allowed: ['p0'], rules: expect.arrayContaining(['PHOTO-SOURCE']) },
    });
  });

  it('onPremises: refuses every change but the AD one', () => {
    const onPremises = { source: 'onPremises' as const, allowedRoles: [] };
    expect(check('microsoft-2026', people, [setPhoto('+0s', 'outlook-web', 'p1')], onPremises)).toMatchObject(refused(2));
    const ad: Step = { at: '+0s', do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo: 'p1' };
    expect(check('microsoft-2026', people, [ad, see('+5h', 'graph', 'p1')], onPremises)).toEqual(conforms('microsoft-2026'));
  });

  it('takes a change of the settings within settingsLag: meanwhile either answer, after it the new one only', () => {
    const change = settings('+0s', 'onPremises');
    expect(check('microsoft-2026', people, [change, setPhoto('+1h', 'graph', 'p1')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [change, setPhoto('+1h', 'graph', 'p1', 'rejected')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [change, setPhoto('+25h', 'graph', 'p1')])).toMatchObject(refused(3));
  });

  it('judges an AD write by the settings of its own time, even if DirSync carries it later', () => {
    // cloud from +0s on: an AD write at +23h may be judged by the old settings and reach Exchange,
    // one at +25h surely is not
    const early = [settings('+0s', 'cloud'), { at: '+23h', do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo: 'p1' } as Step];
    expect(check('microsoft-2026', people, [...early, see('+30h', 'graph', 'p1')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [...early, see('+30h', 'graph', 'p0')])).toEqual(conforms('microsoft-2026'));
    const late = [settings('+0s', 'cloud'), { at: '+25h', do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo: 'p1' } as Step];
    expect(check('microsoft-2026', people, [...late, see('+30h', 'graph', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 4 },
    });
  });

  it('keeps both settings possible for good after a change of unknown outcome (a superset: it never cries wolf)', () => {
    const steps = [settings('+0s', 'onPremises', [], 'unknown'), setPhoto('+2d', 'graph', 'p1')];
    expect(check('microsoft-2026', people, steps)).toEqual(conforms('microsoft-2026'));
    expect(
      check('microsoft-2026', people, [settings('+0s', 'onPremises', [], 'unknown'), setPhoto('+2d', 'graph', 'p1', 'rejected')]),
    ).toEqual(conforms('microsoft-2026'));
  });

  describe("a settings change of unknown outcome, told by the subject's own actions", () => {
    const unknownChange = settings('+0s', 'onPremises', [], 'unknown');

    it('a change taken tells it did not happen: a later refusal diverges', () => {
      const steps = [unknownChange, setPhoto('+2d', 'graph', 'p1'), setPhoto('+3d', 'graph', 'p2', 'rejected')];
      expect(check('microsoft-2026', people, steps)).toMatchObject(toldAccepted(4));
      // within the lag the change taken tells nothing: either settings may have judged it
      const early = [unknownChange, setPhoto('+1h', 'graph', 'p1'), setPhoto('+3d', 'graph', 'p2', 'rejected')];
      expect(check('microsoft-2026', people, early)).toEqual(conforms('microsoft-2026'));
    });

    it('within the lag, a change only the new settings take tells it happened', () => {
      // onPremises refuses a Graph change; the change to unset, of unknown outcome, is the only way it is taken
      const onPremises = { source: 'onPremises' as const, allowedRoles: [] };
      const change = settings('+0s', 'unset', [], 'unknown');
      const steps = [change, setPhoto('+1h', 'graph', 'p1'), setPhoto('+2d', 'graph', 'p2', 'rejected')];
      expect(check('microsoft-2026', people, steps, onPremises)).toMatchObject(toldAccepted(4));
      const alone = [change, setPhoto('+2d', 'graph', 'p2', 'rejected')];
      expect(check('microsoft-2026', people, alone, onPremises)).toEqual(conforms('microsoft-2026'));
    });

    it('a change refused tells it happened: a later change taken diverges', () => {
      const steps = [unknownChange, setPhoto('+2d', 'graph', 'p1', 'rejected'), setPhoto('+3d', 'graph', 'p2')];
      expect(check('microsoft-2026', people, steps)).toMatchObject(refused(4));
      const alone = [unknownChange, setPhoto('+3d', 'graph', 'p2')];
      expect(check('microsoft-2026', people, alone)).toEqual(conforms('microsoft-2026'));
    });

    it("another subject's action teaches the subject nothing (each is checked apart: a superset)", () => {
      const bobs: Step = { at: '+2d', do: 'setPhoto', user: 'bob', via: 'graph', photo: 'p1' };
      const steps = [unknownChange, bobs, setPhoto('+3d', 'graph', 'p2', 'rejected')];
      expect(check('microsoft-2026', people, steps)).toEqual(conforms('microsoft-2026'));
    });

    it('of two such changes, rules out only what the outcome rules out', () => {
      const two = [settings('+0s', 'cloud', ['photo-admin'], 'unknown'), settings('+1d', 'onPremises', [], 'unknown')];
      // bob, who has the role, changes alice's photo: the later change did not happen, the earlier may have
      const byBob: Step = { at: '+3d', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p1', by: 'bob' };
      expect(check('microsoft-2026', people, [...two, byBob, setPhoto('+4d', 'graph', 'p2', 'rejected')])).toEqual(
        conforms('microsoft-2026'),
      );
      const byBobAgain: Step = { ...byBob, at: '+4d', photo: 'p2', result: 'rejected' };
      expect(check('microsoft-2026', people, [...two, byBob, byBobAgain])).toMatchObject(toldAccepted(5));
      // alice herself, who has none: neither happened
      expect(check('microsoft-2026', people, [...two, setPhoto('+3d', 'graph', 'p1'), byBobAgain])).toMatchObject(toldAccepted(5));
    });

    // review of 2026-12-07 (evening): an AD write that reaches Exchange under one settings and not
    // under the other is a world for each, and each world keeps its settings for the next AD write
    it('judges two AD writes after the change by the same outcome of it, so a read of Exchange rules a mix out', () => {
      const ad = (at: string, photo: string): Step => ({ at, do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo });
      const steps = [settings('+1m', 'cloud', [], 'unknown'), ad('+2d', 'p1'), ad('+4d', 'p4')];
      // it happened: neither reaches Exchange; it did not: both do, p4 last
      expect(check('microsoft-2026', people, [...steps, see('+5d', 'graph', 'p0')])).toEqual(conforms('microsoft-2026'));
      expect(check('microsoft-2026', people, [...steps, see('+5d', 'graph', 'p4')])).toEqual(conforms('microsoft-2026'));
      expect(check('microsoft-2026', people, [...steps, see('+5d', 'graph', 'p1')])).toMatchObject({
        verdict: 'diverges',
        divergence: { line: 5, allowed: ['p0', 'p4'], rules: expect.arrayContaining(['PHOTO-SOURCE']) },
      });
    });

    it('learns the outcome from a read of Exchange that only one outcome of an AD write allows', () => {
      const steps = [
        settings('+0s', 'cloud', ['photo-admin'], 'unknown'),
        { at: '+2h', do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo: 'p1' } as Step,
      ];
      // Exchange never took the AD photo: the change happened (the write came within the lag, judged by cloud)
      const told = [...steps, see('+1d1h', 'graph', 'p0')];
      expect(check('microsoft-2026', people, [...told, setPhoto('+1d2h', 'graph', 'p2', 'rejected')])).toEqual(conforms('microsoft-2026'));
      expect(check('microsoft-2026', people, [...told, setPhoto('+1d2h', 'graph', 'p2')])).toMatchObject(refused(5));
    });
  });

  it('changes nothing in a profile without it, and a refused settings change diverges', () => {
    expect(check('microsoft-2024', people, [settings('+0s', 'onPremises'), setPhoto('+2d', 'graph', 'p1')])).toEqual(
      conforms('microsoft-2024'),
    );
    expect(check('microsoft-2026', people, [settings('+0s', 'cloud', [], 'rejected')])).toMatchObject(accepted(2));
  });

  // a refusal diverges only where accepting would have changed something (README, "Readings")
  it('a refused change to the settings in force conforms, in any order of roles; to others it diverges', () => {
    expect(check('microsoft-2026', people, [settings('+0s', 'unset', [], 'rejected')])).toEqual(conforms('microsoft-2026'));
    const inForce = { source: 'cloud' as const, allowedRoles: ['a', 'b'] };
    expect(check('microsoft-2026', people, [settings('+0s', 'cloud', ['b', 'a'], 'rejected')], inForce)).toEqual(
      conforms('microsoft-2026'),
    );
    expect(check('microsoft-2026', people, [settings('+0s', 'cloud', ['a'], 'rejected')], inForce)).toMatchObject(accepted(2));
    // made again two days after it took effect: nothing to change
    const again = [settings('+0s', 'cloud'), settings('+2d', 'cloud', [], 'rejected')];
    expect(check('microsoft-2026', people, again)).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [settings('+0s', 'cloud'), settings('+2d', 'unset', [], 'rejected')])).toMatchObject(
      accepted(3),
    );
    // a refusal that changes nothing tells nothing of a settings change of unknown outcome either
    const policy: Step = { at: '+4d5h', do: 'setPolicy', user: 'bob', setPhotoEnabled: true, result: 'rejected' };
    const bobs: Step = { at: '+4d17h', do: 'setPhoto', user: 'bob', via: 'graph', photo: 'p3', result: 'rejected' };
    expect(check('microsoft-2026', people, [settings('+0s', 'onPremises', [], 'unknown'), policy, bobs])).toEqual(
      conforms('microsoft-2026'),
    );
    // after a change of unknown outcome, either the old settings or the new may be in force
    const unsure = [settings('+0s', 'cloud', [], 'unknown'), setPhoto('+2d', 'graph', 'p1'), settings('+3d', 'unset', [], 'rejected')];
    expect(check('microsoft-2026', people, unsure)).toEqual(conforms('microsoft-2026'));
  });
});
