import { hrtime } from 'node:process';
import type { ScenarioSample } from '../harness.js';
import { coreManager, createCoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { addLegacyPoolSession, legacyManager } from '../sides/legacy.js';
import { defineScenarioWorkload } from './define.js';

const OTHERS = 100;
/** If the held session blocked the others, the hold is released after this long so the run can go on (and the latencies show it). */
const HOLD_LIMIT_MS = 1_000;

interface Deferred {
  promise: Promise<void>;
  release(): void;
}

function deferred(): Deferred {
  let release = (): void => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/**
 * A sampler that holds one session with a slow update, then times one
 * operation on each of `OTHERS` other sessions (sequentially) while the hold
 * lasts. It counts the samples in which the hold had to be released by the
 * watchdog: those are the ones where something waited on the held session.
 */
function heldSampler(hold: (until: Promise<void>) => Promise<unknown>, operation: (index: number) => Promise<unknown>): () => Promise<ScenarioSample> {
  let timedOut = 0;
  return async () => {
    const gate = deferred();
    let held = true;
    const holding = hold(gate.promise).finally(() => {
      held = false;
    });
    const watchdog = setTimeout(gate.release, HOLD_LIMIT_MS);
    const latencies: number[] = [];
    const start = hrtime.bigint();
    for (let i = 0; i < OTHERS; i++) {
      const opStart = hrtime.bigint();
      await operation(i);
      latencies.push(Number(hrtime.bigint() - opStart));
    }
    const elapsedNs = Number(hrtime.bigint() - start);
    if (!held) timedOut++;
    clearTimeout(watchdog);
    gate.release();
    await holding;
    return { values: latencies, ops: OTHERS, elapsedNs, info: { 'samples blocked by the held session': timedOut } };
  };
}

const ids = (prefix: string): string[] => Array.from({ length: OTHERS }, (_, i) => `${prefix}-${i}`);

export const contentionWorkload = defineScenarioWorkload({
  id: 'contention',
  title: `one session held by a slow update; latency on ${OTHERS} other sessions`,
  unit: 'ns/op',
  notes: [
    `A slow atomic update holds one session's lock; each timed operation is a pool lookup plus an atomic update on one of ${OTHERS} other sessions. A global lock would show as ~${HOLD_LIMIT_MS} ms latencies.`,
  ],
  budgetMs: { quick: 1_500, full: 5_000 },
  async legacy(legacy) {
    const manager = legacyManager(legacy, OTHERS + 1);
    const otherIds = ids('contention-legacy');
    await addLegacyPoolSession(legacy, manager, 'contention-legacy-held');
    for (const id of otherIds) await addLegacyPoolSession(legacy, manager, id);
    const heldConcurrency = new legacy.SessionConcurrency('contention-legacy-held');
    const others = otherIds.map((id) => new legacy.SessionConcurrency(id));
    const noop = () => {};
    return {
      sample: heldSampler(
        (until) => heldConcurrency.synchronizedUpdate(() => until),
        async (index) => {
          if ((await manager.getSession(otherIds[index] as string)) === null) throw new Error('legacy lookup missed');
          await (others[index] as InstanceType<typeof legacy.SessionConcurrency>).synchronizedUpdate(noop);
        },
      ),
    };
  },
  async core(core) {
    const manager = coreManager(core, OTHERS + 1);
    const held = await createCoreSession(manager, 'contention-core-held');
    const otherIds = ids('contention-core');
    for (const id of otherIds) await createCoreSession(manager, id);
    const noop = () => {};
    return {
      sample: heldSampler(
        (until) => held.atomicUpdate(() => until),
        async (index) => {
          const session = await manager.getSession(otherIds[index] as string);
          if (session === null) throw new Error('core lookup missed');
          await session.atomicUpdate(noop);
        },
      ),
    };
  },
  floor() {
    // No locks at all: the held session cannot hold anything up.
    const pool = new Map<string, FloorSession>();
    const otherIds = ids('contention-floor');
    for (const id of otherIds) pool.set(id, floorSession(id));
    return {
      sample: heldSampler(
        (until) => until,
        async (index) => {
          const session = pool.get(otherIds[index] as string);
          if (session === undefined) throw new Error('floor lookup missed');
          session.version++;
        },
      ),
    };
  },
});
