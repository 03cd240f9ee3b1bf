import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args.js';
import { redisVersion } from '../src/redis/client.js';
import { expectDashboardShape } from './dashboard-shape.js';
import { describeWithRedisServer } from './support/redis.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const KNOWN = ['create', 'validate', 'floor'];

function bench(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--expose-gc', cli, ...args], { encoding: 'utf8', env });
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
    expect(result.stderr).toContain("unknown workload 'creat'; known: session-id, create, create-eq, validate, validate-eq, thread-ops");
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

    it('writes latest.json, meta.json, latest.md, index.html and a history file, with progress on stderr and the summary on stdout', () => {
      const result = bench(['--quick', '--filter', 'floor', '--check', '--out', out]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^sessionkit bench: quick run · Node v/m);
      expect(result.stdout).toMatch(/^workload +core +best peer +floor +core\/floor/m);
      expect(result.stdout).toMatch(/^floor +— +— +[\d.,]+ ns/m);
      expect(result.stdout).toMatch(/^targets: 0 met, 0 not met, 0 not measured$/m);
      expect(result.stderr).toMatch(/\[1\/1\] floor +measuring/);
      expect(result.stderr).toContain(
        'bench: check passed (gating targets: core-vs-legacy, memory-1024, no-lost-updates, flat-curves; 0 workloads compared with legacy)',
      );

      const entries: unknown = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
      expectDashboardShape(entries);
      expect(entries.map((entry) => [entry.name, entry.unit])).toEqual([['floor (floor)', 'ns/op']]);
      expect(entries[0]?.value).toBeGreaterThan(0);

      const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as Record<string, unknown>;
      expect(meta).toMatchObject({ node: process.version, mode: 'quick', filter: ['floor'] });
      expect(meta.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
      expect(Number.isNaN(Date.parse(String(meta.date)))).toBe(false);
      expect(meta.cpu).toMatchObject({ cores: expect.any(Number), model: expect.any(String) });
      expect(meta.loadPerCore).toEqual(expect.any(Number));
      expect(meta.peers).toMatchObject({
        'lru-cache': expect.any(String),
        'async-mutex': expect.any(String),
        'express-session': expect.any(String),
        'connect-redis': '9.0.0',
        redis: expect.any(String),
      });

      expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(/\| `floor` \| — \| — \| — \| [\d.,]+ ns \|/);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<svg class="bar-chart chart" data-workload="floor"');
      expect(readdirSync(join(out, 'history'))).toHaveLength(1);
    });

    it('appends to the history on every run and draws trends from the second run on', () => {
      const result = bench(['--quick', '--filter', 'floor', '--out', out]);
      expect(result.status).toBe(0);
      expect(readdirSync(join(out, 'history'))).toHaveLength(2);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<svg class="trend-chart chart" data-workload="floor"');
    });
  });
});

describe('bench CLI without a Redis', () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-cli-no-redis-'));
  // An empty PATH: no redis-server to start (node itself is run by its absolute path).
  const emptyPath = mkdtempSync(join(tmpdir(), 'bench-empty-path-'));
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(emptyPath, { recursive: true, force: true });
  });

  it('skips the store-redis workloads with one line on stderr and a note in the report, and passes --check', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: emptyPath };
    delete env.REDIS_URL;
    const result = bench(['--quick', '--check', '--filter', 'floor,redis-create,redis-throughput', '--out', out], env);
    expect(result.status).toBe(0);
    const reason = 'no REDIS_URL and no redis-server on PATH; install redis-server (apt-get install redis-server) or export REDIS_URL=redis://host:port';
    expect(result.stderr.split('\n').filter((line) => line.includes('no REDIS_URL'))).toEqual([`bench: store-redis workloads skipped: ${reason}`]);
    expect(result.stderr).toContain(
      'bench: check passed (gating targets: core-vs-legacy, memory-1024, no-lost-updates, flat-curves; 0 workloads compared with legacy)',
    );
    expect(result.stderr).not.toContain('bench: error');

    const entries: unknown = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
    expectDashboardShape(entries);
    expect(entries.map((entry) => entry.name)).toEqual(['floor (floor)']);
    expect(readFileSync(join(out, 'latest.md'), 'utf8')).toContain(`| \`redis-create\` | — | — | — | — | — | — | — | — | skipped: ${reason} |`);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta.redis).toEqual({ ok: false, reason });
  });
});

describeWithRedisServer('bench CLI with a private redis-server', () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-cli-redis-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('measures core, core+redis, connect-redis and the Redis floors, reports them beside each other, passes --check, and stops its server', async () => {
    const env = { ...process.env };
    delete env.REDIS_URL;
    const result = bench(['--quick', '--check', '--filter', 'redis-mutation', '--out', out], env);
    expect(result.status, result.stderr).toBe(0);
    const started = /bench: store-redis workloads on a private redis-server (\S+) at (127\.0\.0\.1:\d+), persistence off \(stopped at the end\)/.exec(
      result.stderr,
    );
    expect(started).not.toBeNull();
    expect(result.stderr).toMatch(/\[1\/1\] redis-mutation +core\+redis\/floor [\d,.]+×, connect-redis\/core\+redis [\d,.]+×, core\+redis\/core [\d,.]+×/);
    expect(result.stderr).toContain(
      'bench: check passed (gating targets: core-vs-legacy, memory-1024, no-lost-updates, flat-curves; 0 workloads compared with legacy)',
    );

    const entries: unknown = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
    expectDashboardShape(entries);
    expect(entries.map((entry) => [entry.name, entry.unit])).toEqual([
      ['redis-mutation (core)', 'ns/op'],
      ['redis-mutation (core+redis)', 'ns/op'],
      ['redis-mutation (connect-redis)', 'ns/op'],
      ['redis-mutation (floor)', 'ns/op'],
      ['redis-mutation (floor:GET)', 'ns/op'],
      ['redis-mutation (floor:EVALSHA)', 'ns/op'],
    ]);
    // core in memory, core+redis (and how many times core), connect-redis, the CAS floor, core+redis/floor, connect-redis/core+redis
    expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(
      /\| `redis-mutation` \| [\d.,]+ [nµ]s \| [\d.,]+ [µm]s \([\d.,]+× core\) \| [\d.,]+ [µm]s \| [\d.,]+ [µm]s \| [\d.,]+× \| [\d.,]+× \|/,
    );
    expect(result.stdout).toMatch(/^redis-mutation +[\d.,]+ [µm]s +[\d.,]+ [µm]s +[\d.,]+ [µm]s/m);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta.redis).toEqual({ ok: true, version: started?.[1], source: 'private redis-server', address: started?.[2] });
    await expect(redisVersion(`redis://${started?.[2]}`, 500)).rejects.toThrow(/ECONNREFUSED/);
  });
});
