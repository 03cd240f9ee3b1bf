import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most tests spawn the built server (`node dist/server.js`) as an MCP client would;
    // generous limits so a loaded CI machine slows them down rather than failing them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
