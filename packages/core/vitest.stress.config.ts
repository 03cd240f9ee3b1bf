import { defineConfig } from 'vitest/config';

// `pnpm test:stress`: the long, bounded runs (load, and the bad-input properties with many more cases).
export default defineConfig({
  test: {
    include: ['stress/**/*.stress.ts', 'test/bad-input.property.test.ts', 'test/invariants.property.test.ts'],
    env: { SESSIONKIT_FUZZ_RUNS: '3000' },
    testTimeout: 600_000,
  },
});
