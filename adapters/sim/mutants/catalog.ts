import { DAY, HOUR, MINUTE } from '../../../model/Params.js';
import { defaultUser, type Action, type Photo, type SetPhoto, type Surface, type UserInit, type Via } from '../../../model/vocabulary.js';
import type { Look } from '../../RunStep.js';
import { DEFAULT_START } from '../SimTenant.js';
import { mutant, type Mutant } from './Mutant.js';

// Every minimal sequence starts from users settled long before (SPEC section 2 header), or where a
// tenant taken as it is may be found (section 6: a change still waiting, SharePoint's last update,
// the photo settings), and needs no luck: a deviating cache serves what it holds every time, a
// deviating delay is exact, and every wait runs past the end of the window the model allows, so the
// mutant shows on every seed. A shortcut is shorter still, from a header the harness generates too
// (a store with a photo of its own, a change still waiting): the harness's counterexamples, which
// may start so, are held against the shortest of them.

const THREEWILL = 'threewill-2014';
const MICROSOFT_2014 = 'microsoft-2014';
const EXCHANGE_2015 = 'exchange-2015';
const MICROSOFT_2024 = 'microsoft-2024';
const MICROSOFT_2026 = 'microsoft-2026';
const BEFORE_2026 = [THREEWILL, MICROSOFT_2014, EXCHANGE_2015, MICROSOFT_2024];
const ALL = [...BEFORE_2026, MICROSOFT_2026];
/** the profiles where SharePoint waits for a visit (SP-NEEDS-VISIT), not for the people system */
const VISIT_PROFILES = [THREEWILL, MICROSOFT_2014, MICROSOFT_2026];
/** those of them where SharePoint keeps its own upload (SP-ORIGIN), which opens the 72-hour window */
const VISIT_2014 = [THREEWILL, MICROSOFT_2014];
/** the profiles that keep SharePoint's own upload (SP-ORIGIN) */
const ORIGIN_PROFILES = [THREEWILL, MICROSOFT_2014, EXCHANGE_2015];
/** the profiles with SP-SYNC-WINDOW */
const SYNC_PROFILES = [EXCHANGE_2015, MICROSOFT_2024];

/** alice, with photo p0 everywhere since long before; bob only looks */
const alice = (over: Partial<UserInit> = {}): UserInit => ({ ...defaultUser('alice'), photo: 'p0', ...over });
const set = (photo: Photo, via: Via, more: Partial<SetPhoto> = {}): Action => ({ do: 'setPhoto', user: 'alice', photo, via, ...more });
const see = (surface: Surface): Look => ({ see: surface, user: 'alice', viewer: 'bob' });
const wait = (ms: number): Action => ({ do: 'wait', ms });
const visit: Action = { do: 'visitMySite', user: 'alice' };
/**
 * alice as a tenant taken as it is may find her (SPEC section 6): Exchange holds p1, from a change
 * made outside SharePoint that still waits for her visit, while SharePoint shows p0 and updated an
 * hour before the start, so that microsoft-2026's 24-hour throttle window is open until +23 h.
 */
const aliceWaitingInWindow = () => alice({ photo: 'p1', stores: { sharepoint: 'p0' }, pending: true, spUpdated: DEFAULT_START - HOUR });
/** alice as the harness may start her: Exchange holds p1, SharePoint p0 (a change it never took, or an upload of its own) */
const aliceApart = (over: Partial<UserInit> = {}) => alice({ photo: 'p1', stores: { sharepoint: 'p0' }, ...over });
/** alice as the harness may start her: Exchange holds p1, from a change made outside SharePoint that still waits for it */
const aliceWaiting = (over: Partial<UserInit> = {}) => aliceApart({ pending: true, ...over });

/** The catalog: at least one mutant for every rule of every profile (checked by catalog.test.ts). */
export const MUTANTS: readonly Mutant[] = [
  // ---- Exchange and the clients
  mutant({
    id: 'exchange-takes-a-day',
    description: 'The mailbox takes a new photo a day after it is set, long past exoLag.',
    breaks: 'EXO-FAST',
    // past microsoft-2026's four-hour exoLag, long before the day
    profiles: ALL,
    deviation: { exoDelayMs: DAY },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(5 * HOUR), see('graph')] },
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
    // past exoLag + owaCache: 2 h in microsoft-2024, 5 h in microsoft-2026
    profiles: [MICROSOFT_2024, MICROSOFT_2026],
    deviation: { owaCacheMs: DAY },
    minimal: { users: [alice()], steps: [see('owa-contact-card'), set('p1', 'graph'), wait(6 * HOUR), see('owa-contact-card')] },
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
        // the restart comes after the new photo has surely reached Exchange (exoLag 4 h in microsoft-2026)
        wait(5 * HOUR),
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
    profiles: [MICROSOFT_2024, MICROSOFT_2026],
    deviation: { teamsCacheMs: 90 * DAY },
    minimal: { users: [alice()], steps: [see('teams'), set('p1', 'graph'), wait(61 * DAY), see('teams')] },
  }),
  mutant({
    id: 'teams-service-caches-a-week',
    description: "Teams' service keeps a photo for a week, whatever the viewer restarts.",
    breaks: 'TEAMS-CACHE',
    // the restart, made once the new photo is surely in Exchange, empties the client: what shows four
    // days later comes from the service, which may keep it three days in microsoft-2026, not at all before
    profiles: [MICROSOFT_2024, MICROSOFT_2026],
    deviation: { teamsServiceCacheMs: 7 * DAY },
    minimal: {
      users: [alice()],
      steps: [
        see('teams'),
        set('p1', 'graph'),
        wait(5 * HOUR),
        { do: 'restartClient', viewer: 'bob', client: 'teams' },
        wait(4 * DAY),
        see('teams'),
      ],
    },
  }),
  mutant({
    id: 'hover-reads-sharepoint',
    description: "The search hover panel shows SharePoint's picture, not Outlook on the web's card.",
    breaks: 'HOVER-FROM-OWA',
    // SharePoint keeps the old photo until a visit here: one look at the hover, past exoLag + owaCache
    // (5 h in microsoft-2026), shows it
    profiles: VISIT_PROFILES,
    deviation: { hoverReadsSharePoint: true },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(6 * HOUR), see('sp-search-hover')] },
    // where SharePoint holds another photo than Exchange from the start, one look shows it
    shortcuts: [{ sequence: { users: [aliceApart()], steps: [see('sp-search-hover')] } }],
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
    // with no change on its way, SharePoint keeps the other photo it holds from the start: one look shows it
    shortcuts: [{ sequence: { users: [aliceApart()], steps: [see('sp-search-hover')] } }],
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
    id: 'sp-upload-not-picked-up',
    description: 'A photo uploaded in SharePoint reaches Exchange, but a visit never brings it back to SharePoint.',
    breaks: 'SP-UPLOAD-REDIRECT',
    // the visit comes once the upload is surely in Exchange (exoLag 4 h), the look after the pickup (24 h)
    profiles: [MICROSOFT_2026],
    deviation: { spUploadLost: true },
    minimal: { users: [alice()], steps: [set('p1', 'sharepoint'), wait(5 * HOUR), visit, wait(25 * HOUR), see('sp-newsfeed')] },
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
    description: 'SharePoint picks up a change made outside it five hours later, without a visit.',
    breaks: 'SP-NEEDS-VISIT',
    // five hours: the push finds the new photo in Exchange even with microsoft-2026's exoLag of 4 h,
    // and it has landed a day later (spPickup 24 h there)
    profiles: VISIT_PROFILES,
    deviation: { spPushWithoutVisitMs: 5 * HOUR },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(30 * HOUR), see('sp-newsfeed')] },
    // the change waiting from before the start is pushed without a visit too
    shortcuts: [{ sequence: { users: [aliceWaiting()], steps: [wait(30 * HOUR), see('sp-newsfeed')] } }],
  }),
  mutant({
    id: 'sp-ignores-throttle',
    description: 'SharePoint ignores the 72-hour window: a visit pushes an outside change at once.',
    breaks: 'SP-THROTTLE',
    // threewill-2014 needs the visit; on microsoft-2014, waiting 25 h instead also reveals it
    // (SP-MYSITE-ONCE pushes), in 3 steps: the shortcut
    profiles: VISIT_2014,
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
    shortcuts: [
      {
        on: [MICROSOFT_2014],
        sequence: { users: [alice()], steps: [set('p1', 'sharepoint'), set('p2', 'graph'), wait(25 * HOUR), see('sp-newsfeed')] },
      },
    ],
  }),
  mutant({
    id: 'sp-ignores-daily-throttle',
    description: 'SharePoint ignores the 24-hour window: a visit pushes the waiting change at once.',
    breaks: 'SP-THROTTLE',
    // with a 24 h pickup an early push lands when an allowed one may: what tells them apart is the
    // photo it takes. The visit inside the window pushes p1 at once and leaves p2, set just after
    // it, waiting for another visit; the window's end would have pushed Exchange's photo then, p2
    profiles: [MICROSOFT_2026],
    deviation: { ignores: ['SP-THROTTLE'] },
    minimal: { users: [aliceWaitingInWindow()], steps: [visit, set('p2', 'graph'), wait(49 * HOUR), see('sp-newsfeed')] },
  }),
  mutant({
    id: 'photo-editor-not-retired',
    description:
      "Opening the photo editor and pressing Cancel still copies Exchange's photo to SharePoint at once, inside the 24-hour window.",
    breaks: 'SP-THROTTLE',
    // where the editor is retired (no EDIT-CANCEL) the page is only a visit, which the open window holds
    profiles: [MICROSOFT_2026],
    deviation: { editCancel: 'copies' },
    minimal: { users: [aliceWaitingInWindow()], steps: [{ do: 'editCancel', user: 'alice' }, see('sp-newsfeed')] },
  }),
  mutant({
    id: 'sp-push-takes-oldest',
    description: "SharePoint's push carries the oldest waiting change instead of Exchange's photo, so a replaced photo shows.",
    breaks: 'SP-FIRST-LAST',
    profiles: VISIT_2014,
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
    // the change waiting from before the start is the oldest: one change after it is enough
    shortcuts: [
      { sequence: { users: [aliceWaiting()], steps: [set('p2', 'graph'), wait(2 * MINUTE), visit, wait(HOUR), see('sp-newsfeed')] } },
    ],
  }),
  mutant({
    id: 'edit-cancel-noop',
    description: 'Opening the photo editor and pressing Cancel does nothing.',
    breaks: 'EDIT-CANCEL',
    // where the people system brings every change anyway (SP-SYNC-WINDOW), SharePoint may already
    // hold the Exchange photo, and a Cancel that does nothing shows only on some seeds
    profiles: VISIT_2014,
    deviation: { editCancel: 'noop' },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(2 * HOUR), { do: 'editCancel', user: 'alice' }, see('sp-newsfeed')] },
    // SharePoint holds another photo than Exchange from the start: the Cancel that copies nothing shows at once
    shortcuts: [{ sequence: { users: [aliceApart()], steps: [{ do: 'editCancel', user: 'alice' }, see('sp-newsfeed')] } }],
  }),
  mutant({
    id: 'edit-cancel-clears',
    description: "Pressing Cancel in the photo editor clears SharePoint's photo instead of copying Exchange's.",
    breaks: 'EDIT-CANCEL',
    profiles: BEFORE_2026,
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
    shortcuts: [{ sequence: { users: [aliceWaiting({ mySite: true })], steps: [wait(25 * HOUR), see('sp-newsfeed')] } }],
  }),
  mutant({
    id: 'sp-sync-takes-a-week',
    description: 'The people system brings an outside change to SharePoint after a week, not within 72 hours.',
    breaks: 'SP-SYNC-WINDOW',
    profiles: SYNC_PROFILES,
    deviation: { spSyncMs: 7 * DAY },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(73 * HOUR), see('sp-newsfeed')] },
    shortcuts: [{ sequence: { users: [aliceWaiting()], steps: [wait(73 * HOUR), see('sp-newsfeed')] } }],
  }),
  mutant({
    id: 'browser-clear-keeps-sharepoint',
    description: "Clearing the browser cache keeps SharePoint's pictures in search results.",
    breaks: 'SP-BROWSER-CACHE',
    profiles: BEFORE_2026,
    deviation: { browserSurvivesClear: true },
    minimal: {
      users: [alice()],
      steps: [see('sp-search'), set('p1', 'sharepoint'), wait(73 * HOUR), { do: 'clearBrowserCache', viewer: 'bob' }, see('sp-search')],
    },
    // where the people system brings a change waiting from before the start, the change need not be made
    shortcuts: [
      {
        on: SYNC_PROFILES,
        sequence: {
          users: [aliceWaiting()],
          steps: [see('sp-search'), wait(73 * HOUR), { do: 'clearBrowserCache', viewer: 'bob' }, see('sp-search')],
        },
      },
    ],
  }),
  mutant({
    id: 'browser-clear-keeps-pushed-photo',
    description: "Clearing the browser cache keeps SharePoint's picture in search results after a visit brought the new one.",
    breaks: 'SP-BROWSER-CACHE',
    // a SharePoint upload is an outside change in microsoft-2026: the new photo comes with a visit,
    // here to a change that waits from before the start; it has landed a pickup (24 h) later
    profiles: [MICROSOFT_2026],
    deviation: { browserSurvivesClear: true },
    minimal: {
      users: [alice({ photo: 'p1', stores: { sharepoint: 'p0' }, pending: true })],
      steps: [see('sp-search'), visit, wait(25 * HOUR), { do: 'clearBrowserCache', viewer: 'bob' }, see('sp-search')],
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
    profiles: [MICROSOFT_2024, MICROSOFT_2026],
    deviation: { ignores: ['YAMMER-FROM-ENTRA'] },
    minimal: { users: [alice()], steps: [set('p1', 'yammer')] },
  }),

  // ---- Directory and admin paths
  mutant({
    id: 'dirsync-off',
    description: 'DirSync never carries an on-premises photo to Exchange.',
    breaks: 'DIRSYNC',
    // past dirSyncInterval + exoLag: 3 h 1 m in 2014, 4 h 30 m in microsoft-2026
    profiles: ALL,
    deviation: { ignores: ['DIRSYNC'] },
    minimal: { users: [alice()], steps: [set('p1', 'on-prem-ad'), wait(5 * HOUR), see('graph')] },
  }),
  mutant({
    id: 'ad-sync-still-one-time',
    description: 'DirSync still carries only the first on-premises photo ever, though photos now sync periodically.',
    // the model cites DIRSYNC, which AD-PERIODIC leaves in charge of every AD photo, for a photo that
    // never reaches Exchange; a race (ad-race-keeps-neither) is what only AD-PERIODIC decides
    breaks: 'DIRSYNC',
    profiles: [MICROSOFT_2026],
    deviation: { adOneTime: true },
    minimal: { users: [alice({ adSynced: true })], steps: [set('p1', 'on-prem-ad'), wait(5 * HOUR), see('graph')] },
  }),
  mutant({
    id: 'ad-race-keeps-neither',
    description: 'An on-premises photo and a cloud photo ten minutes apart race, and the mailbox keeps neither but its old photo.',
    breaks: 'AD-PERIODIC',
    // by 4 h 40 m both have surely reached Exchange (the AD one by +10 m + dirSyncInterval + exoLag)
    profiles: [MICROSOFT_2026],
    deviation: { adRaceKeepsNeither: true },
    minimal: { users: [alice()], steps: [set('p1', 'graph'), wait(10 * MINUTE), set('p2', 'on-prem-ad'), wait(5 * HOUR), see('graph')] },
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
    profiles: [...SYNC_PROFILES, MICROSOFT_2026],
    deviation: { ignores: ['AD-SIZE'] },
    minimal: { users: [alice()], steps: [set('p1', 'on-prem-ad', { bytes: 50_000 }), wait(5 * HOUR), see('graph')] },
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
    id: 'owa-policy-teams-only',
    description: 'The OWA mailbox policy governs Teams only: a user it forbids still changes their photo in Outlook on the web.',
    breaks: 'PHOTO-POLICY-OWA',
    profiles: [MICROSOFT_2026],
    deviation: { photoPolicyPaths: ['teams'] },
    minimal: { users: [alice({ setPhotoEnabled: false })], steps: [set('p1', 'outlook-web')] },
  }),
  mutant({
    id: 'photo-settings-ignored',
    description: 'The tenant takes a photo from Microsoft Graph though its photo update settings say photos are managed on premises.',
    breaks: 'PHOTO-SOURCE',
    profiles: [MICROSOFT_2026],
    deviation: { ignores: ['PHOTO-SOURCE'] },
    minimal: { users: [alice()], photoSettings: { source: 'onPremises', allowedRoles: [] }, steps: [set('p1', 'graph')] },
  }),
  mutant({
    id: 'photo-settings-take-three-days',
    description: 'A change of the photo update settings takes effect three days later, not within a day.',
    breaks: 'PHOTO-SOURCE',
    profiles: [MICROSOFT_2026],
    deviation: { settingsLagMs: 3 * DAY },
    minimal: {
      users: [alice()],
      steps: [{ do: 'setPhotoSettings', source: 'onPremises', allowedRoles: [] }, wait(25 * HOUR), set('p1', 'graph')],
    },
  }),
  mutant({
    id: 'retired-cmdlet-works',
    description: 'Set-UserPhoto still works after its retirement.',
    breaks: 'CMDLET-RETIRED',
    profiles: [MICROSOFT_2024, MICROSOFT_2026],
    deviation: { ignores: ['CMDLET-RETIRED'] },
    minimal: { users: [alice()], steps: [set('p1', 'admin-cmdlet')] },
  }),
  mutant({
    id: 'graph-size-ignored',
    description: 'Microsoft Graph takes a photo over 4 MiB.',
    breaks: 'GRAPH-SIZE',
    profiles: [MICROSOFT_2024, MICROSOFT_2026],
    deviation: { ignores: ['GRAPH-SIZE'] },
    minimal: { users: [alice()], steps: [set('p1', 'graph', { bytes: 4 * 1024 * 1024 + 1 })] },
  }),
  mutant({
    id: 'delve-not-retired',
    description: "Delve is still there, showing SharePoint's large thumbnail.",
    breaks: 'DELVE-RETIRED',
    profiles: [MICROSOFT_2026],
    deviation: { delvePresent: true },
    minimal: { users: [alice()], steps: [see('delve')] },
  }),
];

/** The mutant of that id, or undefined. */
export function findMutant(id: string): Mutant | undefined {
  return MUTANTS.find((m) => m.id === id);
}
