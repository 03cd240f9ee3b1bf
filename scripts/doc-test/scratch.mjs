/**
 * The doc test's scratch project: a folder outside the repository whose
 * node_modules links every workspace package (built) and the packages they
 * depend on, so a snippet imports `@sessionkit/core` exactly as a reader's
 * program would, and resolves to the same module the packages share.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from '../lib/workspace.mjs';

/**
 * Every workspace package (packages/* and apps/*), published or not.
 * @returns {{ packages: { name: string, folder: string, dir: string, manifest: Record<string, any>, published: boolean }[], rootScripts: Record<string, string> }}
 */
export function readWorkspace() {
  const packages = [];
  for (const group of ['packages', 'apps']) {
    for (const folder of readdirSync(join(root, group))) {
      const dir = join(root, group, folder);
      if (!existsSync(join(dir, 'package.json'))) continue;
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      packages.push({ name: manifest.name, folder: `${group}/${folder}`, dir, manifest, published: group === 'packages' && !manifest.private });
    }
  }
  const rootScripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  return { packages, rootScripts };
}

/**
 * Links the workspace packages, then their dependencies and peers (first one found wins), into `dir/node_modules`.
 * @param {string} dir
 * @param {ReturnType<typeof readWorkspace>} workspace
 */
export function linkWorkspace(dir, workspace) {
  const modules = join(dir, 'node_modules');
  const linked = new Set();
  const link = (name, target) => {
    if (linked.has(name)) return;
    linked.add(name);
    const path = join(modules, name);
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync(target, path, 'dir');
  };
  for (const pkg of workspace.packages) link(pkg.name, pkg.dir);
  for (const pkg of workspace.packages) {
    for (const name of Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies })) {
      const installed = join(pkg.dir, 'node_modules', name);
      if (existsSync(installed)) link(name, realpathSync(installed));
    }
  }
}
