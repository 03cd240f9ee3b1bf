/** Core's SessionStore contract (`@sessionkit/core/testing`), run against Redis: each test on its own key prefix. */
import { defineStoreContract } from '@sessionkit/core/testing';
import { sessionKey } from '../src/index.js';
import { describeWithRedis, openStore, rawRedis, uniquePrefix } from './support/redis.js';

describeWithRedis('RedisSessionStore', () => {
  defineStoreContract('RedisSessionStore', () => {
    const keyPrefix = uniquePrefix(); // keys deleted after each test (support/redis.ts)
    return {
      openStore: () => openStore({ keyPrefix }),
      async corrupt(sessionId, raw) {
        await rawRedis().hset(sessionKey(keyPrefix, sessionId), 'state', raw);
      },
    };
  });
});
