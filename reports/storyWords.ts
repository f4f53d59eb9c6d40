import { describeEvent } from './describeEvent.js';
import type { Story } from './Story.js';

type Step = Story['steps'][number];

/** A step in a few words: `sp-newsfeed of alice to bob` for a look, the action otherwise. */
export function stepWords(s: Step): string {
  return s.event.see !== undefined
    ? `${String(s.event.see)} of ${String(s.event.user)} to ${String(s.event.viewer)}`
    : describeEvent({ ...s.event, result: 'ok' });
}

/** What a step saw: nothing for a wait. */
export function seenWords(s: Step): string {
  return s.event.do === 'wait' ? '' : s.seen;
}

/** What the model allowed at a step: empty where the story does not say, `(not in this profile)` where nothing was. */
export function allowedWords(allowed: readonly string[] | undefined): string {
  return allowed === undefined ? '' : allowed.length === 0 ? '(not in this profile)' : allowed.join(', ');
}

/**
 * A header user in a few words: `alice (photo p0, My Site, Lync online)`, with what a header of a
 * tenant taken as it is adds (SPEC section 6): `sharepoint p4`, `a change waiting for SharePoint`.
 */
export function describeUser(u: Record<string, unknown>): string {
  // a header user without a photo has none (SPEC section 2's defaults)
  const photo = u.photo ?? 'none';
  const notes: string[] = [`photo ${String(photo)}`];
  const stores = (u.stores ?? {}) as Record<string, unknown>;
  for (const [store, held] of Object.entries(stores)) if (held !== photo) notes.push(`${store} ${String(held)}`);
  if (u.mySite === true) notes.push('My Site');
  if (u.lync === 'online') notes.push('Lync online');
  if (u.setPhotoEnabled === false) notes.push('setPhotoEnabled false');
  if (u.adSynced === true) notes.push('AD photo synced');
  if (typeof u.spUpdated === 'number') notes.push(`SharePoint updated ${new Date(u.spUpdated).toISOString()}`);
  else if (typeof u.spUpdated === 'string' && u.spUpdated !== 'unknown') notes.push(`SharePoint updated ${u.spUpdated}`);
  else if (u.spUpdated === 'unknown') notes.push('SharePoint last updated unknown');
  if (u.pending === true) notes.push('a change waiting for SharePoint');
  else if (u.pending === 'unknown') notes.push('a change maybe waiting for SharePoint');
  if (Array.isArray(u.roles) && u.roles.length > 0) notes.push(`roles ${u.roles.join(', ')}`);
  if (u.caches === 'unknown') notes.push('caches unknown');
  return `${String(u.id)} (${notes.join(', ')})`;
}

/**
 * Who the story starts with, and the tenant's photo settings where the header gave them:
 * `Users at 2014-04-01T09:00:00.000Z: alice (photo p0); bob (photo none)`.
 */
export function storyUsersWords(story: Story): string {
  const users = `Users at ${story.start}: ${story.users.map(describeUser).join('; ')}`;
  const settings = story.photoSettings;
  if (settings === undefined) return users;
  const roles = settings.allowedRoles.length === 0 ? '' : `, allowed roles ${settings.allowedRoles.join(', ')}`;
  return `${users}. Tenant photo settings: source ${settings.source}${roles}`;
}

/**
 * What a divergence that cites no rule shows for its rules, rather than a blank that reads as
 * something missing: every change the model makes cites its rules, so the photos it allowed there
 * are those the trace starts with.
 */
export const NO_RULE = 'no rule: the trace starts so, and nothing since changed it';
