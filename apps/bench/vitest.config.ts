import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Decides once whether the store-redis tests can run (and fails under CI when they cannot).
    globalSetup: ['./test/support/global-setup.ts'],
    // The Chromium render and the CLI smoke runs start real processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
