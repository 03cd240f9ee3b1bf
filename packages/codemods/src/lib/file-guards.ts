/**
 * Files a run must not rewrite: binary or huge files, the toolkit's own
 * packages, and the modules of an old system that a repository keeps in its
 * own tree (they are what the migration replaces, not code that uses it).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import { isOldSessionApiName, normalizeModuleName, OLD_MODULES, SESSIONKIT_SCOPE } from './legacy-modules.js';
import { collectOldBindings, collectOldUses } from './old-bindings.js';
import { parserFor } from './parser.js';

/** Larger files are generated or bundled code, not something to migrate by codemod. */
export const MAX_SOURCE_LENGTH = 1_000_000;

/** The old system's own modules: never migrated, they are what the migration replaces. */
const OLD_SYSTEM_FILES = new Set<string>(Object.keys(OLD_MODULES));
/** Modules one of which must sit next to a file for it to count as part of an old system (not just any `config.ts`). */
const OLD_SYSTEM_CORE = ['session_manager', 'session_data', 'session_concurrency', 'session_lock_manager', 'session_security'];
/** How a relative specifier without (or with a JavaScript) extension may be written on disk. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

const packageNames = new Map<string, { name: string | null; root: string } | null>();

function nearestPackage(directory: string): { name: string | null; root: string } | null {
  if (packageNames.has(directory)) return packageNames.get(directory) ?? null;
  let found: { name: string | null; root: string } | null = null;
  const manifest = join(directory, 'package.json');
  if (existsSync(manifest)) {
    try {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      found = { name: typeof parsed.name === 'string' ? parsed.name : null, root: directory };
    } catch {
      found = { name: null, root: directory };
    }
  } else {
    const parent = dirname(directory);
    found = parent === directory ? null : nearestPackage(parent);
  }
  packageNames.set(directory, found);
  return found;
}

function moduleKey(filePath: string): string {
  const file = basename(filePath);
  return normalizeModuleName(file.slice(0, file.length - extname(file).length).replace(/\.d$/, '')).key;
}

/** A module of an old system kept in a tree (`session_manager.ts` next to the other old modules, or their re-export-only index). */
export function isOldSystemModule(filePath: string): boolean {
  const key = moduleKey(filePath);
  const isBarrel = key === 'index';
  if (!OLD_SYSTEM_FILES.has(key) && !isBarrel) return false;
  let siblings: string[];
  try {
    siblings = readdirSync(dirname(filePath));
  } catch {
    return false;
  }
  const siblingKeys = new Set(siblings.filter((name) => name !== basename(filePath)).map(moduleKey));
  const nextToOldCore = OLD_SYSTEM_CORE.some((core) => siblingKeys.has(core) && core !== key);
  if (!nextToOldCore) return false;
  // An index next to the old modules is their barrel only when it does nothing but re-export.
  if (isBarrel) {
    const source = readFileSync(filePath, 'utf8');
    return source
      .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      .split(';')
      .every(
        (statement) => statement.trim() === '' || /^export\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+['"][^'"]+['"]$/.test(statement.trim()),
      );
  }
  return true;
}

/** A relative specifier names a module of an old system inside `packageRoot` (tried as written, then with each source extension). */
function namesOldSystemModuleIn(importer: string, specifier: string, packageRoot: string): boolean {
  const target = resolve(dirname(importer), specifier);
  const inside = relative(packageRoot, target);
  if (inside.startsWith(`..${sep}`) || inside === '..') return false;
  const stem = target.replace(/\.[cm]?js$|\.jsx$/, '');
  const candidates = [target, ...SOURCE_EXTENSIONS.map((extension) => `${stem}${extension}`)];
  return candidates.some((candidate) => existsSync(candidate) && isOldSystemModule(candidate));
}

/**
 * Application code beside an old system, inside one of the toolkit's own
 * packages (the sample app of `@sessionkit/legacy` is one): the file imports
 * the old session API (more than its error classes or config) by relative
 * path from old-system modules of its own package. Everything else in those
 * packages (the old system and its tests, the bridge, core, the codemods'
 * fixtures, apps built on core) is the toolkit itself.
 */
function isAppBesideOldSystem(jscodeshift: JSCodeshift, filePath: string, source: string, packageRoot: string): boolean {
  const j = jscodeshift.withParser(parserFor(filePath));
  let root;
  try {
    root = j(source);
  } catch {
    // Not skipped: the migrating run reports the parse failure.
    return true;
  }
  const bindings = collectOldBindings(j, root);
  const uses = collectOldUses(j, root, bindings);
  return bindings.some((binding) => {
    if (binding.source.kind !== 'relative') return false;
    const names = binding.imported !== null ? [binding.imported] : uses.filter((use) => use.binding === binding).map((use) => use.name);
    return names.some(isOldSessionApiName) && namesOldSystemModuleIn(filePath, binding.specifier, packageRoot);
  });
}

/** Why a file is left alone, or null when it is migrated. File-system checks only run for files on disk. */
export function skipReason(filePath: string, source: string, jscodeshift: JSCodeshift): string | null {
  if (source.includes('\u0000')) return 'binary file';
  if (source.length > MAX_SOURCE_LENGTH) return `larger than ${MAX_SOURCE_LENGTH / 1_000_000} MB`;
  if (!existsSync(filePath)) return null;

  const owner = nearestPackage(dirname(resolve(filePath)));
  if (owner?.name?.startsWith(SESSIONKIT_SCOPE) === true && !isAppBesideOldSystem(jscodeshift, resolve(filePath), source, owner.root)) {
    return `part of ${owner.name} itself`;
  }
  if (isOldSystemModule(filePath)) return 'a module of the old system itself';
  return null;
}
