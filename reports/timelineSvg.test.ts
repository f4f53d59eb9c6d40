import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from '../model/Params.js';
import { RULES } from '../model/rules/index.js';
import { SURFACE_STORE, type Surface } from '../model/vocabulary.js';
import { Story, toStory } from './Story.js';
import { mutant, run } from './story.testkit.js';
import { escapeXml } from './_internals/escapeXml.js';
import { textWidth } from './_internals/layout.js';
import { tickLabel } from './_internals/TimeScale.js';
import { timelineSvg, windowLabel } from './timelineSvg.js';

const diverging = async () => toStory(await run(), mutant.minimalLength)!;

/** The steps drawn: step number, x and y, in the order of the SVG. */
function stepsDrawn(svg: string) {
  return [...svg.matchAll(/<g class="step ([a-z ]+)" data-n="(\d+)" transform="translate\(([\d.-]+) ([\d.-]+)\)">/g)].map((m) => ({
    classes: m[1]!.split(' '),
    n: Number(m[2]),
    x: Number(m[3]),
    y: Number(m[4]),
  }));
}

function ticksDrawn(svg: string) {
  return [...svg.matchAll(/<g class="tick" data-t="(-?\d+)"><line x1="([\d.-]+)"[^]*?<text [^>]*>([^<]*)<\/text><\/g>/g)].map((m) => ({
    t: Number(m[1]),
    x: Number(m[2]),
    label: m[3]!,
  }));
}

function lanesDrawn(svg: string) {
  return [...svg.matchAll(/<g class="lane" data-type="(\w+)" data-lane="([^"]+)">/g)].map((m) => `${m[1]}:${m[2]}`);
}

const svgWidth = (svg: string) => Number(/<svg [^>]*width="([\d.]+)"/.exec(svg)![1]);

const image = (tag: string) => `data:image/png;base64,${Buffer.from(tag).toString('base64')}`;

/** A story of the sizes people meet: steps apart by the given gaps, one subject, an observation at the end that diverges. */
function syntheticStory(gaps: readonly number[], windows: number): Story {
  const start = Date.parse('2014-04-01T09:00:00.000Z');
  const surfaces: Surface[] = ['graph', 'owa-contact-card', 'sp-mysite', 'yammer', 'teams'];
  const steps: Story['steps'] = [];
  let t = 0;
  gaps.forEach((gap, i) => {
    const last = i === gaps.length - 1;
    const event: Record<string, unknown> =
      !last && i % 4 === 1
        ? { do: 'setPhoto', user: 'alice', photo: `p${i % 3}`, via: 'outlook-web', result: 'ok' }
        : { see: surfaces[i % surfaces.length], user: 'alice', viewer: 'bob', photo: `p${i % 3}` };
    const seen = event.see === undefined ? 'ok' : String(event.photo);
    steps.push({
      n: i + 1,
      line: i + 2,
      at: new Date(start + t).toISOString(),
      offset: t,
      event,
      seen,
      ...(event.see ? { allowed: [seen] } : {}),
    });
    if (!last && gap > 0) {
      steps.push({
        n: 0,
        line: 2,
        at: new Date(start + t).toISOString(),
        offset: t,
        event: { do: 'wait', ms: gap, result: 'ok' },
        seen: 'ok',
      });
      t += gap;
    } else t += 1;
  });
  steps.forEach((s, i) => Object.assign(s, { n: i + 1, line: i + 2 }));
  const last = steps.at(-1)!;
  const iso = (ms: number) => new Date(start + ms).toISOString();
  return Story.parse({
    length: gaps.length,
    users: [{ id: 'alice', photo: 'p0' }],
    start: iso(0),
    steps,
    divergence: {
      line: last.line,
      allowed: ['p7'],
      rules: [{ id: 'SP-SYNC-WINDOW', source: RULES['SP-SYNC-WINDOW'].source, statement: RULES['SP-SYNC-WINDOW'].statement }],
      windows: Array.from({ length: windows }, (_, k) => ({
        lane: k % 2 === 0 ? 'sharepoint' : 'sp-mysite',
        kind: k % 2 === 0 ? 'in-flight' : 'reads-back',
        from: iso((last.offset * k) / (windows + 1)),
        to: iso(last.offset),
        photos: k % 2 === 0 ? ['p7'] : [],
        rules: ['SP-SYNC-WINDOW'],
      })),
    },
  });
}

describe('timelineSvg', () => {
  it('draws a lane for the actions, then for each store, then for each surface the story touches', async () => {
    const story = await diverging();
    const lanes = lanesDrawn(timelineSvg(story));
    const looks = story.steps.filter((s) => s.event.see !== undefined).map((s) => s.event.see as Surface);
    const expected = new Set(['actions:actions', ...looks.map((s) => `surface:${s}`), ...looks.map((s) => `store:${SURFACE_STORE[s]}`)]);
    for (const w of story.divergence.windows) expected.add(`${w.lane in SURFACE_STORE ? 'surface' : 'store'}:${w.lane}`);
    expect(new Set(lanes)).toEqual(expected);
    expect(lanes).toHaveLength(expected.size);
    expect(lanes[0]).toBe('actions:actions');
    const kinds = lanes.map((l) => l.split(':')[0]);
    expect(kinds.lastIndexOf('store')).toBeLessThan(kinds.indexOf('surface'));
  });

  it('keeps the yammer store and the yammer surface on lanes of their own', () => {
    const story = syntheticStory([0, 0, 0, 0], 0);
    const lanes = lanesDrawn(timelineSvg(story));
    expect(lanes).toContain('store:yammer');
    expect(lanes).toContain('surface:yammer');
  });

  it('marks each action and observation once, no wait, and the divergent one alone in red with what was seen, allowed and why', async () => {
    const story = await diverging();
    const svg = timelineSvg(story);
    const drawn = stepsDrawn(svg);
    for (const s of story.steps)
      expect(
        drawn.filter((d) => d.n === s.n),
        `step ${s.n}`,
      ).toHaveLength(s.event.do === 'wait' ? 0 : 1);
    const divergent = story.steps.find((s) => s.line === story.divergence.line)!;
    expect(drawn.filter((d) => d.classes.includes('divergent')).map((d) => d.n)).toEqual([divergent.n]);
    const callout = `saw ${divergent.seen} — allowed ${story.divergence.allowed.join(', ')} — ${story.divergence.rules.map((r) => r.id).join(', ')}`;
    expect(svg).toContain(escapeXml(callout));
    for (const r of story.divergence.rules) expect(svg).toContain(escapeXml(r.statement));
    // the photo each conforming observation saw is written beside it
    for (const s of story.steps.filter((x) => x.event.see !== undefined && x !== divergent))
      expect(svg).toMatch(new RegExp(`data-n="${s.n}"[^]*?<text x="[\\d.]+" y="4.5" font-weight="600">${s.seen}</text>`));
  });

  it('draws every window on its lane with its kind, photos and rules, from the instant it opens', async () => {
    const story = await diverging();
    expect(story.divergence.windows.length).toBeGreaterThan(0);
    const svg = timelineSvg(story);
    const drawn = [...svg.matchAll(/<g class="window" data-kind="([\w-]+)" data-lane="([\w-]+)">[^]*?<rect x="([\d.]+)"/g)];
    expect(drawn.map((m) => `${m[1]} ${m[2]}`)).toEqual(story.divergence.windows.map((w) => `${w.kind} ${w.lane}`));
    for (const w of story.divergence.windows) expect(svg).toContain(`>${escapeXml(windowLabel(w))}</text>`);
    // a window opened by an action starts where the action stands
    const steps = stepsDrawn(svg);
    for (const [i, w] of story.divergence.windows.entries()) {
      const opener = story.steps.find((s) => s.at === w.from && s.event.do !== undefined && s.event.do !== 'wait');
      if (opener !== undefined) expect(Number(drawn[i]![3])).toBeCloseTo(steps.find((d) => d.n === opener.n)!.x, 0);
    }
  });

  it('labels a window by kind, photos and rules', () => {
    const w = { from: '', to: '', rules: ['SP-SYNC-WINDOW' as const] };
    expect(windowLabel({ ...w, lane: 'sharepoint', kind: 'in-flight', photos: ['p1'] })).toBe('in flight p1 (SP-SYNC-WINDOW)');
    expect(windowLabel({ ...w, lane: 'sharepoint', kind: 'held-back', photos: ['p1', 'p2'] })).toBe('held back p1, p2 (SP-SYNC-WINDOW)');
    expect(windowLabel({ ...w, lane: 'owa-email', kind: 'reads-back', photos: [] })).toBe('reads back exchange (SP-SYNC-WINDOW)');
  });

  it('embeds the images of the photos seen, set and allowed, and only data: URIs', async () => {
    const story = await diverging();
    const divergent = story.steps.find((s) => s.line === story.divergence.line)!;
    const photos = new Set([...story.steps.map((s) => s.seen), ...story.divergence.allowed]);
    const images = Object.fromEntries([...photos].map((p) => [p, image(`image of ${p}`)]));
    const svg = timelineSvg({ ...story, images: { ...images, p9: 'https://example.com/p9.png' } });
    const embedded = [...svg.matchAll(/<image class="photo" data-photo="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    for (const [photo, uri] of embedded) expect(uri).toBe(images[photo!]);
    // beside each conforming observation, and in the callout: the photo seen and each allowed
    const looks = story.steps.filter((s) => s.event.see !== undefined && s !== divergent).length;
    const setting = story.steps.filter((s) => typeof s.event.photo === 'string' && s.event.see === undefined).length;
    expect(embedded).toHaveLength(looks + setting + 1 + story.divergence.allowed.length);
    for (const p of story.divergence.allowed) expect(embedded).toContainEqual([p, images[p]]);
    expect(svg).not.toMatch(/https?:/);
    expect(timelineSvg(story)).not.toContain('<image');
  });

  it('escapes every text it draws', async () => {
    const story = await diverging();
    const nasty = `<b>"&'`;
    const steps = story.steps.map((s) => ({
      ...s,
      event: s.event.user === undefined ? s.event : { ...s.event, user: nasty, ...(s.event.see ? { photo: nasty } : {}) },
      seen: s.event.see ? nasty : s.seen,
    }));
    const rules = story.divergence.rules.map((r) => ({ ...r, statement: `${r.statement} ${nasty}`, source: nasty }));
    const svg = timelineSvg({ ...story, steps, divergence: { ...story.divergence, allowed: [nasty], rules } });
    expect(svg).not.toContain('<b>');
    expect(svg).not.toMatch(/"&'/);
    expect(svg).toContain(escapeXml(`subject: ${nasty}`));
    expect(svg).toContain(`saw ${escapeXml(nasty)}`);
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&#38;b&#60;c&#62;d&#34;e&#39;f');
  });

  it('keeps ticks from overlapping and steps apart and within the picture, from one step to sixty over seconds to weeks', () => {
    const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 * MINUTE }), fc.integer({ min: HOUR, max: 3 * DAY }));
    // the hardest: many steps moments apart, then days, which squeezes the days into what is left
    const squeezed = fc
      .tuple(fc.integer({ min: 2, max: 59 }), fc.integer({ min: HOUR, max: 14 * DAY }))
      .map(([n, long]) => [...Array.from({ length: n - 1 }, () => 0), long, 0]);
    fc.assert(
      fc.property(fc.oneof(fc.array(gap, { minLength: 1, maxLength: 60 }), squeezed), fc.nat(3), (gaps, windows) => {
        const story = syntheticStory(gaps, windows);
        const svg = timelineSvg(story);
        const width = svgWidth(svg);
        const steps = stepsDrawn(svg).sort((a, b) => a.n - b.n);
        expect(steps).toHaveLength(gaps.length);
        for (const [i, s] of steps.entries()) {
          expect(s.x).toBeGreaterThanOrEqual(0);
          expect(s.x).toBeLessThanOrEqual(width);
          if (i > 0) expect(s.x - steps[i - 1]!.x, `steps ${i} and ${i + 1}`).toBeGreaterThanOrEqual(7.8);
        }
        const ticks = ticksDrawn(svg);
        expect(ticks[0]?.label).toBe('+0');
        for (let i = 1; i < ticks.length; i++) {
          const [a, b] = [ticks[i - 1]!, ticks[i]!];
          expect(b.t).toBeGreaterThan(a.t);
          expect(b.x - a.x, `${a.label} and ${b.label}`).toBeGreaterThanOrEqual((textWidth(a.label, 11) + textWidth(b.label, 11)) / 2);
        }
        for (const tick of ticks) expect(tick.label).toMatch(/^\+(0|\d+ d|(\d+ (h|min|s) ?)+)$/);
        // the last tick falls within the story's span
        const span = Math.max(...story.steps.map((s) => s.offset));
        expect(ticks.at(-1)!.t).toBeLessThanOrEqual(span * 1.04 + SECOND);
      }),
      { numRuns: 60 },
    );
  });

  it('labels ticks in the unit of their step', () => {
    expect(tickLabel(0, HOUR)).toBe('+0');
    expect(tickLabel(HOUR, HOUR)).toBe('+1 h');
    expect(tickLabel(36 * HOUR, 12 * HOUR)).toBe('+36 h');
    expect(tickLabel(3 * DAY, DAY)).toBe('+3 d');
    expect(tickLabel(30 * SECOND, 10 * SECOND)).toBe('+30 s');
    expect(tickLabel(90 * MINUTE, 30 * MINUTE)).toBe('+1 h 30 min');
  });

  it('has a text alternative that tells the divergence, counting its steps in plain words', () => {
    for (const gaps of [[0], [MINUTE, 0]]) {
      const story = syntheticStory(gaps, 0);
      const svg = timelineSvg(story);
      const label = /^<svg [^>]*role="img" aria-label="([^"]*)"/.exec(svg)![1]!;
      const steps = story.steps.length === 1 ? '1 step' : `${story.steps.length} steps`;
      expect(label).toMatch(new RegExp(`^Timeline of ${steps}\\. DIVERGES · step ${story.steps.length} · `));
      expect(label).toContain(`allowed p7 — SP-SYNC-WINDOW`);
      expect(svg).toContain(`<title>${label}</title>`);
    }
  });

  it('refers to nothing outside itself: no script, no URL', async () => {
    const svg = timelineSvg(await diverging());
    expect(svg).toMatch(/^<svg [^>]*class="timeline"/);
    expect(svg).not.toMatch(/https?:|src=|<script|url\(/i);
  });
});
