/**
 * The same store on a three-master Redis Cluster (its own redis-servers):
 * every script touches one slot, sessions spread over the shards, the index
 * lives on one of them, invalidations cross nodes.
 */
import { execFileSync } from 'node:child_process';
import { SimpleSessionManager, type StoreInvalidation } from '@sessionkit/core';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { indexKeys, RedisSessionStore, sessionKey } from '../src/index.js';
import { describeWithOwnRedis, uniquePrefix } from './support/redis.js';
import { type RedisServer, startRedisServer } from '@sessionkit/core/testing';

const nodes: RedisServer[] = [];
const stores: RedisSessionStore[] = [];
const managers: SimpleSessionManager[] = [];

/** Starts three masters into `nodes` (so afterAll stops them even if the cluster never forms). */
async function startCluster(): Promise<void> {
  await Promise.all(
    [0, 1, 2].map(async () => {
      nodes.push(await startRedisServer({ args: ['--cluster-enabled', 'yes', '--cluster-node-timeout', '2000'] }));
    }),
  );
  const servers = nodes;
  execFileSync('redis-cli', ['--cluster', 'create', ...servers.map((s) => `127.0.0.1:${s.port}`), '--cluster-replicas', '0', '--cluster-yes'], {
    stdio: 'ignore',
  });
  // Slots are assigned at once; the nodes agree on the layout a moment later (cluster bus gossip).
  const probes = servers.map((server) => new Redis(server.url));
  try {
    await vi.waitFor(
      async () => {
        const infos = await Promise.all(probes.map((probe) => probe.cluster('INFO')));
        if (!infos.every((info) => String(info).includes('cluster_state:ok'))) throw new Error('cluster not ready yet');
      },
      { timeout: 10_000, interval: 50 },
    );
  } finally {
    for (const probe of probes) probe.disconnect();
  }
}

function clusterStore(keyPrefix: string): RedisSessionStore {
  const store = new RedisSessionStore({ cluster: { nodes: [nodes[0]!.url] }, keyPrefix });
  stores.push(store);
  return store;
}

function managerOn(store: RedisSessionStore, maxSessions = 50): SimpleSessionManager {
  const manager = new SimpleSessionManager({ secretKey: 'cluster-secret', store, maxSessions, storeRetry: { baseDelayMs: 0, maxDelayMs: 2 } });
  managers.push(manager);
  return manager;
}

describeWithOwnRedis('RedisSessionStore on Redis Cluster', () => {
  beforeAll(async () => {
    await startCluster();
  }, 30_000);

  afterAll(async () => {
    await Promise.all(managers.map((manager) => manager.shutdown()));
    await Promise.all(stores.map((store) => store.close()));
    await Promise.all(nodes.map((node) => node.dispose()));
  });

  it('shares sessions spread over every shard, with one global capacity, stats and invalidations', async () => {
    const keyPrefix = uniquePrefix();
    const storeA = clusterStore(keyPrefix);
    const storeB = clusterStore(keyPrefix);
    const a = managerOn(storeA, 12);
    const b = managerOn(storeB, 12);

    const ids = Array.from({ length: 12 }, (_, i) => `spread-${i}`);
    await Promise.all(ids.map((id, i) => (i % 2 === 0 ? a : b).createSession(id, { initialPerspectives: ['technical'] })));
    await expect(a.createSession('one-too-many')).rejects.toMatchObject({ code: 'SESSION_CAPACITY' });

    // The session keys really live on different masters (one slot per {id}).
    const cluster = new Cluster([nodes[0]!.url]);
    try {
      const owners = new Set<string>();
      for (const id of ids) {
        const slot = await cluster.cluster('KEYSLOT', sessionKey(keyPrefix, id));
        const shards = (await cluster.cluster('SHARDS')) as unknown[];
        owners.add(ownerOf(shards, Number(slot)));
      }
      expect(owners.size).toBeGreaterThan(1);
      const index = indexKeys(keyPrefix);
      const indexSlots = await Promise.all([index.created, index.expires, index.reserved].map((key) => cluster.cluster('KEYSLOT', key)));
      expect(new Set(indexSlots).size).toBe(1);
    } finally {
      cluster.disconnect();
    }

    // Concurrent writes from both managers on one session: no lost update.
    const inA = await a.requireSession('spread-3');
    const inB = await b.requireSession('spread-3');
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? inA : inB).recordAnalysis(`p${i}`, { technical: 'x' })));
    expect((await inA.exportState()).version).toBe(40);
    expect(await b.getStats()).toMatchObject({ active_sessions: 12, total_threads: 12, total_analyses: 40 });

    // A removal published through one node reaches a subscriber connected to another.
    const removed = new Promise<StoreInvalidation>((resolve) => {
      void storeB.subscribe((event) => {
        if (event.kind === 'removed' && event.sessionId === 'spread-5') resolve(event);
      });
    });
    await storeB.subscribe(() => undefined);
    expect(await a.removeSession('spread-5')).toBe(true);
    expect(await removed).toEqual({ sessionId: 'spread-5', kind: 'removed' });
    expect(await b.getSession('spread-5')).toBeNull();
    await expect(a.createSession('one-too-many')).resolves.toBeDefined();
  });
});

/** The node id of the master serving `slot`, from CLUSTER SHARDS. */
function ownerOf(shards: unknown[], slot: number): string {
  for (const shard of shards as unknown[][]) {
    const slots = shard[1] as number[];
    const shardNodes = shard[3] as unknown[][];
    for (let i = 0; i + 1 < slots.length; i += 2) {
      if (slot >= (slots[i] as number) && slot <= (slots[i + 1] as number)) return String(shardNodes[0]?.[1]);
    }
  }
  throw new Error(`no shard serves slot ${slot}`);
}
