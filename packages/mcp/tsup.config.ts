import { defineConfig } from 'tsup';

// Three entries: the SDK-agnostic layer, and one adapter per SDK line. The
// adapters import the SDKs for types only, so neither SDK is loaded at run time.
export default defineConfig({
  entry: { index: 'src/index.ts', v2: 'src/v2.ts', v1: 'src/v1.ts' },
  format: ['esm', 'cjs'],
  // One copy of the shared code in each format, so classes and caches are shared by the entries.
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
