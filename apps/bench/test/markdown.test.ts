import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/check.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { meta, redisMeta, redisRun, sampleRun } from './fixtures.js';

function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  expect(start, `table starting with "${header}"`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(sampleRun(), meta, null);

  it('starts with the run description: mode, Node, CPU, commit, date', () => {
    expect(markdown).toContain('quick run · Node v20.20.2 · Test CPU × 2 · commit 0123456789ab · 2026-11-27T10:00:00.000Z · 42.0 s');
  });

  it('has one summary row per workload with p50 per side, the ratios and the seed claim', () => {
    const rows = tableRows(markdown, '| workload | legacy | core | floor |');
    expect(rows.map((row) => row[0])).toEqual(['`create`', '`analysis`', '`memory`', '`get-hit`', '`floor`']);
    expect(rows[0]).toEqual(['`create`', '200 ms', '10 µs', '2 µs', '**20,000×**', '5×', '15 ms → 8 ms (1.88×)']);
    expect(rows[2]).toEqual(['`memory`', '1,500 B', '800 B', '600 B', '**1.88×**', '1.33×', '']);
    expect(rows[4]).toEqual(['`floor`', '—', '—', '80 ns', '—', '—', '']);
  });

  it('flags a workload where core is slower', () => {
    const rows = tableRows(markdown, '| workload | legacy | core | floor |');
    expect(rows[1]?.[4]).toBe('**0.5×** ⚠ core slower');
  });

  it('shows an errored side as "error" and its message in the per-side table', () => {
    const summary = tableRows(markdown, '| workload | legacy | core | floor |');
    expect(summary[3]?.slice(1, 5)).toEqual(['error', '2 µs', '100 ns', '—']);
    const detail = tableRows(markdown, '| workload | side | p50 |');
    expect(detail).toContainEqual(['get-hit', 'legacy', '—', '—', '—', '—', 'error: cannot import @sessionkit/legacy']);
    expect(detail).toContainEqual(['create', 'core', '10 µs', '10 µs', '100,000', '3', '']);
  });

  it('reports the gate verdict only when --check ran', () => {
    expect(markdown).not.toContain('Regression gate');
    const checked = renderMarkdown(sampleRun(), meta, checkResults(sampleRun()));
    expect(checked).toContain('### Regression gate (`--check`)');
    expect(checked).toContain('- analysis: core is slower than legacy (legacy/core 0.5×)');
  });

  it('has no store-redis table when no store-redis workload ran', () => {
    expect(markdown).not.toContain('core on Redis');
  });

  it('puts the store-redis workloads in a table of their own: core in memory beside core on Redis, the ratio, ops/s, conflicts', () => {
    const both = renderMarkdown([...sampleRun(), ...redisRun()], redisMeta, null);
    const main = tableRows(both, '| workload | legacy | core | floor |');
    expect(main.map((row) => row[0])).toEqual(['`create`', '`analysis`', '`memory`', '`get-hit`', '`floor`']);
    expect(both).toContain('Redis 7.0.15, a private redis-server on 127.0.0.1:6399 started for this run, persistence off.');
    const rows = tableRows(both, '| workload | core (in memory) | core+redis |');
    expect(rows).toEqual([
      ['`redis-create`', '10 µs', '500 µs', '**50×**', '2,000', ''],
      ['`redis-throughput` (throughput)', '1 µs', '250 µs', '**250×**', '4,000', 'conflicts retried: 12 in 2,000 analyses (0.6%)'],
      ['`redis-get`', '—', '—', '—', '—', 'skipped: no REDIS_URL and no redis-server on PATH'],
    ]);
    const detail = tableRows(both, '| workload | side | p50 |');
    expect(detail).toContainEqual(['redis-create', 'core+redis', '500 µs', '500 µs', '2,000', '3', '']);
    expect(both).toContain('- `redis-get`: redis-get title. Skipped: no REDIS_URL and no redis-server on PATH.');
  });

  it('says why every store-redis workload was skipped when no Redis was found, and still passes the gate', () => {
    const skipped = renderMarkdown(redisRun().slice(2), { ...meta, redis: { ok: false, reason: 'no REDIS_URL and no redis-server on PATH' } }, checkResults(redisRun().slice(2)));
    expect(skipped).not.toContain('| workload | legacy |');
    expect(skipped).toContain('Skipped: no REDIS_URL and no redis-server on PATH.');
    expect(skipped).toContain('Passed: core is at least as fast as legacy on 0 compared workloads');
  });

  it('escapes pipes so a message cannot break the table', () => {
    const run = sampleRun();
    const getHit = run[3];
    if (getHit) getHit.sides.legacy = { error: 'a | b' };
    const rows = tableRows(renderMarkdown(run, meta, null), '| workload | side | p50 |');
    expect(rows).toContainEqual(['get-hit', 'legacy', '—', '—', '—', '—', 'error: a \\| b']);
  });
});
