import type { Capabilities } from '../Adapter.js';
import type { ActionKind, Surface, Via } from '../../model/vocabulary.js';

/** What Graph, SharePoint and Viva Engage let the adapter do: change and remove photos, and the tenant's photo settings. */
const API_ACTIONS: readonly ActionKind[] = ['setPhoto', 'removePhoto', 'setPhotoSettings', 'wait'];
const API_VIAS: readonly Via[] = ['graph', 'sharepoint'];
/** What the APIs show without a browser or a client: Graph's photo, SharePoint's timestamped thumbnails, Viva Engage's mugshot. */
export const API_SURFACES: readonly Surface[] = ['graph', 'sp-people-picker', 'sp-newsfeed', 'yammer'];

/** A person's steps: in a browser or a client, as a test user; no Lync (retired) and no Delve (retired December 2024). */
const OPERATOR_ACTIONS: readonly ActionKind[] = [
  'visitMySite',
  'editCancel',
  'restartClient',
  'clearBrowserCache',
  'openYammer',
  'setPolicy',
];
const OPERATOR_VIAS: readonly Via[] = ['outlook-web', 'outlook-desktop', 'teams', 'yammer', 'admin-cmdlet'];
const OPERATOR_SURFACES: readonly Surface[] = [
  'sp-mysite',
  'sp-search',
  'sp-search-hover',
  'owa-contact-card',
  'owa-email',
  'owa-draft',
  'outlook-desktop',
  'teams',
];

/**
 * What a live tenant lets runs do and see: the APIs' part always, a person's steps when there is an
 * operator, and only the configured test users. Invariant: the harness generates nothing else.
 */
export function liveCapabilities(users: readonly string[], operator: boolean): Capabilities {
  return {
    actions: operator ? [...API_ACTIONS, ...OPERATOR_ACTIONS] : API_ACTIONS,
    vias: operator ? [...API_VIAS, ...OPERATOR_VIAS] : API_VIAS,
    surfaces: operator ? [...API_SURFACES, ...OPERATOR_SURFACES] : API_SURFACES,
    users,
  };
}
