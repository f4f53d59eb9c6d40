import { diffDoc } from './diffDoc.js';
import type { DiffReport } from './DiffReport.js';
import { diffTextWith, type DiffView } from './diffText.js';
import type { Format, Renderer } from './Renderer.js';
import { formats } from './renderers.js';

/** The four renderers of a diff, showing what stayed the same too when `view.all`. */
export function diffRenderersWith(view: DiffView): Record<Format, Renderer<DiffReport>> {
  return formats<DiffReport>('diff', diffTextWith(view), (r) => diffDoc(r, view));
}

/** The renderers of `photosync diff`, keyed by `--format`: what changed (JSON lists all). */
export const diffRenderers = diffRenderersWith({});
