/**
 * Files a run must not rewrite: binary or huge files, the sessionkit
 * packages themselves, and the modules of an old system that a repository
 * keeps in its own tree (they are what the migration replaces, not code that
 * uses it).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { normalizeModuleName, OLD_MODULES } from './legacy-modules.js';

/** Larger files are generated or bundled code, not something to migrate by codemod. */
export const MAX_SOURCE_LENGTH = 1_000_000;

/** The sessionkit packages whose code implements the old API, the bridge or the new one. */
const SESSIONKIT_OWN_PACKAGES = new Set([
  '@sessionkit/core',
  '@sessionkit/legacy-adapter',
  '@sessionkit/codemods',
  '@sessionkit/store-redis',
  '@sessionkit/bench',
]);

/** `@sessionkit/legacy` is the old system; only its sample consumer app (these folders) is application code. */
const LEGACY_PACKAGE = '@sessionkit/legacy';
const LEGACY_CONSUMER_FOLDERS = ['handlers', 'helpers', 'tools'];

/** The old system's own modules: never migrated, they are what the migration replaces. */
const OLD_SYSTEM_FILES = new Set<string>(Object.keys(OLD_MODULES));
/** Modules one of which must sit next to a file for it to count as part of an old system (not just any `config.ts`). */
const OLD_SYSTEM_CORE = ['session_manager', 'session_data', 'session_concurrency', 'session_lock_manager', 'session_security'];

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

function isOldSystemModule(filePath: string): boolean {
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
      .every((statement) => statement.trim() === '' || /^export\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+['"][^'"]+['"]$/.test(statement.trim()));
  }
  return true;
}

/** Why a file is left alone, or null when it is migrated. File-system checks only run for files on disk. */
export function skipReason(filePath: string, source: string): string | null {
  if (source.includes('\u0000')) return 'binary file';
  if (source.length > MAX_SOURCE_LENGTH) return `larger than ${MAX_SOURCE_LENGTH / 1_000_000} MB`;
  if (!existsSync(filePath)) return null;

  const owner = nearestPackage(dirname(filePath));
  if (owner?.name && SESSIONKIT_OWN_PACKAGES.has(owner.name)) return `part of ${owner.name} itself`;
  if (owner?.name === LEGACY_PACKAGE) {
    const inside = relative(owner.root, filePath).split(sep);
    if (!inside.some((segment) => LEGACY_CONSUMER_FOLDERS.includes(segment))) return `part of ${LEGACY_PACKAGE} itself`;
  }
  if (isOldSystemModule(filePath)) return 'a module of the old system itself';
  return null;
}
