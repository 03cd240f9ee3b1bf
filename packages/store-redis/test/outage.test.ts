/**
 * Redis going away: stopped, restarted empty, frozen, or not there yet. Each
 * test runs its own redis-server (never the shared one) so it can do that.
 */
import { type Logger, type Session, SessionNotFoundError, SimpleSessionManager } from '@sessionkit/core';
import { afterEach, expect, it } from 'vitest';
import type { RedisSessionStore } from '../src/index.js';
import { describeWithOwnRedis, openStore, uniquePrefix } from './support/redis.js';
import { type RedisServer, startRedisServer } from '@sessionkit/core/testing';

const servers: RedisServer[] = [];
const managers: SimpleSessionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.shutdown()));
  await Promise.all(servers.splice(0).map((server) => server.dispose()));
});

async function ownRedis(): Promise<RedisServer> {
  const server = await startRedisServer();
  servers.push(server);
  return server;
}

function managerOn(store: RedisSessionStore): SimpleSessionManager {
  const manager = new SimpleSessionManager({ secretKey: 'outage-secret', store, storeRetry: { baseDelayMs: 0, maxDelayMs: 2 } });
  managers.push(manager);
  return manager;
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  return { lines, debug: () => undefined, info: log('info'), warn: log('warn'), error: log('error') };
}

/** How an operation ended: 'ok' or its error code, and how long it took. */
async function outcome(operation: () => Promise<unknown>): Promise<{ result: string; ms: number }> {
  const started = performance.now();
  const result = await operation().then(
    () => 'ok',
    (error: unknown) => (error as { code?: string }).code ?? String(error),
  );
  return { result, ms: performance.now() - started };
}

const TIMEOUT = 500;
/** Scheduling slack on a busy machine; a hang, or the 2 s default timeout, would still exceed it. */
const SLACK = 500;

describeWithOwnRedis('RedisSessionStore when Redis goes away', () => {
  it('stopped and restarted mid-run: fails fast with SESSION_STORE_UNAVAILABLE, never crashes, recovers, serves nothing stale', async () => {
    const server = await ownRedis();
    const keyPrefix = uniquePrefix();
    const logger = recordingLogger();
    const storeA = openStore({ url: server.url, keyPrefix, commandTimeoutMs: TIMEOUT, logger });
    const storeB = openStore({ url: server.url, keyPrefix, commandTimeoutMs: TIMEOUT });
    const a = managerOn(storeA);
    const b = managerOn(storeB);
    const session = await a.createSession('steady', { initialPerspectives: ['technical'] });
    await a.createSession('quiet'); // never written again: B's copy can only go stale through the restart
    const quietInB = await b.requireSession('quiet');

    // A writer that never stops: every call must end, well within the timeout, in one of three ways.
    const outcomes: { result: string; ms: number }[] = [];
    let running = true;
    const writer = (async () => {
      for (let i = 0; running; i++) {
        outcomes.push(await outcome(() => session.recordAnalysis(`p${i}`, { technical: 'x' })));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const count = (result: string) => outcomes.filter((o) => o.result === result).length;

    await expect.poll(() => count('ok'), { timeout: 5000, interval: 5 }).toBeGreaterThanOrEqual(5);
    await server.stop();
    await expect.poll(() => count('SESSION_STORE_UNAVAILABLE'), { timeout: 5000, interval: 5 }).toBeGreaterThanOrEqual(3);

    // While it is down: every store call fails fast and typed; what the pool holds is still served.
    for (const call of [() => a.createSession('while-down'), () => a.getStats(), () => b.getSession('never-seen')]) {
      const { result, ms } = await outcome(call);
      expect(result).toBe('SESSION_STORE_UNAVAILABLE');
      expect(ms).toBeLessThan(TIMEOUT + SLACK);
    }
    expect((await session.getSessionInfo()).thread_names).toEqual(['technical']);

    await server.start(); // same port, empty: persistence is off
    await expect.poll(() => outcome(() => a.createSession('after-restart')).then((o) => o.result), { timeout: 5000, interval: 20 }).toBe('ok');
    // The restart lost every session. B has 'quiet' cached and heard nothing while Redis was gone: once
    // its subscriber is back it reports every session it served as changed, so the copy is reloaded, not served.
    await expect.poll(() => outcome(() => quietInB.exportState()).then((o) => o.result), { timeout: 5000, interval: 20 }).toBe('SESSION_NOT_FOUND');
    await expect.poll(() => count('SESSION_NOT_FOUND'), { timeout: 5000, interval: 5 }).toBeGreaterThanOrEqual(1);
    running = false;
    await writer;

    expect(new Set(outcomes.map((o) => o.result))).toEqual(new Set(['ok', 'SESSION_STORE_UNAVAILABLE', 'SESSION_NOT_FOUND']));
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(TIMEOUT + SLACK);
    expect(logger.lines).toContain('warn: sessionkit/store-redis: command connection to Redis lost; reconnecting in the background');
    expect(logger.lines).toContain('info: sessionkit/store-redis: command connection to Redis is back');
    expect((await a.requireSession('after-restart')).version).toBe(0);
  });

  it('a frozen Redis (SIGSTOP): the call gives up at commandTimeoutMs; the write lands whole or not at all', async () => {
    const server = await ownRedis();
    const store = openStore({ url: server.url, keyPrefix: uniquePrefix(), commandTimeoutMs: 300 });
    const manager = managerOn(store);
    const session: Session = await manager.createSession('frozen');

    server.pause();
    const { result, ms } = await outcome(() => session.recordAnalysis('during the freeze', { x: 'y' }));
    expect(result).toBe('SESSION_STORE_UNAVAILABLE');
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(300 + SLACK);
    expect(session.version).toBe(0); // the local copy only changes when a write is confirmed
    server.resume();

    // The frozen server still executes the script it had received: a timed-out write may have
    // happened (whole), and compare-and-set makes the next call build on it, never lose or split it.
    await session.recordAnalysis('after', { x: 'y' });
    const prompts = (await session.exportState()).analyses.map((analysis) => analysis.prompt);
    expect([['after'], ['during the freeze', 'after']]).toContainEqual(prompts);
    expect(session.version).toBe(prompts.length);
  });

  it('Redis not there at start-up: fails fast, then works once it is', async () => {
    const server = await ownRedis();
    await server.stop();
    const store = openStore({ url: server.url, keyPrefix: uniquePrefix(), commandTimeoutMs: TIMEOUT });
    const manager = managerOn(store);
    const down = await outcome(() => manager.createSession('early'));
    expect(down.result).toBe('SESSION_STORE_UNAVAILABLE');
    expect(down.ms).toBeLessThan(TIMEOUT + SLACK);

    await server.start();
    await expect.poll(() => outcome(() => manager.createSession('early')).then((o) => o.result), { timeout: 5000, interval: 20 }).toBe('ok');
    await expect(manager.requireSession('early')).resolves.toBeDefined();
    await expect(manager.getSession('missing')).resolves.toBeNull();
    await expect(manager.requireSession('missing')).rejects.toBeInstanceOf(SessionNotFoundError);
  });
});
