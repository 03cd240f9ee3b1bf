import { defineConfig } from 'tsup';

// An app, not a library: ESM only. `src/server.ts` starts with a shebang, which
// esbuild keeps and tsup turns into an executable `dist/server.js`.
export default defineConfig({
  entry: { server: 'src/server.ts' },
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
