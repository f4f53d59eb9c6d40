import type { Action, Via } from '../../model/vocabulary.js';
import { AD_PHOTO_LIMIT } from './ExchangeMailbox.js';
import type { TenantBehaviour } from './TenantBehaviour.js';

/** The largest photo, in bytes, that `PUT /users/{id}/photo/$value` takes (MSDOC profilephoto-update). */
export const GRAPH_PHOTO_LIMIT = 4 * 1024 * 1024;

/** The paths a user changes their own photo through, which the OWA mailbox policy governs. */
const USER_PATHS: readonly Via[] = ['outlook-web', 'outlook-desktop', 'lync', 'teams', 'sharepoint'];

/** Whether the tenant has this path at all: Lync retired, Teams not yet there. */
export function hasVia(behaviour: TenantBehaviour, via: Via): boolean {
  if (via === 'lync') return behaviour.has('LYNC-PRESENCE');
  if (via === 'teams') return behaviour.has('TEAMS-CACHE');
  return true;
}

/**
 * The error message with which the tenant refuses an action, or undefined when it accepts it.
 * Invariant: a refused action changes nothing; `setPhotoEnabled` is the subject's mailbox policy now.
 */
export function refusal(behaviour: TenantBehaviour, a: Action, setPhotoEnabled: boolean): string | undefined {
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
  if (a.via === 'admin-cmdlet' && behaviour.has('CMDLET-RETIRED')) {
    return `${a.do === 'setPhoto' ? 'Set' : 'Remove'}-UserPhoto was retired on 2023-11-30: use Microsoft Graph`;
  }
  if (a.do === 'setPhoto' && a.via === 'graph' && behaviour.has('GRAPH-SIZE') && (a.bytes ?? 0) > GRAPH_PHOTO_LIMIT) {
    return 'Microsoft Graph: ImageTooLarge: the photo is larger than 4 MB';
  }
  return undefined;
}
