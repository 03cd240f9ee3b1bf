/**
 * The page's charts, as inline SVG, every one small (the tallest, a bar
 * chart of eight sides, is under 300 px): a bar chart per workload, a line
 * chart per scaling curve, and a trend chart per workload with one line per
 * side and run mode (quick and full runs never share a line: their figures
 * are not comparable).
 */
import { orderedSides, sideHeadline, type Curve, type SideName, type Unit, type WorkloadResult } from '../results.js';
import { curveSides, curveValues } from './curve-table.js';
import { formatValue } from './format.js';
import type { HistoryRecord } from './history.js';

const COLORS: Record<string, string> = {
  legacy: '#b03a2e',
  core: '#1f6fb2',
  'core+redis': '#7d3c98',
  'lru-cache': '#1e8449',
  'express-session': '#ca6f1e',
  'connect-redis': '#935116',
  floor: '#7b8a8b',
};

/** A side's colour; the reference floors share a lighter grey. */
export function colorOf(side: string): string {
  return COLORS[side] ?? '#aab7b8';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Log scale when values span more than this factor (legacy's KDF vs core's HMAC spans ~10^4). */
const LOG_SCALE_SPAN = 20;

export interface Scale {
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
    return { log: true, position: (value) => (value > 0 ? (Math.log10(value) - lo) / (hi - lo) : 0), ticks };
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

const BAR = { width: 680, label: 128, value: 130, row: 28, top: 8, axis: 24 };

export function barChart(result: WorkloadResult): string {
  const rows = orderedSides(Object.keys(result.sides));
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
    parts.push(`<text class="side" x="${BAR.label - 8}" y="${y + 18}" text-anchor="end">${escapeHtml(side)}</text>`);
    if (value === undefined) {
      const error = result.sides[side]?.error ?? 'not measured';
      parts.push(`<text class="error" x="${BAR.label + 4}" y="${y + 18}">error: ${escapeHtml(error.slice(0, 80))}</text>`);
      return;
    }
    const length = Math.max(2, scale.position(value) * plot);
    const lost = result.sides[side]?.lostUpdates;
    const label = `${formatValue(value, result.unit)}${lost && lost.lost > 0 ? ` · ${lost.lost.toLocaleString('en-US')} lost` : ''}`;
    parts.push(
      `<rect x="${BAR.label}" y="${y + 5}" width="${length.toFixed(1)}" height="${BAR.row - 10}" fill="${colorOf(side)}"><title>${escapeHtml(`${side}: ${label}`)}</title></rect>`,
      `<text class="value" x="${(BAR.label + length + 6).toFixed(1)}" y="${y + 18}">${escapeHtml(label)}</text>`,
    );
  });
  if (scale.log) parts.push(`<text class="tick" x="${BAR.width - 4}" y="${axisY + 16}" text-anchor="end">log scale</text>`);
  const label = `${result.id}: ${rows.map((side) => `${side} ${formatOrDash(sideHeadline(result, side), result.unit)}`).join(', ')}${scale.log ? ' (log scale)' : ''}`;
  return `<svg class="bar-chart chart" data-workload="${escapeHtml(result.id)}" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${BAR.width} ${height}" width="${BAR.width}" height="${height}">${parts.join('')}</svg>`;
}

function formatOrDash(value: number | undefined, unit: Unit): string {
  return value === undefined ? '—' : formatValue(value, unit);
}

const LINES = { width: 680, height: 220, left: 80, right: 130, top: 12, bottom: 34 };

interface Line {
  /** In the legend. */
  name: string;
  /** On the line (`data-metric`): the dashboard name, with the run mode on trend lines. */
  metric: string;
  color: string;
  dashed: boolean;
  /** x as an index into the chart's columns. */
  points: { x: number; value: number; title: string }[];
}

/** A small line chart over evenly spaced columns (runs, or a curve's points). */
function lineChart(kind: 'trend-chart' | 'curve-chart', id: string, unit: Unit, columns: string[], lines: Line[], label: string): string {
  const scale = scaleFor(lines.flatMap((line) => line.points.map((point) => point.value)));
  const plotWidth = LINES.width - LINES.left - LINES.right;
  const plotHeight = LINES.height - LINES.top - LINES.bottom;
  const x = (column: number): number => LINES.left + (columns.length <= 1 ? plotWidth / 2 : (column / (columns.length - 1)) * plotWidth);
  const y = (value: number): number => LINES.top + (1 - scale.position(value)) * plotHeight;
  const parts: string[] = [];
  for (const tick of scale.ticks) {
    const ty = y(tick).toFixed(1);
    parts.push(
      `<line class="grid" x1="${LINES.left}" y1="${ty}" x2="${LINES.left + plotWidth}" y2="${ty}"/>`,
      `<text class="tick" x="${LINES.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatValue(tick, unit))}</text>`,
    );
  }
  const axisY = LINES.top + plotHeight + 18;
  // At most six column labels, so they never overlap.
  const every = Math.max(1, Math.ceil(columns.length / 6));
  columns.forEach((text, column) => {
    if (column % every !== 0 && column !== columns.length - 1) return;
    const anchor = columns.length > 1 && column === 0 ? 'start' : column === columns.length - 1 && columns.length > 1 ? 'end' : 'middle';
    parts.push(`<text class="tick" x="${x(column).toFixed(1)}" y="${axisY}" text-anchor="${anchor}">${escapeHtml(text)}</text>`);
  });
  lines.forEach((line, index) => {
    const path = line.points.map((point) => `${x(point.x).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
    const dash = line.dashed ? ' stroke-dasharray="5 3"' : '';
    parts.push(`<polyline class="line" data-metric="${escapeHtml(line.metric)}" points="${path}" fill="none" stroke="${line.color}" stroke-width="2"${dash}/>`);
    for (const point of line.points) {
      parts.push(
        `<circle cx="${x(point.x).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3" fill="${line.color}"><title>${escapeHtml(point.title)}</title></circle>`,
      );
    }
    // Legend: at most nine entries fit beside the plot.
    if (index < 9)
      parts.push(
        `<text class="legend" x="${LINES.left + plotWidth + 10}" y="${LINES.top + 12 + index * 18}" style="fill:${line.color}">${escapeHtml(line.name)}</text>`,
      );
  });
  if (scale.log) parts.push(`<text class="tick" x="${LINES.left}" y="${LINES.top - 2}">log scale</text>`);
  return `<svg class="${kind} chart" data-workload="${escapeHtml(id)}" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${LINES.width} ${LINES.height}" width="${LINES.width}" height="${LINES.height}">${parts.join('')}</svg>`;
}

/** One curve: a line per side over the curve's points. */
export function curveChart(result: WorkloadResult, curve: Curve): string {
  const columns = curve.points.map((point) => point.x.toLocaleString('en-US'));
  const lines: Line[] = curveSides(curve).flatMap((side) => {
    const values = curveValues(curve, side);
    const points = values.flatMap((value, x) =>
      value === undefined ? [] : [{ x, value, title: `${side} at ${columns[x]} ${curve.param}: ${formatValue(value, curve.unit)}` }],
    );
    return points.length === 0
      ? []
      : [{ name: side, metric: `${result.id}:${curve.id} (${side})`, color: colorOf(side), dashed: side.startsWith('floor'), points }];
  });
  return lineChart('curve-chart', `${result.id}:${curve.id}`, curve.unit, columns, lines, `${result.id} ${curve.id} by ${curve.param}`);
}

/** One series per side and run mode (`create (core)` in quick runs, in full runs), one point per run that measured it. */
export interface TrendSeries {
  name: string;
  side: SideName;
  mode: 'quick' | 'full';
  points: { run: number; value: number; label: string }[];
}

export function trendSeries(workloadId: string, history: readonly HistoryRecord[], sides: readonly SideName[]): TrendSeries[] {
  const series: TrendSeries[] = [];
  for (const side of sides) {
    const name = `${workloadId} (${side})`;
    for (const mode of ['full', 'quick'] as const) {
      const points = history.flatMap((record, run) => {
        if (record.meta.mode !== mode) return [];
        const entry = record.entries.find((candidate) => candidate.name === name);
        return entry ? [{ run, value: entry.value, label: `${record.meta.date} · ${mode} · ${record.meta.commit.slice(0, 7)}` }] : [];
      });
      if (points.length > 0) series.push({ name, side, mode, points });
    }
  }
  return series;
}

export function trendChart(result: WorkloadResult, history: readonly HistoryRecord[]): string | null {
  if (history.length < 2) return null;
  const series = trendSeries(result.id, history, orderedSides(Object.keys(result.sides)));
  if (series.length === 0) return null;
  const columns = history.map((record) => record.meta.date.slice(5, 16).replace('T', ' '));
  const lines: Line[] = series.map((line) => ({
    name: `${line.side} · ${line.mode}`,
    metric: `${line.name} · ${line.mode}`,
    color: colorOf(line.side),
    dashed: line.mode === 'quick',
    points: line.points.map((point) => ({
      x: point.run,
      value: point.value,
      title: `${line.name}: ${formatValue(point.value, result.unit)} — ${point.label}`,
    })),
  }));
  return lineChart('trend-chart', result.id, result.unit, columns, lines, `${result.id} over ${history.length} runs, quick and full runs on separate lines`);
}
