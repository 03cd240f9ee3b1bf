import { defineConfig } from 'tsup';

/**
 * ESM only; `scripts/emit-cjs-entries.mjs` then writes CommonJS entries that
 * re-export the ESM build (Node >= 20.19 `require(esm)`): one copy of every
 * class and singleton, whichever way the package is loaded.
 */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  target: 'node20',
});
