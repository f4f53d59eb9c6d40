import type { WindowKind } from '../model/Window.js';
import { STORES, SURFACE_STORE, SURFACES, type Store, type Surface } from '../model/vocabulary.js';
import { describeEvent } from './describeEvent.js';
import { formatOffset } from './formatTime.js';
import type { Story, StoryWindow } from './Story.js';
import { NO_RULE } from './storyWords.js';
import { count } from './_internals/count.js';
import { escapeXml } from './_internals/escapeXml.js';
import { stack, textWidth, wrap } from './_internals/layout.js';
import { tickLabel, TICK_STEPS, TimeScale } from './_internals/TimeScale.js';
import { WINDOW_KIND_COLOUR, WINDOW_KIND_MEANING, WINDOW_KIND_WORDS } from './windowKinds.js';
import { SECOND } from '../model/Params.js';

type Step = Story['steps'][number];

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const INK = '#1f2328';
const MUTED = '#59636e';
const RULE = '#d1d9e0';
const GOOD = '#1a7f37';
const BAD = '#cf222e';
const UNKNOWN = '#9a6700';
/** the distance between two steps made moments apart, at most and at least (when there are many) */
const STEP_GAP = 16;
const LEAST_STEP_GAP = 8;
/** the share of the plot that steps moments apart may take */
const STRETCH = 0.65;
const IMAGE = 24;
const WINDOW_ROW = 22;
const AXIS = 40;
/** the width that fits a story in the HTML report's column */
const WIDTH = 1000;
const CALLOUT_TEXT = 560;

/**
 * The label of a window: kind, photos and rules, such as `in flight p1 (SP-SYNC-WINDOW)`; a cache
 * that names no photo reads back its store: `reads back exchange (OWA-CACHE)`.
 */
export function windowLabel(w: StoryWindow, lane: LaneId = windowLane(w)): string {
  const readsStore = w.photos.length === 0 && lane.type === 'surface' && isSurface(lane.name) ? ` ${SURFACE_STORE[lane.name]}` : '';
  const photos = w.photos.length === 0 ? readsStore : ` ${w.photos.join(', ')}`;
  const rules = w.rules.length === 0 ? '' : ` (${w.rules.join(', ')})`;
  return `${WINDOW_KIND_WORDS[w.kind]}${photos}${rules}`;
}

/** An action in a few words without its user, who names the lanes: `setPhoto p1 via outlook-web`. */
export function actionLabel(event: Record<string, unknown>): string {
  const text = describeEvent({ ...event, user: undefined })
    .replace(/ {2,}/g, ' ')
    .trim();
  return event.do === 'setPhotoSettings' && event.source !== undefined ? `${text} source ${String(event.source)}` : text;
}

const isStore = (lane: string): lane is Store => (STORES as readonly string[]).includes(lane);
const isSurface = (lane: string): lane is Surface => (SURFACES as readonly string[]).includes(lane);
const isLook = (s: Step) => s.event.see !== undefined;

/** A lane: the actions, a store or a surface (`yammer` names both a store and a surface). */
type LaneId = { readonly type: 'actions' | 'store' | 'surface'; readonly name: string };
const laneKey = (l: LaneId) => `${l.type}:${l.name}`;
const ACTIONS: LaneId = { type: 'actions', name: 'actions' };
/** the lane of a window: a surface's for a cache reading back, a store's for every other kind (model/Window.ts) */
const windowLane = (w: StoryWindow): LaneId => ({ type: w.kind === 'reads-back' ? 'surface' : 'store', name: w.lane });

/** The store an action writes, where it writes one. */
function writes(event: Record<string, unknown>): Store | undefined {
  switch (event.do) {
    case 'setPhoto':
    case 'removePhoto':
      return event.via === 'sharepoint' ? 'sharepoint' : event.via === 'yammer' ? 'yammer' : event.via === 'on-prem-ad' ? 'ad' : 'exchange';
    case 'visitMySite':
    case 'editCancel':
      return 'sharepoint';
    case 'openYammer':
      return 'yammer';
    default:
      return undefined;
  }
}

/** Lanes in the order people read them: actions, then stores, then surfaces by the store they read. */
function laneOrder(lane: LaneId): number {
  if (lane.type === 'actions') return 0;
  if (lane.type === 'store') return 1 + (isStore(lane.name) ? STORES.indexOf(lane.name) : STORES.length);
  if (isSurface(lane.name)) return 10 + STORES.indexOf(SURFACE_STORE[lane.name]) * 100 + SURFACES.indexOf(lane.name);
  return 10_000;
}

/** The images of the test photos, data: URIs only: nothing may be fetched. */
function safeImages(images: Story['images']): ReadonlyMap<string, string> {
  return new Map(Object.entries(images ?? {}).filter(([, uri]) => /^data:image\//i.test(uri)));
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

function tooltip(step: Step): string {
  const head = `step ${step.n} · trace line ${step.line} · ${formatOffset(step.offset)} (${step.at})`;
  const body = describeEvent(step.event);
  const allowed =
    step.allowed === undefined ? '' : `\nallowed: ${step.allowed.length === 0 ? '(not in this profile)' : step.allowed.join(', ')}`;
  const reason = typeof step.event.reason === 'string' ? `\nreason: ${step.event.reason}` : '';
  return `${head}\n${body}${isLook(step) ? '' : `\nresult: ${step.seen}`}${allowed}${reason}`;
}

/** a step as drawn: its row in the lane, its label and the image of its photo, right of it or left near the end */
type Placed = { step: Step; x: number; row: number; label: string; photo: string; image?: string | undefined; left: boolean };
type PlacedWindow = { w: StoryWindow; x0: number; x1: number; row: number; label: string; labelAt: number; anchorEnd: boolean };
type Lane = { id: LaneId; caption: string; y: number; h: number; items: Placed[]; windows: PlacedWindow[]; pointTop: number; rowH: number };
type Group = { subject: string; y: number; lanes: Lane[]; bottom: number };

/**
 * A counterexample as an SVG timeline: for each subject, a lane of actions, a lane per store and per
 * surface it touches, the model's windows as spans on their lanes, and the divergent step with what
 * was seen, what was allowed and the rules that decided it. Self-contained: no script, no fetch.
 */
export function timelineSvg(story: Story): string {
  const start = Date.parse(story.start);
  const rel = (iso: string) => Date.parse(iso) - start;
  const images = safeImages(story.images);
  const divergent = story.steps.find((s) => s.line === story.divergence.line);
  const marked = story.steps.filter((s) => s.event.do !== 'wait');
  const windows = story.divergence.windows.map((w) => ({
    w,
    lane: windowLane(w),
    from: rel(w.from),
    to: Math.max(rel(w.from), rel(w.to)),
  }));

  // subjects: the users the steps name, in order; a step of no user (a viewer's reset, the settings) goes to each
  const userOf = (s: Step) => (typeof s.event.user === 'string' ? s.event.user : undefined);
  const subjects: string[] = [];
  for (const s of marked) {
    const user = userOf(s);
    if (user !== undefined && !subjects.includes(user)) subjects.push(user);
  }
  if (subjects.length === 0) subjects.push('');
  const divergentSubject = (divergent && userOf(divergent)) ?? subjects[0]!;
  const stepsOf = (subject: string) => marked.filter((s) => subject === '' || userOf(s) === undefined || userOf(s) === subject);

  const lanesOf = (subject: string): LaneId[] => {
    const lanes = new Map<string, LaneId>();
    const add = (l: LaneId) => lanes.set(laneKey(l), l);
    for (const s of stepsOf(subject)) {
      if (isLook(s)) {
        const see = String(s.event.see);
        add({ type: 'surface', name: see });
        if (isSurface(see)) add({ type: 'store', name: SURFACE_STORE[see] });
      } else {
        add(ACTIONS);
        const store = writes(s.event);
        if (store !== undefined) add({ type: 'store', name: store });
      }
    }
    if (subject === divergentSubject) for (const w of windows) add(w.lane);
    return [...lanes.values()].sort((a, b) => laneOrder(a) - laneOrder(b) || a.name.localeCompare(b.name));
  };
  const captionOf = (subject: string, lane: LaneId): string => {
    if (lane.type === 'actions') return 'what was done';
    if (lane.type === 'surface') return isSurface(lane.name) ? `reads ${SURFACE_STORE[lane.name]}` : 'surface';
    const user = story.users.find((u) => u.id === subject);
    if (user === undefined) return 'store';
    const stores = (user.stores ?? {}) as Record<string, unknown>;
    return `store · ${String(stores[lane.name] ?? user.photo)} at start`;
  };
  const laneIds = subjects.map(lanesOf);

  // the time scale: from the start (or the first window) to a bit after the last step or window
  const t0 = Math.min(0, ...windows.map((w) => w.from));
  const last = Math.max(t0, ...story.steps.map((s) => s.offset), ...windows.map((w) => w.to));
  const t1 = last + Math.max((last - t0) * 0.03, last === t0 ? SECOND : 1);
  const startLabel = story.start.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
  const gutter = Math.max(
    150,
    textWidth(startLabel, 11) + 16,
    ...subjects.flatMap((subject, g) =>
      laneIds[g]!.flatMap((l) => [textWidth(l.name, 13, true) + 28, textWidth(captionOf(subject, l), 10.5) + 28]),
    ),
  );

  // the callout of the divergence: what was seen, what was allowed, the rules
  const allowedText = story.divergence.allowed.length === 0 ? 'nothing (not in this profile)' : story.divergence.allowed.join(', ');
  const rulesText = story.divergence.rules.length === 0 ? NO_RULE : story.divergence.rules.map((r) => r.id).join(', ');
  const callout =
    divergent === undefined
      ? undefined
      : {
          title: `DIVERGES · step ${divergent.n} · ${isLook(divergent) ? `${String(divergent.event.see)} to ${String(divergent.event.viewer)}` : actionLabel(divergent.event)} · ${formatOffset(divergent.offset)}`,
          text: `${isLook(divergent) ? 'saw' : 'result'} ${divergent.seen} — allowed ${allowedText} — ${rulesText}`,
          thumbs: [
            ...(isLook(divergent) && images.has(divergent.seen) ? [{ photo: divergent.seen, caption: `saw ${divergent.seen}` }] : []),
            ...story.divergence.allowed.flatMap((p) => (images.has(p) ? [{ photo: p, caption: `allowed ${p}` }] : [])),
          ],
        };
  const calloutLines = callout === undefined ? [] : wrap(callout.text, CALLOUT_TEXT, 14, true);
  const thumbsWidth = callout === undefined ? 0 : callout.thumbs.reduce((sum, t) => sum + IMAGE + 6 + textWidth(t.caption, 11) + 12, 0);
  const calloutW =
    callout === undefined
      ? 0
      : Math.max(textWidth(callout.title, 11, true), ...calloutLines.map((l) => textWidth(l, 14, true)), thumbsWidth) + 24;
  const calloutH = callout === undefined ? 0 : 30 + calloutLines.length * 20 + (callout.thumbs.length > 0 ? IMAGE + 8 : 0);

  const plotX = gutter + 12;
  // steps moments apart take at most about two thirds of the plot: time keeps the rest
  const fits = WIDTH - plotX - 16;
  const between = Math.max(marked.length - 1, 1);
  const gap = Math.max(LEAST_STEP_GAP, Math.min(STEP_GAP, (STRETCH * fits) / between));
  const plotW = Math.max(320, fits, (gap * between) / STRETCH);
  const scale = TimeScale.fit(
    marked.map((s) => s.offset),
    t0,
    t1,
    plotW,
    gap,
  );
  const xOfStep = new Map(marked.map((s, i) => [s, plotX + scale.stepX[i]!]));
  const X = (t: number) => plotX + scale.x(t);
  const plotEnd = plotX + plotW;
  const totalW = plotEnd + 16;

  // lanes: windows in rows on top, then steps in rows, each row's items apart
  let y = AXIS;
  const groups: Group[] = subjects.map((subject, g) => {
    const group: Group = { subject, y, lanes: [], bottom: y };
    y += 28;
    for (const id of laneIds[g]!) {
      const laneWindows = subject === divergentSubject ? windows.filter((w) => laneKey(w.lane) === laneKey(id)) : [];
      const placedWindows: PlacedWindow[] = laneWindows.map(({ w, lane, from, to }) => {
        const x0 = X(from);
        const x1 = Math.max(X(to), x0 + 3);
        const label = windowLabel(w, lane);
        const lw = textWidth(label, 11, true);
        // the label inside from the start; if it would leave the plot, before the bar; else inside to the end
        const anchorEnd = x0 + 6 + lw > plotEnd && x1 - 6 - lw >= plotX;
        const before = anchorEnd && x0 - 6 - lw >= plotX;
        return { w, x0, x1, row: 0, label, labelAt: !anchorEnd ? x0 + 6 : before ? x0 - 6 : x1 - 6, anchorEnd };
      });
      const windowRows = stack(
        placedWindows.map((p) => {
          const lw = textWidth(p.label, 11, true);
          return p.anchorEnd ? [Math.min(p.x0, p.labelAt - lw) - 4, p.x1 + 4] : [p.x0 - 4, Math.max(p.x1, p.labelAt + lw) + 4];
        }),
      );
      placedWindows.forEach((p, i) => (p.row = windowRows.rows[i]!));

      const items = stepsOf(subject).filter((s) =>
        id.type === 'actions' ? !isLook(s) : id.type === 'surface' && isLook(s) && s.event.see === id.name,
      );
      const placed: Placed[] = items.map((step) => {
        const photo = isLook(step) ? step.seen : typeof step.event.photo === 'string' ? step.event.photo : '';
        return {
          step,
          x: xOfStep.get(step)!,
          row: 0,
          label: step === divergent ? '' : isLook(step) ? step.seen : actionLabel(step.event),
          photo,
          image: step === divergent ? undefined : images.get(photo),
          left: false,
        };
      });
      const rowH = placed.some((p) => p.image !== undefined) ? IMAGE + 6 : 22;
      const itemRows = stack(
        placed.map((p) => {
          const w = p.label === '' ? 0 : 10 + textWidth(p.label, 12, isLook(p.step)) + (p.image === undefined ? 0 : IMAGE + 4);
          // a label that would leave the plot goes to the left of its step
          p.left = p.x + w > plotEnd + 8 && p.x - w >= plotX - 8;
          return p.left ? ([p.x - w - 9, p.x + 9] as const) : ([p.x - 9, p.x + w + 9] as const);
        }),
      );
      placed.forEach((p, i) => (p.row = itemRows.rows[i]!));
      const pointTop = y + 6 + windowRows.count * WINDOW_ROW;
      const h = Math.max(36, 6 + windowRows.count * WINDOW_ROW + itemRows.count * rowH + 6);
      group.lanes.push({ id, caption: captionOf(subject, id), y, h, items: placed, windows: placedWindows, pointTop, rowH });
      y += h;
    }
    group.bottom = y;
    if (subject === divergentSubject && callout !== undefined) y += calloutH + 22;
    y += 12;
    return group;
  });
  const pointY = (lane: Lane, p: Placed) => lane.pointTop + p.row * lane.rowH + lane.rowH / 2;

  const out: string[] = [];
  const summary =
    callout === undefined
      ? `Timeline of ${count(story.steps.length, 'step')}`
      : `Timeline of ${count(story.steps.length, 'step')}. ${callout.title}: ${callout.text}`;
  const note = scale.stretched > 2 * gap ? 'steps made moments apart are drawn apart; time is to scale between them' : '';
  const legend = legendOf([...new Set(windows.map((w) => w.w.kind))], note, totalW, y + 4);
  const totalH = legend.bottom + 8;
  out.push(
    `<svg class="timeline" role="img" aria-label="${escapeXml(summary)}" width="${fmt(totalW)}" height="${fmt(totalH)}" viewBox="0 0 ${fmt(totalW)} ${fmt(totalH)}" font-family="${escapeXml(FONT)}" font-size="12" fill="${INK}">`,
    `<title>${escapeXml(summary)}</title>`,
    `<rect x="0" y="0" width="${fmt(totalW)}" height="${fmt(totalH)}" fill="#ffffff"/>`,
  );

  // lane backgrounds and names
  for (const g of groups) {
    out.push(
      `<g class="subject" data-subject="${escapeXml(g.subject)}">`,
      `<text x="8" y="${fmt(g.y + 18)}" font-size="13.5" font-weight="700">${g.subject === '' ? 'tenant' : `subject: ${escapeXml(g.subject)}`}</text>`,
      `<line x1="8" x2="${fmt(plotEnd)}" y1="${fmt(g.y + 27)}" y2="${fmt(g.y + 27)}" stroke="${MUTED}" stroke-width="1"/>`,
    );
    for (const lane of g.lanes) {
      const fill = lane.id.type === 'actions' ? '#f1f4f8' : lane.id.type === 'store' ? '#f8f9fb' : '#ffffff';
      out.push(
        `<g class="lane" data-type="${lane.id.type}" data-lane="${escapeXml(lane.id.name)}">`,
        `<rect x="8" y="${fmt(lane.y)}" width="${fmt(plotEnd - 8)}" height="${fmt(lane.h)}" fill="${fill}"/>`,
        `<line x1="8" x2="${fmt(plotEnd)}" y1="${fmt(lane.y + lane.h)}" y2="${fmt(lane.y + lane.h)}" stroke="${RULE}" stroke-width="1"/>`,
        `<text x="16" y="${fmt(lane.y + 17)}" font-size="13" font-weight="600">${escapeXml(lane.id.name)}</text>`,
        `<text x="16" y="${fmt(lane.y + 30)}" font-size="10.5" fill="${MUTED}">${escapeXml(lane.caption)}</text>`,
        `</g>`,
      );
    }
    out.push(`</g>`);
  }

  // the time axis: ticks that do not overlap, and their grid
  const span = t1 - t0;
  const tickStep = TICK_STEPS.find((s) => span / s <= 8) ?? TICK_STEPS.at(-1)!;
  const ticks: { t: number; x: number; label: string }[] = [];
  let right = -Infinity;
  for (let t = Math.ceil(t0 / tickStep) * tickStep; t <= t1; t += tickStep) {
    const x = X(t);
    const label = tickLabel(t, tickStep);
    const half = textWidth(label, 11) / 2;
    if (x - half < right + 10 || x + half > totalW - 2) continue;
    ticks.push({ t, x, label });
    right = x + half;
  }
  out.push(
    `<g class="axis">`,
    `<text x="8" y="14" font-size="11" fill="${MUTED}">time since the start</text>`,
    `<text x="8" y="28" font-size="11" fill="${MUTED}">${escapeXml(startLabel)}</text>`,
    `<line x1="${fmt(plotX)}" x2="${fmt(plotEnd)}" y1="${AXIS - 4}" y2="${AXIS - 4}" stroke="${MUTED}" stroke-width="1"/>`,
  );
  for (const tick of ticks)
    out.push(
      `<g class="tick" data-t="${tick.t}"><line x1="${fmt(tick.x)}" x2="${fmt(tick.x)}" y1="${AXIS - 4}" y2="${fmt(groups.at(-1)!.bottom)}" stroke="#e3e7eb" stroke-width="1"/>`,
      `<line x1="${fmt(tick.x)}" x2="${fmt(tick.x)}" y1="${AXIS - 9}" y2="${AXIS - 4}" stroke="${MUTED}" stroke-width="1"/>`,
      `<text x="${fmt(tick.x)}" y="${AXIS - 13}" text-anchor="middle" font-size="11" fill="${MUTED}">${escapeXml(tick.label)}</text></g>`,
    );
  out.push(`</g>`);

  // guides: each action across its subject's lanes
  for (const g of groups)
    for (const s of stepsOf(g.subject))
      if (!isLook(s) && s !== divergent) {
        const x = fmt(xOfStep.get(s)!);
        out.push(
          `<line class="guide" x1="${x}" x2="${x}" y1="${fmt(g.y + 28)}" y2="${fmt(g.bottom)}" stroke="#8c959f" stroke-width="1" stroke-dasharray="2 3" opacity="0.6"/>`,
        );
      }

  // windows: a faint span over the lane, a bar with its label
  for (const g of groups)
    for (const lane of g.lanes)
      for (const p of lane.windows) {
        const colour = WINDOW_KIND_COLOUR[p.w.kind];
        const by = lane.y + 5 + p.row * WINDOW_ROW;
        const photos =
          p.w.photos.length > 0
            ? p.w.photos.join(', ')
            : lane.id.type === 'surface' && isSurface(lane.id.name)
              ? `what ${SURFACE_STORE[lane.id.name]} held then`
              : '—';
        const detail = `${WINDOW_KIND_WORDS[p.w.kind]} on ${lane.id.name}, ${formatOffset(rel(p.w.from))} to ${formatOffset(rel(p.w.to))} (${p.w.from} to ${p.w.to})\nphotos: ${photos}\nrules: ${p.w.rules.join(', ')}\n${WINDOW_KIND_MEANING[p.w.kind]}`;
        out.push(
          `<g class="window" data-kind="${p.w.kind}" data-lane="${escapeXml(p.w.lane)}"><title>${escapeXml(detail)}</title>`,
          `<rect x="${fmt(p.x0)}" y="${fmt(lane.y + 1)}" width="${fmt(p.x1 - p.x0)}" height="${fmt(lane.h - 2)}" fill="${colour}" fill-opacity="0.08"/>`,
          `<rect x="${fmt(p.x0)}" y="${fmt(by)}" width="${fmt(p.x1 - p.x0)}" height="${WINDOW_ROW - 5}" rx="3" fill="${colour}" fill-opacity="0.2" stroke="${colour}" stroke-width="1"/>`,
          `<text x="${fmt(p.labelAt)}" y="${fmt(by + 12.5)}" font-size="11" font-weight="600" fill="${colour}"${p.anchorEnd ? ' text-anchor="end"' : ''}>${escapeXml(p.label)}</text>`,
          `</g>`,
        );
      }

  // the divergence: a red guide from its subject's lanes down to the callout
  let calloutAt: { x: number; y: number } | undefined;
  for (const g of groups)
    for (const lane of g.lanes)
      for (const p of lane.items)
        if (p.step === divergent && callout !== undefined) {
          calloutAt = { x: p.x, y: g.bottom + 14 };
          out.push(
            `<line class="guide divergent" x1="${fmt(p.x)}" x2="${fmt(p.x)}" y1="${fmt(g.y + 28)}" y2="${fmt(g.bottom + 14)}" stroke="${BAD}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
          );
        }

  // steps: actions as diamonds, observations as points with the photo seen
  for (const g of groups)
    for (const lane of g.lanes)
      for (const p of lane.items) {
        const isDivergent = p.step === divergent;
        const look = isLook(p.step);
        out.push(
          `<g class="step ${look ? 'look' : 'action'}${isDivergent ? ' divergent' : ''}" data-n="${p.step.n}" transform="translate(${fmt(p.x)} ${fmt(pointY(lane, p))})"><title>${escapeXml(tooltip(p.step))}</title>`,
        );
        if (isDivergent) out.push(`<circle r="12" fill="${BAD}" fill-opacity="0.16"/>`);
        if (look) {
          const colour = isDivergent ? BAD : p.step.seen === 'unknown' ? UNKNOWN : GOOD;
          out.push(`<circle r="${isDivergent ? 7 : 5.5}" fill="${colour}" stroke="#ffffff" stroke-width="1.5"/>`);
        } else {
          const hollow = p.step.seen !== 'ok' && !isDivergent;
          const colour = isDivergent ? BAD : p.step.event.do === 'setPhoto' || p.step.event.do === 'removePhoto' ? '#0550ae' : '#57606a';
          out.push(
            `<rect x="-5" y="-5" width="10" height="10" transform="rotate(45)" fill="${hollow ? '#ffffff' : colour}" stroke="${colour}" stroke-width="1.5"/>`,
          );
        }
        if (p.label !== '') {
          const weight = look ? ' font-weight="600"' : '';
          const imageW = p.image === undefined ? 0 : IMAGE + 4;
          // the image between the marker and the label, so that it stays beside both
          if (p.left) out.push(`<text x="${-10 - imageW}" y="4.5" text-anchor="end"${weight}>${escapeXml(p.label)}</text>`);
          else out.push(`<text x="${10 + imageW}" y="4.5"${weight}>${escapeXml(p.label)}</text>`);
          if (p.image !== undefined) out.push(thumb(p.image, p.photo, p.left ? -10 - IMAGE : 10, -IMAGE / 2));
        }
        out.push(`</g>`);
      }

  // the callout, hanging from the red guide
  if (callout !== undefined && calloutAt !== undefined) {
    const boxRight = Math.min(totalW - 4, Math.max(calloutAt.x + 40, 8 + calloutW));
    const bx = boxRight - calloutW;
    const by = calloutAt.y;
    const full = `${callout.title}\n${callout.text}\n${story.divergence.rules.map((r) => `${r.id} (${r.source}): ${r.statement}`).join('\n')}`;
    out.push(
      `<g class="callout"><title>${escapeXml(full)}</title>`,
      `<rect x="${fmt(bx)}" y="${fmt(by)}" width="${fmt(calloutW)}" height="${fmt(calloutH)}" rx="6" fill="#fff5f5" stroke="${BAD}" stroke-width="1.5"/>`,
      `<rect x="${fmt(bx)}" y="${fmt(by)}" width="5" height="${fmt(calloutH)}" rx="2" fill="${BAD}"/>`,
      `<text x="${fmt(bx + 14)}" y="${fmt(by + 18)}" font-size="11" font-weight="700" fill="${BAD}" letter-spacing="0.3">${escapeXml(callout.title)}</text>`,
    );
    calloutLines.forEach((line, i) =>
      out.push(
        `<text class="callout-text" x="${fmt(bx + 14)}" y="${fmt(by + 40 + i * 20)}" font-size="14" font-weight="700">${escapeXml(line)}</text>`,
      ),
    );
    let tx = bx + 14;
    const ty = by + 30 + calloutLines.length * 20;
    for (const t of callout.thumbs) {
      out.push(
        thumb(images.get(t.photo)!, t.photo, tx, ty),
        `<text x="${fmt(tx + IMAGE + 6)}" y="${fmt(ty + 16)}" font-size="11" fill="${MUTED}">${escapeXml(t.caption)}</text>`,
      );
      tx += IMAGE + 6 + textWidth(t.caption, 11) + 12;
    }
    out.push(`</g>`);
  }

  out.push(...legend.parts, `</svg>`);
  return out.join('\n');
}

/** A test photo as a small image with a frame. */
function thumb(uri: string, photo: string, x: number, y: number): string {
  return [
    `<image class="photo" data-photo="${escapeXml(photo)}" href="${escapeXml(uri)}" x="${fmt(x)}" y="${fmt(y)}" width="${IMAGE}" height="${IMAGE}" preserveAspectRatio="xMidYMid slice"/>`,
    `<rect x="${fmt(x)}" y="${fmt(y)}" width="${IMAGE}" height="${IMAGE}" fill="none" stroke="${RULE}"/>`,
  ].join('');
}

/** The legend: the markers, and the kinds of window drawn. */
function legendOf(kinds: readonly WindowKind[], note: string, width: number, top: number): { parts: string[]; bottom: number } {
  const items: { swatch: 'action' | 'good' | 'bad' | WindowKind; text: string }[] = [
    { swatch: 'action', text: 'action' },
    { swatch: 'good', text: 'seen, as allowed' },
    { swatch: 'bad', text: 'seen, not allowed' },
    ...kinds.map((k) => ({ swatch: k, text: `${WINDOW_KIND_WORDS[k]} window` })),
  ];
  const parts = [`<g class="legend" font-size="11" fill="${MUTED}">`];
  let lx = 8;
  let ly = top + 14;
  for (const item of items) {
    const w = 18 + textWidth(item.text, 11) + 18;
    if (lx + w > width - 8) {
      lx = 8;
      ly += 18;
    }
    if (item.swatch === 'action')
      parts.push(`<rect x="${lx + 2}" y="${ly - 8}" width="8" height="8" transform="rotate(45 ${lx + 6} ${ly - 4})" fill="#0550ae"/>`);
    else if (item.swatch === 'good' || item.swatch === 'bad')
      parts.push(`<circle cx="${lx + 6}" cy="${ly - 4}" r="5" fill="${item.swatch === 'good' ? GOOD : BAD}"/>`);
    else {
      const colour = WINDOW_KIND_COLOUR[item.swatch];
      parts.push(`<rect x="${lx}" y="${ly - 10}" width="13" height="11" rx="2" fill="${colour}" fill-opacity="0.2" stroke="${colour}"/>`);
    }
    parts.push(`<text x="${lx + 18}" y="${ly}">${escapeXml(item.text)}</text>`);
    lx += w;
  }
  if (note !== '') {
    if (lx + textWidth(note, 11) + 12 > width - 8) {
      lx = 8;
      ly += 18;
    }
    parts.push(`<text x="${lx + 4}" y="${ly}" font-style="italic">${escapeXml(note)}</text>`);
  }
  parts.push(`</g>`);
  return { parts, bottom: ly + 6 };
}
