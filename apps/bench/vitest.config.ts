import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Chromium render and the CLI smoke runs start real processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
