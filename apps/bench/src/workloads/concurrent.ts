import { hrtime } from 'node:process';
import type { ScenarioSample } from '../harness.js';
import { PROMPT, RESPONSES, SECRET_KEY, seededRandom } from '../fixtures.js';
import { coreManager, type CoreSession } from '../sides/core.js';
import { floorSession, floorThread, type FloorSession } from '../sides/floor.js';
import { createLegacySession, legacyManager, useLegacyIterations } from '../sides/legacy.js';
import { defineScenarioWorkload } from './define.js';

const SESSIONS = 1_000;
const CONCURRENCY = 50;
const TOOL = 'analyze_from_perspectives';
const PERSPECTIVE = 'technical';

/** What a tool call does once it has looked its session up. */
type OpKind = 'lookup' | 'validate' | 'thread' | 'analysis' | 'atomic';

/** The mix: mostly reads, as an MCP server sees it. */
const MIX: readonly [OpKind, number][] = [
  ['lookup', 0.3],
  ['validate', 0.2],
  ['thread', 0.2],
  ['analysis', 0.15],
  ['atomic', 0.15],
];

interface Plan {
  kinds: OpKind[];
  sessions: Uint16Array;
}

/** The same seeded sequence of (operation, session) pairs for every side. */
export function operationPlan(length: number, seed: number): Plan {
  const random = seededRandom(seed);
  const kinds: OpKind[] = [];
  const sessions = new Uint16Array(length);
  for (let i = 0; i < length; i++) {
    let pick = random();
    let kind: OpKind = 'lookup';
    for (const [candidate, weight] of MIX) {
      kind = candidate;
      if ((pick -= weight) < 0) break;
    }
    kinds.push(kind);
    sessions[i] = Math.floor(random() * SESSIONS);
  }
  return { kinds, sessions };
}

/**
 * Runs the plan with `CONCURRENCY` operations in flight at once, timing each
 * operation from its start to its completion (waiting included).
 */
export async function runConcurrently(plan: Plan, operation: (kind: OpKind, session: number) => Promise<unknown>): Promise<ScenarioSample> {
  const total = plan.kinds.length;
  const latencies = new Array<number>(total);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < total; i = next++) {
      const start = hrtime.bigint();
      await operation(plan.kinds[i] as OpKind, plan.sessions[i] as number);
      latencies[i] = Number(hrtime.bigint() - start);
    }
  };
  const start = hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { values: latencies, ops: total, elapsedNs: Number(hrtime.bigint() - start) };
}

const ids = (prefix: string): string[] => Array.from({ length: SESSIONS }, (_, i) => `${prefix}-${i}`);

export const concurrentWorkload = defineScenarioWorkload({
  id: 'concurrent',
  title: `${SESSIONS.toLocaleString('en-US')} sessions × ${CONCURRENCY} concurrent mixed operations`,
  unit: 'ns/op',
  compareBy: 'throughput',
  notes: [
    `Operations: pool lookup, then validate / get a thread / record an analysis / atomic update (30/20/20/15/15 %), ${CONCURRENCY} in flight; compared by throughput, p50/p99 are per-operation latencies including waiting.`,
    'legacy runs with pbkdf2Iterations: 1 here, so throughput reflects the architecture, not the KDF (see `validate`).',
  ],
  budgetMs: { quick: 2_000, full: 8_000 },
  plan: (ctx) => ({ warmupSamples: 1, minRounds: ctx.quick ? 2 : 3 }),
  async legacy(legacy, ctx) {
    const plan = operationPlan(ctx.quick ? 2_000 : 5_000, 0xc0c);
    const restore = useLegacyIterations(legacy, 1);
    const manager = legacyManager(legacy, SESSIONS);
    const locks = legacy.getSessionLockManager();
    const sessionIds = ids('concurrent-legacy');
    const parts: {
      security: InstanceType<typeof legacy.SessionSecurity>;
      data: InstanceType<typeof legacy.SessionData>;
      concurrency: InstanceType<typeof legacy.SessionConcurrency>;
    }[] = [];
    for (const id of sessionIds) {
      const { session, security } = await createLegacySession(legacy, manager, id);
      const data = new legacy.SessionData(id, session.createdAt);
      data.addThread(new legacy.Thread({ id: `${id}_${PERSPECTIVE}`, name: PERSPECTIVE, systemPrompt: 'x', modelBackend: 'bedrock' }));
      parts.push({ security, data, concurrency: new legacy.SessionConcurrency(id) });
    }
    const noop = () => {};
    return {
      sample: () =>
        runConcurrently(plan, async (kind, index) => {
          const id = sessionIds[index] as string;
          const session = await manager.getSession(id);
          if (session === null) throw new Error('legacy lookup missed');
          const { security, data, concurrency } = parts[index] as (typeof parts)[number];
          switch (kind) {
            case 'lookup':
              return;
            case 'validate':
              if (!security.validateBinding(SECRET_KEY)) throw new Error('legacy validation failed');
              return session.recordAccess(TOOL);
            case 'thread':
              return locks.withLock(id, () => data.getThread(PERSPECTIVE));
            case 'analysis': {
              const [active, abstained] = legacy.countResponses(RESPONSES);
              return data.recordAnalysis(PROMPT, { ...RESPONSES }, active, abstained);
            }
            case 'atomic':
              return concurrency.synchronizedUpdate(noop);
          }
        }),
      teardown: restore,
    };
  },
  async core(core, ctx) {
    const plan = operationPlan(ctx.quick ? 2_000 : 5_000, 0xc0c);
    const manager = coreManager(core, SESSIONS);
    const sessionIds = ids('concurrent-core');
    for (const id of sessionIds) await manager.createSession(id, { topic: 'concurrent', initialPerspectives: [PERSPECTIVE] });
    const noop = () => {};
    return {
      sample: () =>
        runConcurrently(plan, async (kind, index) => {
          const session: CoreSession | null = await manager.getSession(sessionIds[index] as string);
          if (session === null) throw new Error('core lookup missed');
          switch (kind) {
            case 'lookup':
              return;
            case 'validate':
              return session.validateSecurity(TOOL);
            case 'thread':
              return session.getThread(PERSPECTIVE);
            case 'analysis':
              return session.recordAnalysis(PROMPT, { ...RESPONSES }, 1.25);
            case 'atomic':
              return session.atomicUpdate(noop);
          }
        }),
    };
  },
  floor(ctx) {
    const plan = operationPlan(ctx.quick ? 2_000 : 5_000, 0xc0c);
    const pool = new Map<string, FloorSession>();
    const sessionIds = ids('concurrent-floor');
    for (const id of sessionIds) {
      const session = floorSession(id);
      session.threads.set(PERSPECTIVE, floorThread(id, PERSPECTIVE));
      pool.set(id, session);
    }
    return {
      sample: () =>
        runConcurrently(plan, async (kind, index) => {
          const session = pool.get(sessionIds[index] as string);
          if (session === undefined) throw new Error('floor lookup missed');
          switch (kind) {
            case 'lookup':
              return;
            case 'validate':
              session.accessCount++;
              return;
            case 'thread':
              return session.threads.get(PERSPECTIVE);
            case 'analysis':
              session.analyses.push({ prompt: PROMPT, timestamp: Date.now(), responses: { ...RESPONSES } });
              return;
            case 'atomic':
              session.version++;
              return;
          }
        }),
    };
  },
});
