import { terminalSafe } from './terminalSafe.js';

/**
 * Text made safe for HTML and SVG, in content and in attributes: markup characters as character
 * references, and control characters and bidi overrides shown escaped (`\u202e`), as the text
 * report shows them, so that a value from a trace cannot reorder what the page shows around it.
 */
export function escapeXml(text: string): string {
  return terminalSafe(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
