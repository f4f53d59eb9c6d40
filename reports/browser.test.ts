import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';

/** Debian's Chromium: CI installs it (.ci/run); no browser is ever downloaded. */
const CHROMIUM = '/usr/bin/chromium';
/** where a person can look at the screenshots: under the OS temp dir, and at a fixed place */
const SCREENS = [...new Set([join(tmpdir(), 'photosync-screens'), '/tmp/photosync-screens'])];

const dir = mkdtempSync(join(tmpdir(), 'photosync-browser-'));
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`the browser test needs Chromium at ${CHROMIUM}: install it with "apt-get install chromium" (CI's .ci/run does)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a command prints, with the exit code; diagnostics must stay empty. */
async function photosync(argv: readonly string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  expect(err).toBe('');
  expect([0, 1]).toContain(code);
  return out;
}

/**
 * Opens a report from a file in Chromium and records every request and console error; leaves a
 * full-page screenshot in each of SCREENS.
 */
async function open(name: string, html: string) {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => void requests.push(r.url()));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => void errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  const screenshot = join(dir, `${name}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  for (const screens of SCREENS) {
    mkdirSync(screens, { recursive: true });
    copyFileSync(screenshot, join(screens, `${name}.png`));
  }
  return { page, url, requests, errors };
}

/** Nothing left for the network: the page itself and data: URIs only, and no CSP complaint. */
function expectOffline(r: { url: string; requests: string[]; errors: string[] }) {
  expect(r.requests.length).toBeGreaterThan(0);
  for (const u of r.requests) expect(u === r.url || u.startsWith('data:'), u).toBe(true);
  expect(r.errors).toEqual([]);
}

describe('the HTML report in a real browser', { timeout: 120_000 }, () => {
  it("shows a run's divergence, the rule that decided it and its timeline, offline", async () => {
    const argv = [
      'run',
      '--mutant',
      'owa-caches-ten-minutes',
      '--profile',
      'threewill-2014',
      '--runs',
      '200',
      '--seed',
      '1',
      '--out',
      join(dir, 'run'),
    ];
    const json = JSON.parse(await photosync([...argv, '--format', 'json'])) as {
      verdict: string;
      counterexample: { divergence: { rules: { id: string }[] } };
    };
    expect(json.verdict).toBe('diverges');
    const r = await open('run', await photosync([...argv, '--format', 'html']));
    const text = await r.page.locator('body').innerText();
    expect(text).toContain('DIVERGES');
    const rules = json.counterexample.divergence.rules.map((x) => x.id);
    expect(rules.length).toBeGreaterThan(0);
    for (const id of rules) await expect.poll(() => r.page.getByText(id, { exact: true }).first().isVisible()).toBe(true);
    const svg = r.page.locator('svg.timeline');
    await expect.poll(() => svg.count()).toBe(1);
    const box = await svg.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(100);
    // the divergent step is drawn, and its callout within the picture
    const point = await r.page.locator('svg.timeline g.step.divergent').boundingBox();
    const callout = await r.page.locator('svg.timeline g.callout').boundingBox();
    expect(point).not.toBeNull();
    expect(callout).not.toBeNull();
    expect(callout!.x + callout!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
    expectOffline(r);
    await r.page.close();
  });

  it("keeps a hostile trace's values text, on a phone and on paper: no script, no fetch, no sideways scroll, headings in order", async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)></style>';
    const spoof = 'alice\u202egpj.exe';
    const long = 'u'.repeat(300);
    const trace = join(dir, 'hostile.jsonl');
    const lines = [
      {
        format: 'photosync-trace',
        version: 1,
        start: '2014-04-01T09:00:00Z',
        users: [{ id: hostile, photo: 'p0' }, { id: long }, { id: spoof }],
      },
      { at: '2014-04-01T09:00:01Z', do: 'setPhoto', user: hostile, photo: hostile, via: 'outlook-web', reason: hostile },
      { at: '2014-04-01T09:00:02Z', see: 'graph', user: hostile, viewer: spoof, photo: `${long} https://evil.example/x` },
    ];
    writeFileSync(trace, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const html = await photosync(['check', trace, '--profile', 'threewill-2014', '--format', 'html']);
    const r = await open('hostile', html);
    const dialogs: string[] = [];
    r.page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    expect(await r.page.evaluate(() => [document.scripts.length, document.images.length, document.links.length])).toEqual([0, 0, 0]);
    const text = await r.page.locator('body').innerText();
    expect(text).toContain(hostile);
    // the override is shown, not obeyed: what follows it is not turned around
    expect(text).toContain('alice\\u202egpj.exe');
    expect(text).not.toContain('\u202e');
    const ranks = await r.page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])));
    for (const [i, rank] of ranks.entries()) expect(rank - (ranks[i - 1] ?? 0)).toBeLessThanOrEqual(1);
    // a phone, then paper: the page keeps its width, a wide table scrolling in its frame or wrapping on paper
    for (const [width, media] of [
      [375, 'screen'],
      [700, 'print'],
    ] as const) {
      await r.page.setViewportSize({ width, height: 800 });
      await r.page.emulateMedia({ media });
      const [scroll, client] = await r.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(scroll, `${media} at ${width} px`).toBeLessThanOrEqual(client);
    }
    expect(dialogs).toEqual([]);
    expectOffline(r);
    await r.page.close();
  });

  it("shows a matrix: each profile's verdict, and a visible timeline for each refuted profile, offline", async () => {
    const argv = ['matrix', '--runs', '50', '--seed', '1', '--out', join(dir, 'matrix')];
    const json = JSON.parse(await photosync([...argv, '--format', 'json'])) as {
      results: { profile: string; verdict: string; rules: string[]; counterexample?: unknown }[];
    };
    const refuted = json.results.filter((x) => x.counterexample !== undefined);
    expect(refuted.length).toBeGreaterThan(0);
    const r = await open('matrix', await photosync([...argv, '--format', 'html']));
    const text = await r.page.locator('body').innerText();
    expect(text).toContain('DIVERGES');
    for (const x of json.results) expect(text).toContain(x.profile);
    for (const id of new Set(refuted.flatMap((x) => x.rules))) expect(text).toContain(id);
    const svgs = await r.page.locator('svg.timeline').all();
    expect(svgs).toHaveLength(refuted.length);
    for (const svg of svgs) {
      await svg.scrollIntoViewIfNeeded();
      expect(await svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(400);
      expect(box!.height).toBeGreaterThan(80);
    }
    expectOffline(r);
    await r.page.close();
  });
});
