import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS, parseCliArgs, UsageError } from '../src/lib/args.js';

const existing = mkdtempSync(join(tmpdir(), 'sessionkit-args-'));
afterAll(() => rmSync(existing, { recursive: true, force: true }));

describe('parseCliArgs', () => {
  it('reads a run with its defaults', () => {
    expect(parseCliArgs(['all', existing])).toEqual({
      kind: 'run',
      transform: 'all',
      paths: [existing],
      dry: false,
      print: false,
      parser: undefined,
      extensions: [...DEFAULT_EXTENSIONS],
      ignorePatterns: [],
      target: 'package',
      report: undefined,
      writeMarkers: false,
      runInBand: false,
    });
  });

  it('reads every option', () => {
    const command = parseCliArgs([
      'imports', existing, '--dry', '--print', '--parser', 'tsx', '--extensions', '.ts, tsx',
      '--ignore-pattern', '**/generated/**', '--ignore-pattern', 'legacy/', '--target', 'relative', '--report', 'r.json',
    ]);
    expect(command).toMatchObject({
      transform: 'imports',
      dry: true,
      print: true,
      parser: 'tsx',
      extensions: ['ts', 'tsx'],
      ignorePatterns: ['**/generated/**', 'legacy/'],
      target: 'relative',
      report: 'r.json',
    });
  });

  it('knows list and help', () => {
    expect(parseCliArgs(['list'])).toEqual({ kind: 'list' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'no transform given'],
    [['rename-everything', existing], 'unknown transform "rename-everything"'],
    [['all'], 'no path given for all'],
    [['all', join(existing, 'missing')], 'no such file or directory'],
    [['all', existing, '--parser', 'flow'], '--parser must be one of ts, tsx, babel'],
    [['all', existing, '--target', 'monorepo'], '--target must be package or relative'],
    [['all', existing, '--extensions', ','], '--extensions must be'],
    [['all', existing, '--write-markers'], '--write-markers only applies to remove-adapter'],
    [['all', existing, '--verbose'], "Unknown option '--verbose'"],
    [['list', existing], 'list takes no paths'],
    [['all', existing, '--report', join(existing, 'missing', 'report.json')], `the folder ${join(existing, 'missing')} does not exist`],
    [['all', existing, '--report', existing], 'is a folder, not a file'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
