import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { LuaScript } from './scripts.js';

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

  async run(script: LuaScript, keys: readonly string[], args: readonly ScriptArg[]): Promise<unknown> {
    let sha = this.#shas.get(script);
    if (sha === undefined) {
      sha = createHash('sha1').update(script.source).digest('hex');
      this.#shas.set(script, sha);
    }
    try {
      return await this.client.evalsha(sha, script.numberOfKeys, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.client.eval(script.source, script.numberOfKeys, ...keys, ...args);
    }
  }
}
