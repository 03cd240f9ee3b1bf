import { defineConfig } from 'tsup';

// An app, not a library: ESM only. `src/server.ts` starts with a shebang, which
// esbuild keeps and tsup turns into an executable `dist/server.js`.
// `bench-driver` is the process apps/bench forks to measure the demo.
export default defineConfig({
  entry: { server: 'src/server.ts', 'bench-driver': 'src/bench-driver.ts' },
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
