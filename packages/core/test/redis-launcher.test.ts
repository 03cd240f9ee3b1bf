import { describe, expect, it } from 'vitest';
import { startRedisServer } from '../src/testing/index.js';

describe('startRedisServer', () => {
  it('rejects (and does not crash the process) when redis-server is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startRedisServer({ startTimeoutMs: 2_000 })).rejects.toThrow(/could not start redis-server/);
    } finally {
      process.env.PATH = path;
    }
  });
});
