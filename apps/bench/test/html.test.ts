import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type ConsoleMessage } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { checkResults } from '../src/check.js';
import type { HistoryRecord } from '../src/report/history.js';
import type { WorkloadResult } from '../src/results.js';
import { escapeHtml, renderHtml, scaleFor, trendSeries } from '../src/report/html.js';
import { dashboardEntries } from '../src/report/json.js';
import { meta, redisMeta, redisRun, sampleRun } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
/** Where the screenshot goes (git-ignored). */
const SCREENSHOT_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));

/** Three earlier runs plus the current one, with core getting faster. */
function history(run: () => WorkloadResult[] = sampleRun): HistoryRecord[] {
  return [3, 2, 1.5, 1].map((factor, index) => ({
    meta: { ...meta, date: `2026-11-2${index}T10:00:00.000Z` },
    entries: dashboardEntries(run()).map((entry) => (entry.name.endsWith('(core)') ? { ...entry, value: entry.value * factor } : entry)),
  }));
}

/** Both suites, as a full run with a Redis draws them. */
const fullRun = (): WorkloadResult[] => [...sampleRun(), ...redisRun()];

describe('renderHtml (markup)', () => {
  const html = renderHtml(sampleRun(), meta, checkResults(sampleRun()), history());

  it('is self-contained: no external resource, no script that runs', () => {
    expect(html).not.toMatch(/<(link|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="bench-data">']);
  });

  it('has one bar chart per workload and one trend chart per workload with history', () => {
    expect(html.match(/<svg class="bar-chart"/g)).toHaveLength(sampleRun().length);
    expect(html.match(/<svg class="trend-chart"/g)).toHaveLength(sampleRun().length);
  });

  it('says there is no trend yet when there is no earlier run', () => {
    const first = renderHtml(sampleRun(), meta, null, history().slice(-1));
    expect(first).not.toContain('class="trend-chart"');
    expect(first).toContain('trend lines appear from the second run on');
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

  it('has a section of its own: where Redis ran, core in memory beside core on Redis, the ratio, ops/s and notes', () => {
    const section = html.slice(html.indexOf('<section id="store-redis">'), html.indexOf('</section>', html.indexOf('<section id="store-redis">')));
    expect(section).toContain('Redis 7.0.15, a private redis-server on 127.0.0.1:6399 started for this run, persistence off.');
    expect(section).toContain('<tr><td><code>redis-create</code></td><td>10 µs</td><td>500 µs</td><td>50×</td><td>2,000</td><td class="text"></td></tr>');
    expect(section).toContain('conflicts retried: 12 in 2,000 analyses (0.6%)');
    expect(section).toContain('<td class="text error">skipped: no REDIS_URL and no redis-server on PATH</td>');
    // the legacy-vs-core summary stays as it was: no store-redis rows in it
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('</section>', html.indexOf('<section id="summary">')));
    expect(summary).not.toContain('redis-');
  });

  it('draws core and core+redis bars, says why a skipped workload has no chart, and lists core+redis in the legend', () => {
    expect(html).toMatch(/<svg class="bar-chart" data-workload="redis-create"[^>]*aria-label="redis-create: core 10 µs, core\+redis 500 µs \(log scale\)"/);
    expect(html).not.toContain('<svg class="bar-chart" data-workload="redis-get"');
    expect(html).toContain('<p class="notes error">Skipped: no REDIS_URL and no redis-server on PATH</p>');
    expect(html).toContain('<span style="background:#7d3c98"></span>core+redis');
    expect(renderHtml(sampleRun(), meta, null, [])).not.toContain('core+redis');
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

describe('trendSeries', () => {
  it('has one series per metric with one point per run that measured it', () => {
    const series = trendSeries('get-hit', history());
    expect(series.map((line) => line.name)).toEqual(['get-hit (core)', 'get-hit (floor)']);
    expect(series[0]?.points.map((point) => point.value)).toEqual([6_000, 4_000, 3_000, 2_000]);
  });
});

describe.skipIf(!hasChromium)('index.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws one bar chart per workload and the trend charts, with no console errors', async () => {
    const file = join(dir, 'index.html');
    writeFileSync(file, renderHtml(fullRun(), redisMeta, checkResults(fullRun()), history(fullRun)));
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
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

      // Every workload but the skipped one (redis-get) has a chart.
      const workloads = fullRun()
        .filter((result) => result.skipped === undefined)
        .map((result) => result.id);
      expect(await page.locator('figure.workload svg.bar-chart').evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('data-workload')))).toEqual(
        workloads,
      );
      expect(await page.locator('#store-redis table tbody tr').count()).toBe(3);
      // Drawn, not just present: every chart has a laid-out size and bars with a width.
      const sizes = await page.locator('svg.bar-chart').evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().width));
      expect(sizes.every((width) => width > 100)).toBe(true);
      const bars = await page.locator('svg.bar-chart rect').evaluateAll((rects) => rects.map((rect) => rect.getBBox().width));
      expect(bars.length).toBe(16); // 13 side rows in the legacy-vs-core sample, one errored (drawn as text, no bar), and 4 store-redis ones
      expect(bars.every((width) => width >= 2)).toBe(true);
      expect(await page.locator('svg.trend-chart').count()).toBe(workloads.length);
      expect(await page.locator('svg.trend-chart polyline').count()).toBe(16);

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'index-html.png'), fullPage: true });
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
