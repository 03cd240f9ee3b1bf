/**
 * The workspace as the release tooling sees it: which packages are published
 * (every `packages/*` whose package.json is not `private`) and their tarballs,
 * packed the way `pnpm publish` packs them (`workspace:` ranges rewritten).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const root = resolve(import.meta.dirname, '..', '..');

/**
 * Every published package, in folder order.
 * @returns {{ dir: string, folder: string, name: string, version: string, manifest: Record<string, any> }[]}
 */
export function publishedPackages() {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir)
    .map((folder) => ({ folder, dir: join(packagesDir, folder) }))
    .filter(({ dir }) => existsSync(join(dir, 'package.json')))
    .map(({ folder, dir }) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, folder, name: manifest.name, version: manifest.version, manifest };
    })
    .filter(({ manifest }) => !manifest.private);
}

/**
 * The subpaths of a package's exports map that name code (`.`, `./schemas`, …; not `./package.json`).
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function codeSubpaths(manifest) {
  const exportsMap = manifest.exports ?? { '.': manifest.main };
  if (typeof exportsMap === 'string') return ['.'];
  return Object.keys(exportsMap).filter((subpath) => subpath.startsWith('.') && !subpath.endsWith('.json'));
}

/**
 * The import specifier of a subpath: `@sessionkit/core` for `.`, `@sessionkit/core/schemas` for `./schemas`.
 * @param {string} name
 * @param {string} subpath
 */
export function specifierOf(name, subpath) {
  return subpath === '.' ? name : `${name}${subpath.slice(1)}`;
}

/**
 * Packs one package into `destination` with `pnpm pack` and returns the tarball's absolute path.
 * @param {string} dir
 * @param {string} destination
 */
export function pack(dir, destination) {
  const out = execFileSync('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(out).filename;
}
