/**
 * Child process (run with --expose-gc): retained heap per idle session.
 *
 *   node --expose-gc dist/child/memory.js <legacy|core|lru-cache|express-session|floor> <count>
 *
 * Builds a throwaway pool of a few sessions first (so code, lazy singletons
 * and caches are not counted), collects garbage, then builds the measured
 * pool (with room for `count`: what lru-cache allocates up front is counted)
 * and fills it, collects again, and prints {"bytesPerSession": …} as JSON.
 */
import { ManualClock } from '../fixtures.js';
import { collectedHeap, openPool, runMain } from './pools.js';

const WARM = 1_000;

async function main(): Promise<void> {
  const [side, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!Number.isInteger(count) || count <= 0) throw new Error(`bad session count: ${countArg}`);
  if (side === undefined) throw new Error('which side?');
  collectedHeap(); // fails at once without --expose-gc

  const clock = new ManualClock();
  const warm = await openPool(side, WARM, clock);
  for (let i = 0; i < WARM; i++) await warm.add(`memory-warm-${i}`);

  const before = collectedHeap();
  const pool = await openPool(side, count, clock);
  for (let i = 0; i < count; i++) await pool.add(`memory-${side}-${i}`);
  const after = collectedHeap();
  // Reading the pool after the last GC keeps it reachable through the measurement
  // (V8 may collect what a function no longer uses), and proves nothing was dropped.
  // The warm-up pool too stays reachable throughout, so its collection cannot shrink `after`.
  if ((await warm.held()) !== WARM) throw new Error(`the ${side} warm-up pool lost sessions`);
  const held = await pool.held();
  if (held !== count) throw new Error(`the ${side} pool holds ${held} sessions, expected ${count}`);
  process.stdout.write(`${JSON.stringify({ side, count, heapBefore: before, heapAfter: after, bytesPerSession: (after - before) / count })}\n`);
}

await runMain(main);
