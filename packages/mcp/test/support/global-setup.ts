/**
 * Once per run: the tests (and the stdio servers they spawn) use the built
 * package, so rebuild `dist/` when a source file is newer than it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function setup(): void {
  const built = join(packageDir, 'dist', 'index.js');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sources = readdirSync(join(packageDir, 'src')).map((file) => statSync(join(packageDir, 'src', file)).mtimeMs);
  if (sources.every((mtime) => mtime <= builtAt)) return;
  execFileSync('pnpm', ['exec', 'tsup', '--silent'], { cwd: packageDir, stdio: 'inherit' });
}
