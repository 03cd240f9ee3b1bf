/**
 * `index.html`: one self-contained page (inline CSS and SVG, no script, no
 * network) with the summary tables (legacy vs core; core on Redis beside core
 * in memory), a bar chart per workload (legacy / core / core+redis / floor) and, when
 * earlier runs are in `results/history/`, a trend chart per workload with one
 * line per metric.
 */
import type { CheckVerdict } from '../check.js';
import { ratiosOf, sideHeadline, SIDE_NAMES, type RunMeta, type SideName, type Unit, type WorkloadResult } from '../results.js';
import { formatOps, formatRatio, formatValue } from './format.js';
import type { HistoryRecord } from './history.js';
import { describeRedis, describeRun, redisNotes } from './markdown.js';

const COLORS: Record<SideName, string> = { legacy: '#b03a2e', core: '#1f6fb2', 'core+redis': '#7d3c98', floor: '#7b8a8b' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Log scale when values span more than this factor (legacy's KDF vs core's HMAC spans ~10^4). */
const LOG_SCALE_SPAN = 20;

interface Scale {
  log: boolean;
  position(value: number): number; // 0..1
  ticks: number[];
}

export function scaleFor(values: readonly number[]): Scale {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  const max = positive.length > 0 ? Math.max(...positive) : 1;
  const min = positive.length > 0 ? Math.min(...positive) : 1;
  if (max / min >= LOG_SCALE_SPAN) {
    // A quarter decade of room below the smallest value, so its bar is visible.
    const lo = Math.floor(Math.log10(min) - 0.25);
    let hi = Math.ceil(Math.log10(max));
    if (hi === lo) hi = lo + 1;
    const ticks: number[] = [];
    for (let exponent = lo; exponent <= hi; exponent++) ticks.push(10 ** exponent);
    return {
      log: true,
      position: (value) => (value > 0 ? (Math.log10(value) - lo) / (hi - lo) : 0),
      ticks,
    };
  }
  const step = niceStep(max / 4);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= top + step / 2; tick += step) ticks.push(tick);
  return { log: false, position: (value) => Math.max(0, value) / top, ticks };
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalised = raw / magnitude;
  const nice = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
  return nice * magnitude;
}

const BAR = { width: 680, label: 84, value: 150, row: 30, top: 8, axis: 24 };

export function barChart(result: WorkloadResult): string {
  const rows = SIDE_NAMES.filter((side) => result.sides[side] !== undefined);
  const values = rows.map((side) => sideHeadline(result, side)).filter((value): value is number => value !== undefined);
  const scale = scaleFor(values);
  const plot = BAR.width - BAR.label - BAR.value;
  const height = BAR.top + rows.length * BAR.row + BAR.axis;
  const parts: string[] = [];
  const axisY = BAR.top + rows.length * BAR.row;
  for (const tick of scale.ticks) {
    const x = BAR.label + scale.position(tick) * plot;
    parts.push(
      `<line class="grid" x1="${x.toFixed(1)}" y1="${BAR.top}" x2="${x.toFixed(1)}" y2="${axisY}"/>`,
      `<text class="tick" x="${x.toFixed(1)}" y="${axisY + 16}" text-anchor="middle">${escapeHtml(formatValue(tick, result.unit))}</text>`,
    );
  }
  rows.forEach((side, index) => {
    const y = BAR.top + index * BAR.row;
    const value = sideHeadline(result, side);
    parts.push(`<text class="side" x="${BAR.label - 8}" y="${y + 19}" text-anchor="end">${side}</text>`);
    if (value === undefined) {
      const error = result.sides[side]?.error ?? 'not measured';
      parts.push(`<text class="error" x="${BAR.label + 4}" y="${y + 19}">error: ${escapeHtml(error.slice(0, 90))}</text>`);
      return;
    }
    const length = Math.max(2, scale.position(value) * plot);
    parts.push(
      `<rect x="${BAR.label}" y="${y + 5}" width="${length.toFixed(1)}" height="${BAR.row - 10}" fill="${COLORS[side]}"><title>${side}: ${escapeHtml(formatValue(value, result.unit))}</title></rect>`,
      `<text class="value" x="${(BAR.label + length + 6).toFixed(1)}" y="${y + 19}">${escapeHtml(formatValue(value, result.unit))}</text>`,
    );
  });
  if (scale.log) parts.push(`<text class="tick" x="${BAR.width - 4}" y="${axisY + 16}" text-anchor="end">log scale</text>`);
  const label = `${result.id}: ${rows.map((side) => `${side} ${formatOrDash(sideHeadline(result, side), result.unit)}`).join(', ')}${scale.log ? ' (log scale)' : ''}`;
  return `<svg class="bar-chart" data-workload="${escapeHtml(result.id)}" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${BAR.width} ${height}" width="${BAR.width}" height="${height}">${parts.join('')}</svg>`;
}

function formatOrDash(value: number | undefined, unit: Unit): string {
  return value === undefined ? '—' : formatValue(value, unit);
}

const TREND = { width: 680, height: 220, left: 80, right: 110, top: 12, bottom: 34 };

/** One series per metric name (`create (core)` …), one point per run. */
export interface TrendSeries {
  name: string;
  side: SideName;
  points: { run: number; value: number; label: string }[];
}

export function trendSeries(workloadId: string, history: readonly HistoryRecord[]): TrendSeries[] {
  const series: TrendSeries[] = [];
  for (const side of SIDE_NAMES) {
    const name = `${workloadId} (${side})`;
    const points = history.flatMap((record, run) => {
      const entry = record.entries.find((candidate) => candidate.name === name);
      return entry ? [{ run, value: entry.value, label: `${record.meta.date} · ${record.meta.mode} · ${record.meta.commit.slice(0, 7)}` }] : [];
    });
    if (points.length > 0) series.push({ name, side, points });
  }
  return series;
}

export function trendChart(workloadId: string, unit: Unit, history: readonly HistoryRecord[]): string | null {
  const series = trendSeries(workloadId, history);
  if (series.length === 0 || history.length < 2) return null;
  const scale = scaleFor(series.flatMap((line) => line.points.map((point) => point.value)));
  const plotWidth = TREND.width - TREND.left - TREND.right;
  const plotHeight = TREND.height - TREND.top - TREND.bottom;
  const x = (run: number): number => TREND.left + (history.length === 1 ? 0 : (run / (history.length - 1)) * plotWidth);
  const y = (value: number): number => TREND.top + (1 - scale.position(value)) * plotHeight;
  const parts: string[] = [];
  for (const tick of scale.ticks) {
    const ty = y(tick).toFixed(1);
    parts.push(
      `<line class="grid" x1="${TREND.left}" y1="${ty}" x2="${TREND.left + plotWidth}" y2="${ty}"/>`,
      `<text class="tick" x="${TREND.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatValue(tick, unit))}</text>`,
    );
  }
  const first = history[0]?.meta.date.slice(0, 16).replace('T', ' ') ?? '';
  const last = history.at(-1)?.meta.date.slice(0, 16).replace('T', ' ') ?? '';
  const axisY = TREND.top + plotHeight + 18;
  parts.push(
    `<text class="tick" x="${TREND.left}" y="${axisY}" text-anchor="start">${escapeHtml(first)}</text>`,
    `<text class="tick" x="${TREND.left + plotWidth}" y="${axisY}" text-anchor="end">${escapeHtml(last)} (${history.length} runs)</text>`,
  );
  series.forEach((line, index) => {
    const color = COLORS[line.side];
    const path = line.points.map((point) => `${x(point.run).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="trend-line" data-metric="${escapeHtml(line.name)}" points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const point of line.points) {
      parts.push(
        `<circle cx="${x(point.run).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3" fill="${color}"><title>${escapeHtml(`${line.name}: ${formatValue(point.value, unit)} — ${point.label}`)}</title></circle>`,
      );
    }
    parts.push(`<text class="legend" x="${TREND.left + plotWidth + 10}" y="${TREND.top + 14 + index * 18}" style="fill:${color}">${line.side}</text>`);
  });
  const label = `${workloadId} over ${history.length} runs${scale.log ? ' (log scale)' : ''}`;
  return `<svg class="trend-chart" data-workload="${escapeHtml(workloadId)}" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${TREND.width} ${TREND.height}" width="${TREND.width}" height="${TREND.height}">${parts.join('')}</svg>`;
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2329;margin:0 auto;max-width:1040px;padding:24px}
h1{font-size:1.5em;margin:0 0 4px}h2{margin-top:32px;border-bottom:1px solid #dde2e6;padding-bottom:4px}
.meta{color:#5b6670;margin:0}
table{border-collapse:collapse;margin:12px 0;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid #e6e9ec;text-align:right}th:first-child,td:first-child,.text{text-align:left}
.slower{color:#b03a2e;font-weight:600}.error{fill:#b03a2e;color:#b03a2e}
figure{margin:18px 0 26px}figcaption{margin-bottom:6px}figcaption .ratio{color:#5b6670;margin-left:8px}
.notes{color:#5b6670;font-size:.9em;margin:4px 0 0;max-width:780px}
svg text{font:12px system-ui,sans-serif;fill:#1d2329}svg .tick{fill:#6b7680;font-size:11px}svg .grid{stroke:#e3e7ea}
svg text.error{fill:#b03a2e}
.legend-key span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;vertical-align:baseline}
`;

function workloadCell(result: WorkloadResult): string {
  return `<td><code>${escapeHtml(result.id)}</code>${result.compareBy === 'throughput' ? ' (throughput)' : ''}</td>`;
}

function headlineCell(result: WorkloadResult, side: SideName): string {
  const value = sideHeadline(result, side);
  if (value !== undefined) return `<td>${escapeHtml(formatValue(value, result.unit))}</td>`;
  return result.sides[side]?.error ? `<td class="error" title="${escapeHtml(result.sides[side]?.error ?? '')}">error</td>` : '<td>—</td>';
}

function storeRedisTable(results: readonly WorkloadResult[]): string {
  const rows = results.map((result) => {
    const notes = `<td class="text${result.skipped === undefined && !result.sides['core+redis']?.error ? '' : ' error'}">${escapeHtml(redisNotes(result))}</td>`;
    if (result.skipped !== undefined) return `<tr>${workloadCell(result)}<td>—</td><td>—</td><td>—</td><td>—</td>${notes}</tr>`;
    const { redisOverCore } = ratiosOf(result);
    const opsPerSec = result.sides['core+redis']?.stats?.opsPerSec ?? null;
    return `<tr>${workloadCell(result)}${headlineCell(result, 'core')}${headlineCell(result, 'core+redis')}<td>${redisOverCore === null ? '—' : formatRatio(redisOverCore)}</td><td>${opsPerSec === null ? '—' : formatOps(opsPerSec)}</td>${notes}</tr>`;
  });
  return `<table class="store-redis"><thead><tr><th>workload</th><th>core (in memory)</th><th>core+redis</th><th>core+redis/core</th><th>core+redis ops/s</th><th class="text">notes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function summaryTable(results: readonly WorkloadResult[]): string {
  const rows = results.map((result) => {
    const { legacyOverCore, coreOverFloor } = ratiosOf(result);
    const cells = (['legacy', 'core', 'floor'] as const).map((side) => headlineCell(result, side));
    const ratio =
      legacyOverCore === null ? '<td>—</td>' : `<td class="${legacyOverCore < 1 ? 'slower' : ''}">${formatRatio(legacyOverCore)}</td>`;
    return `<tr>${workloadCell(result)}${cells.join('')}${ratio}<td>${coreOverFloor === null ? '—' : formatRatio(coreOverFloor)}</td><td class="text">${escapeHtml(result.claim?.text ?? '')}</td></tr>`;
  });
  return `<table><thead><tr><th>workload</th><th>legacy</th><th>core</th><th>floor</th><th>legacy/core</th><th>core/floor</th><th class="text">seed's claim</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function sideDetails(result: WorkloadResult): string {
  return SIDE_NAMES.flatMap((side) => {
    const stats = result.sides[side]?.stats;
    if (!stats) return [];
    const ops = stats.opsPerSec === null ? '' : `, ${formatOps(stats.opsPerSec)} ops/s`;
    const info = Object.entries(result.sides[side]?.info ?? {}).map(([key, value]) => `, ${key}: ${value}`);
    return [`${side}: p50 ${formatValue(stats.p50, result.unit)}, p99 ${formatValue(stats.p99, result.unit)}${ops}, ${stats.samples} samples${info.join('')}`];
  }).join(' · ');
}

/** Embedded so the numbers can be read back from the page; `<` is escaped so no text can close the script element. */
function dataScript(results: readonly WorkloadResult[], meta: RunMeta): string {
  const json = JSON.stringify({ meta, results }).replace(/</g, '\\u003c');
  return `<script type="application/json" id="bench-data">${json}</script>`;
}

export function renderHtml(
  results: readonly WorkloadResult[],
  meta: RunMeta,
  verdict: CheckVerdict | null,
  history: readonly HistoryRecord[],
): string {
  const figures = results.map((result) => {
    const { legacyOverCore, coreOverFloor, redisOverCore } = ratiosOf(result);
    const ratios = [
      ...(legacyOverCore === null ? [] : [`legacy/core ${formatRatio(legacyOverCore)}`]),
      ...(coreOverFloor === null ? [] : [`core/floor ${formatRatio(coreOverFloor)}`]),
      ...(redisOverCore === null ? [] : [`core+redis/core ${formatRatio(redisOverCore)}`]),
      ...(result.claim ? [`seed's claim ${result.claim.text}`] : []),
    ].join(' · ');
    const body =
      result.skipped === undefined
        ? `${barChart(result)}<p class="notes">${escapeHtml(sideDetails(result))}</p>`
        : `<p class="notes error">Skipped: ${escapeHtml(result.skipped)}</p>`;
    return `<figure class="workload" data-workload="${escapeHtml(result.id)}"><figcaption><strong><code>${escapeHtml(result.id)}</code></strong> ${escapeHtml(result.title)}<span class="ratio">${escapeHtml(ratios)}</span></figcaption>${body}${result.notes.map((note) => `<p class="notes">${escapeHtml(note)}</p>`).join('')}</figure>`;
  });
  const legacyVsCore = results.filter((result) => result.suite === 'legacy-vs-core');
  const storeRedis = results.filter((result) => result.suite === 'store-redis');
  const summary =
    legacyVsCore.length === 0
      ? ''
      : `${summaryTable(legacyVsCore)}
<p class="notes">p50 per operation (per session for memory, per import for cold-import; throughput rows: time per operation at the measured throughput). Every side ran in the same process, interleaved, so compare ratios, not absolute times: legacy/core &gt; 1 means core is faster or smaller.</p>`;
  const redisSection =
    storeRedis.length === 0
      ? ''
      : `<section id="store-redis"><h2>core on Redis, beside core in memory</h2><p class="meta">${escapeHtml(describeRedis(meta.redis))}</p>${storeRedisTable(storeRedis)}
<p class="notes">The same operation on the same manager, with its in-memory pool (core) and with @sessionkit/store-redis (core+redis), interleaved in this run. core+redis/core is what the store costs; it is reported, never gated.</p></section>`;
  const trends = results
    .map((result) => {
      const chart = trendChart(result.id, result.unit, history);
      return chart ? `<figure class="trend" data-workload="${escapeHtml(result.id)}"><figcaption><code>${escapeHtml(result.id)}</code></figcaption>${chart}</figure>` : '';
    })
    .filter((figure) => figure !== '');
  const gate =
    verdict === null
      ? ''
      : `<section id="gate"><h2>Regression gate</h2>${
          verdict.passed
            ? `<p>Passed on ${verdict.compared.length} compared workloads.</p>`
            : `<ul>${verdict.failures.map((failure) => `<li class="error">${escapeHtml(failure)}</li>`).join('')}</ul>`
        }</section>`;
  const shown = SIDE_NAMES.filter((side) => results.some((result) => result.sides[side] !== undefined));
  const legend = `<p class="legend-key">${shown.map((side) => `<span style="background:${COLORS[side]}"></span>${side}`).join('')}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sessionkit bench: legacy vs core</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>sessionkit bench: legacy vs core</h1><p class="meta">${escapeHtml(describeRun(meta))}</p></header>
${summary === '' ? '' : `<section id="summary"><h2>Summary</h2>${summary}</section>`}
${redisSection}
<section id="workloads"><h2>Workloads</h2>${legend}${figures.join('\n')}</section>
<section id="trends"><h2>Trends</h2>${trends.length > 0 ? trends.join('\n') : '<p class="notes">No earlier runs in results/history/ yet: trend lines appear from the second run on.</p>'}</section>
${gate}
${dataScript(results, meta)}
</body>
</html>
`;
}
