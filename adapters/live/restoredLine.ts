import type { Restored } from './Originals.js';

/** What each kind of backup is, in an administrator's words. */
const WHAT: Readonly<Record<Restored['what'], string>> = {
  photo: 'the original photo',
  policy: 'the OWA mailbox policy (SetPhotoEnabled true)',
  settings: 'the photo update settings',
};

/**
 * The line that says what a restore did, for `restore` and for the end of a run alike (stderr, with
 * the photosync: prefix); a failure says how to try again. `config` is the config's path as given.
 */
export function restoredLine(r: Restored, config: string): string {
  const of = `${WHAT[r.what]} of ${r.upn || r.id}`;
  if (r.outcome === 'restored') return `photosync: put back ${of}`;
  // a photo's or the settings' backup stays on disk for restore; no API sets the OWA policy
  const next = r.what === 'policy' ? 'set it by hand' : `run photosync restore --config ${config}`;
  return `photosync: could not put back ${of}: ${r.reason ?? ''}; ${next}`;
}
