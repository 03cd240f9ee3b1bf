/**
 * What counts as "the old system" in an import specifier, and where its names
 * go. Every transform asks this module; none of them matches strings itself.
 */

/** The npm scope of the toolkit's own packages: the old system, the bridge, core, and what is built on them. */
export const SESSIONKIT_SCOPE = '@sessionkit/';
export const LEGACY_PACKAGE = '@sessionkit/legacy';
export const ADAPTER_PACKAGE = '@sessionkit/legacy-adapter';
export const CORE_PACKAGE = '@sessionkit/core';

/** The old modules (snake_case keys, as the files were named) and the names each exported. */
export const OLD_MODULES = {
  models: ['ModelBackend', 'Thread', 'ClientBinding', 'ContextSwitcherSession'],
  session_manager: ['SessionManager'],
  session_concurrency: ['SessionConcurrency', 'createSessionConcurrency', 'ConcurrencyError'],
  session_lock_manager: ['SessionLockManager', 'getSessionLockManager'],
  session_security: ['SessionSecurity', 'ClientBinding', 'SecurityEvent', 'SecurityError'],
  session_data: ['SessionData', 'AnalysisRecord', 'getSessionData', 'registerSessionData'],
  exceptions: ['SessionError', 'SessionCleanupError', 'SecurityError', 'ConcurrencyError'],
  config: ['getConfig', 'setConfig'],
} as const satisfies Record<string, readonly string[]>;

export type OldModuleKey = keyof typeof OLD_MODULES;

const OLD_MODULE_KEYS = new Set<string>(Object.keys(OLD_MODULES));
const OLD_NAMES = new Set<string>(Object.values(OLD_MODULES).flat());

/** Every name the old system exported. */
export function isOldName(name: string): boolean {
  return OLD_NAMES.has(name);
}

/** The old system's plumbing rather than its session API: error classes and config accessors. */
const PLUMBING_NAMES = new Set<string>([...OLD_MODULES.exceptions, ...OLD_MODULES.config]);

/** An old name of the session API itself (managers, sessions, their data, security, locks, models). */
export function isOldSessionApiName(name: string): boolean {
  return OLD_NAMES.has(name) && !PLUMBING_NAMES.has(name);
}

export type NamingStyle = 'snake' | 'kebab' | 'camel';

/** Where an old import came from. */
export type OldSource =
  /** `@sessionkit/legacy` or `@sessionkit/legacy-adapter`, root (`subpath` null) or a subpath. */
  | { kind: 'package'; packageName: string; subpath: string | null }
  /** `./session_manager`, `../models.js`, `./session-manager`, `./sessionManager`, … */
  | { kind: 'relative'; module: OldModuleKey; directory: string; extension: string; style: NamingStyle };

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** `session-manager` / `sessionManager` / `session_manager` → `session_manager` and the style it was written in. */
export function normalizeModuleName(basename: string): { key: string; style: NamingStyle } {
  if (basename.includes('-')) return { key: basename.replace(/-/g, '_').toLowerCase(), style: 'kebab' };
  if (/[a-z][A-Z]/.test(basename)) {
    return { key: basename.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), style: 'camel' };
  }
  return { key: basename.toLowerCase(), style: 'snake' };
}

/** Writes a snake_case module key in the given style. */
export function styleModuleName(key: string, style: NamingStyle): string {
  if (style === 'kebab') return key.replace(/_/g, '-');
  if (style === 'camel') return key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return key;
}

function packageSubpath(specifier: string, packageName: string): string | null | undefined {
  if (specifier === packageName) return null;
  if (specifier.startsWith(`${packageName}/`)) return specifier.slice(packageName.length + 1);
  return undefined;
}

/**
 * Classifies an import specifier by its text alone. A relative specifier with
 * an old basename is only a *candidate*: `isOldImport` also looks at the names
 * imported, because `./models` or `./config` are common names in any codebase
 * and core's own `./session-manager` is the kebab form of an old one.
 */
export function classifySpecifier(specifier: string): OldSource | null {
  for (const packageName of [LEGACY_PACKAGE, ADAPTER_PACKAGE]) {
    const subpath = packageSubpath(specifier, packageName);
    if (subpath !== undefined) return { kind: 'package', packageName, subpath };
  }
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const slash = specifier.lastIndexOf('/');
  const directory = specifier.slice(0, slash + 1);
  const file = specifier.slice(slash + 1);
  const extension = SCRIPT_EXTENSION.exec(file)?.[0] ?? '';
  const { key, style } = normalizeModuleName(file.slice(0, file.length - extension.length));
  if (!OLD_MODULE_KEYS.has(key)) return null;
  return { kind: 'relative', module: key as OldModuleKey, directory, extension, style };
}

/** True for an import that already goes through the bridge. */
export function isAdapterSource(source: OldSource): boolean {
  return source.kind === 'package' && source.packageName === ADAPTER_PACKAGE;
}

/** Basenames common enough in any codebase that the names imported must confirm them. */
const GENERIC_MODULES = new Set<string>(['models', 'exceptions', 'config']);

/**
 * Decides whether an import is of the old system, given its specifier and the
 * names it brings in (for a namespace: the member names used; `null` when
 * they cannot be known, as for `export *` or an opaque `require`).
 */
export function isOldImport(source: OldSource, importedNames: readonly string[] | null): boolean {
  if (source.kind === 'package') return true;
  if (importedNames === null) return !GENERIC_MODULES.has(source.module);
  return importedNames.some(isOldName);
}

/** Where the bridge serves an old import: package subpaths are kept, relative modules go to the root. */
export function adapterSpecifierFor(source: OldSource): string {
  if (source.kind === 'package' && source.subpath !== null) return `${ADAPTER_PACKAGE}/${source.subpath}`;
  return ADAPTER_PACKAGE;
}

/** The sibling module of an in-repo migration (`--target relative`) that holds each core name. */
export type CoreModule = 'session' | 'session_manager' | 'session_types';

const CORE_MODULES: ReadonlySet<string> = new Set<CoreModule>(['session', 'session_manager', 'session_types']);

/**
 * Whether a specifier names core: the package, or (for an in-repo migration,
 * `--target relative`) one of its sibling modules in any spelling
 * (`./session`, `../session_manager.js`, `./session-types`). The one
 * definition every rule uses to tell a core import.
 */
export function isCoreSpecifier(specifier: string): boolean {
  if (specifier === CORE_PACKAGE) return true;
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return false;
  const file = specifier.slice(specifier.lastIndexOf('/') + 1).replace(SCRIPT_EXTENSION, '');
  return CORE_MODULES.has(normalizeModuleName(file).key);
}

const CORE_MODULE_OF: ReadonlyMap<string, CoreModule> = new Map(
  Object.entries({
    Session: 'session',
    SessionError: 'session',
    SessionSecurityError: 'session',
    SessionConcurrencyError: 'session',
    SessionCleanupError: 'session',
    SessionNotFoundError: 'session',
    SessionCapacityError: 'session',
    SessionExistsError: 'session',
    SessionValidationError: 'session',
    SimpleSessionManager: 'session_manager',
    getSessionManager: 'session_manager',
    initializeSessionManager: 'session_manager',
    shutdownSessionManager: 'session_manager',
    generateSessionId: 'session_manager',
  } satisfies Record<string, CoreModule>),
);

export function coreModuleOf(name: string): CoreModule {
  return CORE_MODULE_OF.get(name) ?? 'session_types';
}

/**
 * Where the imports of core names that a transform writes point (`--target`):
 * `'package'` (the default) imports from `@sessionkit/core`; `'relative'`
 * from the sibling modules `session`, `session_manager` and `session_types`
 * in the folder of the old relative module, spelled as it was (for a
 * codebase that keeps its own copy of core beside the old modules).
 */
export type TargetOption = 'package' | 'relative';

/** How new imports are written: from the package, or from sibling modules of an in-repo copy. */
export type ImportTarget = { kind: 'package' } | { kind: 'relative'; directory: string; extension: string; style: NamingStyle };

/**
 * Where the core names replacing an old import go: the package, or (with
 * `--target relative`) the folder of the old relative module, in its
 * spelling and extension; `./` when the old import was not relative.
 */
export function importTargetFor(target: TargetOption, oldSource: OldSource | null | undefined): ImportTarget {
  if (target === 'package') return { kind: 'package' };
  if (oldSource?.kind === 'relative') {
    return { kind: 'relative', directory: oldSource.directory, extension: oldSource.extension, style: oldSource.style };
  }
  return { kind: 'relative', directory: './', extension: '', style: 'snake' };
}

export function coreSpecifierFor(name: string, target: ImportTarget): string {
  if (target.kind === 'package') return CORE_PACKAGE;
  return `${target.directory}${styleModuleName(coreModuleOf(name), target.style)}${target.extension}`;
}
