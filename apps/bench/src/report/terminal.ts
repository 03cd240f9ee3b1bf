/**
 * The summary printed to the terminal at the end of a run: the same rows as
 * the report's summary tables, as aligned plain text, then the curves (core
 * only) and the targets that are not met. Long cells (the verdict) come last
 * so the columns before them stay aligned.
 */
import type { CheckVerdict } from '../check.js';
import { GATING_TARGETS } from '../gating.js';
import type { RunMeta, WorkloadResult } from '../results.js';
import { curveGrowth, evaluateTargets } from '../targets.js';
import { curveValues } from './curve-table.js';
import { describePeers, describeRun } from './describe.js';
import { formatRatio, formatValue } from './format.js';
import { storeCells, summaryRow } from './summary.js';

function aligned(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => (column === header.length - 1 ? 0 : Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))));
  const line = (cells: readonly string[]) =>
    cells
      .map((text, column) => text.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(header.map((_, column) => '-'.repeat(Math.max(3, widths[column] ?? 3)))), ...rows.map(line)];
}

export function renderTerminal(results: readonly WorkloadResult[], meta: RunMeta, verdict: CheckVerdict | null): string {
  const targets = verdict?.targets ?? evaluateTargets(results);
  const lines: string[] = ['', `sessionkit bench: ${describeRun(meta)}`];
  const peers = describePeers(meta);
  if (peers !== '') lines.push(peers);

  const inMemory = results.filter((result) => result.suite === 'legacy-vs-core');
  if (inMemory.length > 0) {
    const rows = inMemory.map((result) => {
      const row = summaryRow(result, targets);
      return [row.label, row.core, row.bestPeer, row.floor, row.coreOverFloor, row.peerOverCore, row.legacyOverCore, row.lostUpdates, row.verdict];
    });
    lines.push('', ...aligned(['workload', 'core', 'best peer', 'floor', 'core/floor', 'peer/core', 'legacy/core', 'lost updates', 'verdict'], rows));
  }

  const storeRedis = results.filter((result) => result.suite === 'store-redis');
  if (storeRedis.length > 0) {
    const rows = storeRedis.map((result) => {
      const cells = storeCells(result, targets);
      return [cells[0], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], result.skipped ?? cells[8]].map((text) => text ?? '');
    });
    lines.push(
      '',
      ...aligned(['workload', 'core+redis', 'connect-redis', 'floor', 'core+redis/floor', 'connect-redis/core+redis', 'lost updates', 'verdict'], rows),
    );
  }

  const curves = results.flatMap((result) => (result.curves ?? []).map((curve) => ({ result, curve })));
  if (curves.length > 0) {
    lines.push('', 'curves (core):');
    for (const { result, curve } of curves) {
      const side = result.suite === 'store-redis' ? 'core+redis' : 'core';
      const values = curveValues(curve, side).map(
        (value, index) => `${curve.points[index]?.x.toLocaleString('en-US')}: ${value === undefined ? '—' : formatValue(value, curve.unit)}`,
      );
      const growth = curveGrowth(curve, side);
      const flat =
        'growth' in growth
          ? `${formatRatio(growth.growth)}${curve.flatWithin === undefined ? '' : growth.growth <= curve.flatWithin ? ' (flat)' : ` (grows more than ${formatRatio(curve.flatWithin)})`}`
          : growth.missing;
      lines.push(`  ${result.id} ${curve.id} by ${curve.param}: ${values.join(', ')}; growth ${flat}`);
    }
  }

  const met = targets.filter((outcome) => outcome.met === true).length;
  const notMet = targets.filter((outcome) => outcome.met === false);
  const unmeasured = targets.filter((outcome) => outcome.met === null).length;
  const gating = verdict?.gating ?? GATING_TARGETS;
  lines.push('', `targets: ${met} met, ${notMet.length} not met, ${unmeasured} not measured`);
  for (const outcome of notMet) lines.push(`  not met${gating.includes(outcome.target) ? ' (gating)' : ''}: [${outcome.target}] ${outcome.detail}`);
  return `${lines.join('\n')}\n`;
}
