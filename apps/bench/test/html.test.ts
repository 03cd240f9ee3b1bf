import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type ConsoleMessage } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { checkResults } from '../src/check.js';
import type { HistoryRecord } from '../src/report/history.js';
import { escapeHtml, renderHtml, scaleFor, trendSeries } from '../src/report/html.js';
import { dashboardEntries } from '../src/report/json.js';
import type { WorkloadResult } from '../src/results.js';
import { curveRun, meta, redisMeta, redisRun, sampleRun } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
/** Where the screenshot goes (git-ignored). */
const SCREENSHOT_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));

/** Four earlier runs, full and quick alternating, with core getting faster. */
function history(run: () => WorkloadResult[] = sampleRun): HistoryRecord[] {
  return [3, 2, 1.5, 1].map((factor, index) => ({
    meta: { ...meta, mode: index % 2 === 0 ? 'full' : 'quick', date: `2026-11-2${index}T10:00:00.000Z` },
    entries: dashboardEntries(run()).map((entry) => (entry.name.endsWith('(core)') ? { ...entry, value: entry.value * factor } : entry)),
  }));
}

/** Everything a full run with a Redis draws: both suites and the curves. */
const fullRun = (): WorkloadResult[] => [...sampleRun(), ...curveRun(), ...redisRun()];

/** The width and height a PNG declares in its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('renderHtml (markup)', () => {
  const html = renderHtml(sampleRun(), meta, checkResults(sampleRun()), history());

  it('is self-contained: no external resource, no script that runs', () => {
    expect(html).not.toMatch(/<(link|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="bench-data">']);
  });

  it('says in its header what it ran on: CPU, Node, load, and the peer versions', () => {
    expect(html).toContain('<p class="meta env">quick run · Node v20.20.2 · Test CPU × 2 · load 0.50/core at start');
    expect(html).toContain('Peers: lru-cache 11.5.4 · async-mutex 0.5.0');
  });

  it('opens with the summary table: core, best peer, floor, ratios, lost updates and a verdict per workload', () => {
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('</section>', html.indexOf('<section id="summary">')));
    expect(html.indexOf('<section id="summary">')).toBeLessThan(html.indexOf('<section id="workloads">'));
    expect(summary).toContain('<th class="text">best peer</th><th class="text">floor</th>');
    expect(summary).toContain(
      '<tr><td>create</td><td>200 ms</td><td>10 µs</td><td class="text">lru-cache 12 µs</td><td>8 µs</td><td>20,000×</td><td>1.25×</td><td>1.2×</td><td class="text">—</td><td class="verdict">',
    );
    expect(summary).toContain('<td class="slower">0.5×</td>');
    expect(summary).toContain('<td class="text">core 0/128 · express-session 120/128 · floor 0/128</td>');
    expect(summary).toContain(
      '<td class="verdict not-met">✗ not slower than legacy (not measured) · ✗ floor ≤ 1.5× (20×) · ✗ ahead of lru-cache (0.125×)</td>',
    );
  });

  it('lists the targets, met or not, gating or reported', () => {
    const targets = html.slice(html.indexOf('<section id="targets">'), html.indexOf('</section>', html.indexOf('<section id="targets">')));
    expect(targets).toContain(
      '<td class="text">memory-600</td><td class="text">memory</td><td class="text">memory (core)</td><td>800 B</td><td class="text">≤ 600 B</td><td class="not-met">not met</td><td class="text">reported</td>',
    );
    expect(targets).toContain('<td class="not-met">not met</td><td class="text">gates --check</td>');
  });

  it('has one bar chart per workload and one trend chart per workload with history, quick and full runs on separate lines', () => {
    expect(html.match(/<svg class="bar-chart chart"/g)).toHaveLength(sampleRun().length);
    expect(html.match(/<svg class="trend-chart chart"/g)).toHaveLength(sampleRun().length);
    expect(html).toContain('data-metric="create (core) · full"');
    expect(html).toContain('data-metric="create (core) · quick"');
    const trend = html.slice(html.indexOf('<svg class="trend-chart chart" data-workload="create"'));
    expect(trend.slice(0, trend.indexOf('</svg>'))).toContain('>core · full</text>');
    expect(trend.slice(0, trend.indexOf('</svg>'))).toContain('>core · quick</text>');
  });

  it('separates quick and full runs in the trend series', () => {
    const series = trendSeries('get-hit', history(), ['core', 'floor']);
    expect(series.map((line) => `${line.name} ${line.mode}`)).toEqual([
      'get-hit (core) full',
      'get-hit (core) quick',
      'get-hit (floor) full',
      'get-hit (floor) quick',
    ]);
    expect(series[0]?.points.map((point) => [point.run, point.value])).toEqual([
      [0, 6_000],
      [2, 3_000],
    ]);
  });

  it('says there is no trend yet when there is no earlier run', () => {
    const first = renderHtml(sampleRun(), meta, null, history().slice(-1));
    expect(first).not.toContain('class="trend-chart');
    expect(first).toContain('trend lines appear from the second run on');
  });

  it('draws each scaling curve as a small line chart with its table', () => {
    const page = renderHtml(curveRun(), meta, null, []);
    expect(page.match(/<svg class="curve-chart chart"/g)).toHaveLength(2);
    expect(page).toContain('data-curve="scale:lookup"');
    expect(page).toContain('<td>core</td><td>300 ns</td><td>600 ns</td><td>1.2 µs</td><td>4×</td>');
  });

  it('escapes text and keeps the embedded data from closing its script element', () => {
    const run = sampleRun();
    const getHit = run[3];
    if (getHit) getHit.sides.legacy = { error: '</script><b>x</b>' };
    const page = renderHtml(run, meta, null, []);
    expect(page).not.toContain('</script><b>');
    expect(page).toContain('&#60;/script&#62;&#60;b&#62;');
    expect(escapeHtml(`a&b"'`)).toBe('a&#38;b&#34;&#39;');
  });
});

describe('renderHtml (store-redis)', () => {
  const html = renderHtml(fullRun(), redisMeta, checkResults(fullRun()), history(fullRun));

  it('has a section of its own: where Redis ran, core in memory, core+redis, connect-redis, the floor, ratios and notes', () => {
    const section = html.slice(html.indexOf('<section id="store-redis">'), html.indexOf('</section>', html.indexOf('<section id="store-redis">')));
    expect(section).toContain('Redis 7.0.15, a private redis-server on 127.0.0.1:6399 started for this run, persistence off.');
    expect(section).toContain('<tr><td>redis-create</td><td>10 µs</td><td>500 µs</td><td>250 µs</td><td>100 µs</td><td>5×</td><td>0.5×</td>');
    expect(section).toContain('conflicts retried: 12 in 2,000 analyses (0.6%)');
    expect(section).toContain('<td class="text">skipped: no REDIS_URL and no redis-server on PATH</td>');
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('</section>', html.indexOf('<section id="summary">')));
    expect(summary).not.toContain('redis-');
  });

  it('draws every side of a store-redis row, says why a skipped workload has no chart, and lists the sides in the legend', () => {
    expect(html).toMatch(
      /<svg class="bar-chart chart" data-workload="redis-create"[^>]*aria-label="redis-create: core 10 µs, core\+redis 500 µs, connect-redis 250 µs, floor 100 µs \(log scale\)"/,
    );
    expect(html).not.toContain('<svg class="bar-chart chart" data-workload="redis-get"');
    expect(html).toContain('<p class="notes error">Skipped: no REDIS_URL and no redis-server on PATH</p>');
    expect(html).toContain('<span style="background:#7d3c98"></span>core+redis');
    expect(html).toContain('<span style="background:#935116"></span>connect-redis');
  });
});

describe('scaleFor', () => {
  it('uses a log scale with decade ticks when values span 20× or more', () => {
    const scale = scaleFor([2_000, 200e6]);
    expect(scale.log).toBe(true);
    expect(scale.ticks).toEqual([1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]);
    expect(scale.position(1e3)).toBe(0);
    expect(scale.position(1e9)).toBe(1);
  });

  it('uses a linear scale from zero otherwise', () => {
    const scale = scaleFor([150, 300]);
    expect(scale.log).toBe(false);
    expect(scale.ticks).toEqual([0, 100, 200, 300]);
    expect(scale.position(150)).toBe(0.5);
  });
});

describe.skipIf(!hasChromium)('index.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the summary table, draws every chart under 600 px tall, and screenshots at a sane size with no console errors', async () => {
    const file = join(dir, 'index.html');
    writeFileSync(file, renderHtml(fullRun(), redisMeta, checkResults(fullRun()), history(fullRun)));
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) requests.push(request.url());
      });
      await page.goto(`file://${file}`, { waitUntil: 'load' });

      // The summary table is there, first, and visible: one row per in-memory workload.
      const summary = page.locator('#summary table.summary');
      expect(await summary.isVisible()).toBe(true);
      expect(await summary.locator('tbody tr').count()).toBe(sampleRun().length + curveRun().length);
      expect(await page.locator('#store-redis table tbody tr').count()).toBe(3);
      expect(await page.locator('#targets table tbody tr').count()).toBeGreaterThan(5);

      // Every workload but the skipped one (redis-get) has a bar chart; every curve a line chart.
      const workloads = fullRun()
        .filter((result) => result.skipped === undefined)
        .map((result) => result.id);
      expect(await page.locator('figure.workload svg.bar-chart').evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('data-workload')))).toEqual(
        workloads,
      );
      expect(await page.locator('svg.curve-chart').count()).toBe(2);
      expect(await page.locator('svg.trend-chart').count()).toBe(workloads.length);

      // Drawn, not just present, and every chart small: laid out wider than 100 px, under 600 px tall.
      const boxes = await page
        .locator('svg.chart')
        .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((box) => ({ width: box.width, height: box.height })));
      expect(boxes.length).toBe(workloads.length * 2 + 2);
      for (const box of boxes) {
        expect(box.width).toBeGreaterThan(100);
        expect(box.height).toBeGreaterThan(50);
        expect(box.height).toBeLessThan(600);
      }
      const bars = await page.locator('svg.bar-chart rect').evaluateAll((rects) => rects.map((rect) => rect.getBBox().width));
      expect(bars.every((width) => width >= 2)).toBe(true);

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const shot = join(SCREENSHOT_DIR, 'index-html.png');
      await page.screenshot({ path: shot, fullPage: true });
      // A sane screenshot: the page's width, a few screens tall (not one endless column), not empty, not huge.
      const { width, height } = pngSize(shot);
      expect(width).toBe(1280);
      expect(height).toBeGreaterThan(900);
      expect(height).toBeLessThan(20_000);
      const bytes = statSync(shot).size;
      expect(bytes).toBeGreaterThan(50_000);
      expect(bytes).toBeLessThan(15_000_000);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

if (!hasChromium) {
  // One clear line, and never silently in CI, which installs Chromium.
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing in CI: the HTML render test must run there`);
  console.warn(`bench: HTML render test skipped: ${CHROMIUM} not found (apt-get install chromium)`);
}
