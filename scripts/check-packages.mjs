#!/usr/bin/env node
// Packs every published workspace package the way `pnpm publish` would, then
// checks the tarball (not the source folder) with publint and
// @arethetypeswrong/cli under every resolution it knows (node10, node16 from
// CJS and from ESM, bundler: no profile excludes any), so what we check is
// exactly what users install, whichever TypeScript setup they have.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pack, publishedPackages, root } from './lib/workspace.mjs';

const packDir = join(root, '.pack');
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir);

const published = publishedPackages();
const bin = (name) => join(root, 'node_modules', '.bin', name);
const TOOLS = {
  publint: (tarball) => [tarball, '--strict'],
  attw: (tarball) => [tarball],
};
/** @type {{ name: string, tool: string, ok: boolean }[]} */
const results = [];
for (const { dir, name } of published) {
  const tarball = pack(dir, packDir);
  console.log(`\n▶ ${name}  (${tarball.replace(root + '/', '')})`);
  for (const [tool, args] of Object.entries(TOOLS)) {
    try {
      execFileSync(bin(tool), args(tarball), { stdio: 'inherit' });
      results.push({ name, tool, ok: true });
    } catch {
      results.push({ name, tool, ok: false });
      console.error(`✖ ${tool} failed for ${name}`);
    }
  }
}
rmSync(packDir, { recursive: true, force: true });

console.log(
  `\n| package | ${Object.keys(TOOLS).join(' | ')} |\n|---|${Object.keys(TOOLS)
    .map(() => ':---:')
    .join('|')}|`,
);
for (const { name } of published) {
  const cells = Object.keys(TOOLS).map((tool) => (results.find((r) => r.name === name && r.tool === tool)?.ok ? 'pass' : 'FAIL'));
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
const failed = results.filter((result) => !result.ok).length;
if (failed > 0) {
  console.error(`\ncheck:packages: ${failed} check(s) failed`);
  process.exit(1);
}
console.log(`\ncheck:packages: ${published.length} packages clean`);
