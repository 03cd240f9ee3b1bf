/**
 * ESM loader hooks (registered with `module.register`) that count every
 * module the loader loads, builtins excluded, into a SharedArrayBuffer the
 * main thread reads synchronously after its import. CommonJS modules entered
 * through `import` are left to the main thread, which counts them from
 * `require.cache` (nested `require`s do not pass through these hooks).
 */
interface InitializeData {
  counter: SharedArrayBuffer;
}

interface LoadResult {
  format?: string | null;
}

type NextLoad = (url: string, context: unknown) => Promise<LoadResult>;

let counter: Int32Array | undefined;

export function initialize(data: InitializeData): void {
  counter = new Int32Array(data.counter);
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (counter && result.format !== 'builtin' && result.format !== 'commonjs') Atomics.add(counter, 0, 1);
  return result;
}
