import { PROMPT, RESPONSES } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { ExpressPeer } from '../sides/peers/express.js';
import { LruPeer, type LruSession } from '../sides/peers/lru.js';
import { recordPeerAnalysis } from '../sides/peers/record.js';
import { defineBatchWorkload } from './define.js';

/** Analyses accumulate; the session is replaced (untimed) before memory grows without bound. */
const RESET_AT = 5_000;
/** A batch never takes a session from below RESET_AT past core's default limits.maxAnalyses (10,000). */
const MAX_BATCH = RESET_AT;
/**
 * express-session stores each session as one JSON string, re-serialised on
 * every set: its analyses go round-robin to this many sessions, replaced
 * (untimed) after this many each, so its cost does not grow with the run.
 */
const EXPRESS_POOL = 100;
const EXPRESS_ANALYSES_PER_SESSION = 10;

export const analysisWorkload = defineBatchWorkload({
  id: 'analysis',
  title: 'record an analysis',
  notes: [
    'legacy does what its analyze tool did: countResponses, then SessionData.recordAnalysis, without a lock; core records under the session lock and updates metrics and version.',
    `Peers: lru-cache + Mutex appends the same record under the session's mutex; express-session gets, appends and sets it back (spread over ${EXPRESS_POOL} sessions replaced after ${EXPRESS_ANALYSES_PER_SESSION} analyses each, since it re-serialises the whole session per set). Floor: push the record, bump a version.`,
  ],
  budgetMs: { quick: 1_500, full: 6_000 },
  legacy(legacy) {
    const fresh = () => new legacy.SessionData('analysis-legacy', new Date());
    let data = fresh();
    let recorded = 0;
    return {
      maxBatchSize: MAX_BATCH,
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
      maxBatchSize: MAX_BATCH,
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
  'lru-cache'(peers) {
    let generation = 0;
    const fresh = (): LruSession => new LruPeer(peers, { max: 10 }).create(`analysis-lru-${generation++}`);
    let session = fresh();
    let recorded = 0;
    return {
      maxBatchSize: MAX_BATCH,
      async batch(n) {
        for (let i = 0; i < n; i++) await session.update((data) => recordPeerAnalysis(data, PROMPT, RESPONSES, Date.now()));
        recorded += n;
      },
      afterBatch() {
        if (recorded >= RESET_AT) {
          session = fresh();
          recorded = 0;
        }
      },
    };
  },
  async 'express-session'(peers) {
    let generation = 0;
    const freshPool = async (): Promise<{ peer: ExpressPeer; ids: string[] }> => {
      const peer = new ExpressPeer(peers);
      const ids = Array.from({ length: EXPRESS_POOL }, (_, i) => `analysis-express-${generation}-${i}`);
      generation++;
      for (const id of ids) await peer.create(id);
      return { peer, ids };
    };
    let pool = await freshPool();
    let recorded = 0;
    return {
      maxBatchSize: EXPRESS_POOL * EXPRESS_ANALYSES_PER_SESSION,
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const id = pool.ids[(recorded + i) % EXPRESS_POOL] as string;
          await pool.peer.update(id, (data) => recordPeerAnalysis(data, PROMPT, RESPONSES, Date.now()));
        }
        recorded += n;
      },
      async afterBatch() {
        if (recorded >= EXPRESS_POOL * EXPRESS_ANALYSES_PER_SESSION) {
          pool = await freshPool();
          recorded = 0;
        }
      },
    };
  },
  floor() {
    const fresh = (): FloorSession => floorSession('analysis-floor');
    let session = fresh();
    return {
      maxBatchSize: MAX_BATCH,
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
