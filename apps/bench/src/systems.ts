/**
 * Loads the systems under test (and `@sessionkit/store-redis`, core's Redis
 * store, and the peer packages). They are imported dynamically so that a
 * missing or half-built package costs its own sides, not the whole run: the
 * floor still measures, and the report says which side could not load and why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Core from '@sessionkit/core';
import type * as AsyncMutex from 'async-mutex';
import type * as ConnectRedis from 'connect-redis';
import type * as ExpressSession from 'express-session';
import type * as LruCache from 'lru-cache';
import type * as NodeRedis from 'redis';
import type * as Legacy from '@sessionkit/legacy';
import type * as StoreRedis from '@sessionkit/store-redis';

export type CoreModule = typeof Core;
export type LegacyModule = typeof Legacy;
export type StoreRedisModule = typeof StoreRedis;

export type Loaded<T> = { ok: true; module: T } | { ok: false; reason: string };

/** The packages the peer sides are built from (devDependencies of the bench). */
export interface PeerModules {
  LRUCache: typeof LruCache.LRUCache;
  Mutex: typeof AsyncMutex.Mutex;
  expressSession: typeof ExpressSession.default;
  RedisStore: typeof ConnectRedis.RedisStore;
  createRedisClient: typeof NodeRedis.createClient;
}

export interface Systems {
  legacy: Loaded<LegacyModule>;
  core: Loaded<CoreModule>;
  storeRedis: Loaded<StoreRedisModule>;
  peers: Loaded<PeerModules>;
}

/** The peer packages, by name: what the report's header lists with their versions. */
export const PEER_PACKAGES = ['lru-cache', 'async-mutex', 'express-session', 'connect-redis', 'redis'] as const;

/** What the bench calls on each package; checked up front so a gap is reported by name. */
const REQUIRED_EXPORTS = {
  core: ['SimpleSessionManager', 'Session', 'Thread'],
  storeRedis: ['RedisSessionStore'],
  legacy: [
    'ContextSwitcherSession',
    'ClientBinding',
    'SessionSecurity',
    'SessionManager',
    'SessionData',
    'SessionConcurrency',
    'Thread',
    'getSessionLockManager',
    'countResponses',
    'getConfig',
    'setConfig',
  ],
} as const;

async function load<T>(specifier: string, required: readonly string[]): Promise<Loaded<T>> {
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `cannot import ${specifier} (${message}); build it with pnpm --filter ${specifier} build` };
  }
  const missing = required.filter((name) => module[name] === undefined);
  if (missing.length > 0) {
    return { ok: false, reason: `${specifier} does not export ${missing.join(', ')} (yet)` };
  }
  return { ok: true, module: module as T };
}

/** The peer packages alone (the child processes need nothing else). */
export async function loadPeers(): Promise<Loaded<PeerModules>> {
  try {
    const [lru, mutex, expressSession, connectRedis, redis] = await Promise.all([
      import('lru-cache'),
      import('async-mutex'),
      import('express-session'),
      import('connect-redis'),
      import('redis'),
    ]);
    return {
      ok: true,
      module: {
        LRUCache: lru.LRUCache,
        Mutex: mutex.Mutex,
        // A CommonJS module: its function (with MemoryStore, Cookie) is the default export.
        expressSession: ((expressSession as { default?: unknown }).default ?? expressSession) as typeof ExpressSession.default,
        RedisStore: connectRedis.RedisStore,
        createRedisClient: redis.createClient,
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `cannot import the peer packages (${message}); run pnpm install` };
  }
}

export async function loadSystems(): Promise<Systems> {
  const [legacy, core, storeRedis, peers] = await Promise.all([
    load<LegacyModule>('@sessionkit/legacy', REQUIRED_EXPORTS.legacy),
    load<CoreModule>('@sessionkit/core', REQUIRED_EXPORTS.core),
    load<StoreRedisModule>('@sessionkit/store-redis', REQUIRED_EXPORTS.storeRedis),
    loadPeers(),
  ]);
  return { legacy, core, storeRedis, peers };
}

/**
 * The installed version of each peer package (found from its entry point up
 * to its own package.json: not every package exports `./package.json`).
 */
export function peerVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of PEER_PACKAGES) {
    try {
      let dir = dirname(require.resolve(name));
      for (;;) {
        const manifest = join(dir, 'package.json');
        if (existsSync(manifest)) {
          const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
          if (parsed.name === name && parsed.version) {
            versions[name] = parsed.version;
            break;
          }
        }
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    } catch {
      // Not installed: the peer sides say so themselves.
    }
  }
  return versions;
}
