import { defineConfig } from 'tsup';

/**
 * Every old module is its own entry (and subpath export). `splitting` makes
 * shared code one chunk in BOTH formats, so each class and the lock-manager
 * singleton exist once per format however many subpaths a program imports.
 */
export const modules = [
  'index',
  'exceptions',
  'config',
  'models',
  'session_lock_manager',
  'session_concurrency',
  'session_security',
  'session_data',
  'session_manager',
  'handlers/session_handler',
  'helpers/session_helpers',
  'tools/session_tools',
] as const;

export default defineConfig({
  entry: {
    ...Object.fromEntries(modules.map((name) => [name, `src/${name}.ts`])),
    // Suite factories for other packages' tests. vitest stays external (an
    // optional peer) and refuses require(), so package.json exports this
    // entry under `import` only; its .cjs twin is built but never exposed.
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
