import { DAY, HOUR, MINUTE, SECOND, type ParamName } from './Params.js';
import type { Profile } from './Profile.js';
import { ProfileError } from './ProfileError.js';
import { RULE_IDS, type RuleId } from './RuleId.js';
import { RULES } from './rules/index.js';

const THREEWILL_RULES: readonly RuleId[] = [
  'EXO-FAST',
  'OWA-CACHE',
  'OUTLOOK-CACHE',
  'LYNC-PRESENCE',
  'HOVER-FROM-OWA',
  'SP-ORIGIN',
  'SP-NO-STICK',
  'SP-NEEDS-VISIT',
  'SP-THROTTLE',
  'SP-FIRST-LAST',
  'EDIT-CANCEL',
  'SP-BROWSER-CACHE',
  'YAMMER-ISOLATED',
  'DIRSYNC',
];

const THREEWILL_PARAMS = {
  exoLag: 60 * SECOND,
  owaCache: 30 * SECOND,
  lyncLag: 60 * SECOND,
  spThrottle: 72 * HOUR,
  spPickup: 10 * MINUTE,
  dirSyncInterval: 3 * HOUR,
} as const;

const DECLARED: readonly Profile[] = [
  {
    id: 'threewill-2014',
    summary: 'What ThreeWill observed in three tenants in 2014.',
    rules: THREEWILL_RULES,
    params: THREEWILL_PARAMS,
  },
  {
    id: 'microsoft-2014',
    summary: "ThreeWill's observations plus Microsoft's internal claim that an existing My Site needs no visit.",
    rules: [...THREEWILL_RULES, 'SP-MYSITE-ONCE'],
    params: { ...THREEWILL_PARAMS, spSync: 24 * HOUR },
  },
  {
    id: 'exchange-2015',
    summary: "An Exchange Online engineer's account (2015): SharePoint syncs within 72 hours, AD photos sync once.",
    rules: [
      ...THREEWILL_RULES.filter((r) => r !== 'SP-NEEDS-VISIT' && r !== 'SP-THROTTLE' && r !== 'SP-FIRST-LAST'),
      'SP-SYNC-WINDOW',
      'AD-ONE-TIME',
      'AD-SIZE',
      'ADMIN-SIZE',
      'PHOTO-POLICY',
    ],
    params: { ...THREEWILL_PARAMS, spSync: 72 * HOUR },
  },
  {
    id: 'microsoft-2024',
    summary: "Microsoft's documentation today: one people system, no Lync, retired cmdlets; its durations are conjectures to measure.",
    rules: [
      'EXO-FAST',
      'OWA-CACHE',
      'OUTLOOK-CACHE',
      'TEAMS-CACHE',
      'HOVER-FROM-OWA',
      'SP-UPLOAD-REDIRECT',
      'SP-SYNC-WINDOW',
      'EDIT-CANCEL',
      'SP-BROWSER-CACHE',
      'YAMMER-FROM-ENTRA',
      'DIRSYNC',
      'AD-ONE-TIME',
      'AD-SIZE',
      'PHOTO-POLICY',
      'CMDLET-RETIRED',
      'GRAPH-SIZE',
    ],
    params: {
      exoLag: HOUR,
      owaCache: HOUR,
      teamsCache: 60 * DAY,
      spSync: 72 * HOUR,
      spPickup: HOUR,
      yammerSync: 6 * HOUR,
      dirSyncInterval: 30 * MINUTE,
    },
  },
  {
    id: 'microsoft-2026',
    summary:
      "What Microsoft documents today: SharePoint syncs from Exchange when the owner views their own photo, at most once a day; AD photos sync periodically; the tenant's photo settings; no Lync, no Delve.",
    rules: [
      'EXO-FAST',
      'OWA-CACHE',
      'OUTLOOK-CACHE',
      'TEAMS-CACHE',
      'HOVER-FROM-OWA',
      'SP-UPLOAD-REDIRECT',
      'SP-NEEDS-VISIT',
      'SP-THROTTLE',
      'SP-BROWSER-CACHE',
      'YAMMER-FROM-ENTRA',
      'DIRSYNC',
      'AD-PERIODIC',
      'AD-SIZE',
      'PHOTO-SOURCE',
      'PHOTO-POLICY-OWA',
      'CMDLET-RETIRED',
      'GRAPH-SIZE',
      'DELVE-RETIRED',
    ],
    params: {
      exoLag: 4 * HOUR,
      owaCache: HOUR,
      teamsCache: 60 * DAY,
      teamsServiceCache: 3 * DAY,
      spThrottle: 24 * HOUR,
      spPickup: 24 * HOUR,
      yammerSync: 6 * HOUR,
      dirSyncInterval: 30 * MINUTE,
      settingsLag: 24 * HOUR,
    },
  },
];

/** The five profiles of SPEC section 5 (contract 1.1), validated at load. */
export const PROFILES: readonly Profile[] = DECLARED.map(validateProfile);

export const PROFILE_IDS = PROFILES.map((p) => p.id);

export function findProfile(id: string): Profile | undefined {
  return PROFILES.find((p) => p.id === id);
}

/** A profile's rules in the contract's order, each known, with every parameter they need. */
export function validateProfile(p: Profile): Profile {
  const unknown = p.rules.filter((r) => !RULE_IDS.includes(r));
  if (unknown.length > 0) throw new ProfileError(p.id, `unknown rules ${unknown.join(', ')}`);
  const missing = new Set<ParamName>();
  for (const r of p.rules) for (const name of RULES[r].params) if (p.params[name] === undefined) missing.add(name);
  if (missing.size > 0) throw new ProfileError(p.id, `rules need parameters ${[...missing].join(', ')}`);
  return { ...p, rules: RULE_IDS.filter((r) => p.rules.includes(r)) };
}
