import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The property suites run hundreds of generated cases: bounded by their run counts, not by a 5 s clock
    // (CI shares two cores with other jobs).
    testTimeout: 60_000,
  },
});
