/**
 * What one file cannot see: which of its exports other files of the same run
 * import. The CLI surveys every file first (`survey.ts`, through the same
 * jscodeshift runner), and each transform then learns which of its file's
 * exports other files use, so a rewrite never changes a type that crosses
 * into a file it cannot see being migrated along.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import { requiredSpecifier, stringValue } from './ast.js';

export const PROJECT_VERSION = 1;

/** One relative import of a surveyed file. */
export interface ModuleImport {
  /** The imported module, as a key (absolute, without script extension or trailing `/index`). */
  module: string;
  /** The export names it uses; null when it may use any (namespace import, `export *`, a plain `require`). */
  names: string[] | null;
}

export interface SurveyedFile {
  /** Absolute path. */
  file: string;
  imports: ModuleImport[];
  /** Left alone by the migration (see file-guards.ts): read for types, never planned. */
  skipped?: boolean;
}

export interface Project {
  version: typeof PROJECT_VERSION;
  files: SurveyedFile[];
}

/** Export name → the files (relative to the current directory) that import it; `*` when a file may use any. */
export type ImportedBy = ReadonlyMap<string, readonly string[]>;

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** `/app/helpers/x.ts`, `/app/helpers/x.js`, `/app/helpers/x` → one key; `/app/dir/index.ts` ≡ `/app/dir`. */
export function moduleKey(path: string): string {
  return path.replace(SCRIPT_EXTENSION, '').replace(/\/index$/, '');
}

function namesOf(specifiers: readonly ASTNode[] | undefined, field: 'imported' | 'local'): string[] | null {
  const names: string[] = [];
  for (const specifier of specifiers ?? []) {
    const s = specifier as ASTNode & { type: string; imported?: ASTNode; local?: ASTNode };
    if (s.type === 'ImportDefaultSpecifier') names.push('default');
    else if (s.type === 'ImportSpecifier' || s.type === 'ExportSpecifier') {
      const node = s[field] as (ASTNode & { name?: string }) | undefined;
      const name = node?.type === 'Identifier' ? node.name : stringValue(node);
      if (name) names.push(name);
    } else return null; // a namespace: any export may be used
  }
  return names;
}

/** Every relative module a file imports or re-exports from, with the names it takes. */
export function surveyImports(j: JSCodeshift, root: Collection, filePath: string): ModuleImport[] {
  const found: ModuleImport[] = [];
  const add = (specifier: string | null, names: string[] | null): void => {
    if (specifier === null || !(specifier.startsWith('./') || specifier.startsWith('../'))) return;
    found.push({ module: moduleKey(resolve(dirname(filePath), specifier)), names });
  };
  root.find(j.Node).forEach((path) => {
    const node = path.node as ASTNode & { type: string; source?: ASTNode | null; specifiers?: ASTNode[] };
    if (node.type === 'ImportDeclaration') add(stringValue(node.source), namesOf(node.specifiers, 'imported'));
    else if (node.type === 'ExportNamedDeclaration' && node.source) add(stringValue(node.source), namesOf(node.specifiers, 'local'));
    else if (node.type === 'ExportAllDeclaration') add(stringValue(node.source), null);
    else if (node.type === 'CallExpression' && requiredSpecifier(node) !== null) {
      const declarator = path.parent?.node as { type?: string; id?: ASTNode & { type: string; properties?: ASTNode[] } } | undefined;
      const pattern = declarator?.type === 'VariableDeclarator' && declarator.id?.type === 'ObjectPattern' ? declarator.id : null;
      const names = pattern?.properties?.map((property) => {
        const key = (property as { key?: ASTNode & { name?: string } }).key;
        return key?.type === 'Identifier' ? (key.name ?? '') : (stringValue(key) ?? '');
      });
      add(requiredSpecifier(node), names && !names.includes('') ? names : null);
    }
  });
  return found;
}

/** Which exports of `filePath` the other surveyed files import, and from where. */
export function importedByIn(project: Project, filePath: string, cwd = process.cwd()): ImportedBy {
  const self = moduleKey(resolve(filePath));
  const importedBy = new Map<string, string[]>();
  for (const other of project.files) {
    if (moduleKey(other.file) === self) continue;
    for (const entry of other.imports) {
      if (entry.module !== self) continue;
      for (const name of entry.names ?? ['*']) {
        const importers = importedBy.get(name) ?? [];
        const importer = relative(cwd, other.file);
        if (!importers.includes(importer)) importers.push(importer);
        importedBy.set(name, importers);
      }
    }
  }
  return importedBy;
}

const loaded = new Map<string, Project>();

/** Reads the survey the CLI wrote (once per worker process). */
export function loadProject(file: string): Project {
  let project = loaded.get(file);
  if (project === undefined) {
    project = JSON.parse(readFileSync(file, 'utf8')) as Project;
    if (project.version !== PROJECT_VERSION) throw new Error(`unexpected survey version ${String(project.version)} in ${file}`);
    loaded.set(file, project);
  }
  return project;
}
