/**
 * The summary rows every report shows (Markdown, HTML, the terminal): one
 * line per workload with core, its best peer, its fair floor, the ratios,
 * the lost updates and a verdict built from the targets judged on that row.
 * Cells are text; each renderer only lays them out.
 */
import { bestPeer, orderedSides, ratiosOf, sideHeadline, subjectSide, type SideName, type WorkloadResult } from '../results.js';
import type { TargetOutcome } from '../targets.js';
import { formatRatio, formatValue } from './format.js';

export interface SummaryRow {
  id: string;
  /** `create`, or `concurrent (throughput)`. */
  label: string;
  legacy: string;
  core: string;
  /** `lru-cache 270 ns`, or `—`. */
  bestPeer: string;
  floor: string;
  legacyOverCore: string;
  coreOverFloor: string;
  peerOverCore: string;
  lostUpdates: string;
  verdict: string;
  /** Whether core is slower than legacy here (flagged). */
  slowerThanLegacy: boolean;
  /** Whether any target judged on this row is not met. */
  anyNotMet: boolean;
}

/** The headline of a side, `error`, or `—`. */
export function headlineText(result: WorkloadResult, side: SideName): string {
  const value = sideHeadline(result, side);
  if (value !== undefined) return formatValue(value, result.unit);
  return result.sides[side]?.error ? 'error' : '—';
}

const ratioText = (value: number | null): string => (value === null ? '—' : formatRatio(value));

/** `core 0/512 · express-session 301/512` for rows with concurrent writers. */
export function lostUpdatesText(result: WorkloadResult): string {
  const parts: string[] = [];
  for (const side of orderedSides(Object.keys(result.sides))) {
    const lost = result.sides[side]?.lostUpdates;
    if (lost) parts.push(`${side} ${lost.lost.toLocaleString('en-US')}/${lost.of.toLocaleString('en-US')}`);
  }
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** A short name per target outcome, for the verdict cell. */
function shortName(outcome: TargetOutcome): string {
  switch (outcome.target) {
    case 'core-vs-legacy':
      return 'not slower than legacy';
    case 'memory-1024':
      return '≤ 1,024 B';
    case 'memory-600':
      return '≤ 600 B';
    case 'no-lost-updates':
      return 'no lost updates';
    case 'flat-curves':
      return `${outcome.measure.split(':')[0] ?? 'curve'} flat`;
    case 'in-memory-floor':
      return `floor ${outcome.limit}`;
    case 'store-mutation-cas':
      return `CAS floor ${outcome.limit}`;
    case 'store-mutation-vs-connect-redis':
      return 'faster than connect-redis';
    case 'ahead-of-peers':
      return `ahead of ${outcome.measure.split('/')[0] ?? 'peer'}`;
  }
}

/** `✓ floor ≤ 1.5× (1.2×) · ✗ ahead of lru-cache (0.2×)`. */
export function verdictText(outcomes: readonly TargetOutcome[]): string {
  if (outcomes.length === 0) return '—';
  return outcomes
    .map((outcome) => {
      const mark = outcome.met === null ? '?' : outcome.met ? '✓' : '✗';
      const figure =
        outcome.value === null
          ? 'not measured'
          : outcome.target.startsWith('memory')
            ? formatValue(outcome.value, 'bytes')
            : outcome.target === 'no-lost-updates'
              ? `${outcome.value} lost`
              : formatRatio(outcome.value);
      return `${mark} ${shortName(outcome)} (${figure})`;
    })
    .join(' · ');
}

export function summaryRow(result: WorkloadResult, targets: readonly TargetOutcome[]): SummaryRow {
  const ratios = ratiosOf(result);
  const peer = bestPeer(result);
  const own = targets.filter((outcome) => outcome.workload === result.id);
  return {
    id: result.id,
    label: `${result.id}${result.compareBy === 'throughput' ? ' (throughput)' : ''}`,
    legacy: headlineText(result, 'legacy'),
    core: headlineText(result, subjectSide(result)),
    bestPeer: peer === null ? '—' : `${peer.side} ${formatValue(peer.value, result.unit)}`,
    floor: headlineText(result, 'floor'),
    legacyOverCore: ratioText(ratios.legacyOverCore),
    coreOverFloor: ratioText(ratios.coreOverFloor),
    peerOverCore: ratioText(ratios.peerOverCore),
    lostUpdates: lostUpdatesText(result),
    verdict: verdictText(own),
    slowerThanLegacy: ratios.legacyOverCore !== null && ratios.legacyOverCore < 1,
    anyNotMet: own.some((outcome) => outcome.met === false),
  };
}

/** The column headers of the summary, in order (Markdown, HTML and the terminal share them). */
export const SUMMARY_COLUMNS = [
  'workload',
  'legacy',
  'core',
  'best peer',
  'floor',
  'legacy/core',
  'core/floor',
  'peer/core',
  'lost updates',
  'verdict',
] as const;

/** A row's cells in SUMMARY_COLUMNS order. */
export function summaryCells(row: SummaryRow): string[] {
  return [row.label, row.legacy, row.core, row.bestPeer, row.floor, row.legacyOverCore, row.coreOverFloor, row.peerOverCore, row.lostUpdates, row.verdict];
}

/** The core+redis side's facts (conflicts retried, pool sizes …), or why it has no figure. */
export function redisNotes(result: WorkloadResult): string {
  if (result.skipped !== undefined) return `skipped: ${result.skipped}`;
  const side = result.sides['core+redis'];
  if (side?.error) return `error: ${side.error}`;
  return Object.entries(side?.info ?? {})
    .map(([key, value]) => `${key}: ${value}`)
    .join('; ');
}

/** Columns of the store-redis summary: core in memory for scale, core on Redis, its peer, its floor. */
export const STORE_COLUMNS = [
  'workload',
  'core (in memory)',
  'core+redis',
  'connect-redis',
  'floor',
  'core+redis/floor',
  'connect-redis/core+redis',
  'lost updates',
  'verdict',
  'notes',
] as const;

export function storeCells(result: WorkloadResult, targets: readonly TargetOutcome[]): string[] {
  const label = `${result.id}${result.compareBy === 'throughput' ? ' (throughput)' : ''}`;
  if (result.skipped !== undefined) return [label, '—', '—', '—', '—', '—', '—', '—', '—', redisNotes(result)];
  const core = sideHeadline(result, 'core+redis');
  const peer = sideHeadline(result, 'connect-redis');
  // Rows without core+redis (raw round trips) list their floors instead.
  const floors = orderedSides(Object.keys(result.sides)).filter((side) => side.startsWith('floor:'));
  const notes =
    core === undefined && floors.length > 0
      ? floors.map((side) => `${side.slice('floor:'.length)} ${headlineText(result, side)}`).join(' · ')
      : redisNotes(result);
  return [
    label,
    headlineText(result, 'core'),
    headlineText(result, 'core+redis'),
    headlineText(result, 'connect-redis'),
    headlineText(result, 'floor'),
    ratioText(ratiosOf(result).coreOverFloor),
    ratioText(core === undefined || peer === undefined ? null : peer / core),
    lostUpdatesText(result),
    verdictText(targets.filter((outcome) => outcome.workload === result.id)),
    notes,
  ];
}
