import { defineConfig, type Options } from 'tsup';

/**
 * ESM only, then `scripts/emit-cjs-entries.mjs` writes a CommonJS entry per
 * subpath that re-exports the ESM build (Node >= 20.19 `require(esm)`), so
 * there is one copy of every class whichever way the package is loaded.
 */
const shared: Options = {
  format: ['esm'],
  // Members marked @internal (the symbol-keyed hooks core's modules share) stay out of the public types.
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  target: 'node20',
  // Error classes name themselves from `new.target.name`: bundling must not rename them.
  keepNames: true,
};

export default defineConfig([
  {
    ...shared,
    // One build for the entries that share classes (Session, the stores): they
    // share chunks, so `@sessionkit/core/testing` hands out the root's own classes.
    entry: { index: 'src/index.ts', interop: 'src/interop.ts', testing: 'src/testing/index.ts' },
    clean: false,
    splitting: true,
    // zod/mini and async-mutex are bundled, tree-shaken to what core uses: an MCP
    // server spawned per client pays for every module it loads at start-up
    // (importing zod/mini from node_modules costs ~50 ms here; core bundled, ~15 ms
    // in all; apps/bench's cold-import workload measures it). They are therefore
    // devDependencies only: nothing is installed twice.
    noExternal: ['zod', 'async-mutex'],
    external: ['vitest'],
  },
  {
    ...shared,
    // The schemas are for composing with the caller's own zod: this entry imports it (a peer dependency).
    entry: { schemas: 'src/schemas.ts' },
    clean: false,
    external: ['zod'],
  },
]);
