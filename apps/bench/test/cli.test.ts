import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args.js';
import { expectDashboardShape } from './dashboard-shape.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const KNOWN = ['create', 'validate', 'floor'];

function bench(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--expose-gc', cli, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parseCliArgs', () => {
  it('defaults to a full run of everything, written to the default directory', () => {
    expect(parseCliArgs([], KNOWN)).toEqual({ kind: 'run', options: { quick: false, check: false, filter: null, out: null } });
  });

  it('takes --quick, --check, --out and comma-separated, repeatable --filter', () => {
    expect(parseCliArgs(['--quick', '--check', '--filter', 'create, validate', '--filter=floor', '--out', 'x'], KNOWN)).toEqual({
      kind: 'run',
      options: { quick: true, check: true, filter: ['create', 'validate', 'floor'], out: 'x' },
    });
  });

  it('ignores the "--" pnpm passes through', () => {
    expect(parseCliArgs(['--', '--quick'], KNOWN)).toMatchObject({ kind: 'run', options: { quick: true } });
  });

  it('rejects unknown flags, positionals, unknown or empty filters, an empty --out', () => {
    expect(parseCliArgs(['--fast'], KNOWN)).toEqual({ kind: 'error', message: expect.stringContaining("'--fast'") });
    expect(parseCliArgs(['create'], KNOWN)).toMatchObject({ kind: 'error' });
    expect(parseCliArgs(['--filter', 'create,nope'], KNOWN)).toEqual({
      kind: 'error',
      message: "unknown workload 'nope'; known: create, validate, floor",
    });
    expect(parseCliArgs(['--filter', ' , '], KNOWN)).toEqual({ kind: 'error', message: '--filter needs at least one workload id' });
    expect(parseCliArgs(['--out', ''], KNOWN)).toEqual({ kind: 'error', message: '--out needs a directory' });
  });

  it('recognises --help and -h', () => {
    expect(parseCliArgs(['--help'], KNOWN)).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h', '--quick'], KNOWN)).toEqual({ kind: 'help' });
  });
});

describe('bench CLI', () => {
  it('exits 2 with the usage on stderr for an unknown flag', () => {
    const result = bench(['--turbo']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("bench: Unknown option '--turbo'");
    expect(result.stderr).toContain('Usage: pnpm bench');
  });

  it('exits 2 and lists the workloads for an unknown --filter id', () => {
    const result = bench(['--filter', 'creat']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown workload 'creat'; known: create, create-eq, validate, validate-eq, thread-ops");
  });

  it('prints the usage on stdout and exits 0 for --help', () => {
    const result = bench(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--filter a,b');
    expect(result.stderr).toBe('');
  });

  describe('a quick floor-only run', () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-cli-'));
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('writes latest.json, meta.json, latest.md, index.html and a history file, with progress on stderr', () => {
      const result = bench(['--quick', '--filter', 'floor', '--check', '--out', out]);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/\[1\/1\] floor +measuring/);
      expect(result.stderr).toContain('bench: check passed (0 workloads compared)');

      const entries: unknown = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
      expectDashboardShape(entries);
      expect(entries.map((entry) => [entry.name, entry.unit])).toEqual([['floor (floor)', 'ns/op']]);
      expect(entries[0]?.value).toBeGreaterThan(0);

      const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as Record<string, unknown>;
      expect(meta).toMatchObject({ node: process.version, mode: 'quick', filter: ['floor'] });
      expect(meta.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
      expect(Number.isNaN(Date.parse(String(meta.date)))).toBe(false);
      expect(meta.cpu).toMatchObject({ cores: expect.any(Number), model: expect.any(String) });

      expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(/\| `floor` \| — \| — \| [\d.,]+ ns \|/);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<svg class="bar-chart" data-workload="floor"');
      expect(readdirSync(join(out, 'history'))).toHaveLength(1);
    });

    it('appends to the history on every run and draws trends from the second run on', () => {
      const result = bench(['--quick', '--filter', 'floor', '--out', out]);
      expect(result.status).toBe(0);
      expect(readdirSync(join(out, 'history'))).toHaveLength(2);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<svg class="trend-chart" data-workload="floor"');
    });
  });
});
