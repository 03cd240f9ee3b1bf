/**
 * `index.html`: one self-contained page (inline CSS and SVG, no script, no
 * network). In reading order: the environment, the summary (core, best
 * peer, fair floor, ratios, lost updates, verdict per workload), core on
 * Redis, the targets, the scaling curves, a bar chart per workload, and the
 * trends of earlier runs (quick and full runs on separate lines).
 */
import type { CheckVerdict } from '../check.js';
import { GATING_TARGETS } from '../gating.js';
import { orderedSides, type RunMeta, type WorkloadResult } from '../results.js';
import { evaluateTargets, targetTitle, type TargetOutcome } from '../targets.js';
import { curveTable } from './curve-table.js';
import { describePeers, describeRedis, describeRun } from './describe.js';
import { formatOps, formatRatio, formatValue } from './format.js';
import type { HistoryRecord } from './history.js';
import { barChart, colorOf, curveChart, escapeHtml, trendChart } from './html-charts.js';
import { STORE_COLUMNS, storeCells, SUMMARY_COLUMNS, summaryCells, summaryRow } from './summary.js';

export { escapeHtml, scaleFor, trendSeries } from './html-charts.js';

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2329;margin:0 auto;max-width:1180px;padding:24px}
h1{font-size:1.5em;margin:0 0 4px}h2{margin-top:32px;border-bottom:1px solid #dde2e6;padding-bottom:4px}
.meta{color:#5b6670;margin:0}
table{border-collapse:collapse;margin:12px 0;font-variant-numeric:tabular-nums;font-size:.92em}
th,td{padding:4px 8px;border-bottom:1px solid #e6e9ec;text-align:right;vertical-align:top}th:first-child,td:first-child,.text{text-align:left}
.slower,.not-met{color:#b03a2e;font-weight:600}.met{color:#1e8449}.error{fill:#b03a2e;color:#b03a2e}
td.verdict{text-align:left;max-width:360px}
figure{margin:18px 0 26px}figcaption{margin-bottom:6px}figcaption .ratio{color:#5b6670;margin-left:8px}
.notes{color:#5b6670;font-size:.9em;margin:4px 0 0;max-width:860px}
svg text{font:12px system-ui,sans-serif;fill:#1d2329}svg .tick{fill:#6b7680;font-size:11px}svg .grid{stroke:#e3e7ea}
svg text.error{fill:#b03a2e}
.legend-key span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;vertical-align:baseline}
`;

function row(cells: readonly string[], classes: (index: number) => string = () => ''): string {
  return `<tr>${cells.map((text, index) => `<td${classes(index) ? ` class="${classes(index)}"` : ''}>${escapeHtml(text)}</td>`).join('')}</tr>`;
}

function head(columns: readonly string[]): string {
  return `<thead><tr>${columns.map((title, index) => `<th${index === 0 ? '' : ' class="text"'}>${escapeHtml(title)}</th>`).join('')}</tr></thead>`;
}

function summaryTable(results: readonly WorkloadResult[], targets: readonly TargetOutcome[]): string {
  const rows = results.map((result) => {
    const summary = summaryRow(result, targets);
    return row(summaryCells(summary), (index) =>
      index === 5 && summary.slowerThanLegacy
        ? 'slower'
        : index === 9
          ? `verdict${summary.anyNotMet ? ' not-met' : ''}`
          : index === 3 || index === 8
            ? 'text'
            : '',
    );
  });
  return `<table class="summary">${head(SUMMARY_COLUMNS)}<tbody>${rows.join('')}</tbody></table>`;
}

function storeTable(results: readonly WorkloadResult[], targets: readonly TargetOutcome[]): string {
  const rows = results.map((result) => row(storeCells(result, targets), (index) => (index >= 7 ? 'text' : '')));
  return `<table class="store-redis">${head(STORE_COLUMNS)}<tbody>${rows.join('')}</tbody></table>`;
}

function targetsTable(targets: readonly TargetOutcome[], gating: readonly string[]): string {
  const ids = [...new Set(targets.map((outcome) => outcome.target))];
  const rows = targets.map((outcome) => {
    const value =
      outcome.value === null
        ? '—'
        : outcome.target.startsWith('memory')
          ? formatValue(outcome.value, 'bytes')
          : outcome.target === 'no-lost-updates'
            ? String(outcome.value)
            : formatRatio(outcome.value);
    const status = outcome.met === null ? 'not measured' : outcome.met ? 'met' : 'not met';
    return row(
      [outcome.target, outcome.workload, outcome.measure, value, outcome.limit, status, gating.includes(outcome.target) ? 'gates --check' : 'reported'],
      (index) => (index === 5 ? (outcome.met === false ? 'not-met' : outcome.met ? 'met' : '') : index === 3 ? '' : 'text'),
    );
  });
  const legend = ids.map((id) => `<li><code>${escapeHtml(id)}</code>: ${escapeHtml(targetTitle(id))}</li>`).join('');
  return `<ul class="notes">${legend}</ul><table class="targets">${head(['target', 'workload', 'measured', 'value', 'limit', 'status', ''])}<tbody>${rows.join('')}</tbody></table>`;
}

function curvesSection(results: readonly WorkloadResult[]): string {
  const figures = results.flatMap((result) =>
    (result.curves ?? []).map((curve) => {
      const { header, rows } = curveTable(curve);
      const flat = curve.flatWithin === undefined ? '' : ` · should stay flat (core within ${formatRatio(curve.flatWithin)})`;
      const tableHtml = `<table class="curve">${head(header)}<tbody>${rows.map((cells) => row(cells)).join('')}</tbody></table>`;
      return `<figure class="curve" data-curve="${escapeHtml(`${result.id}:${curve.id}`)}"><figcaption><strong><code>${escapeHtml(result.id)}</code> ${escapeHtml(curve.id)}</strong> ${escapeHtml(curve.title)}<span class="ratio">by ${escapeHtml(curve.param)}${escapeHtml(flat)}</span></figcaption>${curveChart(result, curve)}${tableHtml}</figure>`;
    }),
  );
  return figures.length === 0 ? '' : `<section id="curves"><h2>Scaling curves</h2>${figures.join('\n')}</section>`;
}

function sideDetails(result: WorkloadResult): string {
  return orderedSides(Object.keys(result.sides))
    .flatMap((side) => {
      const entry = result.sides[side];
      const stats = entry?.stats;
      if (!stats) return [];
      const ops = stats.opsPerSec === null ? '' : `, ${formatOps(stats.opsPerSec)} ops/s`;
      const lost = entry.lostUpdates ? `, ${entry.lostUpdates.lost} of ${entry.lostUpdates.of} updates lost` : '';
      const info = Object.entries(entry.info ?? {}).map(([key, value]) => `, ${key}: ${value}`);
      return [
        `${side}: p50 ${formatValue(stats.p50, result.unit)}, p99 ${formatValue(stats.p99, result.unit)}${ops}, ${stats.samples} samples${lost}${info.join('')}`,
      ];
    })
    .join(' · ');
}

/** Embedded so the numbers can be read back from the page; `<` is escaped so no text can close the script element. */
function dataScript(results: readonly WorkloadResult[], meta: RunMeta, targets: readonly TargetOutcome[]): string {
  const json = JSON.stringify({ meta, results, targets }).replace(/</g, '\\u003c');
  return `<script type="application/json" id="bench-data">${json}</script>`;
}

function workloadFigure(result: WorkloadResult): string {
  const body =
    result.skipped === undefined
      ? `${barChart(result)}<p class="notes">${escapeHtml(sideDetails(result))}</p>`
      : `<p class="notes error">Skipped: ${escapeHtml(result.skipped)}</p>`;
  const claim = result.claim ? [`claimed earlier: ${result.claim.text}`] : [];
  return `<figure class="workload" data-workload="${escapeHtml(result.id)}"><figcaption><strong><code>${escapeHtml(result.id)}</code></strong> ${escapeHtml(result.title)}<span class="ratio">${escapeHtml(claim.join(''))}</span></figcaption>${body}${result.notes.map((note) => `<p class="notes">${escapeHtml(note)}</p>`).join('')}</figure>`;
}

export function renderHtml(results: readonly WorkloadResult[], meta: RunMeta, verdict: CheckVerdict | null, history: readonly HistoryRecord[]): string {
  const targets = verdict?.targets ?? evaluateTargets(results);
  const gating = verdict?.gating ?? GATING_TARGETS;
  const inMemory = results.filter((result) => result.suite === 'legacy-vs-core');
  const storeRedis = results.filter((result) => result.suite === 'store-redis');
  const summary =
    inMemory.length === 0
      ? ''
      : `<section id="summary"><h2>Summary</h2>${summaryTable(inMemory, targets)}
<p class="notes">p50 per operation (per session for memory, per import for cold-import; throughput rows: time per operation at the measured throughput). Every side ran in the same process, interleaved, so read ratios, not absolute times: legacy/core &gt; 1 means core is faster or smaller; core/floor is how far core is from the fair floor (the least the work costs); peer/core &gt; 1 means core is ahead of its best peer. Lost updates: updates a side made that were missing afterwards.</p></section>`;
  const redisSection =
    storeRedis.length === 0
      ? ''
      : `<section id="store-redis"><h2>core on Redis, beside connect-redis and the Redis floors</h2><p class="meta">${escapeHtml(describeRedis(meta.redis))}</p>${storeTable(storeRedis, targets)}
<p class="notes">The same operation with @sessionkit/store-redis (core+redis), beside core's in-memory pool, connect-redis on the same Redis, and the floor: the least the operation costs on the same connection.</p></section>`;
  const targetsSection = targets.length === 0 ? '' : `<section id="targets"><h2>Targets</h2>${targetsTable(targets, gating)}</section>`;
  const trends = results
    .map((result) => {
      const chart = trendChart(result, history);
      return chart
        ? `<figure class="trend" data-workload="${escapeHtml(result.id)}"><figcaption><code>${escapeHtml(result.id)}</code> <span class="ratio">solid: full runs · dashed: quick runs</span></figcaption>${chart}</figure>`
        : '';
    })
    .filter((figure) => figure !== '');
  const gate =
    verdict === null
      ? ''
      : `<section id="gate"><h2>Regression gate</h2>${
          verdict.passed
            ? `<p>Passed: every gating target (${escapeHtml(verdict.gating.join(', '))}) is met.</p>`
            : `<ul>${verdict.failures.map((failure) => `<li class="error">${escapeHtml(failure)}</li>`).join('')}</ul>`
        }</section>`;
  const shown = orderedSides(new Set(results.flatMap((result) => Object.keys(result.sides))));
  const legend = `<p class="legend-key">${shown.map((side) => `<span style="background:${colorOf(side)}"></span>${escapeHtml(side)}`).join('')}</p>`;
  const peers = describePeers(meta);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sessionkit bench</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>sessionkit bench: core beside legacy, its peers and its fair floors</h1><p class="meta env">${escapeHtml(describeRun(meta))}</p>${peers === '' ? '' : `<p class="meta">${escapeHtml(peers)}</p>`}</header>
${summary}
${redisSection}
${targetsSection}
${curvesSection(results)}
<section id="workloads"><h2>Workloads</h2>${legend}${results.map(workloadFigure).join('\n')}</section>
<section id="trends"><h2>Trends</h2>${trends.length > 0 ? trends.join('\n') : '<p class="notes">No earlier runs in results/history/ yet: trend lines appear from the second run on.</p>'}</section>
${gate}
${dataScript(results, meta, targets)}
</body>
</html>
`;
}
