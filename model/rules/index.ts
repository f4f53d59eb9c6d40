import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';
import { adminSize } from './adminSize.js';
import { adPeriodic } from './adPeriodic.js';
import { adOneTime } from './adOneTime.js';
import { adSize } from './adSize.js';
import { cmdletRetired } from './cmdletRetired.js';
import { delveRetired } from './delveRetired.js';
import { dirSync } from './dirSync.js';
import { editCancel } from './editCancel.js';
import { exoFast } from './exoFast.js';
import { graphSize } from './graphSize.js';
import { hoverFromOwa } from './hoverFromOwa.js';
import { lyncPresence } from './lyncPresence.js';
import { outlookCache } from './outlookCache.js';
import { owaCache } from './owaCache.js';
import { photoPolicy } from './photoPolicy.js';
import { photoPolicyOwa } from './photoPolicyOwa.js';
import { photoSource } from './photoSource.js';
import { spBrowserCache } from './spBrowserCache.js';
import { spFirstLast } from './spFirstLast.js';
import { spMySiteOnce } from './spMySiteOnce.js';
import { spNeedsVisit } from './spNeedsVisit.js';
import { spNoStick } from './spNoStick.js';
import { spOrigin } from './spOrigin.js';
import { spSyncWindow } from './spSyncWindow.js';
import { spThrottle } from './spThrottle.js';
import { spUploadRedirect } from './spUploadRedirect.js';
import { teamsCache } from './teamsCache.js';
import { yammerFromEntra } from './yammerFromEntra.js';
import { yammerIsolated } from './yammerIsolated.js';

/** Every rule of SPEC section 4, by id; each rule's behaviour lives once, in its own file. */
export const RULES: { readonly [Id in RuleId]: Rule } = {
  'EXO-FAST': exoFast,
  'OWA-CACHE': owaCache,
  'OUTLOOK-CACHE': outlookCache,
  'LYNC-PRESENCE': lyncPresence,
  'TEAMS-CACHE': teamsCache,
  'HOVER-FROM-OWA': hoverFromOwa,
  'SP-ORIGIN': spOrigin,
  'SP-NO-STICK': spNoStick,
  'SP-NEEDS-VISIT': spNeedsVisit,
  'SP-THROTTLE': spThrottle,
  'SP-FIRST-LAST': spFirstLast,
  'EDIT-CANCEL': editCancel,
  'SP-MYSITE-ONCE': spMySiteOnce,
  'SP-SYNC-WINDOW': spSyncWindow,
  'SP-BROWSER-CACHE': spBrowserCache,
  'YAMMER-ISOLATED': yammerIsolated,
  'YAMMER-FROM-ENTRA': yammerFromEntra,
  DIRSYNC: dirSync,
  'AD-ONE-TIME': adOneTime,
  'AD-SIZE': adSize,
  'ADMIN-SIZE': adminSize,
  'PHOTO-POLICY': photoPolicy,
  'CMDLET-RETIRED': cmdletRetired,
  'GRAPH-SIZE': graphSize,
  'SP-UPLOAD-REDIRECT': spUploadRedirect,
  'AD-PERIODIC': adPeriodic,
  'PHOTO-SOURCE': photoSource,
  'PHOTO-POLICY-OWA': photoPolicyOwa,
  'DELVE-RETIRED': delveRetired,
};
