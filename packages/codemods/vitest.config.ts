import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests run the built dist/ (jscodeshift's workers `require` dist/transforms/*.cjs).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
  },
});
