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
      force: false,
      parser: undefined,
      extensions: [...DEFAULT_EXTENSIONS],
      ignorePatterns: [],
      target: 'package',
      report: undefined,
      writeMarkers: false,
      runInBand: false,
      progress: false,
      cpus: undefined,
    });
  });

  it('reads the short flags, --force, --progress and --cpus', () => {
    expect(parseCliArgs(['all', existing, '-d', '-p', '-f', '--progress', '--cpus', '3'])).toMatchObject({
      dry: true,
      print: true,
      force: true,
      progress: true,
      cpus: 3,
    });
  });

  it('reads every option', () => {
    const command = parseCliArgs([
      'imports',
      existing,
      '--dry',
      '--print',
      '--parser',
      'tsx',
      '--extensions',
      '.ts, tsx',
      '--ignore-pattern',
      '**/generated/**',
      '--ignore-pattern',
      'legacy/',
      '--target',
      'relative',
      '--report',
      'r.json',
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

  it('knows list, help (also per transform) and version', () => {
    expect(parseCliArgs(['list'])).toEqual({ kind: 'list' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['all', '--help'])).toEqual({ kind: 'help', transform: 'all' });
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
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
    [['all', existing, '--cpus', '0'], '--cpus must be a whole number from 1 to 256'],
    [['all', existing, '--cpus', 'many'], '--cpus must be a whole number'],
    [['all', existing, '--report', join(existing, 'missing', 'report.json')], `the folder ${join(existing, 'missing')} does not exist`],
    [['all', existing, '--report', existing], 'is a folder, not a file'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
