import type { Action, Surface } from '../../model/vocabulary.js';

type Upn = (id: string) => string;

/** Who does an action with no API: the acting user where one is named, the viewer for a client, else the subject. */
export function actorOf(action: Exclude<Action, { do: 'wait' }>): string {
  if ('viewer' in action) return action.viewer;
  if ((action.do === 'setPhoto' || action.do === 'removePhoto') && action.by !== undefined) return action.by;
  if (action.do === 'setPhotoSettings' || action.do === 'setPolicy') return 'admin';
  return action.user;
}

const UPLOAD: Partial<Record<string, (file: string) => string[]>> = {
  'outlook-web': (f) => [
    'Open Outlook on the web (outlook.office.com).',
    'Select your photo at the top right, then "Change your photo".',
    `Upload ${f} and save.`,
  ],
  'outlook-desktop': (f) => ['Open Outlook for Windows.', 'File > Office Account > Change photo.', `Upload ${f} and save.`],
  teams: (f) => ['Open Microsoft Teams.', 'Select your photo at the top right, then "Change picture".', `Upload ${f} and save.`],
  lync: (f) => ['Open Lync / Skype for Business.', 'Options > My Picture > Edit or Remove Picture.', `Upload ${f} and save.`],
  yammer: (f) => ['Open Viva Engage (engage.cloud.microsoft).', 'Edit profile > Change photo.', `Upload ${f} and save.`],
  sharepoint: (f) => ['Open your profile in SharePoint (your My Site, "Edit profile").', `Upload ${f} as your picture and save.`],
  'admin-cmdlet': (f) => [
    `In Exchange Online PowerShell: Set-UserPhoto -Identity <user> -PictureData ([System.IO.File]::ReadAllBytes("${f}")) -Confirm:$false`,
  ],
  'on-prem-ad': (f) => [`On premises: Set-ADUser <user> -Replace @{thumbnailPhoto=([byte[]](Get-Content "${f}" -Encoding Byte))}`],
};

/**
 * What a person does for an action no API takes, one line each, naming the user to sign in as.
 * Invariant: every action kind but `wait` has its words.
 */
export function actionInstructions(action: Exclude<Action, { do: 'wait' }>, upn: Upn, photoFile?: string): string[] {
  const as = `Sign in as ${upn(actorOf(action))}.`;
  switch (action.do) {
    case 'setPhoto': {
      const steps = UPLOAD[action.via]?.(photoFile ?? action.photo) ?? [
        `Change the photo through ${action.via} to ${photoFile ?? action.photo}.`,
      ];
      return [as, ...steps.map((s) => s.replace('<user>', upn(action.user)))];
    }
    case 'removePhoto':
      return action.via === 'admin-cmdlet'
        ? [as, `In Exchange Online PowerShell: Remove-UserPhoto -Identity ${upn(action.user)} -Confirm:$false`]
        : [as, `Remove the photo of ${upn(action.user)} (Microsoft Graph: DELETE /users/{id}/photo/$value).`];
    case 'visitMySite':
      return [
        as,
        'In a browser, open your own profile page on the My Site host (Delve or "View account" > "My profile"), and wait until your photo shows.',
      ];
    case 'editCancel':
      return [as, 'Open your own profile page on the My Site host, choose to change your photo, then press Cancel without uploading.'];
    case 'lyncSignIn':
      return [as, 'Sign in to Lync / Skype for Business and leave it signed in.'];
    case 'lyncSignOut':
      return [as, 'Sign out of Lync / Skype for Business.'];
    case 'restartClient':
      return [
        as,
        `Quit ${action.client === 'outlook-desktop' ? 'Outlook for Windows' : action.client === 'teams' ? 'Microsoft Teams' : 'Lync'} completely (also from the notification area), then start it again.`,
      ];
    case 'clearBrowserCache':
      return [as, 'Clear the browser\'s cached images and files (Ctrl+Shift+Delete, "all time"), keeping the sign-in cookies.'];
    case 'openYammer':
      return [as, 'Open Viva Engage (engage.cloud.microsoft) and wait until your profile photo shows.'];
    case 'setPolicy':
      return [
        'As an Exchange administrator, in Exchange Online PowerShell:',
        `Set-OwaMailboxPolicy -Identity (Get-CASMailbox ${upn(action.user)}).OwaMailboxPolicy -SetPhotoEnabled $${action.setPhotoEnabled}`,
      ];
    case 'setPhotoSettings':
      return [
        `As an administrator, set the tenant's photo update settings: source ${action.source}, allowed roles [${(action.allowedRoles ?? []).join(', ')}].`,
      ];
  }
}

const LOOK: { readonly [S in Surface]: (subject: string) => string } = {
  'sp-mysite': (s) => `Open the profile page of ${s} on the My Site host.`,
  'sp-search': (s) => `Search SharePoint for ${s} (without clearing the browser cache) and look at the photo in the results.`,
  'sp-newsfeed': (s) => `Open a SharePoint news feed or page where ${s} has posted and look at their photo.`,
  'sp-people-picker': (s) => `In a SharePoint people picker (e.g. Share), type ${s} and look at the suggested photo.`,
  delve: (s) => `Open ${s}'s profile in Delve.`,
  'sp-search-hover': (s) => `Search SharePoint for ${s}, hover over the result and look at the contact card's photo.`,
  'owa-contact-card': (s) => `In Outlook on the web, open the contact card of ${s}.`,
  'owa-email': (s) => `In Outlook on the web, open an email from ${s} and look at the sender's photo.`,
  'owa-draft': (s) => `In Outlook on the web, start a new email to ${s} and look at the recipient's photo.`,
  'outlook-desktop': (s) => `In Outlook for Windows (without restarting it), open the contact card of ${s}.`,
  lync: (s) => `In Lync / Skype for Business, look at ${s}'s photo in the contact list.`,
  teams: (s) => `In Microsoft Teams (without restarting it), open a chat with ${s} and look at their photo.`,
  graph: (s) => `Open Microsoft Graph Explorer: GET /users/${s}/photo/$value.`,
  yammer: (s) => `In Viva Engage, open the profile of ${s}.`,
};

/** What a person looks at for a surface no API shows, and as whom. */
export function lookInstructions(see: Surface, user: string, viewer: string, upn: Upn): string[] {
  return [
    `Sign in as ${upn(viewer)}.`,
    LOOK[see](upn(user)),
    'Answer with the test photo shown (its name is written on it, e.g. p3), "none" for the placeholder or no photo, "unrecognized" for another image, or "unknown" if the page did not load.',
  ];
}
