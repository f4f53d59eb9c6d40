import { describe, expect, it } from 'vitest';
import { SURFACES, type Action } from '../../model/vocabulary.js';
import { actionInstructions, actorOf, lookInstructions } from './instructions.js';

const upn = (id: string) => (id === 'admin' ? 'an administrator' : `${id}@contoso.test`);

const ACTIONS: Exclude<Action, { do: 'wait' }>[] = [
  { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'outlook-web' },
  { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'admin-cmdlet', by: 'admin' },
  { do: 'removePhoto', user: 'alice', via: 'admin-cmdlet', by: 'admin' },
  { do: 'visitMySite', user: 'alice' },
  { do: 'editCancel', user: 'alice' },
  { do: 'lyncSignIn', user: 'alice' },
  { do: 'lyncSignOut', user: 'alice' },
  { do: 'restartClient', viewer: 'bob', client: 'teams' },
  { do: 'clearBrowserCache', viewer: 'bob' },
  { do: 'openYammer', user: 'alice' },
  { do: 'setPolicy', user: 'alice', setPhotoEnabled: false },
  { do: 'setPhotoSettings', source: 'cloud', allowedRoles: ['People Administrator'] },
];

describe('operator instructions', () => {
  it.each(ACTIONS.map((a) => [a.do, a] as const))('%s: says who signs in and what to do', (_, action) => {
    const lines = actionInstructions(action, upn, '/photos/p1.jpg');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    const actor = actorOf(action);
    if (actor !== 'admin') expect(lines[0]).toBe(`Sign in as ${upn(actor)}.`);
    if (action.do === 'setPhoto') expect(lines.join(' ')).toContain('/photos/p1.jpg');
    if (action.do === 'setPolicy') expect(lines.join(' ')).toContain('-SetPhotoEnabled $false');
  });

  it('acts as the viewer for a client, the acting user where one is named, the tenant for its settings', () => {
    expect(actorOf({ do: 'restartClient', viewer: 'bob', client: 'outlook-desktop' })).toBe('bob');
    expect(actorOf({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph', by: 'carol' })).toBe('carol');
    expect(actorOf({ do: 'setPhotoSettings', source: 'unset' })).toBe('admin');
  });

  it.each(SURFACES.map((s) => [s] as const))('%s: names the viewer to sign in as, the subject, and the answers', (see) => {
    const lines = lookInstructions(see, 'alice', 'bob', upn);
    expect(lines[0]).toBe('Sign in as bob@contoso.test.');
    expect(lines[1]).toContain('alice@contoso.test');
    expect(lines[2]).toMatch(/none.*unrecognized.*unknown/);
  });
});
