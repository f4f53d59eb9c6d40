import type { ReportMeta } from './ReportMeta.js';

/** Turns a report into the text a command prints; renderers only render, they decide nothing. */
export type Renderer<Report> = (report: Report, meta: ReportMeta) => string;

/** The formats every command writes (`--format`). */
export const FORMATS = ['text', 'md', 'json', 'html'] as const;
export type Format = (typeof FORMATS)[number];
