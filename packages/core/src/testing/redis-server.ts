/**
 * A private `redis-server` on a free loopback port, persistence off, for
 * tests: one to share when there is no `REDIS_URL`, and one of its own for
 * each test that stops, freezes or restarts Redis. Needs Debian's (or any)
 * `redis-server` on PATH; `isRedisServerAvailable()` tells.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether a `redis-server` binary is on PATH (so `startRedisServer` can run):
 * runs `redis-server --version`, synchronously. Use it to skip Redis tests
 * where there is none.
 *
 * @example
 * ```ts
 * describe.skipIf(!isRedisServerAvailable())('with Redis', () => {
 *   // tests that call startRedisServer()
 * });
 * ```
 */
export function isRedisServerAvailable(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** Options of `startRedisServer`. */
export interface RedisServerOptions {
  /**
   * More `redis-server` arguments, e.g. `['--maxmemory', '2mb', '--maxmemory-policy', 'noeviction']`
   * (after the port, bind address, persistence and directory core sets).
   * @defaultValue []
   */
  args?: readonly string[];
  /**
   * How long to wait for it to answer PING, in milliseconds.
   * @defaultValue 10,000
   */
  startTimeoutMs?: number;
}

/**
 * Starts a private `redis-server` on a free loopback port and resolves once
 * it answers PING. Call `dispose()` when done (it kills the server and removes
 * its directory).
 * @param options - Extra arguments and the start timeout: see {@link RedisServerOptions}.
 * @returns The running server.
 * @throws Error when it does not answer PING within `startTimeoutMs` (nothing is left running).
 *
 * @example
 * ```ts
 * const redis = await startRedisServer();
 * try {
 *   const store = new RedisSessionStore({ url: redis.url });
 *   // ...
 * } finally {
 *   await redis.dispose();
 * }
 * ```
 */
export function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  return RedisServer.start(options);
}

/** A running private `redis-server`: its address, and switches for fault tests. */
export class RedisServer {
  /** The loopback port it listens on (the same across restarts). */
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, for a Redis client. */
  readonly url: string;
  readonly #dir: string;
  readonly #extraArgs: readonly string[];
  readonly #startTimeoutMs: number;
  #child: ChildProcess | undefined;

  private constructor(port: number, options: RedisServerOptions) {
    this.port = port;
    this.url = `redis://127.0.0.1:${port}`;
    this.#dir = mkdtempSync(join(tmpdir(), 'sessionkit-redis-'));
    this.#extraArgs = options.args ?? [];
    this.#startTimeoutMs = options.startTimeoutMs ?? 10_000;
  }

  /**
   * Starts a server on a free port (see {@link startRedisServer}).
   * @param options - See {@link RedisServerOptions}.
   * @throws Error when it does not answer PING within `startTimeoutMs` (nothing is left running).
   */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options);
    try {
      await server.start();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  /** The server's process id while it runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Whether the server process is running (started, and not exited since; a paused one is running). */
  get running(): boolean {
    return this.#child !== undefined;
  }

  /**
   * (Re)starts it on the same port, empty, and resolves once it answers PING.
   * Does nothing while it runs.
   * @throws Error when it does not answer PING within `startTimeoutMs` (it is stopped again).
   */
  async start(): Promise<void> {
    if (this.#child !== undefined) return;
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.#dir, ...this.#extraArgs],
      { stdio: 'ignore' },
    );
    this.#child = child;
    child.once('exit', () => {
      if (this.#child === child) this.#child = undefined;
    });
    // A missing binary is an 'error' event, not an exit: without a listener it would crash the process.
    const failedToSpawn = new Promise<never>((_, reject) => {
      child.once('error', (error) => {
        if (this.#child === child) this.#child = undefined;
        reject(new Error(`could not start redis-server (is it installed and on PATH?): ${error.message}`, { cause: error }));
      });
    });
    failedToSpawn.catch(() => undefined);
    try {
      await Promise.race([waitForPing(this.port, this.#startTimeoutMs), failedToSpawn]);
    } catch (error) {
      await this.stop(); // never leave a server behind that nobody tracks
      throw error;
    }
  }

  /**
   * Sends a signal to the server process (e.g. 'SIGKILL' for a crash, 'SIGSTOP' to freeze it).
   * Does nothing when it is not running.
   * @param signal - The signal's name.
   */
  kill(signal: NodeJS.Signals): void {
    this.#child?.kill(signal);
  }

  /** Stops it (SIGKILL: no goodbye to clients, like a crash) and waits for the exit; `start()` brings it back, empty. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Freezes the process: connections stay open, nothing answers (a hung server). */
  pause(): void {
    this.#child?.kill('SIGSTOP');
  }

  /** Thaws a frozen server. */
  resume(): void {
    this.#child?.kill('SIGCONT');
  }

  /** Kills the server (if running) and removes its directory. */
  async dispose(): Promise<void> {
    this.resume();
    await this.stop();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls the port until Redis answers +PONG (the server's own start-up time, not a test sleep). */
async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await pingOnce(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
