/**
 * `latest.md`: the summary (one row per workload: core, best peer, fair
 * floor, ratios, lost updates, verdict), the store-redis summary, the targets
 * (met or not, gating or reported), the scaling curves as tables, the
 * per-side detail, how each workload ran, and the gate's verdict. Written for
 * a CI job summary.
 */
import type { CheckVerdict } from '../check.js';
import { GATING_TARGETS } from '../gating.js';
import { orderedSides, ratiosOf, type RunMeta, type WorkloadResult } from '../results.js';
import { evaluateTargets, targetTitle, type TargetOutcome } from '../targets.js';
import { curveTable } from './curve-table.js';
import { describePeers, describeRedis, describeRun } from './describe.js';
import { formatOps, formatRatio, formatValue } from './format.js';
import { STORE_COLUMNS, storeCells, SUMMARY_COLUMNS, summaryCells, summaryRow } from './summary.js';

export { describeRedis, describeRun } from './describe.js';
export { redisNotes } from './summary.js';

const count = (n: number): string => n.toLocaleString('en-US');

/** Table cells must not break the table. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(header: readonly string[], rows: readonly (readonly string[])[], align: (index: number) => 'left' | 'right'): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (align(index) === 'left' ? '---' : '--:')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

function summaryTable(results: readonly WorkloadResult[], targets: readonly TargetOutcome[]): string[] {
  const rows = results.map((result) => {
    const row = summaryRow(result, targets);
    const cells = summaryCells(row);
    cells[0] = `\`${result.id}\`${result.compareBy === 'throughput' ? ' (throughput)' : ''}`;
    cells[5] = row.legacyOverCore === '—' ? '—' : row.slowerThanLegacy ? `**${row.legacyOverCore}** ⚠ core slower` : `**${row.legacyOverCore}**`;
    return cells;
  });
  const textColumns = new Set([0, 3, 8, 9]);
  return [
    ...table(SUMMARY_COLUMNS, rows, (index) => (textColumns.has(index) ? 'left' : 'right')),
    '',
    'Figures are p50 per operation (per session for `memory`; per import for `cold-import`; for `(throughput)` rows, time per operation at the measured throughput). ' +
      'Every side ran in this process, interleaved round by round, so the ratios are the result: legacy/core > 1 means core is faster (or smaller); core/floor is how far core is from the fair floor (the least the work costs); peer/core > 1 means core is ahead of its best peer. ' +
      'Lost updates: updates a side made that were missing afterwards (last write wins).',
  ];
}

function storeTable(results: readonly WorkloadResult[], meta: RunMeta, targets: readonly TargetOutcome[]): string[] {
  const lines = ['### core on Redis (`@sessionkit/store-redis`), beside connect-redis and the Redis floors', ''];
  const where = describeRedis(meta.redis);
  if (where !== '') lines.push(where, '');
  const rows = results.map((result) => {
    const cells = storeCells(result, targets);
    cells[0] = `\`${result.id}\`${result.compareBy === 'throughput' ? ' (throughput)' : ''}`;
    const redisOverCore = ratiosOf(result).redisOverCore;
    if (redisOverCore !== null) cells[2] = `${cells[2]} (${formatRatio(redisOverCore)} core)`;
    return cells;
  });
  const textColumns = new Set([0, 7, 8, 9]);
  lines.push(
    ...table(STORE_COLUMNS, rows, (index) => (textColumns.has(index) ? 'left' : 'right')),
    '',
    'The same operation on the same `SimpleSessionManager` with a `RedisSessionStore` (core+redis), beside its in-memory pool (core, and in brackets how many times slower Redis is), connect-redis on the same Redis, and the floor: the least the operation costs on the same Redis connection (a raw round trip, or a minimal script doing the same Redis work). Measured in this run, interleaved.',
  );
  return lines;
}

function curvesSection(results: readonly WorkloadResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    for (const curve of result.curves ?? []) {
      const { header, rows } = curveTable(curve);
      const flat = curve.flatWithin === undefined ? '' : ` Should stay flat: core within ${formatRatio(curve.flatWithin)} from first to last.`;
      lines.push(`**\`${result.id}\` ${curve.id}**: ${curve.title} (${curve.unit === 'bytes' ? 'bytes per session' : curve.unit}).${flat}`, '');
      lines.push(...table(header, rows, (index) => (index === 0 ? 'left' : 'right')), '');
    }
  }
  return lines.length === 0 ? [] : ['### Scaling curves', '', ...lines];
}

const statusText = (outcome: TargetOutcome): string => (outcome.met === null ? 'not measured' : outcome.met ? 'met' : '**not met**');

/** One line per target outcome: which target, which row, the figure, the limit, met or not, gating or reported. */
export function targetsTable(targets: readonly TargetOutcome[], gating: readonly string[]): string[] {
  const rows = targets.map((outcome) => [
    outcome.target,
    `\`${outcome.workload}\``,
    outcome.measure,
    outcome.value === null
      ? '—'
      : outcome.target.startsWith('memory')
        ? formatValue(outcome.value, 'bytes')
        : outcome.target === 'no-lost-updates'
          ? String(outcome.value)
          : formatRatio(outcome.value),
    outcome.limit,
    statusText(outcome),
    gating.includes(outcome.target) ? 'gates --check' : 'reported',
  ]);
  const ids = [...new Set(targets.map((outcome) => outcome.target))];
  return [
    '### Targets',
    '',
    ...ids.map((id) => `- \`${id}\`: ${targetTitle(id)}.`),
    '',
    ...table(['target', 'workload', 'measured', 'value', 'limit', 'status', ''], rows, (index) => (index === 3 ? 'right' : 'left')),
  ];
}

function perSideTable(results: readonly WorkloadResult[]): string[] {
  const rows: string[][] = [];
  for (const result of results) {
    for (const side of orderedSides(Object.keys(result.sides))) {
      const entry = result.sides[side];
      if (!entry) continue;
      const info = Object.entries(entry.info ?? {}).map(([key, value]) => `${key}: ${value}`);
      if (entry.lostUpdates) info.push(`lost updates: ${count(entry.lostUpdates.lost)} of ${count(entry.lostUpdates.of)}`);
      if (entry.stats) {
        const { stats } = entry;
        const samples = stats.opsPerSample > 1 ? `${count(stats.samples)} × ${count(stats.opsPerSample)} ops` : count(stats.samples);
        rows.push([
          result.id,
          side,
          formatValue(stats.p50, result.unit),
          formatValue(stats.p99, result.unit),
          stats.opsPerSec === null ? '—' : formatOps(stats.opsPerSec),
          samples,
          info.join('; '),
        ]);
      } else {
        rows.push([result.id, side, '—', '—', '—', '—', `error: ${entry.error ?? 'not measured'}`]);
      }
    }
  }
  return [
    '### Per side',
    '',
    ...table(['workload', 'side', 'p50', 'p99', 'ops/s', 'samples', 'notes'], rows, (index) => (index < 2 || index === 6 ? 'left' : 'right')),
  ];
}

function claimNote(result: WorkloadResult): string[] {
  if (!result.claim) return [];
  const { claimed } = ratiosOf(result);
  return [`Claimed earlier for the migration: ${result.claim.text}${claimed === null ? '' : ` (${formatRatio(claimed)})`}.`];
}

export function renderMarkdown(results: readonly WorkloadResult[], meta: RunMeta, verdict: CheckVerdict | null): string {
  const targets = verdict?.targets ?? evaluateTargets(results);
  const gating = verdict?.gating ?? GATING_TARGETS;
  const lines: string[] = ['## sessionkit bench: core beside legacy, its peers and its fair floors', '', describeRun(meta), ''];
  const peers = describePeers(meta);
  if (peers !== '') lines.push(peers, '');
  const inMemory = results.filter((result) => result.suite === 'legacy-vs-core');
  const storeRedis = results.filter((result) => result.suite === 'store-redis');
  if (inMemory.length > 0) lines.push(...summaryTable(inMemory, targets), '');
  if (storeRedis.length > 0) lines.push(...storeTable(storeRedis, meta, targets), '');
  if (targets.length > 0) lines.push(...targetsTable(targets, gating), '');
  lines.push(...curvesSection(results));
  lines.push(...perSideTable(results));

  lines.push('', '### How each workload ran', '');
  for (const result of results) {
    const notes = [...result.notes, ...claimNote(result), ...(result.skipped === undefined ? [] : [`Skipped: ${result.skipped}.`])];
    lines.push(`- \`${result.id}\`: ${result.title}.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`);
  }

  if (verdict) {
    lines.push('', '### Regression gate (`--check`)', '');
    if (verdict.passed) {
      lines.push(
        `Passed: every gating target (${verdict.gating.join(', ')}) is met; core is at least as fast as legacy on ${verdict.compared.length} compared workloads.`,
      );
    } else {
      lines.push('**Failed:**', '', ...verdict.failures.map((failure) => `- ${failure}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
