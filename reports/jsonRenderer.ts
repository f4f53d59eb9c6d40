import type { Renderer } from './Renderer.js';

/** Every `--format json`: one JSON object, one line. */
export function jsonRenderer<Report>(): Renderer<Report> {
  return (report) => `${JSON.stringify(report)}\n`;
}
