/**
 * A private `redis-server` for one bench run: a free loopback port,
 * persistence off (`--save '' --appendonly no`), its working directory in a
 * temp dir, stopped when the run ends. A Redis left running after the bench
 * is a leak nobody notices, so it is also killed when the bench process exits
 * or is interrupted before `stop()`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { redisVersion } from './client.js';

export const REDIS_SERVER = 'redis-server';

/** Whether `binary` runs here (`redis-server --version` exits 0). */
export function redisServerRuns(binary: string = REDIS_SERVER): boolean {
  const probe = spawnSync(binary, ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

const TERMINATING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export class PrivateRedisServer {
  readonly url: string;
  readonly version: string;
  readonly #child: ChildProcess;
  readonly #dir: string;
  readonly #exited: Promise<void>;
  readonly #killOnExit: () => void;
  readonly #killOnSignal: (signal: NodeJS.Signals) => void;

  private constructor(child: ChildProcess, dir: string, url: string, version: string, exited: Promise<void>) {
    this.#child = child;
    this.#dir = dir;
    this.url = url;
    this.version = version;
    this.#exited = exited;
    // 'exit' handlers must be synchronous: kill() is. On a signal, kill the
    // server, then let the signal do what it would have done to the bench.
    this.#killOnExit = () => {
      child.kill('SIGKILL');
    };
    this.#killOnSignal = (signal) => {
      this.#forgetSafetyNets();
      child.kill('SIGKILL');
      process.kill(process.pid, signal);
    };
    process.once('exit', this.#killOnExit);
    for (const signal of TERMINATING_SIGNALS) process.once(signal, this.#killOnSignal);
  }

  /** Starts a server and resolves once it answers; rejects (leaving nothing behind) if it does not within `timeoutMs`. */
  static async start(options: { binary?: string; timeoutMs?: number } = {}): Promise<PrivateRedisServer> {
    const port = await freeLoopbackPort();
    const dir = mkdtempSync(join(tmpdir(), 'sessionkit-bench-redis-'));
    const child = spawn(
      options.binary ?? REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2_000);
    });
    let exitReason: string | null = null;
    const exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        exitReason = error.message;
        resolve();
      });
      child.once('exit', (code, signal) => {
        exitReason ??= `exited with ${signal ?? `code ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`;
        resolve();
      });
    });
    const url = `redis://127.0.0.1:${port}`;
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    // Polls its own start-up: the time a server takes to listen, not a sleep in a measurement.
    for (;;) {
      if (exitReason !== null) {
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`redis-server ${exitReason}`);
      }
      try {
        const version = await redisVersion(url, 500);
        return new PrivateRedisServer(child, dir, url, version, exited);
      } catch (error) {
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          await exited;
          rmSync(dir, { recursive: true, force: true });
          throw new Error(`redis-server on port ${port} did not answer within ${options.timeoutMs ?? 10_000} ms (${String(error)})`);
        }
        await delay(25);
      }
    }
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Stops the server (SIGTERM; it has nothing to save) and removes its directory. Idempotent. */
  async stop(): Promise<void> {
    this.#forgetSafetyNets();
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
    await this.#exited;
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #forgetSafetyNets(): void {
    process.off('exit', this.#killOnExit);
    for (const signal of TERMINATING_SIGNALS) process.off(signal, this.#killOnSignal);
  }
}
