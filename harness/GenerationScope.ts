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
};

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
  return { actions, vias, surfaces, windows: profileWindows(profile) };
}
