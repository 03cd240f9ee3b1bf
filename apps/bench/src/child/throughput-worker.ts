/**
 * Child process of the two-process workloads, forked with IPC (the bench
 * runs two): a recorder of its own (core in memory or on the run's Redis,
 * connect-redis, or the compare-and-set floor: recorders.ts), recording
 * analyses on random sessions with many operations in flight, for a fixed
 * time. Configured by its first message; see throughput-protocol.ts.
 */
import { hrtime } from 'node:process';
import { seededRandom } from '../fixtures.js';
import { openRecorder, type Recorder } from './recorders.js';
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

async function record(
  recorder: Recorder,
  sessions: number,
  config: WorkerConfig,
  go: { durationMs: number; seed: number; maxOps?: number | undefined; inFlight?: number | undefined },
): Promise<WorkerRun> {
  const { durationMs, seed } = go;
  const maxOps = go.maxOps ?? Number.POSITIVE_INFINITY;
  let started = 0;
  const random = seededRandom(seed);
  const latencies: number[] = [];
  let ops = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const conflictsBefore = recorder.conflicts();
  const start = hrtime.bigint();
  const deadline = start + BigInt(Math.round(durationMs * 1e6));
  const lane = async (): Promise<void> => {
    while (started < maxOps && hrtime.bigint() < deadline) {
      started++;
      const index = Math.floor(random() * sessions);
      const began = hrtime.bigint();
      try {
        await recorder.record(index);
        latencies.push(Number(hrtime.bigint() - began));
        ops++;
      } catch (error) {
        failures++;
        firstFailure ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: go.inFlight ?? config.inFlight }, lane));
  const elapsedNs = Number(hrtime.bigint() - start);
  return {
    ops,
    failures,
    ...(firstFailure === undefined ? {} : { firstFailure }),
    conflicts: recorder.conflicts() - conflictsBefore,
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
  const recorder = await openRecorder(config);
  let sessions = 0;

  const handle = async (message: ToWorker): Promise<void> => {
    switch (message.type) {
      case 'prepare': {
        await recorder.prepare(message.sessionIds);
        sessions = message.sessionIds.length;
        await send({ type: 'prepared' });
        return;
      }
      case 'go': {
        const run = await record(recorder, sessions, config, message);
        // In memory nothing else writes these sessions: every recorded analysis must be there.
        const held = recorder.held();
        if (held !== null && held !== run.ops) throw new Error(`${run.ops} analyses recorded, ${held} held by the sessions`);
        await recorder.finish();
        await send({ type: 'result', ...run });
        return;
      }
      case 'exit':
        process.disconnect(); // closes the recorder and exits (below)
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
  // Asked to exit, or the bench went away (crashed, or was killed): close and go.
  process.once('disconnect', () => {
    void recorder
      .close()
      .catch(() => undefined)
      .finally(() => process.exit());
  });
  await send({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`throughput-worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
