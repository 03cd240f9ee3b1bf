/**
 * A local deployment of the demo: N replicas (`dist/server.js --http`) on
 * loopback ports, all on one Redis, behind Debian's HAProxy in round-robin.
 * Used by the replicas test and the bench; every process it starts it stops
 * (and a replica can be killed on purpose, by its pid).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRoot } from './demo-root.js';
import { REPLICA_HEADER } from '../http.js';
import { renderHaproxyConfig } from './haproxy-config.js';

export { REPLICA_HEADER };
export const DEFAULT_HAPROXY = '/usr/sbin/haproxy';

export interface ClusterOptions {
  replicas: number;
  redisUrl: string;
  /** Key prefix of the sessions in Redis (each run its own, so runs never meet). */
  redisKeyPrefix: string;
  /** `SESSIONKIT_DEMO_TOKENS` of every replica (token=principal,…). */
  tokens: string;
  /** More environment for the replicas (e.g. `SESSIONKIT_MAX_SESSIONS`). */
  env?: Readonly<Record<string, string>>;
  haproxy?: string;
  checkIntervalMs?: number;
}

export interface Replica {
  readonly id: string;
  readonly url: string;
  readonly pid: number;
  /** Sends a signal to this replica's process. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
}

export interface Cluster {
  /** HAProxy's frontend: `http://127.0.0.1:<port>/mcp`. */
  readonly url: string;
  readonly replicas: readonly Replica[];
  readonly haproxyPid: number;
  /** Stops HAProxy and every replica still running; removes the rendered config. */
  stop(): Promise<void>;
}

export function haproxyAvailable(haproxy: string = DEFAULT_HAPROXY): boolean {
  const probe = spawnSync(haproxy, ['-v'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'sessionkit-cluster-'));
  const children: ChildProcess[] = [];
  try {
    const replicas = await Promise.all(Array.from({ length: options.replicas }, (_, i) => startReplica(`replica-${i + 1}`, options, children)));
    const frontendPort = await freePort();
    const config = join(dir, 'haproxy.cfg');
    writeFileSync(
      config,
      renderHaproxyConfig({
        frontendPort,
        checkIntervalMs: options.checkIntervalMs ?? 200,
        backends: replicas.map((replica) => ({ name: replica.id, port: Number(new URL(replica.url).port) })),
      }),
    );
    const haproxy = spawn(options.haproxy ?? DEFAULT_HAPROXY, ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(haproxy);
    let haproxyLog = '';
    haproxy.stderr?.on('data', (chunk: Buffer) => {
      haproxyLog = (haproxyLog + chunk.toString('utf8')).slice(-4_000);
    });
    const url = `http://127.0.0.1:${frontendPort}/mcp`;
    await untilEveryReplicaAnswers(url, replicas, haproxy, () => haproxyLog);
    return {
      url,
      replicas,
      haproxyPid: haproxy.pid as number,
      stop: () => stopAll(children, dir),
    };
  } catch (error) {
    await stopAll(children, dir);
    throw error;
  }
}

async function startReplica(id: string, options: ClusterOptions, children: ChildProcess[]): Promise<Replica> {
  const child = spawn(process.execPath, [join(demoRoot(), 'dist', 'server.js'), '--http', '0'], {
    env: {
      PATH: process.env.PATH ?? '',
      SESSIONKIT_SECRET_KEYS: 'sessionkit-cluster-shared-key',
      SESSIONKIT_LOG_LEVEL: 'warn',
      SESSIONKIT_MAX_SESSIONS: '100000',
      ...options.env,
      REDIS_URL: options.redisUrl,
      SESSIONKIT_REDIS_PREFIX: options.redisKeyPrefix,
      SESSIONKIT_DEMO_TOKENS: options.tokens,
      SESSIONKIT_REPLICA_ID: id,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  const exited = once(child, 'exit').then(() => undefined);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /Streamable HTTP on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
      if (match !== null) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`${id} exited (${code}) before listening:\n${stderr}`)));
  });
  return { id, url, pid: child.pid as number, kill: (signal) => child.kill(signal), exited };
}

/** Polls HAProxy's frontend until every replica has answered through it (the health checks have them all up). */
async function untilEveryReplicaAnswers(url: string, replicas: readonly Replica[], haproxy: ChildProcess, log: () => string): Promise<void> {
  const health = url.replace(/\/mcp$/, '/healthz');
  const seen = new Set<string>();
  const deadline = Date.now() + 15_000;
  while (seen.size < replicas.length) {
    if (haproxy.exitCode !== null) throw new Error(`haproxy exited (${haproxy.exitCode}):\n${log()}`);
    if (Date.now() > deadline) throw new Error(`haproxy did not reach every replica within 15 s (reached ${[...seen].join(', ') || 'none'}):\n${log()}`);
    try {
      const response = await fetch(health);
      const replica = response.headers.get(REPLICA_HEADER);
      if (response.ok && replica !== null) seen.add(replica);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50)); // not listening yet
    }
  }
}

async function stopAll(children: readonly ChildProcess[], dir: string): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }),
  );
  rmSync(dir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
