/**
 * A manager in a separate Node process (test/workers/manager-worker.mjs),
 * driven over IPC. Workers still alive after a test are killed.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const script = fileURLToPath(new URL('../workers/manager-worker.mjs', import.meta.url));

export interface WorkerConfig {
  url: string;
  keyPrefix: string;
  maxSessions?: number;
  commandTimeoutMs?: number;
}

interface Reply {
  id?: number;
  ok?: boolean;
  value?: unknown;
  error?: { name?: string; code?: string; message?: string };
  progress?: number;
  ready?: boolean;
}

export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const live = new Set<ManagerProcess>();

export class ManagerProcess {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #progressWaiters: { atLeast: number; resolve: () => void }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #nextId = 1;
  progress = 0;

  private constructor(child: ChildProcess) {
    this.#child = child;
    live.add(this);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        live.delete(this);
        for (const { reject } of this.#pending.values()) reject(new Error(`worker exited (${signal ?? code})`));
        this.#pending.clear();
        resolve({ code, signal });
      }),
    );
    child.on('message', (reply: Reply) => {
      if (reply.progress !== undefined) {
        this.progress = reply.progress;
        for (const waiter of this.#progressWaiters.filter((w) => w.atLeast <= this.progress)) {
          this.#progressWaiters.splice(this.#progressWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
        return;
      }
      if (reply.id === undefined) return;
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.ok) pending?.resolve(reply.value);
      else pending?.reject(new WorkerError(`${reply.error?.name}: ${reply.error?.message}`, reply.error?.code));
    });
  }

  static async start(config: WorkerConfig): Promise<ManagerProcess> {
    const child = fork(script, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const worker = new ManagerProcess(child);
    await new Promise<void>((resolve, reject) => {
      child.once('message', (reply: Reply) => (reply.ready ? resolve() : reject(new Error('worker did not start'))));
      child.once('exit', (code) => reject(new Error(`worker exited during start-up (${code})`)));
    });
    return worker;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#child.send({ id, op, args });
    });
  }

  /** Resolves once the worker has reported at least `count` completed churn operations. */
  progressed(count: number): Promise<void> {
    if (this.progress >= count) return Promise.resolve();
    return new Promise((resolve) => this.#progressWaiters.push({ atLeast: count, resolve }));
  }

  kill(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }

  async exit(): Promise<void> {
    await this.call('exit');
    await this.exited;
  }
}

afterEach(async () => {
  const leftovers = [...live];
  for (const worker of leftovers) worker.kill('SIGKILL');
  await Promise.all(leftovers.map((worker) => worker.exited));
});
