import type { Profile } from '../model/Profile.js';
import { profileScope } from '../model/profileScope.js';
import type { ActionKind, Surface, Via } from '../model/vocabulary.js';
import type { Capabilities } from '../adapters/Adapter.js';
import { profileWindows } from './profileWindows.js';

/**
 * What runs may use: what the adapter can do and see and the profile knows, and the windows
 * where the profile's rules change their answer. A surface the profile says is retired is looked
 * at where the tenant still shows it: that is how a retirement is checked. Invariant: every list is
 * non-empty but `vias` and `actions`, and contains only what the adapter has and the profile knows.
 */
export type GenerationScope = {
  readonly actions: readonly Exclude<ActionKind, 'wait'>[];
  readonly vias: readonly Via[];
  readonly surfaces: readonly Surface[];
  readonly windows: readonly number[];
  /** the users runs change (one to three), and the others who only look */
  readonly subjects: readonly string[];
  readonly outsiders: readonly string[];
};

/** The users runs name where the tenant does not say: three subjects and two who only look. */
export const SUBJECTS = ['alice', 'bob', 'carol'] as const;
export const OUTSIDERS = ['dave', 'erin'] as const;

/** A tenant's own users, subjects first: up to three subjects, keeping one to look on when there are two or more. */
function castOf(users: readonly string[] | undefined): { subjects: readonly string[]; outsiders: readonly string[] } {
  if (users === undefined) return { subjects: SUBJECTS, outsiders: OUTSIDERS };
  if (users.length === 0) throw new RangeError('the adapter names no user runs may use');
  const n = users.length === 1 ? 1 : Math.min(3, users.length - 1);
  return { subjects: users.slice(0, n), outsiders: users.slice(n) };
}

/** The part of an adapter's capabilities that a profile can judge. */
export function generationScope(capabilities: Capabilities, profile: Profile): GenerationScope {
  const known = profileScope(profile);
  const surfaces = capabilities.surfaces.filter((s) => known.surfaces.includes(s) || known.retired.includes(s));
  const vias = capabilities.vias.filter((v) => known.vias.includes(v));
  // signing in and out of Lync matters only where someone can look at Lync
  const lync = surfaces.includes('lync');
  const actions = capabilities.actions.filter(
    (k): k is Exclude<ActionKind, 'wait'> =>
      k !== 'wait' &&
      (lync || (k !== 'lyncSignIn' && k !== 'lyncSignOut')) &&
      (k !== 'setPhoto' || vias.length > 0) &&
      // the tenant's photo settings change nothing a profile without PHOTO-SOURCE can judge
      (k !== 'setPhotoSettings' || profile.rules.includes('PHOTO-SOURCE')),
  );
  if (surfaces.length === 0) throw new RangeError(`the adapter shows no surface that ${profile.id} knows`);
  return { actions, vias, surfaces, windows: profileWindows(profile), ...castOf(capabilities.users) };
}
