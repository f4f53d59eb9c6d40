import type { WindowKind } from '../model/Window.js';

/** What each kind of window means, in a line (model/Window.ts). */
export const WINDOW_KIND_MEANING: { readonly [K in WindowKind]: string } = {
  'reads-back': 'the surface may show what its store held at any instant of the window (a cache)',
  'in-flight': 'a change made at its start may land at any instant before its end (a lag, a pickup)',
  waiting: 'changes wait for SharePoint to take them (a visit, a push due by its end)',
  'held-back': 'no push to SharePoint before its end (the throttle after the last update)',
};

export const WINDOW_KIND_WORDS: { readonly [K in WindowKind]: string } = {
  'reads-back': 'reads back',
  'in-flight': 'in flight',
  waiting: 'waiting',
  'held-back': 'held back',
};

/** The colour of each kind of window, shared with the HTML legend. */
export const WINDOW_KIND_COLOUR: { readonly [K in WindowKind]: string } = {
  'reads-back': '#0969da',
  'in-flight': '#8250df',
  waiting: '#1b7c83',
  'held-back': '#6e7781',
};
