import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see } from '../scenario.testkit.js';
import type { Via } from '../vocabulary.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const set = (at: string, via: Via, result: Result = 'ok'): Step => ({ at, do: 'setPhoto', user: 'alice', via, photo: 'p1', result });

// TW14: a change made outside SharePoint "shows quickly in Outlook or Lync" (exoLag 60 s in 2014)
describe('EXO-FAST', () => {
  it('lets Graph show the old photo while the new one is in flight, then the new one (TW14)', () => {
    const steps = [set('+0s', 'outlook-web'), see('+30s', 'graph', 'p0'), see('+5m', 'graph', 'p1')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it('diverges when Graph still shows the old photo after exoLag (TW14)', () => {
    const steps = [set('+0s', 'outlook-web'), see('+2m', 'graph', 'p0')];
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(3, ['p1'], 'EXO-FAST'));
  });

  it.each(['sharepoint', 'outlook-web', 'outlook-desktop', 'lync', 'admin-cmdlet', 'graph'] as const)(
    'carries a setPhoto via %s to exchange within exoLag',
    (via) => {
      expect(check('threewill-2014', people, [set('+0s', via), see('+2m', 'graph', 'p1')])).toEqual(conforms('threewill-2014'));
      expect(check('threewill-2014', people, [set('+0s', via), see('+2m', 'graph', 'p0')])).toMatchObject(diverges(3, ['p1'], 'EXO-FAST'));
    },
  );

  it('carries a removePhoto to exchange as none', () => {
    const remove: Step = { at: '+0s', do: 'removePhoto', user: 'alice', via: 'graph' };
    expect(check('threewill-2014', people, [remove, see('+2m', 'graph', 'none')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [remove, see('+2m', 'graph', 'p0')])).toMatchObject(diverges(3, ['none'], 'EXO-FAST'));
  });

  it('closes the window at its end: the old photo is allowed at exoLag - 1 s, not at exoLag', () => {
    expect(check('threewill-2014', people, [set('+0s', 'graph'), see('+59s', 'graph', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [set('+0s', 'graph'), see('+60s', 'graph', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'EXO-FAST'),
    );
  });

  it('uses the profile exoLag: 30 min of old photo conforms to microsoft-2024 (1 h), not to threewill-2014 (60 s)', () => {
    const steps = [set('+0s', 'graph'), see('+30m', 'graph', 'p0')];
    expect(check('microsoft-2024', people, steps)).toEqual(conforms('microsoft-2024'));
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(3, ['p1'], 'EXO-FAST'));
  });

  it('keeps both outcomes of an unknown setPhoto open', () => {
    expect(check('threewill-2014', people, [set('+0s', 'graph', 'unknown'), see('+1h', 'graph', 'p0')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', people, [set('+0s', 'graph', 'unknown'), see('+1h', 'graph', 'p1')])).toEqual(
      conforms('threewill-2014'),
    );
  });

  it('once Graph has shown the photo of an unknown setPhoto, it took effect: the old one diverges', () => {
    const steps = [set('+0s', 'graph', 'unknown'), see('+1h', 'graph', 'p1'), see('+2h', 'graph', 'p0')];
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(4, ['p1'], 'EXO-FAST'));
  });

  // SPEC section 4, time windows: at t any value the source held in [t - exoLag, t] may show; the new one "may be shown or not"
  it('lets Graph show the old photo inside the window even after it once showed the new one', () => {
    const steps = [set('+0s', 'outlook-web'), see('+10s', 'graph', 'p1'), see('+20s', 'graph', 'p0')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it('does not carry a setPhoto via yammer to exchange', () => {
    expect(check('threewill-2014', people, [set('+0s', 'yammer'), see('+1d', 'graph', 'p0')])).toEqual(conforms('threewill-2014'));
  });
});
