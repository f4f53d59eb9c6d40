import { diffDoc } from './diffDoc.js';
import type { DiffReport } from './DiffReport.js';
import { diffTextWith, type DiffView } from './diffText.js';
import { htmlRenderer } from './htmlRenderer.js';
import { markdownRenderer } from './markdownRenderer.js';
import type { Format, Renderer } from './Renderer.js';
import { jsonRenderer } from './jsonRenderer.js';

const diffJson = jsonRenderer<DiffReport>('diff');

/** The four renderers of a diff, showing what stayed the same too when `view.all`. */
export function diffRenderersWith(view: DiffView): Record<Format, Renderer<DiffReport>> {
  return {
    text: diffTextWith(view),
    md: (r, meta) => markdownRenderer(diffDoc(r, view), meta),
    json: diffJson,
    html: (r, meta) => htmlRenderer(diffDoc(r, view), meta),
  };
}

/** The renderers of `photosync diff`, keyed by `--format`: what changed (JSON lists all). */
export const diffRenderers = diffRenderersWith({});
