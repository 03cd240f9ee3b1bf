import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Each transform is its own entry: jscodeshift's worker processes `require`
// a transform by file path, so dist/transforms/<name>.cjs must stand alone.
const transforms = readdirSync('src/transforms')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/transforms/${file}`);

export default defineConfig({
  // survey.ts is the CLI's first pass (a transform that changes nothing), loaded by path the same way.
  entry: ['src/index.ts', 'src/cli.ts', 'src/survey.ts', ...transforms],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  // import.meta.url also in the CommonJS build (run-jscodeshift finds dist/transforms through it).
  shims: true,
});
