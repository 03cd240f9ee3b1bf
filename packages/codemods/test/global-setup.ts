/**
 * The CLI tests run dist/cli.js, whose workers load dist/transforms/*.cjs.
 * Turbo builds before testing; a direct `vitest run` after editing src/
 * would test a stale build, so this rebuilds when src/ is newer than dist/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === '__testfixtures__') continue;
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const built = [join(packageDir, 'dist/cli.js'), join(packageDir, 'dist/transforms/all.cjs')];
  const sources = Math.max(newestSource(join(packageDir, 'src')), statSync(join(packageDir, 'tsup.config.ts')).mtimeMs);
  if (built.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) return;
  const tsup = join(dirname(createRequire(import.meta.url).resolve('tsup/package.json')), 'dist/cli-default.js');
  execFileSync(process.execPath, [tsup], { cwd: packageDir, stdio: 'ignore' });
}
