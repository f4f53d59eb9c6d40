import { table } from 'table';
import { describeEvent } from './describeEvent.js';
import { formatOffset } from './formatTime.js';
import type { Story } from './Story.js';

/** A counterexample as numbered steps (time, step, what was seen, what the model allowed), then its rules and sources. */
export function storyText(story: Story): string {
  const header = story.users.map((u) => describeUser(u)).join('; ');
  const rows = [['#', 'time', 'step', 'seen', 'allowed']];
  for (const s of story.steps) {
    const isLook = s.event.see !== undefined;
    const diverges = s.line === story.divergence.line;
    const step = isLook
      ? `${String(s.event.see)} of ${String(s.event.user)} to ${String(s.event.viewer)}`
      : describeEvent({ ...s.event, result: 'ok' });
    const seen = s.event.do === 'wait' ? '' : s.seen;
    const allowed = s.allowed === undefined ? '' : s.allowed.length === 0 ? '(not in this profile)' : s.allowed.join(', ');
    rows.push([String(s.n), formatOffset(s.offset), step, diverges ? `${seen}  <- DIVERGES` : seen, allowed]);
  }
  let text = `users at ${story.start}: ${header}\n`;
  const settings = story.photoSettings;
  if (settings !== undefined) {
    const roles = settings.allowedRoles.length === 0 ? '' : `, allowed roles ${settings.allowedRoles.join(', ')}`;
    text += `tenant photo settings: source ${settings.source}${roles}\n`;
  }
  text += table(rows, {
    columns: { 2: { width: 44, wrapWord: true }, 4: { width: 20, wrapWord: true } },
    drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size,
  });
  for (const r of story.divergence.rules) text += `${r.id} (${r.source}): ${r.statement}\n`;
  return text;
}

/**
 * A header user in a few words: `alice (photo p0, My Site, Lync online)`, with what a header of a
 * tenant taken as it is adds (SPEC section 6): `sharepoint p4`, `a change waiting for SharePoint`.
 */
function describeUser(u: Record<string, unknown>): string {
  const notes: string[] = [`photo ${String(u.photo)}`];
  const stores = (u.stores ?? {}) as Record<string, unknown>;
  for (const [store, photo] of Object.entries(stores)) if (photo !== u.photo) notes.push(`${store} ${String(photo)}`);
  if (u.mySite === true) notes.push('My Site');
  if (u.lync === 'online') notes.push('Lync online');
  if (u.setPhotoEnabled === false) notes.push('setPhotoEnabled false');
  if (u.adSynced === true) notes.push('AD photo synced');
  if (typeof u.spUpdated === 'number') notes.push(`SharePoint updated ${new Date(u.spUpdated).toISOString()}`);
  else if (u.spUpdated === 'unknown') notes.push('SharePoint last updated unknown');
  if (u.pending === true) notes.push('a change waiting for SharePoint');
  else if (u.pending === 'unknown') notes.push('a change maybe waiting for SharePoint');
  if (Array.isArray(u.roles) && u.roles.length > 0) notes.push(`roles ${u.roles.join(', ')}`);
  if (u.caches === 'unknown') notes.push('caches unknown');
  return `${String(u.id)} (${notes.join(', ')})`;
}
