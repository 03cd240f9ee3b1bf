import type { BatchSide } from '../harness.js';
import { SECRET_KEY } from '../fixtures.js';
import { verifyBinding } from '../sides/binding.js';
import { coreManager, createCoreSession } from '../sides/core.js';
import { floorSession } from '../sides/floor.js';
import { createLegacySession, legacyManager, useLegacyIterations } from '../sides/legacy.js';
import { ExpressPeer } from '../sides/peers/express.js';
import { LruPeer } from '../sides/peers/lru.js';
import { defineBatchWorkload, type SideFactories } from './define.js';
import type { KdfVariantOptions, Workload } from './types.js';

const TOOL = 'analyze_from_perspectives';

/** The peers' validation: the HMAC recomputed and compared, the access counted (under the mutex; or get + set). */
function peerSides(id: string): Pick<SideFactories<BatchSide>, 'lru-cache' | 'express-session'> {
  return {
    'lru-cache'(peers) {
      const session = new LruPeer(peers, { max: 10 }).create(`${id}-lru`);
      return {
        async batch(n) {
          for (let i = 0; i < n; i++) await session.validate();
        },
      };
    },
    async 'express-session'(peers) {
      const peer = new ExpressPeer(peers);
      const sessionId = `${id}-express`;
      await peer.create(sessionId);
      return {
        async batch(n) {
          for (let i = 0; i < n; i++) await peer.validate(sessionId);
        },
      };
    },
  };
}

/** `validate` and `validate-eq` differ only in legacy's KDF cost (and `validate` alone has the peers). */
export function makeValidateWorkload(options: KdfVariantOptions): Workload {
  return defineBatchWorkload({
    id: options.id,
    title: options.title,
    ...(options.claim ? { claim: options.claim } : {}),
    notes: options.notes,
    budgetMs: options.budgetMs,
    async legacy(legacy) {
      const restore = options.legacyIterations === undefined ? () => {} : useLegacyIterations(legacy, options.legacyIterations);
      // The binding is signed with the same iteration count the validation will use.
      const { session, security } = await createLegacySession(legacy, legacyManager(legacy, 10), `${options.id}-legacy`);
      return {
        async batch(n) {
          for (let i = 0; i < n; i++) {
            if (!security.validateBinding(SECRET_KEY)) throw new Error('legacy validateBinding returned false');
            await session.recordAccess(TOOL);
          }
        },
        teardown: restore,
      };
    },
    async core(core) {
      const session = await createCoreSession(coreManager(core, 10), `${options.id}-core`);
      return {
        async batch(n) {
          for (let i = 0; i < n; i++) await session.validateSecurity(TOOL);
        },
      };
    },
    ...(options.withPeers ? peerSides(options.id) : {}),
    floor() {
      // The work: recompute one HMAC-SHA256, compare it in constant time, count the access.
      const session = floorSession(`${options.id}-floor`);
      return {
        batch(n) {
          for (let i = 0; i < n; i++) {
            if (!verifyBinding(session.id, session.binding)) throw new Error('floor binding does not verify');
            session.accessCount++;
          }
        },
      };
    },
  });
}

export const validateWorkload = makeValidateWorkload({
  id: 'validate',
  title: 'one security validation (binding check + access record)',
  claim: { text: '5 ms → 2 ms', legacy: 5e6, core: 2e6 },
  withPeers: true,
  notes: [
    'legacy recomputes its PBKDF2 signature (600,000 iterations) on every validation; core recomputes an HMAC-SHA256.',
    "Floor: one createHmac('sha256') recomputed and compared with timingSafeEqual, one counter bumped. Peers do the same check (lru-cache under the session's Mutex; express-session as get + set of the MemoryStore, which is how it records anything).",
  ],
  budgetMs: { quick: 2_000, full: 12_000 },
});
