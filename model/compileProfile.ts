import { everyParam, type Params } from './Params.js';
import type { Profile } from './Profile.js';
import { missingFrom, type Missing } from './profileScope.js';
import type { Rule } from './Rule.js';
import { RULE_IDS, type RuleId } from './RuleId.js';
import { RULES } from './rules/index.js';
import type { SharePointKeyParams } from './SharePointSide.js';
import { ACTION_KINDS, VIAS, type ActionKind, type Surface, type Via } from './vocabulary.js';

/** The kinds of action whose effect the checker carries out itself, besides the rules' hooks; `setPolicy` only under POLICY_RULES. */
const CHECKER_ACTS: readonly ActionKind[] = ['visitMySite', 'editCancel', 'setPolicy'];

/** The rules that read the mailbox policy the checker keeps (`ExchangeSide.setPhotoEnabled`). */
const POLICY_RULES: readonly RuleId[] = ['PHOTO-POLICY', 'PHOTO-POLICY-OWA'];

type HookName = {
  [K in keyof Rule]-?: NonNullable<Rule[K]> extends (...args: never[]) => unknown ? K : never;
}[keyof Rule];
/** The rules of a profile that implement each hook, in the order of RULE_IDS. */
export type Hooks = { readonly [K in HookName]: readonly Rule[] };

/**
 * `r` with every field of a rule, absent ones undefined, in one order: the checker's call sites then
 * meet one shape of rule whatever the profile, where each rule's own literal is a shape of its own
 * (V8 deoptimizes a site optimized for some shapes when another comes, and compiles it again).
 */
function uniform(r: Rule): Rule {
  // every field named (`satisfies`): one added to Rule and forgotten here is a compile error, not a hook dropped
  return {
    id: r.id,
    statement: r.statement,
    source: r.source,
    params: r.params,
    reading: r.reading,
    provides: r.provides,
    retires: r.retires,
    rejects: r.rejects,
    acts: r.acts,
    onAction: r.onAction,
    keepsOpen: r.keepsOpen,
    learns: r.learns,
    makesOutside: r.makesOutside,
    stopsDirSync: r.stopsDirSync,
    racesWith: r.racesWith,
    onOutsideChange: r.onOutsideChange,
    onExchangeWrite: r.onExchangeWrite,
    onVisit: r.onVisit,
    pushTrigger: r.pushTrigger,
    pushHold: r.pushHold,
    ownPushAt: r.ownPushAt,
    reads: r.reads,
    alsoShows: r.alsoShows,
    explains: r.explains,
  } satisfies Record<keyof Rule, unknown>;
}

function collectHooks(rules: readonly Rule[]): Hooks {
  const pick = (name: HookName) => rules.filter((r) => r[name] !== undefined);
  return {
    rejects: pick('rejects'),
    onAction: pick('onAction'),
    makesOutside: pick('makesOutside'),
    stopsDirSync: pick('stopsDirSync'),
    racesWith: pick('racesWith'),
    onOutsideChange: pick('onOutsideChange'),
    onExchangeWrite: pick('onExchangeWrite'),
    onVisit: pick('onVisit'),
    pushTrigger: pick('pushTrigger'),
    pushHold: pick('pushHold'),
    ownPushAt: pick('ownPushAt'),
    alsoShows: pick('alsoShows'),
    explains: pick('explains'),
    keepsOpen: pick('keepsOpen'),
    learns: pick('learns'),
  };
}

/** What a checker needs of its profile, worked out once per profile: a harness makes a checker for every run. */
export type CompiledProfile = {
  readonly ruleIds: ReadonlySet<RuleId>;
  /** the profile's parameters, in one shape for every profile (`everyParam`) */
  readonly params: Params;
  readonly hooks: Hooks;
  /** the rules whose `onAction` concerns each kind of action */
  readonly onActionFor: ReadonlyMap<ActionKind, readonly Rule[]>;
  /** whether a SharePoint upload lands in SharePoint itself (SP-ORIGIN, no SP-UPLOAD-REDIRECT) */
  readonly originUploads: boolean;
  /** whether an outside change's arrival may move the end of an open no-stick window (SP-SYNC-WINDOW with SP-NO-STICK) */
  readonly arrivalMovesWindow: boolean;
  /** whether a visit may have had nothing to push where DirSync collapsed the AD writes it came after (SP-NEEDS-VISIT with DIRSYNC) */
  readonly collapseAtVisit: boolean;
  /** AD-ONE-TIME: a read may show that the first AD write synced was exported (`ProfileChecker.exportFirst`) */
  readonly oneTimeSync: boolean;
  /** YAMMER-FROM-ENTRA: Viva Engage copies Exchange at a sync after an opening */
  readonly yammerSyncs: boolean;
  /** the rules of the profile that read the mailbox policy: where there are none, a policy change changes nothing */
  readonly policyRules: readonly RuleId[];
  /** the kinds of action whose unknown outcome the rules acting on them, if any, keep open within the state: no fork */
  readonly keptOpen: ReadonlySet<ActionKind>;
  readonly visitRules: readonly RuleId[];
  readonly readers: ReadonlyMap<Surface, Rule>;
  readonly outsideRules: ReadonlyMap<Via, readonly RuleId[]>;
  readonly absent: Missing;
  /** how far back a read of Exchange reaches from its own time, anchors aside (OWA, Lync, Teams) */
  readonly exchangeReach: number;
  /** how long an AD write may race with another change (AD-PERIODIC, AD-ONE-TIME) or collapse one (DIRSYNC); 0: never */
  readonly raceWindow: number;
  /** whether SharePoint's changes are never moved (see KeyView: they are under SP-SYNC-WINDOW) */
  readonly fixedSharePoint: boolean;
  /** whether an Edit-Cancel asks when Exchange's changes were made (under SP-SYNC-WINDOW) */
  readonly copiesMadeAt: boolean;
  /** a Viva Engage sync under way takes the changes made to Exchange meanwhile (YAMMER-FROM-ENTRA) */
  readonly onExchangeWriteYammer: boolean;
  readonly spKey: SharePointKeyParams;
};
const compiledProfiles = new WeakMap<Profile, CompiledProfile>();

/** The profile as a checker needs it, worked out once and kept for the profile object. */
export function compileProfile(profile: Profile): CompiledProfile {
  const known = compiledProfiles.get(profile);
  if (known !== undefined) return known;
  const ruleIds = new Set(profile.rules);
  const rules = RULE_IDS.filter((id) => ruleIds.has(id)).map((id) => uniform(RULES[id]));
  const hooks = collectHooks(rules);
  const readers = new Map<Surface, Rule>();
  for (const r of rules) for (const s of r.reads?.surfaces ?? []) if (!readers.has(s)) readers.set(s, r);
  const outsideRules = new Map(VIAS.map((via) => [via, hooks.makesOutside.filter((r) => r.makesOutside!(via)).map((r) => r.id)]));
  const p = profile.params;
  const reach = [
    ruleIds.has('OWA-CACHE') ? p.owaCache : undefined,
    ruleIds.has('LYNC-PRESENCE') ? p.lyncLag : undefined,
    ruleIds.has('TEAMS-CACHE') ? Math.max(p.teamsCache ?? 0, p.teamsServiceCache ?? 0) : undefined,
  ];
  const onActionFor = new Map(ACTION_KINDS.map((k) => [k, hooks.onAction.filter((r) => (r.acts ?? ACTION_KINDS).includes(k))]));
  const policyRules = POLICY_RULES.filter((id) => ruleIds.has(id));
  const checkerActs = CHECKER_ACTS.filter((k) => k !== 'setPolicy' || policyRules.length > 0);
  const made: CompiledProfile = {
    ruleIds,
    params: everyParam(p),
    hooks,
    onActionFor,
    originUploads: ruleIds.has('SP-ORIGIN') && (outsideRules.get('sharepoint') ?? []).length === 0,
    arrivalMovesWindow: ruleIds.has('SP-SYNC-WINDOW') && ruleIds.has('SP-NO-STICK'),
    collapseAtVisit: ruleIds.has('SP-NEEDS-VISIT') && ruleIds.has('DIRSYNC'),
    oneTimeSync: ruleIds.has('AD-ONE-TIME'),
    yammerSyncs: ruleIds.has('YAMMER-FROM-ENTRA'),
    policyRules,
    // the checker itself acts on visits, and on policy changes where a rule reads the policy: those
    // always fork. A kind nothing acts on (Lync presence where Lync is gone, a policy no rule reads)
    // changes nothing whatever its outcome: it forks nothing
    keptOpen: new Set(ACTION_KINDS.filter((k) => !checkerActs.includes(k) && onActionFor.get(k)!.every((r) => r.keepsOpen !== undefined))),
    visitRules: hooks.onVisit.map((r) => r.id),
    readers,
    outsideRules,
    absent: missingFrom(ruleIds),
    exchangeReach: Math.max(0, ...reach.map((x) => x ?? 0)),
    // within one DirSync interval, AD writes race (AD-PERIODIC, AD-ONE-TIME) or collapse (DIRSYNC)
    raceWindow: ruleIds.has('DIRSYNC') ? (p.dirSyncInterval ?? 0) : 0,
    // SP-SYNC-WINDOW moves SharePoint's changes, and its Edit-Cancel asks when Exchange's were made
    fixedSharePoint: !ruleIds.has('SP-SYNC-WINDOW'),
    copiesMadeAt: ruleIds.has('SP-SYNC-WINDOW') && ruleIds.has('EDIT-CANCEL'),
    onExchangeWriteYammer: ruleIds.has('YAMMER-FROM-ENTRA'),
    spKey: { throttle: p.spThrottle ?? 0, sinceMatters: ruleIds.has('SP-MYSITE-ONCE') },
  };
  compiledProfiles.set(profile, made);
  return made;
}
