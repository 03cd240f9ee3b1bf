/**
 * Loads the systems under test (and `@sessionkit/store-redis`, core's Redis store). They are imported dynamically so that a
 * missing or half-built package costs its own sides, not the whole run: the
 * floor still measures, and the report says which side could not load and why.
 */
import type * as Core from '@sessionkit/core';
import type * as Legacy from '@sessionkit/legacy';
import type * as StoreRedis from '@sessionkit/store-redis';

export type CoreModule = typeof Core;
export type LegacyModule = typeof Legacy;
export type StoreRedisModule = typeof StoreRedis;

export type Loaded<T> = { ok: true; module: T } | { ok: false; reason: string };

export interface Systems {
  legacy: Loaded<LegacyModule>;
  core: Loaded<CoreModule>;
  storeRedis: Loaded<StoreRedisModule>;
}

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

export async function loadSystems(): Promise<Systems> {
  const [legacy, core, storeRedis] = await Promise.all([
    load<LegacyModule>('@sessionkit/legacy', REQUIRED_EXPORTS.legacy),
    load<CoreModule>('@sessionkit/core', REQUIRED_EXPORTS.core),
    load<StoreRedisModule>('@sessionkit/store-redis', REQUIRED_EXPORTS.storeRedis),
  ]);
  return { legacy, core, storeRedis };
}
