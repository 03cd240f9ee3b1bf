/**
 * The inputs every side gets: the same secret, ids, prompts and responses, a
 * seeded random sequence, and a settable clock. Identical inputs keep the
 * comparison about the systems, not about what they were fed.
 */

/** A fixed secret so that bindings are comparable across sides and runs. */
export const SECRET_KEY = 'sessionkit-bench-secret-key-0001';

export const TOPIC = 'Should we migrate the session layer to the unified architecture?';

export const SYSTEM_PROMPT = 'You are a technical expert. Analyse the topic from an engineering perspective.';

export const PROMPT = 'What are the risks of migrating the session layer this quarter?';

/** What the old callers passed as "no answer from this perspective". */
const NO_RESPONSE = '[NO_RESPONSE]';

/** Four perspectives, one abstaining: the shape of a typical analysis. */
export const RESPONSES: Readonly<Record<string, string>> = Object.freeze({
  technical: 'The lock and security layers collapse into one class; the risk is in the adapter.',
  business: 'Lower latency per request; the migration cost is one sprint.',
  user: 'No visible change for users.',
  risk: NO_RESPONSE,
});

/** Session ids valid on both sides (core accepts `[A-Za-z0-9_.:-]{1,256}`), unique per prefix. */
export function idSequence(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}-${(next++).toString(36)}`;
}

/** mulberry32: a tiny seeded PRNG, so every side replays the same "random" operation mix. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The integers 0..n-1 in a seeded random order (Fisher–Yates). */
export function shuffledIndices(n: number, seed: number): Uint32Array {
  const random = seededRandom(seed);
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = indices[i] as number;
    indices[i] = indices[j] as number;
    indices[j] = swap;
  }
  return indices;
}

/** A clock the bench moves by hand (core takes `{ now(): number }`). */
export class ManualClock {
  #now: number;

  constructor(start: number = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  set(ms: number): void {
    this.#now = ms;
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}

export const HOUR_MS = 3_600_000;
