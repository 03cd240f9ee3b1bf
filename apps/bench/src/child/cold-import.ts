/**
 * Child process: the cost of importing a package into a fresh `node`.
 *
 *   node dist/child/cold-import.js <legacy|core|floor> [--count-modules]
 *
 * Prints {"importMs": …} (time of the dynamic import, as the first import of
 * the process) or, with --count-modules, {"modules": …}: ESM modules loaded
 * (counted by a loader hook) plus CommonJS modules (from require.cache). The
 * hook slows imports down, so counting and timing are separate runs.
 */
import { createRequire, register } from 'node:module';

const SPECIFIERS: Record<string, string> = {
  legacy: '@sessionkit/legacy',
  core: '@sessionkit/core',
  // The floor: an empty module, i.e. what any import costs.
  floor: 'data:text/javascript,export{}',
};

async function main(): Promise<void> {
  const [side, flag] = process.argv.slice(2);
  const specifier = side === undefined ? undefined : SPECIFIERS[side];
  if (specifier === undefined) throw new Error(`unknown side: ${side}`);

  if (flag === '--count-modules') {
    const counter = new SharedArrayBuffer(4);
    register('./count-loads-hook.js', { parentURL: import.meta.url, data: { counter } });
    const require = createRequire(import.meta.url);
    const cjsBefore = Object.keys(require.cache).length;
    await import(specifier);
    const esm = Atomics.load(new Int32Array(counter), 0);
    const cjs = Object.keys(require.cache).length - cjsBefore;
    process.stdout.write(`${JSON.stringify({ side, modules: esm + cjs, esm, cjs })}\n`);
    return;
  }

  const start = performance.now();
  await import(specifier);
  const importMs = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ side, importMs })}\n`);
}

try {
  await main();
} catch (error) {
  // One line for the parent to report, not a stack trace.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
