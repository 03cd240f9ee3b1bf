import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { LuaScript } from './scripts.js';

/** The connection the store runs on: an ioredis `Redis` or `Cluster` (see the `client` option). */
export type RedisClient = Redis | Cluster;
export type ScriptArg = string | number;

/**
 * Runs a Lua script by its SHA1 (EVALSHA), sending the source only when the
 * server does not have it cached (NOSCRIPT: first use, or a restarted Redis).
 * Unlike ioredis's `defineCommand`, it adds nothing to the client, which may
 * be the caller's own.
 */
export class ScriptRunner {
  readonly #shas = new Map<LuaScript, string>();

  constructor(private readonly client: RedisClient) {}

  /** The script's reply; or, with `then`, what `then` makes of it (in the same step: one promise hop fewer). */
  run(script: LuaScript, keys: readonly string[], args: readonly ScriptArg[]): Promise<unknown>;
  run<T>(script: LuaScript, keys: readonly string[], args: readonly ScriptArg[], then: (reply: unknown) => T): Promise<T>;
  run(script: LuaScript, keys: readonly string[], args: readonly ScriptArg[], then: (reply: unknown) => unknown = identity): Promise<unknown> {
    let sha = this.#shas.get(script);
    if (sha === undefined) {
      sha = createHash('sha1').update(script.source).digest('hex');
      this.#shas.set(script, sha);
    }
    return this.client.evalsha(sha, script.numberOfKeys, ...keys, ...args).then(then, (error: unknown) => {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.client.eval(script.source, script.numberOfKeys, ...keys, ...args).then(then);
    });
  }
}

function identity(reply: unknown): unknown {
  return reply;
}
