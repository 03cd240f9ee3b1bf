import { SECRET_KEY } from '../fixtures.js';
import { coreManager, createCoreSession } from '../sides/core.js';
import { floorSession } from '../sides/floor.js';
import { createLegacySession, legacyManager, useLegacyIterations } from '../sides/legacy.js';
import { defineBatchWorkload } from './define.js';
import type { KdfVariantOptions, Workload } from './types.js';

const TOOL = 'analyze_from_perspectives';

/** `validate` and `validate-eq` differ only in legacy's KDF cost. */
export function makeValidateWorkload(options: KdfVariantOptions): Workload {
  return defineBatchWorkload({
    id: options.id,
    title: options.title,
    ...(options.claim ? { claim: options.claim } : {}),
    notes: options.notes,
    budgetMs: options.budgetMs,
    async legacy(legacy) {
      const restore =
        options.legacyIterations === undefined ? () => {} : useLegacyIterations(legacy, options.legacyIterations);
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
    floor() {
      // The limit: compare a stored string with the expected one and count the access.
      const session = floorSession(`${options.id}-floor`);
      const expected = Array.from(session.binding.signature).join(''); // a separate copy: compared by content
      return {
        batch(n) {
          for (let i = 0; i < n; i++) {
            if (session.binding.signature !== expected) throw new Error('floor binding mismatch');
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
  notes: ['legacy recomputes its PBKDF2 signature (600,000 iterations) on every validation; core recomputes an HMAC-SHA256.'],
  budgetMs: { quick: 3_000, full: 12_000 },
});
