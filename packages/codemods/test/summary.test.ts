import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/lib/run-jscodeshift.js';
import { exitCodeFor, formatSummary, reportJson } from '../src/lib/summary.js';

function summary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    transform: 'all',
    dry: false,
    totals: { scanned: 3, changed: 1, unchanged: 1, failed: 1, skipped: 0, markers: 1 },
    files: [
      { file: 'src/a.ts', status: 'changed', markers: [{ line: 4, reason: 'migrate by hand' }] },
      { file: 'src/b.ts', status: 'unchanged', markers: [] },
      { file: 'src/c.ts', status: 'failed', markers: [], reason: 'Unexpected token (1:10)' },
    ],
    markers: [{ file: 'src/a.ts', line: 4, reason: 'migrate by hand' }],
    adapterImports: 0,
    durationMs: 1234,
    ...overrides,
  };
}

describe('formatSummary', () => {
  it('has the totals, the files that changed, failed or carry markers, and every marker as file:line', () => {
    expect(formatSummary(summary())).toBe(
      [
        'sessionkit-codemod all: 3 files scanned, 1 changed, 1 unchanged, 0 skipped, 1 errored, 1 marker left, 1.2s',
        '',
        '  changed   src/a.ts  (1 marker)',
        '  errored   src/c.ts  Unexpected token (1:10)',
        '',
        '1 site to migrate by hand (// sessionkit-migrate:):',
        '  src/a.ts:4  migrate by hand',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing was written and how many adapter imports remain', () => {
    const text = formatSummary(summary({ transform: 'remove-adapter', dry: true, adapterImports: 2 }));
    expect(text).toContain('sessionkit-codemod remove-adapter (dry run, nothing written):');
    expect(text).toContain('2 @sessionkit/legacy-adapter imports left');
  });
});

describe('reportJson', () => {
  it('is the summary as JSON with a format version (errored beside its older name failed, and the time)', () => {
    const report = JSON.parse(reportJson(summary())) as Record<string, unknown>;
    expect(report).toEqual({
      version: 1,
      transform: 'all',
      dry: false,
      totals: { ...summary().totals, errored: 1 },
      durationMs: 1234,
      files: summary().files,
      markers: summary().markers,
    });
  });

  it('leaves out the texts --print recorded', () => {
    const files = [{ file: 'src/a.ts', status: 'changed' as const, markers: [], before: 'a', after: 'b' }];
    expect((JSON.parse(reportJson(summary({ files }))) as { files: unknown[] }).files).toEqual([{ file: 'src/a.ts', status: 'changed', markers: [] }]);
  });
});

describe('exitCodeFor', () => {
  it('is 1 when a file errored or markers are left, else 0', () => {
    expect(exitCodeFor(summary())).toBe(1);
    expect(exitCodeFor(summary({ totals: { ...summary().totals, failed: 0 } }))).toBe(1);
    expect(exitCodeFor(summary({ totals: { ...summary().totals, failed: 0, markers: 0 } }))).toBe(0);
  });

  it('is 1 for remove-adapter while adapter imports remain (other markers are not its verdict)', () => {
    const clean = { ...summary().totals, failed: 0 };
    expect(exitCodeFor(summary({ transform: 'remove-adapter', totals: clean, adapterImports: 1 }))).toBe(1);
    expect(exitCodeFor(summary({ transform: 'remove-adapter', totals: clean, adapterImports: 0 }))).toBe(0);
  });
});
