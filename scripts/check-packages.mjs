#!/usr/bin/env node
// Packs every published workspace package the way `pnpm publish` would, then
// checks the tarball (not the source folder) with publint and
// @arethetypeswrong/cli, so what we check is exactly what users install.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packDir = join(root, '.pack');
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir);

const published = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private);

const bin = (name) => join(root, 'node_modules', '.bin', name);
let failed = 0;
for (const dir of published) {
  const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const out = execFileSync('pnpm', ['pack', '--pack-destination', packDir, '--json'], { cwd: dir, encoding: 'utf8' });
  const tarball = JSON.parse(out).filename;
  console.log(`\n▶ ${name}  (${tarball.replace(root + '/', '')})`);
  for (const [tool, args] of [
    ['publint', [tarball, '--strict']],
    ['attw', [tarball, '--profile', 'node16']],
  ]) {
    try {
      execFileSync(bin(tool), args, { stdio: 'inherit' });
    } catch {
      failed++;
      console.error(`✖ ${tool} failed for ${name}`);
    }
  }
}
rmSync(packDir, { recursive: true, force: true });
if (failed > 0) {
  console.error(`\ncheck:packages: ${failed} check(s) failed`);
  process.exit(1);
}
console.log(`\ncheck:packages: ${published.length} packages clean`);
