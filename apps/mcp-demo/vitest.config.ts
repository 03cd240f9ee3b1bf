import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most tests spawn the built server (`node dist/server.js`) as an MCP client would.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
