import { defineConfig } from 'tsup';

/**
 * Every old module is its own entry (and subpath export). `splitting` puts
 * shared code in one chunk per format, so each class, the session-data
 * registry and the lock-manager singleton exist once however many subpaths a
 * program imports, in ESM and in CommonJS alike.
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
] as const;

export default defineConfig({
  entry: Object.fromEntries(modules.map((name) => [name, `src/${name}.ts`])),
  format: ['esm', 'cjs'],
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
