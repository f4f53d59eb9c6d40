import { ADMIN, type Action, type PhotoSettings, type Via } from '../../model/vocabulary.js';
import { AD_PHOTO_LIMIT } from './ExchangeMailbox.js';
import type { TenantBehaviour } from './TenantBehaviour.js';

/** The largest photo, in bytes, that `PUT /users/{id}/photo/$value` takes (MSDOC profilephoto-update). */
export const GRAPH_PHOTO_LIMIT = 4 * 1024 * 1024;

/** The paths a user changes their own photo through, which the OWA mailbox policy governs (PHOTO-POLICY). */
const USER_PATHS: readonly Via[] = ['outlook-web', 'outlook-desktop', 'lync', 'teams', 'sharepoint'];
/** The paths the OWA mailbox policy still governs since 2026 (PHOTO-POLICY-OWA). */
const OWA_PATHS: readonly Via[] = ['outlook-web', 'teams'];

/** What the tenant knows beyond the action when it judges one: its photo update settings and who holds which roles. */
export type Judge = {
  /** the settings this request is judged by (PHOTO-SOURCE): asked only for a photo change */
  readonly settings?: () => PhotoSettings;
  readonly rolesOf?: (user: string) => readonly string[];
  /** the paths the OWA policy governs under PHOTO-POLICY-OWA (a mutant's), Outlook on the web and Teams otherwise */
  readonly policyPaths?: readonly Via[];
};

/** Whether the tenant has this path at all: Lync retired, Teams not yet there. */
export function hasVia(behaviour: TenantBehaviour, via: Via): boolean {
  if (via === 'lync') return behaviour.has('LYNC-PRESENCE');
  if (via === 'teams') return behaviour.has('TEAMS-CACHE');
  return true;
}

/** Who makes a photo change: `by`, or the subject, or `admin` for Set-UserPhoto (SPEC section 1). */
export function actingUser(a: Extract<Action, { do: 'setPhoto' | 'removePhoto' }>): string {
  const by = 'by' in a && typeof a.by === 'string' ? a.by : undefined;
  return by ?? (a.via === 'admin-cmdlet' ? ADMIN : a.user);
}

/**
 * The error message with which the tenant refuses an action, or undefined when it accepts it.
 * Invariant: a refused action changes nothing; `setPhotoEnabled` is the subject's mailbox policy now,
 * and the photo update settings are read at most once, for a photo change that nothing else refuses.
 */
export function refusal(behaviour: TenantBehaviour, a: Action, setPhotoEnabled: boolean, judge: Judge = {}): string | undefined {
  if (a.do === 'lyncSignIn' || a.do === 'lyncSignOut') {
    return behaviour.has('LYNC-PRESENCE') ? undefined : 'NotAvailable: this tenant has no Lync / Skype for Business';
  }
  if (a.do !== 'setPhoto' && a.do !== 'removePhoto') return undefined;
  if (a.do === 'setPhoto' && !hasVia(behaviour, a.via)) return `NotAvailable: this tenant has no ${a.via}`;
  if (a.do === 'setPhoto' && a.via === 'yammer' && behaviour.has('YAMMER-FROM-ENTRA')) {
    return 'Viva Engage: the profile photo comes from Microsoft Entra ID and cannot be changed here';
  }
  if (a.do === 'setPhoto' && a.via === 'admin-cmdlet' && behaviour.has('ADMIN-SIZE')) {
    if ((a.by ?? 'admin') !== a.user && (a.bytes ?? 0) > AD_PHOTO_LIMIT) {
      return `Set-UserPhoto: the photo of another user must be ${AD_PHOTO_LIMIT} bytes or smaller`;
    }
  }
  if (a.do === 'setPhoto' && USER_PATHS.includes(a.via) && behaviour.has('PHOTO-POLICY') && !setPhotoEnabled) {
    return 'The OWA mailbox policy of this user does not allow changing the photo (SetPhotoEnabled is false)';
  }
  if (a.do === 'setPhoto' && (judge.policyPaths ?? OWA_PATHS).includes(a.via) && behaviour.has('PHOTO-POLICY-OWA') && !setPhotoEnabled) {
    return 'The OWA mailbox policy of this user does not allow changing the photo in Outlook on the web or Teams (SetPhotoEnabled is false)';
  }
  if (a.via === 'admin-cmdlet' && behaviour.has('CMDLET-RETIRED')) {
    return `${a.do === 'setPhoto' ? 'Set' : 'Remove'}-UserPhoto was retired on 2023-11-30: use Microsoft Graph`;
  }
  if (a.do === 'setPhoto' && a.via === 'graph' && behaviour.has('GRAPH-SIZE') && (a.bytes ?? 0) > GRAPH_PHOTO_LIMIT) {
    return 'Microsoft Graph: ImageTooLarge: the photo is larger than 4 MB';
  }
  if (a.via !== 'on-prem-ad' && behaviour.has('PHOTO-SOURCE') && judge.settings !== undefined) {
    return photoSourceRefusal(a, judge.settings(), judge.rolesOf ?? (() => []));
  }
  return undefined;
}

/** PHOTO-SOURCE: where the tenant's settings let a photo change that is not an AD write be made. */
function photoSourceRefusal(
  a: Extract<Action, { do: 'setPhoto' | 'removePhoto' }>,
  settings: PhotoSettings,
  rolesOf: (user: string) => readonly string[],
) {
  if (settings.source === 'onPremises') {
    return 'Microsoft Graph: the photo update settings say photos are managed on premises: change thumbnailPhoto in Active Directory';
  }
  if (settings.source === 'cloud' && settings.allowedRoles.length > 0) {
    const by = actingUser(a);
    if (by === ADMIN) return undefined;
    const roles = rolesOf(by);
    if (!settings.allowedRoles.some((r) => roles.includes(r))) {
      return `Microsoft Graph: Authorization_RequestDenied: ${by} holds none of the roles allowed to change photos (${settings.allowedRoles.join(', ')})`;
    }
  }
  return undefined;
}
