// One "server process": a SimpleSessionManager on a RedisSessionStore, driven
// by its parent over the IPC channel (child_process.fork). It imports the
// BUILT packages, as a deployment would. Every request gets exactly one reply
// { id, ok, value | error }; `churn` also sends progress messages.
import { SimpleSessionManager, Thread } from '@sessionkit/core';
import { RedisSessionStore } from '../../dist/index.js';

const config = JSON.parse(process.argv[2] ?? '{}');
const store = new RedisSessionStore({ url: config.url, keyPrefix: config.keyPrefix, commandTimeoutMs: config.commandTimeoutMs ?? 2000 });
const manager = new SimpleSessionManager({
  secretKey: 'multi-process-secret',
  store,
  maxSessions: config.maxSessions ?? 50,
});

const describeError = (error) => ({ name: error?.name, code: error?.code, message: error?.message });

const handlers = {
  async create({ sessionId, options }) {
    const session = await manager.createSession(sessionId, options ?? {});
    return session.exportState();
  },

  async createMany({ sessionIds }) {
    const results = await Promise.allSettled(sessionIds.map((sessionId) => manager.createSession(sessionId)));
    return results.map((result) => (result.status === 'fulfilled' ? 'created' : (result.reason?.code ?? 'unknown')));
  },

  async state({ sessionId }) {
    const session = await manager.getSession(sessionId);
    return session === null ? null : session.exportState();
  },

  async addThread({ sessionId, name }) {
    const session = await manager.requireSession(sessionId);
    return session.addThread(new Thread({ id: `${sessionId}_${name}`, name, systemPrompt: 'p', modelBackend: 'bedrock' }));
  },

  async remove({ sessionId }) {
    return manager.removeSession(sessionId);
  },

  async stats() {
    return manager.getStats();
  },

  /** `count` concurrent recordAnalysis calls on one session; reports how each one ended. */
  async hammer({ sessionId, count, tag }) {
    const session = await manager.requireSession(sessionId);
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => session.recordAnalysis(`${tag}-${i}`, { [tag]: `answer ${i}` }, 0.01)));
    const failures = results.filter((result) => result.status === 'rejected').map((result) => describeError(result.reason));
    return { succeeded: count - failures.length, failures: failures.slice(0, 5), ms: performance.now() - started, counters: store.counters };
  },

  /**
   * Mutates the given sessions in a loop until told to stop (or killed):
   * analyses, thread adds/removes and atomic updates, `parallel` at a time.
   * Sends { progress: n } after every 20 completed operations.
   */
  async churn({ sessionIds, parallel }) {
    let done = 0;
    let failed = 0;
    const errors = new Set();
    const lane = async (laneIndex) => {
      for (let i = 0; !stopChurn; i++) {
        const sessionId = sessionIds[(laneIndex + i) % sessionIds.length];
        try {
          const session = await manager.requireSession(sessionId);
          switch (i % 4) {
            case 0:
            case 1:
              await session.recordAnalysis(`churn ${process.pid} ${laneIndex}.${i}`, { a: 'x'.repeat(200), b: '[NO_RESPONSE]' }, 0.5);
              break;
            case 2:
              await session.addThread(new Thread({ id: `t${i}`, name: `t${laneIndex}_${i}`, systemPrompt: 'p', modelBackend: 'ollama' }));
              break;
            default:
              await session.atomicUpdate((state) => {
                state.topic = `topic from ${process.pid} at ${i}`;
              });
          }
          done++;
          if (done % 20 === 0) process.send({ progress: done });
        } catch (error) {
          failed++;
          errors.add(error?.code ?? String(error));
        }
      }
    };
    stopChurn = false;
    await Promise.all(Array.from({ length: parallel }, (_, i) => lane(i)));
    return { done, failed, errors: [...errors], counters: store.counters };
  },

  async stopChurn() {
    stopChurn = true;
    return true;
  },

  async exit() {
    await manager.shutdown();
    await store.close();
    setImmediate(() => process.exit(0));
    return true;
  },
};

let stopChurn = false;

process.on('message', async (request) => {
  const handler = handlers[request.op];
  try {
    if (handler === undefined) throw new Error(`unknown op ${request.op}`);
    process.send({ id: request.id, ok: true, value: await handler(request.args ?? {}) });
  } catch (error) {
    process.send({ id: request.id, ok: false, error: describeError(error) });
  }
});

process.send({ ready: true });
