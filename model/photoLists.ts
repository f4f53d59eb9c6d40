import type { Photo } from './vocabulary.js';

// Lists of photos as the checker's hot paths need them. Loops, not filter or some: a closure that
// captures an argument gives each call a context object, and these run at every write to Exchange.

/** `a` with the photos of `b` it lacks, in order. */
export function union(a: readonly Photo[], b: readonly Photo[]): Photo[] {
  const out = [...a];
  for (const p of b) if (!out.includes(p)) out.push(p);
  return out;
}

/** `photos` without `photo`. */
export function without(photos: readonly Photo[], photo: Photo): Photo[] {
  const out: Photo[] = [];
  for (const p of photos) if (p !== photo) out.push(p);
  return out;
}

/** Whether `a` and `b` have a photo in common. */
export function sharesAny(a: readonly Photo[], b: readonly Photo[]): boolean {
  for (const p of a) if (b.includes(p)) return true;
  return false;
}

/** Whether `a` and `b` hold the same photos, in any order (neither holds one twice). */
export function sameSet(a: readonly Photo[], b: readonly Photo[]): boolean {
  if (a.length !== b.length) return false;
  for (const p of a) if (!b.includes(p)) return false;
  return true;
}

/** A number of a photo id, the same for the same id. */
export function photoHash(photo: Photo): number {
  let h = 0;
  for (let i = 0; i < photo.length; i++) h = (Math.imul(h, 31) + photo.charCodeAt(i)) | 0;
  return h;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Photo ids in natural order: p2 before p10. */
export function byPhoto(a: Photo, b: Photo): number {
  return collator.compare(a, b);
}
