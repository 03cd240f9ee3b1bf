import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // zod/mini is bundled, tree-shaken to the validators core uses: an MCP
  // server spawned per client pays for every module it loads at start-up
  // (zod's full package costs ~100 ms to import; this part, a few ms).
  // async-mutex is bundled for the same reason (it pulls in tslib). zod stays
  // a dependency for the types of the exported schemas.
  noExternal: ['zod', 'async-mutex'],
  // Error classes name themselves from `new.target.name`: bundling must not rename them.
  keepNames: true,
});
