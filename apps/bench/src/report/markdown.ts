/**
 * `latest.md`: the summary table (one row per workload: p50 per side, ratios,
 * the seed's claim), the store-redis table (core on Redis beside core in
 * memory), the detail table (p50 / p99 / ops/s / samples per side), how each
 * workload ran, and the gate's verdict. Written for a CI job summary.
 */
import type { CheckVerdict } from '../check.js';
import { ratiosOf, sideHeadline, SIDE_NAMES, type RedisRun, type RunMeta, type WorkloadResult } from '../results.js';
import { formatOps, formatRatio, formatSeconds, formatValue } from './format.js';

const count = (n: number): string => n.toLocaleString('en-US');

/** Table cells must not break the table. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function describeRun(meta: RunMeta): string {
  const commit = meta.commit === 'unknown' ? 'commit unknown' : `commit ${meta.commit.slice(0, 12)}${meta.dirty ? ' (uncommitted changes)' : ''}`;
  return [
    `${meta.mode} run`,
    `Node ${meta.node}`,
    `${meta.cpu.model} × ${meta.cpu.cores}`,
    commit,
    meta.date,
    formatSeconds(meta.durationMs),
    ...(meta.filter ? [`filter: ${meta.filter.join(',')}`] : []),
  ].join(' · ');
}

/** Where the store-redis workloads ran, in a sentence (or why they did not). */
export function describeRedis(redis: RedisRun | null): string {
  if (redis === null) return '';
  if (!redis.ok) return `Skipped: ${redis.reason}.`;
  return redis.source === 'REDIS_URL'
    ? `Redis ${redis.version} at REDIS_URL (${redis.address}), this run's keys under a prefix of their own, deleted afterwards.`
    : `Redis ${redis.version}, a private redis-server on ${redis.address} started for this run, persistence off.`;
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

function headlineCell(result: WorkloadResult, side: (typeof SIDE_NAMES)[number]): string {
  const value = sideHeadline(result, side);
  if (value !== undefined) return formatValue(value, result.unit);
  return result.sides[side]?.error ? 'error' : '—';
}

function claimCell(result: WorkloadResult): string {
  const { claim } = result;
  if (!claim) return '';
  const { claimed } = ratiosOf(result);
  return `${claim.text}${claimed === null ? '' : ` (${formatRatio(claimed)})`}`;
}

function legacyOverCoreCell(ratio: number | null): string {
  if (ratio === null) return '—';
  return ratio < 1 ? `**${formatRatio(ratio)}** ⚠ core slower` : `**${formatRatio(ratio)}**`;
}

const workloadCell = (result: WorkloadResult): string => `\`${result.id}\`${result.compareBy === 'throughput' ? ' (throughput)' : ''}`;

function legacyVsCoreTable(results: readonly WorkloadResult[]): string[] {
  const lines = ['| workload | legacy | core | floor | legacy/core | core/floor | seed\'s claim (legacy → core) |', '|---|--:|--:|--:|--:|--:|---|'];
  for (const result of results) {
    const { legacyOverCore, coreOverFloor } = ratiosOf(result);
    lines.push(
      `| ${workloadCell(result)} | ${headlineCell(result, 'legacy')} | ${headlineCell(result, 'core')} | ${headlineCell(result, 'floor')} | ${legacyOverCoreCell(legacyOverCore)} | ${coreOverFloor === null ? '—' : formatRatio(coreOverFloor)} | ${cell(claimCell(result))} |`,
    );
  }
  lines.push(
    '',
    'Figures are p50 per operation (per session for `memory`; per import for `cold-import`; for `(throughput)` rows, time per operation at the measured throughput). ' +
      'All sides ran in this process, interleaved round by round, so the ratios are the result: legacy/core > 1 means core is faster (or smaller), core/floor is how far core is from a bare `Map`.',
  );
  return lines;
}

function storeRedisTable(results: readonly WorkloadResult[], meta: RunMeta): string[] {
  const lines = ['### core on Redis (`@sessionkit/store-redis`), beside core in memory', ''];
  const where = describeRedis(meta.redis);
  if (where !== '') lines.push(where, '');
  lines.push('| workload | core (in memory) | core+redis | core+redis/core | core+redis ops/s | notes |', '|---|--:|--:|--:|--:|---|');
  for (const result of results) {
    if (result.skipped !== undefined) {
      lines.push(`| ${workloadCell(result)} | — | — | — | — | ${cell(redisNotes(result))} |`);
      continue;
    }
    const { redisOverCore } = ratiosOf(result);
    const opsPerSec = result.sides['core+redis']?.stats?.opsPerSec ?? null;
    lines.push(
      `| ${workloadCell(result)} | ${headlineCell(result, 'core')} | ${headlineCell(result, 'core+redis')} | ${redisOverCore === null ? '—' : `**${formatRatio(redisOverCore)}**`} | ${opsPerSec === null ? '—' : formatOps(opsPerSec)} | ${cell(redisNotes(result))} |`,
    );
  }
  lines.push(
    '',
    'The same operation on the same `SimpleSessionManager`, once with its in-memory pool (core) and once with a `RedisSessionStore` (core+redis), measured in this run, interleaved. ' +
      'Figures are p50 per operation (for `(throughput)` rows, time per operation at the measured throughput); core+redis/core is what the store costs (Redis round trips, scripts, serialisation). Reported, never gated: there is no legacy figure to regress against.',
  );
  return lines;
}

export function renderMarkdown(results: readonly WorkloadResult[], meta: RunMeta, verdict: CheckVerdict | null): string {
  const lines: string[] = [];
  lines.push('## sessionkit bench: legacy vs core', '', describeRun(meta), '');
  const legacyVsCore = results.filter((result) => result.suite === 'legacy-vs-core');
  const storeRedis = results.filter((result) => result.suite === 'store-redis');
  if (legacyVsCore.length > 0) lines.push(...legacyVsCoreTable(legacyVsCore), '');
  if (storeRedis.length > 0) lines.push(...storeRedisTable(storeRedis, meta), '');

  lines.push('### Per side', '', '| workload | side | p50 | p99 | ops/s | samples | notes |', '|---|---|--:|--:|--:|--:|---|');
  for (const result of results) {
    for (const side of SIDE_NAMES) {
      const entry = result.sides[side];
      if (!entry) continue;
      const info = Object.entries(entry.info ?? {}).map(([key, value]) => `${key}: ${value}`);
      if (entry.stats) {
        const { stats } = entry;
        const samples = stats.opsPerSample > 1 ? `${count(stats.samples)} × ${count(stats.opsPerSample)} ops` : count(stats.samples);
        lines.push(
          `| ${result.id} | ${side} | ${formatValue(stats.p50, result.unit)} | ${formatValue(stats.p99, result.unit)} | ${stats.opsPerSec === null ? '—' : formatOps(stats.opsPerSec)} | ${samples} | ${cell(info.join('; '))} |`,
        );
      } else {
        lines.push(`| ${result.id} | ${side} | — | — | — | — | ${cell(`error: ${entry.error ?? 'not measured'}`)} |`);
      }
    }
  }

  lines.push('', '### How each workload ran', '');
  for (const result of results) {
    const notes = [...result.notes, ...(result.skipped === undefined ? [] : [`Skipped: ${result.skipped}.`])];
    lines.push(`- \`${result.id}\`: ${result.title}.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`);
  }

  if (verdict) {
    lines.push('', '### Regression gate (`--check`)', '');
    if (verdict.passed) {
      lines.push(`Passed: core is at least as fast as legacy on ${verdict.compared.length} compared workloads, and within its memory target.`);
    } else {
      lines.push('**Failed:**', '', ...verdict.failures.map((failure) => `- ${failure}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
