import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/support/global-setup.ts'],
    // The multi-process suites spawn Node workers and drive a real Redis.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
