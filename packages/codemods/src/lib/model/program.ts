/**
 * The TypeScript program the project model reads types from: the run's
 * files as they were when the survey read them (a snapshot, so files the
 * migration has already rewritten never leak into the analysis), the old
 * system's declarations under every name code imports it by (the package,
 * its subpaths, the bridge, relative old modules that are not on disk), and
 * whatever else resolves from disk (core, libraries).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { classifySpecifier } from '../legacy-modules.js';
import { LEGACY_DECLARATIONS } from './legacy-api.generated.js';

/** Where the embedded declarations of the old system live in the program (never on disk). */
export const VIRTUAL_LEGACY_DIR = '/__sessionkit_old_api__';

/** A file of the run as it was read. */
export interface SourceSnapshot {
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.Preserve,
  lib: ['lib.es2023.d.ts'],
  types: [],
  skipLibCheck: true,
  noResolve: false,
};

const virtualFiles = new Map(Object.entries(LEGACY_DECLARATIONS).map(([name, text]) => [`${VIRTUAL_LEGACY_DIR}/${name}.d.ts`, text]));

/** True for a file of the embedded old declarations. */
export function isVirtualLegacyFile(fileName: string): boolean {
  return fileName.startsWith(`${VIRTUAL_LEGACY_DIR}/`);
}

/** The embedded module an old specifier stands for (`@sessionkit/legacy/session_data` → session_data), or null. */
function virtualModuleFor(specifier: string, importer: string, onDisk: (path: string) => boolean): string | null {
  const source = classifySpecifier(specifier);
  if (source === null) return null;
  if (source.kind === 'package') {
    const key = source.subpath ?? 'index';
    return virtualFiles.has(`${VIRTUAL_LEGACY_DIR}/${key}.d.ts`) ? `${VIRTUAL_LEGACY_DIR}/${key}.d.ts` : `${VIRTUAL_LEGACY_DIR}/index.d.ts`;
  }
  // A relative old module that exists on disk is an old system kept in the tree: read it as it is.
  const base = resolve(dirname(importer), specifier).replace(/\.[cm]?[jt]sx?$/, '');
  const onDiskAlready = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.d.ts', '/index.ts', '/index.js'].some((extension) =>
    onDisk(`${base}${extension}`),
  );
  return onDiskAlready ? null : `${VIRTUAL_LEGACY_DIR}/${source.module}.d.ts`;
}

/** Library files parsed once per process (the same lib.d.ts serves every program). */
const libraryCache = new Map<string, ts.SourceFile>();

function extensionOf(path: string): ts.Extension {
  if (path.endsWith('.d.ts')) return ts.Extension.Dts;
  if (path.endsWith('.tsx')) return ts.Extension.Tsx;
  if (path.endsWith('.ts') || path.endsWith('.mts') || path.endsWith('.cts')) return ts.Extension.Ts;
  if (path.endsWith('.jsx')) return ts.Extension.Jsx;
  return ts.Extension.Js;
}

/** Builds the program over a snapshot. Files not in it are read from disk (and cached when they are libraries). */
export function createModelProgram(snapshot: readonly SourceSnapshot[]): ts.Program {
  const texts = new Map(snapshot.map((file) => [resolve(file.path), file.text]));
  const onDisk = (path: string): boolean => texts.has(path) || existsSync(path);
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const readText = (fileName: string): string | undefined => {
    const normalized = resolve(fileName);
    return texts.get(normalized) ?? virtualFiles.get(fileName) ?? (existsSync(normalized) ? readFileSync(normalized, 'utf8') : undefined);
  };
  host.fileExists = (fileName) => virtualFiles.has(fileName) || texts.has(resolve(fileName)) || existsSync(fileName);
  // A snapshot may hold files that are not (or no longer) on disk: their folders exist for the resolver.
  const folders = new Set(
    [...texts.keys()].flatMap((file) => {
      const parents: string[] = [];
      for (let folder = dirname(file); folder !== dirname(folder); folder = dirname(folder)) parents.push(folder);
      return parents;
    }),
  );
  host.directoryExists = (directory) => folders.has(resolve(directory)) || directory === VIRTUAL_LEGACY_DIR || existsSync(directory);
  host.readFile = readText;
  host.getSourceFile = (fileName, languageVersion) => {
    const cacheable = !texts.has(resolve(fileName)) && (fileName.includes('/node_modules/') || isVirtualLegacyFile(fileName));
    const cached = cacheable ? libraryCache.get(fileName) : undefined;
    if (cached) return cached;
    const text = readText(fileName);
    if (text === undefined) return undefined;
    const sourceFile = ts.createSourceFile(fileName, text, languageVersion, true);
    if (cacheable) libraryCache.set(fileName, sourceFile);
    return sourceFile;
  };
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, options) =>
    literals.map((literal) => {
      const virtual = virtualModuleFor(literal.text, containingFile, onDisk);
      if (virtual !== null) {
        return { resolvedModule: { resolvedFileName: virtual, extension: ts.Extension.Dts, isExternalLibraryImport: false } };
      }
      const resolved = ts.resolveModuleName(literal.text, containingFile, options, host);
      if (resolved.resolvedModule && !resolved.resolvedModule.extension) {
        return { resolvedModule: { ...resolved.resolvedModule, extension: extensionOf(resolved.resolvedModule.resolvedFileName) } };
      }
      return resolved;
    });
  return ts.createProgram({ rootNames: [...texts.keys()], options: COMPILER_OPTIONS, host });
}
