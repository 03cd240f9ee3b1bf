/**
 * Child process of `redis-throughput`, forked with IPC (the bench runs two):
 * a manager of its own, in memory or on the run's Redis, recording analyses
 * on random sessions with many operations in flight, for a fixed time.
 * Configured by its first message; see throughput-protocol.ts.
 */
import { hrtime } from 'node:process';
import { PROMPT, RESPONSES, seededRandom } from '../fixtures.js';
import { coreManagerOptions, createCoreSession, type CoreManager, type CoreSession } from '../sides/core.js';
import type { FromWorker, ToWorker, WorkerConfig, WorkerRun } from './throughput-protocol.js';

/** Resolves once the message is handed to the channel, so a disconnect after it cannot drop it. */
const send = (message: FromWorker): Promise<void> =>
  new Promise((resolve) => {
    if (process.send) process.send(message, undefined, undefined, () => resolve());
    else resolve();
  });

/** Evenly spread subset, so a fast in-memory run does not ship a million numbers over IPC. */
function thin(values: number[], max: number): number[] {
  if (values.length <= max) return values;
  const stride = values.length / max;
  return Array.from({ length: max }, (_, i) => values[Math.floor(i * stride)] as number);
}

async function record(sessions: readonly CoreSession[], config: WorkerConfig, durationMs: number, seed: number, conflicts: () => number): Promise<WorkerRun> {
  const random = seededRandom(seed);
  const latencies: number[] = [];
  let ops = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const conflictsBefore = conflicts();
  const start = hrtime.bigint();
  const deadline = start + BigInt(Math.round(durationMs * 1e6));
  const lane = async (): Promise<void> => {
    while (hrtime.bigint() < deadline) {
      const session = sessions[Math.floor(random() * sessions.length)] as CoreSession;
      const began = hrtime.bigint();
      try {
        await session.recordAnalysis(PROMPT, { ...RESPONSES }, 1.25);
        latencies.push(Number(hrtime.bigint() - began));
        ops++;
      } catch (error) {
        failures++;
        firstFailure ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: config.inFlight }, lane));
  const elapsedNs = Number(hrtime.bigint() - start);
  return {
    ops,
    failures,
    ...(firstFailure === undefined ? {} : { firstFailure }),
    conflicts: conflicts() - conflictsBefore,
    elapsedNs,
    latenciesNs: thin(latencies, config.maxLatencies),
  };
}

/** Resolves with the configuration the parent sends first. */
function configuration(): Promise<WorkerConfig> {
  return new Promise((resolve) => {
    const first = (message: ToWorker): void => {
      if (message.type !== 'configure') return;
      process.off('message', first);
      resolve(message.config);
    };
    process.on('message', first);
  });
}

async function main(): Promise<void> {
  const config = await configuration();
  const core = await import('@sessionkit/core');
  const store = config.redis
    ? new (await import('@sessionkit/store-redis')).RedisSessionStore({ url: config.redis.url, keyPrefix: config.redis.keyPrefix })
    : undefined;
  let manager: CoreManager | undefined;
  let sessions: CoreSession[] = [];

  const handle = async (message: ToWorker): Promise<void> => {
    switch (message.type) {
      case 'prepare': {
        manager = new core.SimpleSessionManager({ ...coreManagerOptions(1_000_000), ...(store ? { store } : {}) });
        const current = manager;
        sessions = await Promise.all(
          message.sessionIds.map((id) => (store ? current.requireSession(id) : createCoreSession(current, id))),
        );
        await send({ type: 'prepared' });
        return;
      }
      case 'go': {
        const run = await record(sessions, config, message.durationMs, message.seed, () => store?.counters.conflicts ?? 0);
        if (!store) {
          // In memory nothing else writes these sessions: every recorded analysis must be there.
          const held = sessions.reduce((total, session) => total + session.analysisCount, 0);
          if (held !== run.ops) throw new Error(`${run.ops} analyses recorded, ${held} held by the sessions`);
        }
        await manager?.shutdown(); // in memory: frees the pool; on Redis: drops this process's copies only
        manager = undefined;
        sessions = [];
        await send({ type: 'result', ...run });
        return;
      }
      case 'exit':
        process.disconnect(); // closes the store and exits (below)
        return;
      case 'configure':
        throw new Error('configured twice');
    }
  };

  process.on('message', (message: ToWorker) => {
    handle(message).catch(async (error: unknown) => {
      process.exitCode = 1;
      await send({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      process.disconnect();
    });
  });
  // Asked to exit, or the bench went away (crashed, or was killed): close the store and go.
  process.once('disconnect', () => {
    void (store ? store.close() : Promise.resolve())
      .catch(() => undefined)
      .finally(() => process.exit());
  });
  await send({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`throughput-worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
