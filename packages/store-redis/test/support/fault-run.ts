/**
 * The workload of the fault suite and its bookkeeping: two managers (as two
 * processes would have them: each its own store and connections) write the
 * same sessions without pause, each write a `recordAnalysis` with a prompt
 * used once, and every call's outcome and latency is kept. Afterwards,
 * `verify()` reads what Redis holds, directly, and checks it against what the
 * callers were told.
 */
import { SessionState, type SessionStateJSON, SimpleSessionManager } from '@sessionkit/core';
import { Redis } from 'ioredis';
import { RedisSessionStore } from '../../src/index.js';
import { sessionKey } from '../../src/keys.js';

export interface FaultRunConfig {
  /** Where the stores connect (Redis itself, or a proxy in front of it). */
  storeUrl: string;
  /** Redis itself, for the verification. */
  redisUrl: string;
  keyPrefix: string;
  commandTimeoutMs: number;
  sessions?: number;
  lanesPerManager?: number;
}

export interface Outcome {
  /** 'ok' or the error's code ('NOT_A_SESSION_ERROR: ...' when it was not a SessionError). */
  result: string;
  ms: number;
  startedAt: number;
}

export interface Verification {
  sessions: number;
  /** Sessions whose stored state SessionState.fromJSON restores and whose hash the store loads. */
  restored: number;
  /** Problems found: a missing session, a state that does not restore, rev and version out of step, a prompt twice. */
  problems: string[];
  acknowledged: number;
  /** Acknowledged writes that Redis does not hold. */
  lost: number;
  /** Writes whose caller was told they failed (a timeout) that Redis holds anyway: allowed, and reported. */
  appliedUnacknowledged: number;
}

/** Pause after a failed call, so a lane does not spin while Redis is away. */
const BACKOFF_MS = 10;

export class FaultRun {
  readonly outcomes: Outcome[] = [];
  readonly sessionIds: string[];
  readonly #config: Required<FaultRunConfig>;
  readonly #stores: RedisSessionStore[];
  readonly #managers: SimpleSessionManager[];
  /** Prompt -> how its call ended, for every call made. */
  readonly #attempts = new Map<string, 'ok' | 'failed' | 'pending'>();
  #running = false;
  #lanes: Promise<void>[] = [];
  #inFlight = new Map<string, number>();

  private constructor(config: Required<FaultRunConfig>) {
    this.#config = config;
    this.sessionIds = Array.from({ length: config.sessions }, (_, i) => `fault-${i}`);
    this.#stores = [0, 1].map(() => new RedisSessionStore({ url: config.storeUrl, keyPrefix: config.keyPrefix, commandTimeoutMs: config.commandTimeoutMs }));
    this.#managers = this.#stores.map(
      (store) =>
        new SimpleSessionManager({
          secretKey: 'fault-secret',
          store,
          maxSessions: 1000,
          storeRetry: { attempts: 100, baseDelayMs: 1, maxDelayMs: 5 },
        }),
    );
  }

  static async start(config: FaultRunConfig): Promise<FaultRun> {
    const run = new FaultRun({ sessions: 6, lanesPerManager: 3, ...config });
    for (const sessionId of run.sessionIds) await run.#managers[0]?.createSession(sessionId);
    return run;
  }

  get keyPrefix(): string {
    return this.#config.keyPrefix;
  }

  /**
   * Every call may take at most this long: a store call is bounded by commandTimeoutMs, and a write makes at most
   * two (a reload, then the save), with nothing ahead of it in its session's lock (see startWriters).
   */
  get boundMs(): number {
    return 2 * this.#config.commandTimeoutMs + 600; // + scheduling slack on a busy machine
  }

  startWriters(): void {
    this.#running = true;
    const lanes = this.#config.lanesPerManager;
    // The lanes of one manager write disjoint sessions (lane l: sessions l, l + lanes, ...), so no call waits in a
    // session's lock behind another of its process; the two managers write the same sessions and conflict.
    this.#lanes = this.#managers.flatMap((manager, m) =>
      Array.from({ length: lanes }, (_, lane) => {
        const mine = this.sessionIds.filter((_, i) => i % lanes === lane);
        return this.#lane(manager, `${'AB'[m]}${lane}`, mine);
      }),
    );
  }

  /** Resolves once `count` more calls have succeeded (or rejects after `timeoutMs`). */
  async succeeded(count: number, timeoutMs = 15_000): Promise<void> {
    const target = this.#ok() + count;
    const deadline = Date.now() + timeoutMs;
    while (this.#ok() < target) {
      if (Date.now() > deadline) throw new Error(`only ${this.#ok()} of ${target} calls succeeded within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Stops the writers; a call that has not returned within the bound by then is counted as an unbounded wait. */
  async stopWriters(): Promise<void> {
    this.#running = false;
    const finished = Promise.all(this.#lanes);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.boundMs)));
    const how = await Promise.race([finished.then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    if (how === 'timeout') {
      const now = performance.now();
      for (const startedAt of this.#inFlight.values()) this.outcomes.push({ result: 'NEVER_RETURNED', ms: now - startedAt, startedAt });
    }
  }

  /** Outcomes of the calls that started in [from, to) (performance.now() times). */
  between(from: number, to: number): Outcome[] {
    return this.outcomes.filter((outcome) => outcome.startedAt >= from && outcome.startedAt < to);
  }

  unboundedWaits(): Outcome[] {
    return this.outcomes.filter((outcome) => outcome.ms > this.boundMs);
  }

  /** Reads every session straight from Redis and checks it against what the callers were told. */
  async verify(): Promise<Verification> {
    const redis = new Redis(this.#config.redisUrl, { maxRetriesPerRequest: 1 });
    const loader = new RedisSessionStore({ url: this.#config.redisUrl, keyPrefix: this.#config.keyPrefix });
    const problems: string[] = [];
    const held = new Set<string>();
    let restored = 0;
    try {
      for (const sessionId of this.sessionIds) {
        const [text, rev] = await redis.hmget(sessionKey(this.#config.keyPrefix, sessionId), 'state', 'rev');
        if (typeof text !== 'string') {
          problems.push(`${sessionId}: missing`);
          continue;
        }
        let json: SessionStateJSON;
        try {
          json = JSON.parse(text) as SessionStateJSON;
          SessionState.fromJSON(json, Date.now()); // throws on anything half-written or invalid
          await loader.load(sessionId); // the store's own checks of every field
        } catch (error) {
          problems.push(`${sessionId}: ${(error as Error).message}`);
          continue;
        }
        restored++;
        // Every write of this workload is one recordAnalysis: one revision, one version, one analysis.
        if (Number(rev) !== json.version + 1 || json.analyses.length !== json.version) {
          problems.push(`${sessionId}: rev ${rev}, version ${json.version}, ${json.analyses.length} analyses are out of step`);
        }
        for (const analysis of json.analyses) {
          if (held.has(analysis.prompt)) problems.push(`${sessionId}: prompt ${analysis.prompt} applied twice`);
          held.add(analysis.prompt);
          if (!this.#attempts.has(analysis.prompt)) problems.push(`${sessionId}: prompt ${analysis.prompt} was never sent`);
        }
      }
    } finally {
      redis.disconnect();
      await loader.close();
    }
    const acknowledged = [...this.#attempts].filter(([, result]) => result === 'ok').map(([prompt]) => prompt);
    const failed = [...this.#attempts].filter(([, result]) => result !== 'ok').map(([prompt]) => prompt);
    return {
      sessions: this.sessionIds.length,
      restored,
      problems,
      acknowledged: acknowledged.length,
      lost: acknowledged.filter((prompt) => !held.has(prompt)).length,
      appliedUnacknowledged: failed.filter((prompt) => held.has(prompt)).length,
    };
  }

  async close(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#managers.map((manager) => manager.shutdown().catch(() => undefined)));
    await Promise.all(this.#stores.map((store) => store.close()));
  }

  #ok(): number {
    let ok = 0;
    for (const outcome of this.outcomes) if (outcome.result === 'ok') ok++;
    return ok;
  }

  async #lane(manager: SimpleSessionManager, name: string, sessionIds: readonly string[]): Promise<void> {
    for (let i = 0; this.#running; i++) {
      const sessionId = sessionIds[i % sessionIds.length] as string;
      const prompt = `${name}-${i}`;
      const startedAt = performance.now();
      this.#attempts.set(prompt, 'pending');
      this.#inFlight.set(name, startedAt);
      let result: string;
      try {
        const session = await manager.requireSession(sessionId);
        await session.recordAnalysis(prompt, { fault: 'x' });
        result = 'ok';
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        result = typeof code === 'string' ? code : `NOT_A_SESSION_ERROR: ${String(error)}`;
      }
      this.#inFlight.delete(name);
      this.#attempts.set(prompt, result === 'ok' ? 'ok' : 'failed');
      this.outcomes.push({ result, ms: performance.now() - startedAt, startedAt });
      if (result !== 'ok') await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS));
    }
  }
}
