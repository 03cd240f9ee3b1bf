import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SessionNotFoundError, SimpleSessionManager, Thread } from '../src/index.js';
import { manualClock } from '../test/helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const SESSIONS = Number(process.env.SESSIONKIT_STRESS_SESSIONS ?? 100_000);
const OPERATIONS = Number(process.env.SESSIONKIT_STRESS_OPERATIONS ?? 1_000_000);
const BATCH = 1_000;
const HOUR = 3_600_000;

interface RunResult {
  created: number;
  operations: number;
  swept: number;
  live: number;
  peakBytes: number;
}

describe('load', () => {
  it(`${SESSIONS} sessions, ${OPERATIONS} mixed operations, periodic sweeps: every count adds up`, async () => {
    // A small run first, so code compiled on the way does not count as retained heap.
    await run(2_000, 20_000, 2_000);
    const baseline = heapUsed();
    const result = await run(SESSIONS, OPERATIONS, 100_000, baseline);
    const after = heapUsed();
    console.log(
      `load: ${result.created} sessions created, ${result.operations} operations, ${result.swept} swept by sweeps, ` +
        `${result.live} live at the end; heap ${(result.peakBytes / 1e6).toFixed(1)} MB over baseline at the end of the run, ` +
        `${((after - baseline) / 1e6).toFixed(2)} MB after shutdown()`,
    );
    expect(result.swept).toBeGreaterThan(0);
    expect(after - baseline).toBeLessThan(4 * 1024 * 1024);
  }, 600_000);
});

async function run(SESSIONS: number, OPERATIONS: number, sweepEvery: number, baseline = 0): Promise<RunResult> {
  {
    const clock = manualClock();
    let manager: SimpleSessionManager | undefined = new SimpleSessionManager({ secretKey: 'stress-secret', clock, maxSessions: SESSIONS * 2 });
    const threads = ['technical', 'business', 'user', 'risk'].map((name) => new Thread({ id: name, name, systemPrompt: 'p', modelBackend: 'bedrock' }));

    // The model: what the pool must hold, updated from each operation's own result.
    const live = new Map<string, { threads: number; analyses: number; version: number; createdAt: number }>();
    let created = 0;
    /** Ids whose removal was issued: a write racing it may be refused. */
    const removing = new Set<string>();
    const createOne = async () => {
      const id = `load-${created++}`;
      await manager!.createSession(id);
      live.set(id, { threads: 0, analyses: 0, version: 0, createdAt: clock.now() });
    };
    for (let i = 0; i < SESSIONS; i += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, SESSIONS - i) }, createOne));
      clock.advance(10); // 100k sessions span ~17 minutes of creation time
    }
    expect((await manager.getStats()).active_sessions).toBe(SESSIONS);

    let swept = 0;
    let operations = 0;
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed % n;
    };
    const ids = () => [...live.keys()];
    let pool = ids();
    while (operations < OPERATIONS) {
      const batch: Promise<void>[] = [];
      for (let i = 0; i < BATCH && operations < OPERATIONS; i++, operations++) {
        const id = pool[random(pool.length)]!;
        const kind = random(100);
        batch.push(
          (async () => {
            const model = live.get(id);
            const session = await manager!.getSession(id);
            if (model === undefined || session === null) return; // removed or swept meanwhile
            if (kind < 30) {
              if (await session.addThread(threads[random(4)]!)) {
                model.threads++;
                model.version++;
              }
            } else if (kind < 45) {
              if (await session.removeThread(threads[random(4)]!.name)) {
                model.threads--;
                model.version++;
              }
            } else if (kind < 70) {
              await session.recordAnalysis('prompt', { technical: 'a', risk: '[NO_RESPONSE]' }, 0.5);
              model.analyses++;
              model.version++;
            } else if (kind < 85) {
              await session.atomicUpdate((state) => {
                state.topic = `t${model.version}`;
              });
              model.version++;
            } else if (kind < 95) {
              await session.validateSecurity('load');
            } else if (kind < 98) {
              removing.add(id);
              if (await manager!.removeSession(id)) live.delete(id);
            } else {
              await createOne();
            }
          })().catch((error: unknown) => {
            // Removed by another operation of this batch between its lookup and its write: refused, typed, nothing changed.
            if (error instanceof SessionNotFoundError && removing.has(id)) return;
            throw error;
          }),
        );
      }
      await Promise.all(batch);
      if (operations % sweepEvery === 0) {
        // A periodic sweep: advance time so the oldest sessions expire.
        clock.advance(6 * 60_000);
        const cutoff = clock.now() - HOUR;
        const expired = [...live].filter(([, m]) => m.createdAt < cutoff).map(([id]) => id);
        const removed = await manager.cleanupExpiredSessions();
        expect(removed).toBe(expired.length);
        for (const id of expired) live.delete(id);
        swept += removed;
        pool = ids();
      }
    }

    // Every count adds up: nothing lost, nothing leaked.
    const stats = await manager.getStats();
    expect(stats.active_sessions).toBe(live.size);
    expect(stats.total_threads).toBe([...live.values()].reduce((sum, m) => sum + m.threads, 0));
    expect(stats.total_analyses).toBe([...live.values()].reduce((sum, m) => sum + m.analyses, 0));
    for (const [id, model] of live) {
      const session = await manager.getSession(id);
      expect(session?.version).toBe(model.version);
      expect(session?.threadCount).toBe(model.threads);
      expect(session?.analysisCount).toBe(model.analyses);
    }
    const peakBytes = heapUsed() - baseline;
    const result = { created, operations, swept, live: live.size, peakBytes };

    await manager.shutdown();
    expect((await manager.getStats()).active_sessions).toBe(0);
    manager = undefined;
    live.clear();
    pool = [];
    return result;
  }
}
