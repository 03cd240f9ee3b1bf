/**
 * recordAnalysis as the analysis grows: 1 to 16 perspectives' responses per
 * record. The work grows with the responses copied, so this curve is shown,
 * not gated; what it answers is whether core's cost per analysis grows faster
 * than the data it keeps (the floor and the peer copy the same responses).
 */
import { PROMPT } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { LruPeer, type LruSession } from '../sides/peers/lru.js';
import { recordPeerAnalysis } from '../sides/peers/record.js';
import { defineBatchCurve } from './define.js';

const PERSPECTIVES = [1, 2, 4, 8, 16];
const QUICK_PERSPECTIVES = [1, 4, 16];
/** Analyses accumulate; the session is replaced (untimed) before memory grows without bound. */
const RESET_AT = 5_000;
/** A batch never takes a session from below RESET_AT past core's default limits.maxAnalyses (10,000). */
const MAX_BATCH = RESET_AT;

/** `count` perspectives' responses, one of them abstaining once there are four or more. */
export function responsesFor(count: number): Record<string, string> {
  const responses: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    responses[`perspective_${i}`] = i === 3 ? '[NO_RESPONSE]' : `Perspective ${i}: the risk is in the adapter, the gain is one lock per session.`;
  }
  return responses;
}

export const perspectivesWorkload = defineBatchCurve({
  id: 'analysis-perspectives',
  title: 'record an analysis with 1 to 16 perspectives',
  unit: 'ns/op',
  notes: [
    "The same recordAnalysis as `analysis`, with the responses of P perspectives (each ~75 characters). core: session.recordAnalysis; lru-cache + async-mutex: the record appended under the session's Mutex; floor: push the record.",
    `The row shows 4 perspectives; the curve runs P = ${PERSPECTIVES.join(', ')} (quick: ${QUICK_PERSPECTIVES.join(', ')}).`,
  ],
  budgetMs: { quick: 1_500, full: 5_000 },
  curve: { id: 'perspectives', title: 'time per analysis with P perspectives', param: 'perspectives' },
  xs: (ctx) => (ctx.quick ? QUICK_PERSPECTIVES : PERSPECTIVES),
  representative: 4,
  factories: (count) => {
    const responses = responsesFor(count);
    return {
      async core(core) {
        const manager = coreManager(core, 10);
        let generation = 0;
        const fresh = () => createCoreSession(manager, `perspectives-core-${count}-${generation++}`);
        let session: CoreSession = await fresh();
        let recorded = 0;
        return {
          maxBatchSize: MAX_BATCH,
          async batch(n) {
            for (let i = 0; i < n; i++) await session.recordAnalysis(PROMPT, { ...responses }, 1.25);
            recorded += n;
          },
          async afterBatch() {
            if (recorded < RESET_AT) return;
            await manager.removeSession(session.sessionId);
            session = await fresh();
            recorded = 0;
          },
        };
      },
      'lru-cache'(peers) {
        const peer = new LruPeer(peers, { max: 10 });
        let generation = 0;
        const fresh = (): LruSession => peer.create(`perspectives-lru-${count}-${generation++}`);
        let session = fresh();
        return {
          maxBatchSize: MAX_BATCH,
          async batch(n) {
            for (let i = 0; i < n; i++) await session.update((data) => recordPeerAnalysis(data, PROMPT, responses, Date.now()));
          },
          afterBatch() {
            if (session.data.analyses.length >= RESET_AT) session = fresh();
          },
        };
      },
      floor() {
        const fresh = (): FloorSession => floorSession(`perspectives-floor-${count}`);
        let session = fresh();
        return {
          maxBatchSize: MAX_BATCH,
          batch(n) {
            for (let i = 0; i < n; i++) {
              session.analyses.push({ prompt: PROMPT, timestamp: Date.now(), responses: { ...responses } });
              session.version++;
            }
          },
          afterBatch() {
            if (session.analyses.length >= RESET_AT) session = fresh();
          },
        };
      },
    };
  },
});
