/**
 * Runs one of the bench's child scripts in a fresh `node` and returns the JSON
 * it printed as its last stdout line. Child scripts live in `dist/child/`,
 * found from the package root so this works from `src` (tests) and `dist`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@sessionkit/bench') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the @sessionkit/bench package root');
    dir = parent;
  }
}

export function childScript(name: 'memory' | 'cold-import' | 'throughput-worker' | 'scale'): string {
  const script = join(packageRoot(), 'dist', 'child', `${name}.js`);
  if (!existsSync(script)) throw new Error(`${script} is missing: build the bench first (pnpm --filter @sessionkit/bench build)`);
  return script;
}

export function runChild<T>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeFlags, script, ...args],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => {
        if (error) {
          const tail = stderr.trim().split('\n').slice(-5).join('\n');
          reject(new Error(`child ${script} ${args.join(' ')} failed: ${tail || error.message}`));
          return;
        }
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`child ${script} printed no JSON result: ${last.slice(0, 200)}`));
        }
      },
    );
  });
}
