/**
 * One consumer per published package, as a user would write it: a
 * package.json that installs the tarball (and the tarballs of the sessionkit
 * packages it depends on) with npm, a TypeScript file that imports the root
 * and every subpath of its exports map, and one tsconfig per
 * `moduleResolution` the matrix checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeSubpaths, specifierOf } from '../lib/workspace.mjs';
import { smokeFor } from './smoke.mjs';

/** The columns of the matrix whose check is a type-check, and the tsconfig each uses. */
export const RESOLUTIONS = {
  node16: { module: 'node16', moduleResolution: 'node16', files: ['consumer.mts', 'consumer.cts'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['consumer.ts'] },
  node10: { module: 'commonjs', moduleResolution: 'node10', files: ['consumer.ts'] },
};

/**
 * The sessionkit packages `pkg` needs installed next to it (dependencies and
 * peers, transitively), so npm takes them from their tarballs, never from the registry.
 * @param {{ manifest: Record<string, any> }} pkg
 * @param {Map<string, { manifest: Record<string, any> }>} byName
 * @returns {Set<string>}
 */
export function internalClosure(pkg, byName) {
  const seen = new Set();
  const visit = (manifest) => {
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      const dep = byName.get(name);
      if (dep === undefined || seen.has(name)) continue;
      seen.add(name);
      visit(dep.manifest);
    }
  };
  visit(pkg.manifest);
  return seen;
}

/**
 * Writes the consumer project for `pkg` into `dir`.
 * @param {object} options
 * @param {string} options.dir
 * @param {{ name: string, manifest: Record<string, any> }} options.pkg
 * @param {Map<string, { manifest: Record<string, any> }>} options.byName
 * @param {Map<string, string>} options.tarballs package name → tarball path
 * @param {string} options.typesNodeRange the repository's `@types/node` range
 * @param {Record<string, string>} [options.extraDependencies] third-party packages the smoke code needs
 */
export function writeConsumer({ dir, pkg, byName, tarballs, typesNodeRange, extraDependencies = {} }) {
  mkdirSync(dir, { recursive: true });
  const internal = [pkg.name, ...internalClosure(pkg, byName)];
  const dependencies = Object.fromEntries(internal.map((name) => [name, `file:${tarballs.get(name)}`]));
  // Optional peers too: the consumer imports every subpath, and some subpaths need them
  // (`@sessionkit/core/schemas` imports zod, `@sessionkit/core/testing` imports vitest).
  for (const [name, range] of Object.entries(pkg.manifest.peerDependencies ?? {})) {
    if (!byName.has(name)) dependencies[name] = range;
  }
  Object.assign(dependencies, extraDependencies);
  const manifest = {
    name: `consumer-of-${pkg.name.replace('@', '').replace('/', '-')}`,
    private: true,
    description: `Installs ${pkg.name} from its tarball, as a user would.`,
    dependencies,
    devDependencies: { '@types/node': typesNodeRange },
    // A nested range on a sessionkit package (the adapter's `^0.1.0` on core) resolves to the tarball too.
    overrides: Object.fromEntries(internal.map((name) => [name, `$${name}`])),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const source = consumerSource(pkg);
  for (const file of ['consumer.ts', 'consumer.mts', 'consumer.cts']) writeFileSync(join(dir, file), source);

  for (const [resolution, { module, moduleResolution, files }] of Object.entries(RESOLUTIONS)) {
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        module,
        moduleResolution,
        types: ['node'],
        strict: true,
        esModuleInterop: true,
        // The published declaration files are checked too: an error in them is the user's error.
        skipLibCheck: false,
        noEmit: true,
      },
      files,
    };
    writeFileSync(join(dir, `tsconfig.${resolution}.json`), `${JSON.stringify(tsconfig, null, 2)}\n`);
  }
}

/**
 * The consumer: imports every entry, checks each one has exports at run time,
 * then runs the package's smoke code, if it has any (the root is imported as
 * `root`). Valid as .ts, .mts and .cts.
 * @param {{ name: string, manifest: Record<string, any> }} pkg
 */
export function consumerSource(pkg) {
  const specifiers = codeSubpaths(pkg.manifest).map((subpath) => specifierOf(pkg.name, subpath));
  const alias = (specifier, index) => (specifier === pkg.name ? 'root' : `entry${index}`);
  const imports = specifiers.map((specifier, index) => `import * as ${alias(specifier, index)} from '${specifier}';`);
  const table = specifiers.map((specifier, index) => `  ['${specifier}', ${alias(specifier, index)}],`);
  const smoke = smokeFor(pkg.name);
  return [
    `// Every entry of ${pkg.name}'s exports map, as a user imports it.`,
    ...imports,
    '',
    'const entries: [string, object][] = [',
    ...table,
    '];',
    '',
    'async function main(): Promise<void> {',
    '  for (const [specifier, namespace] of entries) {',
    '    if (Object.keys(namespace).length === 0) throw new Error(`${specifier} has no exports at run time`);',
    '  }',
    ...(smoke === undefined ? [] : smoke.split('\n').map((line) => (line === '' ? '' : `  ${line}`))),
    '}',
    '',
    'main().then(',
    "  () => console.log('ok'),",
    '  (error: unknown) => {',
    '    console.error(error);',
    '    process.exitCode = 1;',
    '  },',
    ');',
    '',
  ].join('\n');
}
