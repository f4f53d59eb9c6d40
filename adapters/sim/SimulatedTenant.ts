import { DAY } from '../../model/Params.js';
import {
  CLIENTS,
  DEFAULT_PHOTO_SETTINGS,
  defaultUser,
  NO_PHOTO,
  UNKNOWN,
  type Action,
  type Client,
  type Photo,
  type PhotoSettings,
  type RemovePhoto,
  type SetPhoto,
  type Store,
  type Surface,
  type UserInit,
} from '../../model/vocabulary.js';
import type { Survey } from '../Adapter.js';
import { ExchangeMailbox } from './ExchangeMailbox.js';
import { LyncPresence } from './LyncPresence.js';
import { OnPremDirectory, type AdDelta } from './OnPremDirectory.js';
import { SERVE_CACHED } from './PhotoCache.js';
import { PhotoUpdateSettings } from './PhotoUpdateSettings.js';
import { refusal, type Judge } from './refusal.js';
import { SharePointProfile, THUMBNAIL_OF } from './SharePointProfile.js';
import type { SimContext } from './SimContext.js';
import { TeamsService } from './TeamsService.js';
import type { Version } from './Version.js';
import { ViewerCaches } from './ViewerCaches.js';
import { YammerProfile } from './YammerProfile.js';

/** One user's photo in every store of the tenant, and the roles they hold. */
type Person = { mailbox: ExchangeMailbox; sharepoint: SharePointProfile; yammer: YammerProfile; roles: readonly string[] };

type BrowserCache = 'sharepoint' | 'owa';

/** What an accepted or refused action did. */
export type Applied = { readonly refused?: string };

/** The photos a store the header calls `unknown` may hold: the test photos a tenant's history leaves, and none. */
export const HISTORY_PHOTOS: readonly Photo[] = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', NO_PHOTO];

/**
 * The simulated tenant's state and mechanics: the stores of every user, the DirSync cycle, the
 * viewers' caches and Lync presence, and the tenant's photo update settings. It never consults
 * the reference model: rules show only as which mechanisms the profile switches on, and as their
 * durations.
 * Invariant: every change of state happens in an action, an observation that the contract counts
 * as a visit, or a timer on the virtual clock.
 */
export class SimulatedTenant {
  private readonly people = new Map<string, Person>();
  private readonly directory: OnPremDirectory;
  private readonly clients = new ViewerCaches<Client>(CLIENTS);
  private readonly browsers = new ViewerCaches<BrowserCache>(['sharepoint', 'owa']);
  private readonly teams = new TeamsService();
  private readonly presence = new LyncPresence();
  private readonly settings: PhotoUpdateSettings;

  constructor(
    private readonly ctx: SimContext,
    photoSettings: PhotoSettings = DEFAULT_PHOTO_SETTINGS,
  ) {
    const { behaviour } = ctx;
    // a later AD write may hide an earlier one only where the earlier one may simply never show;
    // a periodic sync exports the attribute's current value at each run (SPEC 4: DirSync may collapse writes)
    const coalesce = behaviour.has('AD-PERIODIC')
      ? 'always'
      : !behaviour.has('AD-ONE-TIME') && !behaviour.has('AD-SIZE')
        ? 'sometimes'
        : 'never';
    this.directory = new OnPremDirectory(ctx, behaviour.param('dirSyncInterval'), coalesce, (d) => this.carryFromAd(d));
    this.settings = new PhotoUpdateSettings(ctx, photoSettings);
  }

  /**
   * Puts a user in the state the trace header declares, settled long before now; where the header
   * says `unknown` (SPEC section 6), the tenant draws one of the states it allows.
   */
  addUser(init: UserInit): void {
    const { ctx } = this;
    const { random, clock, behaviour, versions } = ctx;
    const now = clock.now();
    const photoOf = (store: Store): Photo => {
      const p = init.stores?.[store] ?? init.photo;
      return p === UNKNOWN ? random.pick(HISTORY_PHOTOS) : p;
    };
    const exchange = photoOf('exchange');
    const sharepoint = photoOf('sharepoint');
    const yammer = photoOf('yammer');
    const ad = photoOf('ad');
    // unknown: an instant of the last throttle window, or never
    const spUpdated =
      init.spUpdated === 'unknown'
        ? random.chance(0.5)
          ? undefined
          : now - random.delayWithin(behaviour.paramOr('spThrottle', 0))
        : init.spUpdated;
    const pending = init.pending === 'unknown' ? random.chance(0.5) : init.pending === true;
    // what waits is Exchange's photo, changed after SharePoint's last update and within spSync of the start
    let change: Version | undefined;
    if (pending)
      change = versions.mint(now - random.delayWithin(Math.min(behaviour.paramOr('spSync', DAY), now - (spUpdated ?? -Infinity))));
    const mailbox = new ExchangeMailbox(ctx, {
      photo: exchange,
      adSynced: init.adSynced,
      setPhotoEnabled: init.setPhotoEnabled,
      version: change,
    });
    this.people.set(init.id, {
      mailbox,
      sharepoint: new SharePointProfile(ctx, mailbox, {
        photo: sharepoint,
        mySite: init.mySite,
        spUpdated,
        pending: change === undefined ? undefined : { photo: exchange, version: change },
      }),
      yammer: new YammerProfile(ctx, yammer),
      roles: init.roles ?? [],
    });
    this.directory.init(init.id, ad);
    this.presence.set(init.id, init.lync === 'online');
  }

  apply(a: Action): Applied {
    if (a.do === 'wait') throw new Error('time passes on the clock, not in the tenant');
    const dev = this.ctx.deviations;
    if (a.do === 'setPhotoSettings') {
      // accepted in every tenant; only PHOTO-SOURCE consults them
      this.settings.change({ source: a.source, allowedRoles: [...(a.allowedRoles ?? [])] });
      return {};
    }
    if (a.do === 'restartClient') {
      if (!(a.client === 'outlook-desktop' && dev.outlookSurvivesRestart)) this.clients.clear(a.viewer, a.client);
      if (a.client === 'teams') this.teams.restart(a.viewer, this.ctx.clock.now());
      return {};
    }
    if (a.do === 'clearBrowserCache') {
      this.browsers.clear(a.viewer, dev.browserSurvivesClear ? 'owa' : undefined);
      return {};
    }
    const person = this.person(a.user);
    const judge: Judge = {
      settings: () => this.settings.judge(),
      rolesOf: (user) => this.people.get(user)?.roles ?? [],
      ...(dev.photoPolicyPaths === undefined ? {} : { policyPaths: dev.photoPolicyPaths }),
    };
    const refused = refusal(this.ctx.behaviour, a, person.mailbox.setPhotoEnabled, judge);
    if (refused !== undefined) return { refused };
    switch (a.do) {
      case 'setPhoto':
      case 'removePhoto':
        this.setPhoto(a, person);
        break;
      case 'visitMySite':
        person.sharepoint.visit();
        break;
      case 'editCancel':
        person.sharepoint.editCancel();
        break;
      case 'lyncSignIn':
      case 'lyncSignOut':
        this.presence.set(a.user, a.do === 'lyncSignIn');
        break;
      case 'openYammer':
        if (this.ctx.behaviour.has('YAMMER-FROM-ENTRA')) {
          person.yammer.copy(person.mailbox.read(), this.ctx.clock.now() + this.ctx.behaviour.param('yammerSync'));
        }
        break;
      case 'setPolicy':
        person.mailbox.setPhotoEnabled = a.setPhotoEnabled;
        break;
    }
    return {};
  }

  /** What `viewer` sees of `user`'s photo on `surface` now; the subject reading their own My Site visits it. */
  observe(surface: Surface, user: string, viewer: string): Photo {
    const photo = this.render(surface, user, viewer);
    if (surface === 'sp-mysite' && viewer === user) this.person(user).sharepoint.visit();
    return photo;
  }

  /** The subject opens their own My Site without the harness seeing it (an observation that failed). */
  visitUnseen(user: string): void {
    this.person(user).sharepoint.visit();
  }

  /**
   * What a careful survey of the tenant reads now (SPEC section 6), for each of `ids`: each store's
   * photo where it is settled (nothing on its way to it), else `unknown`; what no API shows
   * (SharePoint's last update, a change waiting for it, the viewers' caches) `unknown`; the rest as
   * it is. Draws no dice and changes nothing.
   */
  survey(ids: readonly string[]): Survey {
    const now = this.ctx.clock.now();
    const users = ids.map((id): UserInit => {
      const p = this.people.get(id);
      const waiting = this.directory.isWaiting(id);
      const ad = waiting ? UNKNOWN : (this.directory.photoOf(id) ?? NO_PHOTO);
      const stores =
        p === undefined
          ? { exchange: NO_PHOTO, sharepoint: NO_PHOTO, yammer: NO_PHOTO, ad }
          : {
              exchange: (!waiting && p.mailbox.settledPhoto()) || UNKNOWN,
              sharepoint: p.sharepoint.settledPhoto() ?? UNKNOWN,
              yammer: p.yammer.settledPhoto() ?? UNKNOWN,
              ad,
            };
      return {
        id,
        photo: stores.exchange === UNKNOWN ? 'p0' : stores.exchange,
        mySite: p?.sharepoint.hasMySite(now) ?? false,
        lync: this.presence.isSignedIn(id) ? 'online' : 'offline',
        setPhotoEnabled: p?.mailbox.setPhotoEnabled ?? true,
        adSynced: p?.mailbox.hasAdPhoto() ?? false,
        stores,
        spUpdated: UNKNOWN,
        pending: UNKNOWN,
        roles: [...(p?.roles ?? [])],
        caches: UNKNOWN,
      };
    });
    return { users, photoSettings: this.settings.current() };
  }

  /**
   * The earliest instant from which the tenant is quiet enough for a survey to say all that
   * matters, as a campaign surveys a quiet tenant; no header field carries any of these:
   * - no AD write within dirSyncInterval + exoLag before it (one still on its way to Exchange);
   * - no change on its way to Exchange, even one of the photo it holds: what `pending` says waits
   *   has surely reached Exchange (SPEC section 6), and a push made before it lands would miss it;
   * - no settings change within settingsLag before it (one still taking effect);
   * - under AD-PERIODIC, no cloud photo within dirSyncInterval before it (an AD write just after
   *   the start would race with it);
   * - no SharePoint push due after it (a visit remembered in the throttle window, or a window
   *   whose end pushes, would push after the start without a visit the trace could show).
   */
  quietFrom(): number {
    const { behaviour, deviations: dev } = this.ctx;
    const interval = behaviour.param('dirSyncInterval');
    let quiet = this.directory.lastWriteAt() + interval + behaviour.param('exoLag');
    if (behaviour.has('PHOTO-SOURCE')) {
      quiet = Math.max(quiet, this.settings.lastChangedAt() + (dev.settingsLagMs ?? behaviour.paramOr('settingsLag', 0)));
    }
    for (const p of this.people.values()) {
      quiet = Math.max(quiet, p.mailbox.landedBy());
      if (behaviour.has('AD-PERIODIC')) quiet = Math.max(quiet, p.mailbox.lastCloudAt() + interval);
      const push = p.sharepoint.nextPushAt();
      if (push !== Infinity) quiet = Math.max(quiet, push + 1);
    }
    return quiet;
  }

  private render(surface: Surface, user: string, viewer: string): Photo {
    const { clock, behaviour, deviations: dev } = this.ctx;
    const now = clock.now();
    // a look draws its own dice: what the tenant does next does not depend on how often it was looked at
    const random = this.ctx.readDice(`${surface}\n${user}\n${viewer}`);
    const p = this.person(user);
    const exchange = () => p.mailbox.read(random).photo;
    // a mutant's cache serves what it holds every time, so that it shows on every seed
    const hitRate = (deviates: boolean) => (deviates ? 1 : SERVE_CACHED);
    const size = THUMBNAIL_OF[surface];
    if ((surface === 'sp-people-picker' && dev.pickerCached) || (surface === 'sp-search-hover' && dev.hoverReadsSharePoint)) {
      return this.browsers.of(viewer, 'sharepoint').serve(user, now, Infinity, random, () => p.sharepoint.read(size ?? 'S', random), 1);
    }
    switch (surface) {
      case 'sp-mysite':
      case 'sp-newsfeed':
      case 'sp-people-picker':
      case 'delve':
        return p.sharepoint.read(size!, random);
      case 'sp-search': {
        const maxAge = behaviour.has('SP-BROWSER-CACHE') ? Infinity : 0;
        const read = () => p.sharepoint.read(size!, random);
        return this.browsers.of(viewer, 'sharepoint').serve(user, now, maxAge, random, read, hitRate(dev.browserSurvivesClear === true));
      }
      case 'sp-search-hover':
      case 'owa-contact-card':
      case 'owa-email':
      case 'owa-draft': {
        // the hover panel is Outlook on the web's card, cache included (HOVER-FROM-OWA)
        const maxAge = dev.owaCacheMs ?? (behaviour.has('OWA-CACHE') ? behaviour.param('owaCache') : 0);
        return this.browsers.of(viewer, 'owa').serve(user, now, maxAge, random, exchange, hitRate(dev.owaCacheMs !== undefined));
      }
      case 'outlook-desktop': {
        const maxAge = behaviour.has('OUTLOOK-CACHE') ? Infinity : 0;
        const cache = this.clients.of(viewer, 'outlook-desktop');
        return cache.serve(user, now, maxAge, random, exchange, hitRate(dev.outlookSurvivesRestart === true));
      }
      case 'lync':
        if (!this.presence.isSignedIn(user) && !dev.lyncIgnoresPresence) return 'none';
        return this.clients.of(viewer, 'lync').serve(user, now, behaviour.param('lyncLag'), random, exchange);
      case 'teams': {
        // the client's cache until restart, and behind it the service's, which no restart empties
        const caching = {
          clientMaxAge: dev.teamsCacheMs ?? behaviour.param('teamsCache'),
          serviceMaxAge: dev.teamsServiceCacheMs ?? behaviour.paramOr('teamsServiceCache', 0),
          clientHitRate: hitRate(dev.teamsCacheMs !== undefined),
          serviceHitRate: hitRate(dev.teamsServiceCacheMs !== undefined),
        };
        return this.teams.read(viewer, user, now, caching, random, exchange);
      }
      case 'graph':
        return exchange();
      case 'yammer':
        return p.yammer.read();
    }
  }

  private setPhoto(a: SetPhoto | RemovePhoto, p: Person): void {
    const { clock, behaviour, versions, deviations: dev } = this.ctx;
    const now = clock.now();
    const photo = a.do === 'setPhoto' ? a.photo : 'none';
    const version = versions.mint(now);
    if (a.via === 'yammer') {
      if (behaviour.has('YAMMER-ISOLATED')) p.yammer.upload(photo, version);
      return;
    }
    if (a.via === 'on-prem-ad') {
      const bytes = a.do === 'setPhoto' ? a.bytes : undefined;
      // judged now, by the settings of this instant, even if DirSync carries it later (PHOTO-SOURCE)
      const stopped = behaviour.has('PHOTO-SOURCE') && this.settings.judge().source === 'cloud';
      const synced = behaviour.has('DIRSYNC') && !stopped && p.mailbox.takesAdPhoto(bytes);
      this.directory.write(a.user, photo, version, synced);
      // the SPEC counts a DirSync change as made at the time of the AD write
      if (synced) p.sharepoint.outsideChange(photo, version);
      return;
    }
    const origin = a.via === 'sharepoint' && behaviour.has('SP-ORIGIN') && !behaviour.has('SP-UPLOAD-REDIRECT');
    const deadline = now + behaviour.param('exoLag');
    // a change SharePoint keeps itself is no outside change, and does not race with AD's
    if (origin) p.mailbox.write(photo, version, deadline);
    else p.mailbox.writeFromCloud(photo, version, deadline, this.directory.isWaiting(a.user));
    if (dev.yammerFromExchange) p.yammer.copy({ photo, version }, deadline);
    if (a.via === 'sharepoint' && dev.spUploadLost) return;
    if (origin) p.sharepoint.upload(photo, version);
    else p.sharepoint.outsideChange(photo, version);
  }

  /** A DirSync run carries an AD write to the mailbox, which takes it within exoLag of the run. */
  private carryFromAd(d: AdDelta): void {
    const now = this.ctx.clock.now();
    this.person(d.user).mailbox.carryFromAd(d.photo, d.version, now + this.ctx.behaviour.param('exoLag'));
  }

  private person(id: string): Person {
    let p = this.people.get(id);
    if (p === undefined) {
      this.addUser(defaultUser(id));
      p = this.people.get(id)!;
    }
    return p;
  }
}
