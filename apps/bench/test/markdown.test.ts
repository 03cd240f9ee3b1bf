import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/check.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { curveRun, meta, redisMeta, redisRun, sampleRun } from './fixtures.js';

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

const SUMMARY = '| workload | legacy | core | best peer | floor |';

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(sampleRun(), meta, null);

  it('starts with the environment: mode, Node, CPU, load, commit, date, and the peer versions', () => {
    expect(markdown).toContain('quick run · Node v20.20.2 · Test CPU × 2 · load 0.50/core at start · commit 0123456789ab · 2026-11-27T10:00:00.000Z · 42.0 s');
    expect(markdown).toContain('Peers: lru-cache 11.5.4 · async-mutex 0.5.0 · express-session 1.19.0 · connect-redis 9.0.0 · redis 6.4.0');
  });

  it('has one summary row per workload: legacy, core, best peer, floor, the ratios, lost updates and a verdict', () => {
    const rows = tableRows(markdown, SUMMARY);
    expect(rows.map((row) => row[0])).toEqual(['`create`', '`analysis`', '`memory`', '`get-hit`', '`writers`', '`floor`']);
    expect(rows[0]).toEqual([
      '`create`',
      '200 ms',
      '10 µs',
      'lru-cache 12 µs',
      '8 µs',
      '**20,000×**',
      '1.25×',
      '1.2×',
      '—',
      '✓ not slower than legacy (20,000×) · ✓ floor ≤ 1.5× (1.25×) · ✓ ahead of lru-cache (1.2×) · ✓ ahead of express-session (2.5×)',
    ]);
    expect(rows[2]?.slice(0, 8)).toEqual(['`memory`', '1,500 B', '800 B', '—', '600 B', '**1.88×**', '1.33×', '—']);
    expect(rows[2]?.[9]).toBe('✓ not slower than legacy (1.88×) · ✓ ≤ 1,024 B (800 B) · ✗ ≤ 600 B (800 B)');
    expect(rows[5]).toEqual(['`floor`', '—', '—', '—', '80 ns', '—', '—', '—', '—', '—']);
  });

  it('shows lost updates beside the speed, and judges core ahead only of peers that did not lose any', () => {
    const writers = tableRows(markdown, SUMMARY)[4];
    expect(writers?.[8]).toBe('core 0/128 · express-session 120/128 · floor 0/128');
    expect(writers?.[9]).toBe('✓ no lost updates (0 lost) · ✓ floor ≤ 1.5× (1.33×)');
  });

  it('flags a workload where core is slower than legacy, and one behind its peer', () => {
    const rows = tableRows(markdown, SUMMARY);
    expect(rows[1]?.[5]).toBe('**0.5×** ⚠ core slower');
    expect(rows[3]?.slice(1, 8)).toEqual(['error', '2 µs', 'lru-cache 250 ns', '100 ns', '—', '20×', '0.125×']);
    expect(rows[3]?.[9]).toBe('✗ not slower than legacy (not measured) · ✗ floor ≤ 1.5× (20×) · ✗ ahead of lru-cache (0.125×)');
  });

  it('lists every target with its figure, limit, status and whether it gates --check', () => {
    const rows = tableRows(markdown, '| target | workload | measured |');
    expect(rows).toContainEqual(['core-vs-legacy', '`analysis`', 'legacy/core', '0.5×', '≥ 0.9× (parity band)', '**not met**', 'gates --check']);
    expect(rows).toContainEqual(['memory-600', '`memory`', 'memory (core)', '800 B', '≤ 600 B', '**not met**', 'reported']);
    expect(rows).toContainEqual(['ahead-of-peers', '`get-hit`', 'lru-cache/core', '0.125×', '≥ 1×', '**not met**', 'reported']);
    expect(markdown).toContain('- `in-memory-floor`: core within 1.5× of the fair floor on every in-memory operation.');
  });

  it('shows an errored side as "error" and its message in the per-side table', () => {
    const detail = tableRows(markdown, '| workload | side | p50 |');
    expect(detail).toContainEqual(['get-hit', 'legacy', '—', '—', '—', '—', 'error: cannot import @sessionkit/legacy']);
    expect(detail).toContainEqual(['create', 'core', '10 µs', '10 µs', '100,000', '3', '']);
    expect(detail).toContainEqual(['writers', 'express-session', '900 ns', '900 ns', '1.11 M', '3', 'lost updates: 120 of 128']);
  });

  it('keeps the claimed figure beside the workload, never in a ratio of its own', () => {
    expect(markdown).toContain('- `create`: create title. Claimed earlier for the migration: 15 ms → 8 ms (1.88×).');
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

  it('puts the store-redis workloads in a table of their own: core in memory, core+redis, connect-redis, the floor, ratios, lost updates', () => {
    const both = renderMarkdown([...sampleRun(), ...redisRun()], redisMeta, null);
    const main = tableRows(both, SUMMARY);
    expect(main.map((row) => row[0])).not.toContain('`redis-create`');
    expect(both).toContain('Redis 7.0.15, a private redis-server on 127.0.0.1:6399 started for this run, persistence off.');
    expect(both).toContain(' · Redis 7.0.15 · ');
    const rows = tableRows(both, '| workload | core (in memory) | core+redis |');
    expect(rows[0]).toEqual(['`redis-create`', '10 µs', '500 µs (50× core)', '250 µs', '100 µs', '5×', '0.5×', '—', '✗ ahead of connect-redis (0.5×)', '']);
    expect(rows[1]?.slice(0, 8)).toEqual([
      '`redis-throughput` (throughput)',
      '1 µs',
      '250 µs (250× core)',
      '100 µs',
      '—',
      '—',
      '0.4×',
      'core+redis 0/2,000 · connect-redis 300/5,000',
    ]);
    expect(rows[1]?.[9]).toBe('conflicts retried: 12 in 2,000 analyses (0.6%)');
    expect(rows[2]).toEqual(['`redis-get`', '—', '—', '—', '—', '—', '—', '—', '—', 'skipped: no REDIS_URL and no redis-server on PATH']);
    expect(both).toContain('- `redis-get`: redis-get title. Skipped: no REDIS_URL and no redis-server on PATH.');
  });

  it('says why every store-redis workload was skipped when no Redis was found, and still passes the gate', () => {
    const skipped = renderMarkdown(
      redisRun().slice(2),
      { ...meta, redis: { ok: false, reason: 'no REDIS_URL and no redis-server on PATH' } },
      checkResults(redisRun().slice(2)),
    );
    expect(skipped).not.toContain(SUMMARY);
    expect(skipped).toContain('Skipped: no REDIS_URL and no redis-server on PATH.');
    expect(skipped).toContain('Passed: every gating target');
  });

  it('shows each scaling curve as a table: one row per side, one column per size, and the growth', () => {
    const curves = renderMarkdown(curveRun(), meta, null);
    expect(curves).toContain('**`scale` lookup**: pool lookup (ns/op). Should stay flat: core within 10× from first to last.');
    const rows = tableRows(curves, '| side | 1,000 sessions | 10,000 sessions | 100,000 sessions | growth |');
    expect(rows[0]).toEqual(['core', '300 ns', '600 ns', '1.2 µs', '4×']);
    expect(rows[1]).toEqual(['lru-cache', '200 ns', '2 µs', '20 µs', '100×']);
  });

  it('escapes pipes so a message cannot break the table', () => {
    const run = sampleRun();
    const getHit = run[3];
    if (getHit) getHit.sides.legacy = { error: 'a | b' };
    const rows = tableRows(renderMarkdown(run, meta, null), '| workload | side | p50 |');
    expect(rows).toContainEqual(['get-hit', 'legacy', '—', '—', '—', '—', 'error: a \\| b']);
  });
});
