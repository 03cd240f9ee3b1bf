import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    // Real transports: stdio child processes and loopback HTTP, and a private redis-server.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
