/**
 * Child process (run with --expose-gc): retained heap per idle session.
 *
 *   node --expose-gc dist/child/memory.js <legacy|core|floor> <count>
 *
 * Builds a few sessions first (so code, lazy singletons and caches are not
 * counted), collects garbage, creates `count` sessions that stay referenced,
 * collects again, and prints {"bytesPerSession": …} as JSON on stdout.
 */
import { SECRET_KEY, TOPIC } from '../fixtures.js';
import { floorRecord, type FloorRecord } from '../sides/floor.js';

type Gc = () => void;
const gc = (globalThis as { gc?: Gc }).gc;

/** Creates sessions that stay reachable, and counts what it holds. */
interface Builder {
  add(id: string): Promise<void> | void;
  /** Sessions held; read after the last measurement, which also keeps the pool alive until then. */
  held(): number | Promise<number>;
}

async function legacyBuilder(): Promise<Builder> {
  const legacy = await import('@sessionkit/legacy');
  // Signature size does not depend on the iteration count; 600,000 iterations
  // per session would take hours for 50k sessions.
  legacy.setConfig({ pbkdf2Iterations: 1 });
  const manager = new legacy.SessionManager({ maxSessions: 10_000_000, sessionTtlHours: 1 });
  // The old handlers kept a SessionSecurity beside each session.
  const securities: unknown[] = [];
  return {
    async add(id) {
      const session = new legacy.ContextSwitcherSession(id, new Date(), { topic: TOPIC });
      const security = new legacy.SessionSecurity(id);
      session.clientBinding = security.createClientBinding(SECRET_KEY);
      securities.push(security);
      if (!(await manager.addSession(session))) throw new Error('legacy pool refused a session');
    },
    held: async () => Math.min((await manager.getStats()).active_sessions, securities.length),
  };
}

async function coreBuilder(): Promise<Builder> {
  const core = await import('@sessionkit/core');
  const manager = new core.SimpleSessionManager({ maxSessions: 10_000_000, sessionTtlHours: 1, secretKey: SECRET_KEY });
  return {
    async add(id) {
      await manager.createSession(id, { topic: TOPIC });
    },
    held: () => manager.size,
  };
}

function floorBuilder(): Builder {
  const pool = new Map<string, FloorRecord>();
  return {
    add(id) {
      pool.set(id, floorRecord(id));
    },
    held: () => pool.size,
  };
}

function collect(): number {
  for (let i = 0; i < 4; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  if (!gc) throw new Error('the memory child needs node --expose-gc');
  const [side, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!Number.isInteger(count) || count <= 0) throw new Error(`bad session count: ${countArg}`);
  const builder =
    side === 'legacy' ? await legacyBuilder() : side === 'core' ? await coreBuilder() : side === 'floor' ? floorBuilder() : null;
  if (!builder) throw new Error(`unknown side: ${side}`);

  // Warm-up sessions stay in the pool too, so the pool's own growth is amortised like the rest.
  const warm = 1_000;
  for (let i = 0; i < warm; i++) await builder.add(`memory-warm-${i}`);
  const before = collect();
  for (let i = 0; i < count; i++) await builder.add(`memory-${side}-${i}`);
  const after = collect();
  // Reading the pool after the last GC keeps it reachable through the measurement
  // (V8 may collect what a function no longer uses), and proves nothing was dropped.
  const held = await builder.held();
  if (held !== warm + count) throw new Error(`the ${side} pool holds ${held} sessions, expected ${warm + count}`);
  process.stdout.write(`${JSON.stringify({ side, count, heapBefore: before, heapAfter: after, bytesPerSession: (after - before) / count })}\n`);
}

try {
  await main();
} catch (error) {
  // One line for the parent to report, not a stack trace.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
