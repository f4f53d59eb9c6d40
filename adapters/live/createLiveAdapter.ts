import type { ActionHandlers, ActionOutcome, Adapter, Clock, ObserveOutcome, Survey } from '../Adapter.js';
import {
  ADMIN,
  NO_PHOTO,
  UNKNOWN,
  type Action,
  type Photo,
  type PhotoSettings,
  type Store,
  type StoreInit,
  type Surface,
  type UserInit,
} from '../../model/vocabulary.js';
import { GraphApi, type Held } from './api/GraphApi.js';
import { SharePointApi, type ThumbnailSize } from './api/SharePointApi.js';
import type { Reply, Services } from './api/Services.js';
import { VivaEngageApi } from './api/VivaEngageApi.js';
import { actionInstructions, actorOf, lookInstructions } from './instructions.js';
import { liveCapabilities } from './liveCapabilities.js';
import type { LiveConfig } from './LiveConfig.js';
import type { Operator, OperatorAnswer } from './Operator.js';
import { ChangeLog } from './ChangeLog.js';
import { PolicyLedger } from './PolicyLedger.js';
import { Originals, type Restored } from './Originals.js';
import { QUIET_AFTER_CHANGE } from './quietAfter.js';
import type { PhotoFiles } from './PhotoFiles.js';
import type { Recogniser } from './photos/Recogniser.js';

/** A user the config does not list, or another tenant: the adapter refuses before any change. */
export class LiveRefusalError extends Error {
  constructor(
    readonly code: 'PHOTOSYNC_NOT_A_TEST_USER' | 'PHOTOSYNC_WRONG_TENANT',
    message: string,
  ) {
    super(message);
    this.name = 'LiveRefusalError';
  }
}

/** The mailbox photo a test user is given between runs: one no run sets (runs set p0 to p5). */
export function baselinePhoto(index: number): string {
  return `p${BASELINE_FIRST + index}`;
}
export const BASELINE_FIRST = 8;

function sameSettings(a: PhotoSettings, b: PhotoSettings): boolean {
  return a.source === b.source && [...a.allowedRoles].sort().join('\n') === [...b.allowedRoles].sort().join('\n');
}

/** A survey that cannot say what the run must start from: the run does not start. */
export class SurveyError extends Error {
  readonly code = 'PHOTOSYNC_SURVEY';
  constructor(message: string) {
    super(message);
    this.name = 'SurveyError';
  }
}

/** What the live adapter is made of; each part is built (and signed in) by the caller. */
export type LiveParts = {
  readonly config: LiveConfig;
  readonly services: Services;
  readonly clock: Clock;
  /** the person (or script) for the steps no API takes; absent: those steps are not generated */
  readonly operator?: Operator | undefined;
  /** the test photos as files and bytes */
  readonly photos: PhotoFiles;
  /** builds the recogniser once the tenant's own placeholders have been read */
  recogniser(placeholders: readonly Buffer[]): Promise<Recogniser>;
  /** checks that a token of the services is for the configured tenant; throws otherwise */
  checkTenant(): Promise<void>;
  /** whether SharePoint can be read app-only (a certificate; SharePoint refuses a secret) */
  readonly sharePointAppOnly: boolean;
  /** lets go of connections and the operator */
  close(): Promise<void>;
  /** requests made so far to the tenant's services, retries and redirects included (not sign-in, not an emulator's control endpoint) */
  requests(): number;
  /** where progress goes (a wait for the tenant to settle), a line each */
  readonly log?: (line: string) => void;
};

/** The live adapter, with what a run needs besides the contract: putting the originals back, letting go of its connections, and the requests it made to the services. */
export type LiveAdapter = Adapter & {
  restoreOriginals(): Promise<Restored[]>;
  close(): Promise<void>;
  requests(): number;
  /** the test photos among `photos` as small images (data: URIs), for a report to show */
  images(photos: readonly string[]): Promise<Record<string, string>>;
  /** when the tenant will have settled after photosync's last change (a survey before then could cry wolf); undefined when it has */
  quietAt(): Promise<number | undefined>;
};

const SP_SURFACE_SIZE: Partial<Record<Surface, ThumbnailSize>> = { 'sp-people-picker': 'S', 'sp-newsfeed': 'M' };

/**
 * A live tenant over Microsoft Graph, SharePoint and Viva Engage, with an operator for what has no
 * API. It is taken as it is: `setup` changes nothing (it reads the tenant's placeholders and checks
 * the tenant), `survey` reads every store it can, and each user's original photo is backed up
 * before the first change. Invariants: it acts only on the config's users and only in its tenant;
 * a fault is `unknown`, never a guess; no secret reaches an outcome's reason.
 */
export function createLiveAdapter(parts: LiveParts): LiveAdapter {
  const { config, services, clock, operator, photos } = parts;
  const graph = new GraphApi(services);
  const sharepoint = new SharePointApi(services, parts.sharePointAppOnly);
  const engage = new VivaEngageApi(services);
  const originals = new Originals(`${config.stateDir}/originals`, graph);
  const changes = new ChangeLog(config.stateDir);
  /** users whose mailbox photo this process set to their baseline and nothing has touched since: no need to read it again */
  const atBaseline = new Set<string>();
  /** users whose mailbox photo this process may have changed since their baseline, with the photos it may have put there (`none` for a removal) */
  const offBaseline = new Map<string, Set<Photo>>();
  /** the tenant's photo settings as this process last read or set them; undefined when not known */
  let settingsNow: PhotoSettings | undefined;
  const policies = new PolicyLedger(config.stateDir);
  const upns = new Map(config.users.map((u) => [u.id, u.upn]));
  const capabilities = liveCapabilities(
    config.users.map((u) => u.id),
    operator !== undefined,
  );
  let recogniser: Recogniser | undefined;
  let checked = false;

  const upn = (id: string): string => {
    const found = upns.get(id);
    if (found === undefined)
      throw new LiveRefusalError('PHOTOSYNC_NOT_A_TEST_USER', `"${id}" is not a test user of the config; photosync acts only on those`);
    return found;
  };
  /** the acting user's sign-in name, or undefined for the tenant itself (app-only) */
  const actingUpn = (by: string | undefined, user: string): string | undefined => (by === ADMIN ? undefined : upn(by ?? user));

  async function ready(): Promise<Recogniser> {
    if (!checked) {
      await parts.checkTenant();
      checked = true;
    }
    if (recogniser === undefined) {
      // the tenant's own placeholder, as SharePoint shows it for an account with no photo
      const nobody = `photosync-no-photo-${Date.now()}@${config.users[0]!.upn.split('@')[1]}`;
      const captured: Buffer[] = [];
      for (const size of ['S', 'M', 'L'] as const) {
        const reply = await sharepoint.thumbnail(nobody, size, config.users[0]!.id, true);
        if (reply.kind === 'ok') captured.push(reply.value);
      }
      recogniser = await parts.recogniser(captured);
    }
    return recogniser;
  }

  async function recognise(reply: Reply<Held | Buffer>): Promise<ObserveOutcome> {
    if (reply.kind !== 'ok') return { status: 'unknown', reason: reply.reason };
    const value = reply.value;
    if (!Buffer.isBuffer(value) && value.kind === 'none') return { status: 'seen', photo: NO_PHOTO };
    const bytes = Buffer.isBuffer(value) ? value : value.bytes;
    const r = await (await ready()).recognise(bytes);
    return { status: 'seen', photo: r.photo };
  }

  function outcomeOf(reply: Reply<void>): ActionOutcome {
    if (reply.kind === 'ok') return { status: 'ok' };
    if (reply.kind === 'refused') return { status: 'rejected', reason: reply.reason };
    return { status: 'unknown', reason: reply.reason };
  }

  function fromOperator(answer: OperatorAnswer): ActionOutcome {
    switch (answer.kind) {
      case 'done':
        return { status: 'ok' };
      case 'refused':
        return { status: 'rejected', reason: answer.reason };
      case 'unknown':
        return { status: 'unknown', reason: answer.reason };
      case 'seen':
        return { status: 'unknown', reason: 'the operator answered a photo for an action' };
    }
  }

  /** Backs up the originals of the users an action may change, and notes the change on disk, before it is made. */
  async function beforeChange(action: Exclude<Action, { do: 'wait' }>): Promise<void> {
    await ready();
    if ('user' in action) atBaseline.delete(action.user);
    // any path and any outcome: the photo may reach the mailbox whatever the answer said
    if (action.do === 'setPhoto' || action.do === 'removePhoto') {
      const put = offBaseline.get(action.user) ?? new Set<Photo>();
      put.add(action.do === 'setPhoto' ? action.photo : NO_PHOTO);
      offBaseline.set(action.user, put);
    }
    if ('user' in action && (action.do === 'setPhoto' || action.do === 'removePhoto')) await originals.save(action.user, upn(action.user));
    if (action.do === 'setPhotoSettings') await originals.saveSettings();
    // emptying a viewer's cache moves no photo, nor does an OWA policy (it only decides what a later
    // upload may do): neither is a change a survey waits for (a survey that reset a policy, cut short
    // by a crash, would otherwise make the next run wait three days before surveying again)
    if (action.do !== 'restartClient' && action.do !== 'clearBrowserCache' && action.do !== 'setPolicy') await changes.record(clock.now());
  }

  /** Waits until the tenant is quiet after photosync's last change (this run's or an earlier one's), so that a survey says all that matters. */
  async function quietAt(): Promise<number | undefined> {
    const last = await changes.last(clock.now());
    const until = last === undefined ? undefined : last + QUIET_AFTER_CHANGE;
    return until === undefined || until <= clock.now() ? undefined : until;
  }

  async function settle(): Promise<void> {
    const until = await quietAt();
    if (until === undefined) return;
    if (config.endpoints.virtualClock === undefined)
      parts.log?.(
        `photosync: waiting until ${new Date(until).toISOString()} for the tenant to settle after the last change, before surveying it`,
      );
    await clock.advance(until - clock.now());
  }

  async function byOperator(action: Exclude<Action, { do: 'wait' }>): Promise<ActionOutcome> {
    if (operator === undefined) return { status: 'unknown', reason: `no operator: ${action.do} has no API` };
    // every user the action names must be a test user, before anything is asked
    for (const key of ['user', 'viewer', 'by'] as const) {
      const v = (action as Partial<Record<typeof key, unknown>>)[key];
      if (typeof v === 'string' && v !== ADMIN) upn(v);
    }
    await beforeChange(action);
    const photo = action.do === 'setPhoto' ? await photos.file(action.photo, action.bytes) : undefined;
    const actor = actorOf(action);
    return fromOperator(
      await operator.take({
        kind: 'act',
        action,
        signInAs: actor === ADMIN ? 'an administrator' : upn(actor),
        instructions: actionInstructions(action, (id) => (id === ADMIN ? 'an administrator' : upn(id)), photo?.path),
        ...(photo === undefined ? {} : { photoFile: photo.path, photoBytes: photo.bytes }),
      }),
    );
  }

  async function change(action: Exclude<Action, { do: 'wait' }>): Promise<ActionOutcome> {
    if (action.do === 'setPhoto' && (action.via === 'graph' || action.via === 'sharepoint')) {
      const as = actingUpn(action.by, action.user);
      const target = upn(action.user);
      // SetMyProfilePicture changes the signed-in user's own photo: another acting user is the operator's
      if (action.via === 'sharepoint' && as !== target) return byOperator(action);
      await beforeChange(action);
      // an upload through an API needs only the bytes; a file is for an operator
      const bytes = await photos.bytes(action.photo, action.bytes);
      if (action.via === 'graph') return outcomeOf(await graph.setPhoto(target, bytes, as));
      return outcomeOf(await sharepoint.setMyPicture(target, bytes));
    }
    if (action.do === 'removePhoto' && action.via === 'graph') {
      const as = actingUpn(action.by, action.user);
      await beforeChange(action);
      return outcomeOf(await graph.removePhoto(upn(action.user), as));
    }
    if (action.do === 'setPolicy') {
      upn(action.user);
      const before = await policies.get(action.user);
      await policies.set(action.user, UNKNOWN);
      const outcome = await byOperator(action);
      // refused: nothing changed (a never-set policy stays not known); not known: it stays unknown until set again
      if (outcome.status !== 'unknown')
        await policies.set(action.user, outcome.status === 'ok' ? action.setPhotoEnabled : before === 'unset' ? UNKNOWN : before);
      return outcome;
    }
    if (action.do === 'setPhotoSettings') {
      await beforeChange(action);
      const wanted: PhotoSettings = { source: action.source, allowedRoles: [...(action.allowedRoles ?? [])] };
      const outcome = outcomeOf(await graph.setPhotoSettings(wanted));
      if (outcome.status !== 'rejected') settingsNow = outcome.status === 'ok' ? wanted : undefined;
      return outcome;
    }
    return byOperator(action);
  }

  const perform: ActionHandlers = {
    setPhoto: change,
    removePhoto: change,
    visitMySite: change,
    editCancel: change,
    lyncSignIn: change,
    lyncSignOut: change,
    restartClient: change,
    clearBrowserCache: change,
    openYammer: change,
    setPolicy: change,
    setPhotoSettings: change,
    async wait(a) {
      await clock.advance(a.ms);
      return { status: 'ok' };
    },
  };

  async function observe(surface: Surface, user: string, viewer: string): Promise<ObserveOutcome> {
    const subject = upn(user);
    upn(viewer);
    await ready();
    if (surface === 'graph') return recognise(await graph.photo(subject));
    if (surface === 'yammer') return recognise(await engage.photo(subject, upn(viewer)));
    const size = SP_SURFACE_SIZE[surface];
    if (size !== undefined) return recognise(await sharepoint.thumbnail(subject, size, upn(viewer), true));
    // another's profile page shows the large photo with no cache; one's own is a visit, which a person makes
    if (surface === 'sp-mysite' && user !== viewer) return recognise(await sharepoint.profilePhoto(subject, upn(viewer)));
    if (operator === undefined) return { status: 'unknown', reason: `no operator: the ${surface} surface has no API` };
    const answer = await operator.take({
      kind: 'look',
      see: surface,
      user,
      viewer,
      signInAs: upn(viewer),
      instructions: lookInstructions(surface, user, viewer, upn),
      candidates: await photos.folder(),
    });
    if (answer.kind === 'seen') return { status: 'seen', photo: answer.photo };
    if (answer.kind === 'unknown') return { status: 'unknown', reason: answer.reason };
    return { status: 'unknown', reason: `the operator answered "${answer.kind}" for a look` };
  }

  const held = async (reply: Reply<Held>): Promise<StoreInit> => {
    const seen = await recognise(reply);
    return seen.status === 'seen' ? seen.photo : UNKNOWN;
  };

  /**
   * The user's OWA policy as photosync left it. One it never set, or cannot know, is first set to
   * the default by the operator; with no operator, a never-set one is taken as the default, which
   * the README asks administrators to keep for their test users.
   */
  async function knownPolicy(id: string): Promise<boolean> {
    const value = await policies.get(id);
    if (value === true || value === false) return value;
    if (value === 'unset' && operator === undefined) return true;
    const reset = await change({ do: 'setPolicy', user: id, setPhotoEnabled: true });
    if (reset.status !== 'ok')
      throw new SurveyError(
        `the OWA mailbox policy of ${upn(id)} is not known and could not be set: set SetPhotoEnabled to true by hand, then run again`,
      );
    return true;
  }

  async function survey(ids: readonly string[], reads?: ReadonlyMap<string, ReadonlySet<Store>>): Promise<Survey> {
    await ready();
    const users: UserInit[] = [];
    // `admin` is the tenant acting (app-only), not a user with a photo
    const people = ids.filter((i) => i !== ADMIN);
    // a store the run never reads is left unknown: it can only widen what the model allows
    const wanted = (id: string, store: Store) => reads === undefined || reads.get(id)?.has(store) === true;
    const graphRead = await graph.survey(people.filter((id) => wanted(id, 'exchange')).map(upn));
    const mailboxes = graphRead.photos;
    const profiles = await sharepoint.propertiesOfEach(people.filter((id) => wanted(id, 'sharepoint')).map(upn));
    for (const id of people) {
      const who = upn(id);
      const mailbox = mailboxes.get(who);
      const exchange = mailbox === undefined ? UNKNOWN : await held(mailbox);
      let sp: StoreInit = UNKNOWN;
      let mySite = true;
      const props = profiles.get(who);
      if (props?.kind === 'ok') {
        mySite = props.value.mySite;
        sp = await held(await sharepoint.picture(props.value.pictureUrl, who));
      }
      const yammer = wanted(id, 'yammer') ? await held(await engage.photo(who, who)) : UNKNOWN;
      const roles = config.users.find((u) => u.id === id)?.roles;
      users.push({
        id,
        photo: exchange === UNKNOWN ? 'p0' : (exchange as Photo),
        // a test user has a My Site (README); it matters only where SharePoint is read, and then it is read
        mySite,
        lync: 'offline',
        setPhotoEnabled: await knownPolicy(id),
        // no API shows the one-time AD sync, and on-premises AD is not among the paths runs take
        adSynced: false,
        stores: { exchange, sharepoint: sp, yammer, ad: UNKNOWN },
        spUpdated: UNKNOWN,
        pending: UNKNOWN,
        ...(roles === undefined ? {} : { roles }),
        caches: UNKNOWN,
      });
    }
    // read after the tenant settled, whatever this process last knew: someone else may have changed them
    const settings = graphRead.settings;
    settingsNow = settings.kind === 'ok' ? settings.value : undefined;
    // the header has no "unknown" for them, and a guess could make PHOTO-SOURCE cry wolf
    if (settings.kind !== 'ok') throw new SurveyError(`cannot read the tenant's photo update settings: ${settings.reason}`);
    return { users, photoSettings: settings.value };
  }

  return {
    name: `live:${config.tenantId}`,
    capabilities,
    clock,
    async setup(_users, _settings, puts) {
      await ready();
      // each run starts from the tenant's own photo settings, not from where the last run left them;
      // what this process last read or set stands in for a read, and the survey reads them anyway
      const original = await originals.settings();
      const current: Reply<PhotoSettings> = settingsNow === undefined ? await graph.photoSettings() : { kind: 'ok', value: settingsNow };
      if (current.kind === 'ok') settingsNow = current.value;
      if (original !== undefined && (current.kind !== 'ok' || !sameSettings(original, current.value))) {
        await changes.record(clock.now());
        const reply = await graph.setPhotoSettings(original);
        if (reply.kind !== 'ok') throw new SurveyError(`cannot put the tenant's photo update settings back before a run: ${reply.reason}`);
        settingsNow = original;
      }
      // and each test user from a mailbox photo no run sets, once photosync has changed it, where the
      // run may put a photo the user may hold: every change the run makes then shows, and a story
      // shrunk from one run tells the same on the next (a refusal leaves the photo as it is)
      const toBaseline = async (i: number, u: (typeof config.users)[number]) => {
        await changes.record(clock.now());
        const reply = await graph.setPhoto(u.upn, await photos.bytes(baselinePhoto(i)));
        if (reply.kind !== 'ok') return;
        atBaseline.add(u.id);
        offBaseline.delete(u.id);
      };
      const unsure: number[] = [];
      for (const [i, u] of config.users.entries()) {
        const put = puts === undefined ? undefined : (puts.get(u.id) ?? new Set<Photo>());
        if (put?.size === 0 || atBaseline.has(u.id) || !(await originals.has(u.id))) continue;
        // one this process may have changed is put back unread where it may hold what the run puts;
        // another is read once the tenant is quiet
        const mayHold = offBaseline.get(u.id);
        if (mayHold === undefined) unsure.push(i);
        else if (put === undefined || [...mayHold].some((p) => put.has(p))) await toBaseline(i, u);
      }
      if (unsure.length > 0) await settle();
      for (const i of unsure) {
        const u = config.users[i]!;
        const photo = await recognise(await graph.photo(u.upn));
        if (photo.status === 'seen' && photo.photo === baselinePhoto(i)) atBaseline.add(u.id);
        else if (photo.status === 'seen' && puts !== undefined && !(puts.get(u.id)?.has(photo.photo) ?? false))
          offBaseline.set(u.id, new Set([photo.photo]));
        else await toBaseline(i, u);
      }
      // one wait covers the last run's changes and these: the survey needs quiet after both
      await settle();
    },
    survey,
    quietAt,
    async teardown() {},
    perform,
    observe,
    async restoreOriginals() {
      settingsNow = undefined;
      // putting an original back is a change like any other: the next survey waits for it to settle
      const out = await originals.restoreAll(() => changes.record(clock.now()));
      for (const id of await policies.changed(config.users.map((u) => u.id))) {
        const reply = await change({ do: 'setPolicy', user: id, setPhotoEnabled: true });
        out.push({
          id,
          upn: upn(id),
          what: 'policy',
          outcome: reply.status === 'ok' ? 'restored' : 'failed',
          ...(reply.status === 'ok' ? {} : { reason: reply.reason }),
        });
      }
      return out;
    },
    close: () => parts.close(),
    requests: () => parts.requests(),
    async images(ids) {
      const out: Record<string, string> = {};
      for (const id of ids) if (/^p\d+$/.test(id)) out[id] = await photos.thumbnail(id);
      return out;
    },
  };
}
