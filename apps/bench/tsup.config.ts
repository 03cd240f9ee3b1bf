import { defineConfig } from 'tsup';

// An app, not a library: ESM only. The child scripts are separate entries
// because the bench runs them in fresh `node` processes.
export default defineConfig({
  entry: {
    cli: 'src/cli.ts',
    index: 'src/index.ts',
    'child/memory': 'src/child/memory.ts',
    'child/cold-import': 'src/child/cold-import.ts',
    'child/count-loads-hook': 'src/child/count-loads-hook.ts',
    'child/throughput-worker': 'src/child/throughput-worker.ts',
    'child/scale': 'src/child/scale.ts',
  },
  format: ['esm'],
  // The peers are devDependencies (tsup would bundle them): loaded from node_modules like the packages under test.
  external: ['lru-cache', 'async-mutex', 'express-session', 'connect-redis', 'redis'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
