import type { ReportMeta } from '../reports/ReportMeta.js';

/** photosync's version: package.json's (a test keeps them equal). */
export const VERSION = '0.1.0';

/** What every report says of what made it: this tool, now. */
export function reportMeta(now: Date = new Date()): ReportMeta {
  return { tool: { name: 'photosync', version: VERSION }, generated: now.toISOString() };
}
