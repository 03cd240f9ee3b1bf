/**
 * The parent's side of the MCP workloads: a forked `apps/mcp-demo/dist/bench-driver.js`
 * that sets up one side (a tool call measured in process, or replicas behind
 * HAProxy) and measures samples on request. The message shapes mirror the
 * driver's `src/bench/protocol.ts` (the bench does not depend on the demo;
 * it needs the demo built).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioSample } from '../harness.js';
import type { RedisTarget } from '../redis/acquire.js';

type DriverSetup =
  | { type: 'overhead'; variant: 'bare' | 'session'; redis: { url: string; keyPrefix: string } | null }
  | { type: 'cluster'; replicas: number; clients: number; redis: { url: string; keyPrefix: string } };

type FromDriver =
  | { type: 'ready'; info: Record<string, string> }
  | { type: 'sample'; latenciesNs: number[]; ops: number; elapsedNs: number; errors: number; firstError?: string; info: Record<string, string> }
  | { type: 'error'; message: string };

const EXIT_TIMEOUT_MS = 10_000;

/** apps/mcp-demo/dist/bench-driver.js, found from this file in src/ (tests) or dist/. */
export function driverScript(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const script = join(dir, 'mcp-demo', 'dist', 'bench-driver.js');
    if (existsSync(join(dir, 'mcp-demo', 'package.json'))) {
      if (!existsSync(script)) throw new Error(`${script} is missing: build the demo first (pnpm --filter @sessionkit/mcp-demo... build)`);
      return script;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find apps/mcp-demo next to apps/bench');
    dir = parent;
  }
}

/** Only the url and prefix of the run's Redis go to the driver. */
export function driverRedis(redis: RedisTarget): { url: string; keyPrefix: string } {
  return { url: redis.url, keyPrefix: redis.keyPrefix };
}

export class McpDriver {
  readonly info: Record<string, string>;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #pending: ((message: FromDriver | { type: 'error'; message: string }) => void) | null = null;
  #gone: string | null = null;

  private constructor(child: ChildProcess, exited: Promise<void>, info: Record<string, string>) {
    this.#child = child;
    this.#exited = exited;
    this.info = info;
  }

  /** Forks the driver and sets its side up; rejects with the driver's reason. */
  static async start(setup: DriverSetup): Promise<McpDriver> {
    // A plain node, like a deployed process: no inherited flags (--expose-gc, loaders).
    const child = fork(driverScript(), [], { execArgv: [], env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const driver = new McpDriver(child, exited, {});
    child.on('message', (message: FromDriver) => {
      const pending = driver.#pending;
      driver.#pending = null;
      pending?.(message);
    });
    child.once('exit', (code, signal) => {
      driver.#gone = `the MCP bench driver exited (${signal ?? `code ${code}`})`;
      driver.#pending?.({ type: 'error', message: driver.#gone });
      driver.#pending = null;
    });
    const ready = await driver.#ask(setup);
    if (ready.type !== 'ready') {
      await driver.close();
      throw new Error(ready.type === 'error' ? ready.message : `unexpected '${ready.type}' from the MCP bench driver`);
    }
    return Object.assign(driver, { info: ready.info });
  }

  /** One sample of `durationMs`; fails on any failed call (a benchmark of errors measures nothing). */
  async sample(durationMs: number): Promise<ScenarioSample> {
    const answer = await this.#ask({ type: 'sample', durationMs });
    if (answer.type === 'error') throw new Error(answer.message);
    if (answer.type !== 'sample') throw new Error(`unexpected '${answer.type}' from the MCP bench driver`);
    if (answer.errors > 0) throw new Error(`${answer.errors} of ${answer.ops} calls failed: ${answer.firstError ?? 'no message'}`);
    return { values: answer.latenciesNs, ops: answer.ops, elapsedNs: answer.elapsedNs, info: { ...this.info, ...answer.info } };
  }

  async close(): Promise<void> {
    if (this.#gone === null && this.#child.connected) this.#child.send({ type: 'exit' });
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    await this.#exited;
    clearTimeout(timer);
  }

  #ask(message: object): Promise<FromDriver> {
    if (this.#gone !== null) return Promise.resolve({ type: 'error', message: this.#gone });
    return new Promise((resolve) => {
      this.#pending = resolve;
      this.#child.send(message);
    });
  }
}
