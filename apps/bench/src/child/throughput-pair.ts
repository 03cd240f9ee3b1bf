/**
 * The parent's side of `redis-throughput`: two worker processes
 * (throughput-worker.ts), driven in lockstep so they record at the same time.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { childScript } from './spawn.js';
import type { FromWorker, ToWorker, WorkerConfig, WorkerRun } from './throughput-protocol.js';

/** Seeds of the two workers differ, so they do not pick the same sessions in the same order. */
const SEED_STRIDE = 7_919;
const EXIT_TIMEOUT_MS = 5_000;

class Worker {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #exitReason: string | null = null;
  #waiting: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | null = null;

  constructor(script: string, config: WorkerConfig) {
    // No inherited flags (--expose-gc, a test runner's loaders): a plain node, like a deployed process.
    this.#child = fork(script, [], {
      execArgv: [],
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: FromWorker) => {
      const waiting = this.#waiting;
      this.#waiting = null;
      if (message.type === 'error') waiting?.reject(new Error(`throughput worker failed: ${message.message}`));
      else waiting?.resolve(message);
    });
    this.#child.on('error', (error) => this.#fail(`throughput worker: ${error.message}`));
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#fail(`throughput worker exited (${signal ?? `code ${code}`})`);
        resolve();
      });
    });
    this.send({ type: 'configure', config });
  }

  /** The worker's next message, which must be of `type`. */
  next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    if (this.#exitReason !== null) return Promise.reject(new Error(this.#exitReason));
    return new Promise((resolve, reject) => {
      this.#waiting = {
        resolve: (message) =>
          message.type === type
            ? resolve(message as Extract<FromWorker, { type: T }>)
            : reject(new Error(`expected '${type}' from a throughput worker, got '${message.type}'`)),
        reject,
      };
    });
  }

  /** A worker that has gone (it disconnects after reporting an error) is not written to. */
  send(message: ToWorker): void {
    if (this.#exitReason !== null || !this.#child.connected) return;
    this.#child.send(message, (error) => {
      if (error) this.#fail(`cannot reach the throughput worker: ${error.message}`);
    });
  }

  #fail(reason: string): void {
    this.#exitReason ??= reason;
    this.#waiting?.reject(new Error(reason));
    this.#waiting = null;
  }

  /** Asks it to exit; kills it if it has not within a few seconds. */
  async close(): Promise<void> {
    this.send({ type: 'exit' });
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    await this.#exited;
    clearTimeout(timer);
  }
}

export class WorkerPair {
  readonly #workers: readonly Worker[];

  private constructor(workers: readonly Worker[]) {
    this.#workers = workers;
  }

  static async start(config: WorkerConfig): Promise<WorkerPair> {
    const script = childScript('throughput-worker');
    const workers = [new Worker(script, config), new Worker(script, config)];
    const pair = new WorkerPair(workers);
    try {
      await Promise.all(workers.map((worker) => worker.next('ready')));
    } catch (error) {
      await pair.close();
      throw error;
    }
    return pair;
  }

  /** Both workers start a fresh manager on these sessions (loaded from Redis, or created in their own pools). */
  async prepare(sessionIds: string[]): Promise<void> {
    await this.#each({ type: 'prepare', sessionIds }, 'prepared');
  }

  /** Both record for `durationMs` (or until each started `maxOps`), `inFlight` at a time if given; resolves with each worker's run. */
  async record(durationMs: number, seed: number, limits: { maxOps?: number | undefined; inFlight?: number | undefined } = {}): Promise<WorkerRun[]> {
    const answers = Promise.all(this.#workers.map((worker) => worker.next('result')));
    this.#workers.forEach((worker, index) =>
      worker.send({
        type: 'go',
        durationMs,
        seed: seed + index * SEED_STRIDE,
        ...(limits.maxOps === undefined ? {} : { maxOps: limits.maxOps }),
        ...(limits.inFlight === undefined ? {} : { inFlight: limits.inFlight }),
      }),
    );
    return answers;
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close()));
  }

  async #each(message: ToWorker, answer: 'prepared'): Promise<void> {
    const answers = Promise.all(this.#workers.map((worker) => worker.next(answer)));
    for (const worker of this.#workers) worker.send(message);
    await answers;
  }
}
