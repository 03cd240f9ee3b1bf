import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/check.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { meta, sampleRun } from './fixtures.js';

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

  it('escapes pipes so a message cannot break the table', () => {
    const run = sampleRun();
    const getHit = run[3];
    if (getHit) getHit.sides.legacy = { error: 'a | b' };
    const rows = tableRows(renderMarkdown(run, meta, null), '| workload | side | p50 |');
    expect(rows).toContainEqual(['get-hit', 'legacy', '—', '—', '—', '—', 'error: a \\| b']);
  });
});
