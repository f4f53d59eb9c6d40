import {
  CLIENTS,
  defaultUser,
  type Action,
  type Client,
  type Photo,
  type RemovePhoto,
  type SetPhoto,
  type Surface,
  type UserInit,
} from '../../model/vocabulary.js';
import { ExchangeMailbox } from './ExchangeMailbox.js';
import { LyncPresence } from './LyncPresence.js';
import { OnPremDirectory, type AdDelta } from './OnPremDirectory.js';
import { SERVE_CACHED } from './PhotoCache.js';
import { refusal } from './refusal.js';
import { SharePointProfile, THUMBNAIL_OF } from './SharePointProfile.js';
import type { SimContext } from './SimContext.js';
import { ViewerCaches } from './ViewerCaches.js';
import { YammerProfile } from './YammerProfile.js';

/** One user's photo in every store of the tenant. */
type Person = { mailbox: ExchangeMailbox; sharepoint: SharePointProfile; yammer: YammerProfile };

type BrowserCache = 'sharepoint' | 'owa';

/** What an accepted or refused action did. */
export type Applied = { readonly refused?: string };

/**
 * The simulated tenant's state and mechanics: the stores of every user, the DirSync cycle, the
 * viewers' caches and Lync presence. It never consults the reference model: rules show only as
 * which mechanisms the profile switches on, and as their durations.
 * Invariant: every change of state happens in an action, an observation that the contract counts
 * as a visit, or a timer on the virtual clock.
 */
export class SimulatedTenant {
  private readonly people = new Map<string, Person>();
  private readonly directory: OnPremDirectory;
  private readonly clients = new ViewerCaches<Client>(CLIENTS);
  private readonly browsers = new ViewerCaches<BrowserCache>(['sharepoint', 'owa']);
  private readonly presence = new LyncPresence();

  constructor(private readonly ctx: SimContext) {
    const { behaviour } = ctx;
    // a later AD write may hide an earlier one only where the earlier one may simply never show
    const coalesce = !behaviour.has('AD-ONE-TIME') && !behaviour.has('AD-SIZE');
    this.directory = new OnPremDirectory(ctx, behaviour.param('dirSyncInterval'), coalesce, (d) => this.carryFromAd(d));
  }

  /** Puts a user in the state the trace header declares, settled long before now. */
  addUser(init: UserInit): void {
    const mailbox = new ExchangeMailbox(this.ctx, init);
    this.people.set(init.id, {
      mailbox,
      sharepoint: new SharePointProfile(this.ctx, mailbox, init),
      yammer: new YammerProfile(this.ctx, init.photo),
    });
    this.directory.init(init.id, init.photo);
    this.presence.set(init.id, init.lync === 'online');
  }

  apply(a: Action): Applied {
    if (a.do === 'wait') throw new Error('time passes on the clock, not in the tenant');
    const dev = this.ctx.deviations;
    if (a.do === 'restartClient') {
      if (!(a.client === 'outlook-desktop' && dev.outlookSurvivesRestart)) this.clients.clear(a.viewer, a.client);
      return {};
    }
    if (a.do === 'clearBrowserCache') {
      this.browsers.clear(a.viewer, dev.browserSurvivesClear ? 'owa' : undefined);
      return {};
    }
    const person = this.person(a.user);
    const refused = refusal(this.ctx.behaviour, a, person.mailbox.setPhotoEnabled);
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

  private render(surface: Surface, user: string, viewer: string): Photo {
    const { clock, random, behaviour, deviations: dev } = this.ctx;
    const now = clock.now();
    const p = this.person(user);
    const exchange = () => p.mailbox.read().photo;
    // a mutant's cache serves what it holds every time, so that it shows on every seed
    const hitRate = (deviates: boolean) => (deviates ? 1 : SERVE_CACHED);
    const size = THUMBNAIL_OF[surface];
    if ((surface === 'sp-people-picker' && dev.pickerCached) || (surface === 'sp-search-hover' && dev.hoverReadsSharePoint)) {
      return this.browsers.of(viewer, 'sharepoint').serve(user, now, Infinity, random, () => p.sharepoint.read(size ?? 'S'), 1);
    }
    switch (surface) {
      case 'sp-mysite':
      case 'sp-newsfeed':
      case 'sp-people-picker':
      case 'delve':
        return p.sharepoint.read(size!);
      case 'sp-search': {
        const maxAge = behaviour.has('SP-BROWSER-CACHE') ? Infinity : 0;
        const read = () => p.sharepoint.read(size!);
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
        const maxAge = dev.teamsCacheMs ?? behaviour.param('teamsCache');
        return this.clients.of(viewer, 'teams').serve(user, now, maxAge, random, exchange, hitRate(dev.teamsCacheMs !== undefined));
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
      const synced = behaviour.has('DIRSYNC') && p.mailbox.takesAdPhoto(bytes);
      this.directory.write(a.user, photo, version, synced);
      // the SPEC counts a DirSync change as made at the time of the AD write
      if (synced) p.sharepoint.outsideChange(photo, version);
      return;
    }
    p.mailbox.write(photo, version, now + behaviour.param('exoLag'));
    if (dev.yammerFromExchange) p.yammer.copy({ photo, version }, now + behaviour.param('exoLag'));
    if (a.via === 'sharepoint' && dev.spUploadLost) return;
    if (a.via === 'sharepoint' && behaviour.has('SP-ORIGIN') && !behaviour.has('SP-UPLOAD-REDIRECT')) {
      p.sharepoint.upload(photo, version);
    } else {
      p.sharepoint.outsideChange(photo, version);
    }
  }

  /** A DirSync run carries an AD write to the mailbox, which takes it within exoLag of the run. */
  private carryFromAd(d: AdDelta): void {
    const now = this.ctx.clock.now();
    this.person(d.user).mailbox.write(d.photo, d.version, now + this.ctx.behaviour.param('exoLag'));
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
