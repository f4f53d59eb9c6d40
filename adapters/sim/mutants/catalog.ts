import { DAY, HOUR, MINUTE } from '../../../model/Params.js';
import { defaultUser, type Action, type Photo, type SetPhoto, type Surface, type UserInit, type Via } from '../../../model/vocabulary.js';
import type { Look } from '../../RunStep.js';
import { mutant, type Mutant } from './Mutant.js';

// Every minimal sequence starts from users settled long before (SPEC section 2 header) and needs
// no luck: a deviating cache serves what it holds every time, a deviating delay is exact, and every
// wait runs past the end of the window the model allows, so the mutant shows on every seed.

const THREEWILL = 'threewill-2014';
const MICROSOFT_2014 = 'microsoft-2014';
const EXCHANGE_2015 = 'exchange-2015';
const MICROSOFT_2024 = 'microsoft-2024';
const ALL = [THREEWILL, MICROSOFT_2014, EXCHANGE_2015, MICROSOFT_2024];
/** the profiles where SharePoint waits for a visit (SP-NEEDS-VISIT), not for the people system */
const VISIT_PROFILES = [THREEWILL, MICROSOFT_2014];
/** the profiles that keep SharePoint's own upload (SP-ORIGIN) */
const ORIGIN_PROFILES = [THREEWILL, MICROSOFT_2014, EXCHANGE_2015];
/** the profiles with SP-SYNC-WINDOW */
const SYNC_PROFILES = [EXCHANGE_2015, MICROSOFT_2024];

/** alice, with photo p0 everywhere since long before; bob only looks */
const alice = (over: Partial<UserInit> = {}): UserInit => ({ ...defaultUser('alice'), photo: 'p0', ...over });
const set = (photo: Photo, via: Via, more: Partial<SetPhoto> = {}): Action => ({ do: 'setPhoto', user: 'alice', photo, via, ...more });
const see = (surface: Surface): Look => ({ see: surface, user: 'alice', viewer: 'bob' });
const wait = (ms: number): Action => ({ do: 'wait', ms });

/** The catalog: at least one mutant for every rule of every profile (checked by catalog.test.ts). */
export const MUTANTS: readonly Mutant[] = [
  // ---- Exchange and the clients
  mutant({
    id: 'exchange-takes-a-day',
    description: 'The mailbox takes a new photo a day after it is set, long past exoLag.',
    breaks: 'EXO-FAST',
    profiles: ALL,
    deviation: { exoDelayMs: DAY },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(2 * HOUR), see('graph')] },
  }),
  mutant({
    id: 'owa-caches-ten-minutes',
    description: 'Outlook on the web keeps a contact photo for ten minutes.',
    breaks: 'OWA-CACHE',
    // microsoft-2024 allows an hour of OWA cache: ten minutes is within it there
    profiles: [THREEWILL, MICROSOFT_2014, EXCHANGE_2015],
    deviation: { owaCacheMs: 10 * MINUTE },
    minimal: { users: [alice()], steps: [see('owa-contact-card'), set('p1', 'graph'), wait(5 * MINUTE), see('owa-contact-card')] },
  }),
  mutant({
    id: 'owa-caches-a-day',
    description: 'Outlook on the web keeps a contact photo for a day.',
    breaks: 'OWA-CACHE',
    profiles: [MICROSOFT_2024],
    deviation: { owaCacheMs: DAY },
    minimal: { users: [alice()], steps: [see('owa-contact-card'), set('p1', 'graph'), wait(3 * HOUR), see('owa-contact-card')] },
  }),
  mutant({
    id: 'outlook-restart-keeps-cache',
    description: 'Restarting Outlook desktop does not empty its photo cache.',
    breaks: 'OUTLOOK-CACHE',
    profiles: ALL,
    deviation: { outlookSurvivesRestart: true },
    minimal: {
      users: [alice()],
      steps: [
        see('outlook-desktop'),
        set('p1', 'graph'),
        wait(2 * HOUR),
        { do: 'restartClient', viewer: 'bob', client: 'outlook-desktop' },
        see('outlook-desktop'),
      ],
    },
  }),
  mutant({
    id: 'lync-shows-signed-out',
    description: 'Lync shows the photo of a user who is signed out.',
    breaks: 'LYNC-PRESENCE',
    profiles: [THREEWILL, MICROSOFT_2014, EXCHANGE_2015],
    deviation: { lyncIgnoresPresence: true },
    minimal: { users: [alice()], steps: [see('lync')] },
  }),
  mutant({
    id: 'teams-caches-ninety-days',
    description: 'Teams keeps a photo for ninety days, not sixty.',
    breaks: 'TEAMS-CACHE',
    profiles: [MICROSOFT_2024],
    deviation: { teamsCacheMs: 90 * DAY },
    minimal: { users: [alice()], steps: [see('teams'), set('p1', 'graph'), wait(61 * DAY), see('teams')] },
  }),
  mutant({
    id: 'hover-reads-sharepoint',
    description: "The search hover panel shows SharePoint's picture, not Outlook on the web's card.",
    breaks: 'HOVER-FROM-OWA',
    // SharePoint keeps the old photo until a visit here: one look at the hover shows it
    profiles: VISIT_PROFILES,
    deviation: { hoverReadsSharePoint: true },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(5 * MINUTE), see('sp-search-hover')] },
  }),
  mutant({
    id: 'hover-reads-sharepoint-cache',
    description: "The search hover panel shows the search page's cached SharePoint picture, not Outlook on the web's card.",
    breaks: 'HOVER-FROM-OWA',
    // the people system may bring the new photo to SharePoint at any time: the search page's
    // cached picture, taken before the change, is what shows the hover reads SharePoint
    profiles: SYNC_PROFILES,
    deviation: { hoverReadsSharePoint: true },
    minimal: { users: [alice()], steps: [see('sp-search'), set('p1', 'graph'), wait(3 * HOUR), see('sp-search-hover')] },
  }),

  // ---- SharePoint
  mutant({
    id: 'sp-upload-lost',
    description: 'A photo uploaded in SharePoint reaches Exchange, but SharePoint keeps its old photo.',
    breaks: 'SP-ORIGIN',
    profiles: ORIGIN_PROFILES,
    deviation: { spUploadLost: true },
    minimal: { users: [alice()], steps: [set('p1', 'sharepoint'), see('sp-newsfeed')] },
  }),
  mutant({
    id: 'sp-upload-not-redirected',
    description: 'A photo uploaded in SharePoint reaches Exchange, but the people system never brings it back to SharePoint.',
    breaks: 'SP-UPLOAD-REDIRECT',
    profiles: [MICROSOFT_2024],
    deviation: { spUploadLost: true },
    minimal: { users: [alice()], steps: [set('p1', 'sharepoint'), wait(73 * HOUR), see('sp-newsfeed')] },
  }),
  mutant({
    id: 'people-picker-cached',
    description: "The people picker's URL has no timestamp, so the browser serves the picture it cached.",
    breaks: 'SP-ORIGIN',
    // the picker reads SharePoint with no cache rule, so the model cites the write that replaced the cached photo
    profiles: ORIGIN_PROFILES,
    deviation: { pickerCached: true },
    minimal: { users: [alice()], steps: [see('sp-people-picker'), set('p1', 'sharepoint'), see('sp-people-picker')] },
  }),
  mutant({
    id: 'sp-upload-in-window-lost',
    description: 'A SharePoint upload inside the 72-hour window is lost: SharePoint never takes the Exchange photo when the window ends.',
    breaks: 'SP-NO-STICK',
    profiles: ORIGIN_PROFILES,
    deviation: { ignores: ['SP-NO-STICK'] },
    minimal: { users: [alice()], steps: [set('p1', 'sharepoint'), set('p2', 'sharepoint'), wait(73 * HOUR), see('sp-newsfeed')] },
  }),
  mutant({
    id: 'sp-needs-no-visit',
    description: 'SharePoint picks up a change made outside it within an hour, without a visit.',
    breaks: 'SP-NEEDS-VISIT',
    profiles: VISIT_PROFILES,
    deviation: { spPushWithoutVisitMs: HOUR },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(2 * HOUR), see('sp-newsfeed')] },
  }),
  mutant({
    id: 'sp-ignores-throttle',
    description: 'SharePoint ignores the 72-hour window: a visit pushes an outside change at once.',
    breaks: 'SP-THROTTLE',
    // on microsoft-2014 alone, waiting 25 h instead of visiting also reveals it (SP-MYSITE-ONCE
    // pushes), in 3 steps; threewill-2014 needs the visit, and one sequence serves both
    profiles: VISIT_PROFILES,
    deviation: { ignores: ['SP-THROTTLE'] },
    minimal: {
      users: [alice()],
      steps: [
        set('p1', 'sharepoint'),
        set('p2', 'graph'),
        wait(2 * MINUTE),
        { do: 'visitMySite', user: 'alice' },
        wait(HOUR),
        see('sp-newsfeed'),
      ],
    },
  }),
  mutant({
    id: 'sp-push-takes-oldest',
    description: "SharePoint's push carries the oldest waiting change instead of Exchange's photo, so a replaced photo shows.",
    breaks: 'SP-FIRST-LAST',
    profiles: VISIT_PROFILES,
    deviation: { spPushTakesOldest: true },
    minimal: {
      users: [alice()],
      steps: [
        set('p1', 'graph'),
        set('p2', 'graph'),
        wait(2 * MINUTE),
        { do: 'visitMySite', user: 'alice' },
        wait(HOUR),
        see('sp-newsfeed'),
      ],
    },
  }),
  mutant({
    id: 'edit-cancel-noop',
    description: 'Opening the photo editor and pressing Cancel does nothing.',
    breaks: 'EDIT-CANCEL',
    // where the people system brings every change anyway (SP-SYNC-WINDOW), SharePoint may already
    // hold the Exchange photo, and a Cancel that does nothing shows only on some seeds
    profiles: VISIT_PROFILES,
    deviation: { editCancel: 'noop' },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(2 * HOUR), { do: 'editCancel', user: 'alice' }, see('sp-newsfeed')] },
  }),
  mutant({
    id: 'edit-cancel-clears',
    description: "Pressing Cancel in the photo editor clears SharePoint's photo instead of copying Exchange's.",
    breaks: 'EDIT-CANCEL',
    profiles: ALL,
    deviation: { editCancel: 'clears' },
    minimal: { users: [alice()], steps: [{ do: 'editCancel', user: 'alice' }, see('sp-newsfeed')] },
  }),
  mutant({
    id: 'my-site-needs-visit',
    description: 'An existing My Site still needs a visit before SharePoint picks up an outside change.',
    breaks: 'SP-MYSITE-ONCE',
    profiles: [MICROSOFT_2014],
    deviation: { ignores: ['SP-MYSITE-ONCE'] },
    minimal: { users: [alice({ mySite: true })], steps: [set('p1', 'graph'), wait(25 * HOUR), see('sp-newsfeed')] },
  }),
  mutant({
    id: 'sp-sync-takes-a-week',
    description: 'The people system brings an outside change to SharePoint after a week, not within 72 hours.',
    breaks: 'SP-SYNC-WINDOW',
    profiles: SYNC_PROFILES,
    deviation: { spSyncMs: 7 * DAY },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(73 * HOUR), see('sp-newsfeed')] },
  }),
  mutant({
    id: 'browser-clear-keeps-sharepoint',
    description: "Clearing the browser cache keeps SharePoint's pictures in search results.",
    breaks: 'SP-BROWSER-CACHE',
    profiles: ALL,
    deviation: { browserSurvivesClear: true },
    minimal: {
      users: [alice()],
      steps: [see('sp-search'), set('p1', 'sharepoint'), wait(73 * HOUR), { do: 'clearBrowserCache', viewer: 'bob' }, see('sp-search')],
    },
  }),

  // ---- Yammer
  mutant({
    id: 'yammer-syncs-from-exchange',
    description: 'Yammer copies every photo the mailbox takes.',
    breaks: 'YAMMER-ISOLATED',
    profiles: [THREEWILL, MICROSOFT_2014, EXCHANGE_2015],
    deviation: { yammerFromExchange: true },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(5 * MINUTE), see('yammer')] },
  }),
  mutant({
    id: 'viva-engage-takes-uploads',
    description: 'Viva Engage accepts a photo uploaded in it and never copies the Entra photo.',
    breaks: 'YAMMER-FROM-ENTRA',
    profiles: [MICROSOFT_2024],
    deviation: { ignores: ['YAMMER-FROM-ENTRA'] },
    minimal: { users: [alice()], steps: [set('p1', 'yammer')] },
  }),

  // ---- Directory and admin paths
  mutant({
    id: 'dirsync-off',
    description: 'DirSync never carries an on-premises photo to Exchange.',
    breaks: 'DIRSYNC',
    profiles: ALL,
    deviation: { ignores: ['DIRSYNC'] },
    minimal: { users: [alice()], steps: [set('p1', 'on-prem-ad'), wait(4 * HOUR), see('graph')] },
  }),
  mutant({
    id: 'dirsync-syncs-every-change',
    description: 'DirSync carries every on-premises photo change to Exchange, not only the first.',
    breaks: 'AD-ONE-TIME',
    profiles: SYNC_PROFILES,
    deviation: { ignores: ['AD-ONE-TIME'] },
    minimal: { users: [alice({ adSynced: true })], steps: [set('p1', 'on-prem-ad'), wait(4 * HOUR), see('graph')] },
  }),
  mutant({
    id: 'ad-size-ignored',
    description: 'DirSync carries an on-premises photo over 10,240 bytes to Exchange.',
    breaks: 'AD-SIZE',
    profiles: SYNC_PROFILES,
    deviation: { ignores: ['AD-SIZE'] },
    minimal: { users: [alice()], steps: [set('p1', 'on-prem-ad', { bytes: 50_000 }), wait(4 * HOUR), see('graph')] },
  }),
  mutant({
    id: 'admin-size-ignored',
    description: "Set-UserPhoto takes an admin's photo of another user over 10,240 bytes.",
    breaks: 'ADMIN-SIZE',
    profiles: [EXCHANGE_2015],
    deviation: { ignores: ['ADMIN-SIZE'] },
    minimal: { users: [alice()], steps: [set('p1', 'admin-cmdlet', { by: 'admin', bytes: 50_000 })] },
  }),
  mutant({
    id: 'photo-policy-ignored',
    description: 'A user whose OWA mailbox policy forbids it still changes their photo in Outlook on the web.',
    breaks: 'PHOTO-POLICY',
    profiles: SYNC_PROFILES,
    deviation: { ignores: ['PHOTO-POLICY'] },
    minimal: { users: [alice({ setPhotoEnabled: false })], steps: [set('p1', 'outlook-web')] },
  }),
  mutant({
    id: 'retired-cmdlet-works',
    description: 'Set-UserPhoto still works after its retirement.',
    breaks: 'CMDLET-RETIRED',
    profiles: [MICROSOFT_2024],
    deviation: { ignores: ['CMDLET-RETIRED'] },
    minimal: { users: [alice()], steps: [set('p1', 'admin-cmdlet')] },
  }),
  mutant({
    id: 'graph-size-ignored',
    description: 'Microsoft Graph takes a photo over 4 MiB.',
    breaks: 'GRAPH-SIZE',
    profiles: [MICROSOFT_2024],
    deviation: { ignores: ['GRAPH-SIZE'] },
    minimal: { users: [alice()], steps: [set('p1', 'graph', { bytes: 4 * 1024 * 1024 + 1 })] },
  }),
];

/** The mutant of that id, or undefined. */
export function findMutant(id: string): Mutant | undefined {
  return MUTANTS.find((m) => m.id === id);
}
