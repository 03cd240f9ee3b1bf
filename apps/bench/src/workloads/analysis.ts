import { PROMPT, RESPONSES } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { defineBatchWorkload } from './define.js';

/** Analyses accumulate; the session is replaced (untimed) before memory grows without bound. */
const RESET_AT = 5_000; // below core's default limits.maxAnalyses (10,000)

export const analysisWorkload = defineBatchWorkload({
  id: 'analysis',
  title: 'record an analysis',
  notes: [
    "legacy does what its analyze tool did: countResponses, then SessionData.recordAnalysis, without a lock; core records under the session lock and updates metrics and version.",
  ],
  budgetMs: { quick: 1_500, full: 6_000 },
  legacy(legacy) {
    const fresh = () => new legacy.SessionData('analysis-legacy', new Date());
    let data = fresh();
    let recorded = 0;
    return {
      batch(n) {
        for (let i = 0; i < n; i++) {
          const [active, abstained] = legacy.countResponses(RESPONSES);
          data.recordAnalysis(PROMPT, { ...RESPONSES }, active, abstained);
        }
        recorded += n;
      },
      afterBatch() {
        if (recorded >= RESET_AT) {
          data = fresh();
          recorded = 0;
        }
      },
    };
  },
  async core(core) {
    const manager = coreManager(core, 1_000);
    let generation = 0;
    const fresh = () => createCoreSession(manager, `analysis-core-${generation++}`);
    let session: CoreSession = await fresh();
    let recorded = 0;
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) await session.recordAnalysis(PROMPT, { ...RESPONSES }, 1.25);
        recorded += n;
      },
      async afterBatch() {
        if (recorded >= RESET_AT) {
          await manager.removeSession(session.sessionId);
          session = await fresh();
          recorded = 0;
        }
      },
    };
  },
  floor() {
    const fresh = (): FloorSession => floorSession('analysis-floor');
    let session = fresh();
    return {
      batch(n) {
        for (let i = 0; i < n; i++) {
          session.analyses.push({ prompt: PROMPT, timestamp: Date.now(), responses: { ...RESPONSES } });
          session.version++;
        }
      },
      afterBatch() {
        if (session.analyses.length >= RESET_AT) session = fresh();
      },
    };
  },
});
