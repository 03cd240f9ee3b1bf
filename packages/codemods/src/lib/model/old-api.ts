/**
 * Recognises the old system in a type-checked program: which declarations
 * are the old API's, what kind of old object an expression holds (a manager,
 * a session record, its data, a security or lock helper, …), and which old
 * function or method a call reaches — through aliases, barrels, namespaces,
 * destructuring, dynamic imports and JSDoc alike, since the checker follows
 * them all.
 */
import { basename } from 'node:path';
import ts from 'typescript';
import { isOldSystemModule } from '../file-guards.js';
import { isVirtualLegacyFile } from './program.js';

/** What an old value is. `manager` includes subclasses of the old SessionManager. */
export type OldKind =
  | 'manager'
  | 'record'
  | 'data'
  | 'security'
  | 'concurrency'
  | 'lockManager'
  | 'binding'
  | 'analysis'
  | 'entry'
  | 'stats'
  | 'managerOptions'
  | 'config'
  | 'thread'
  | 'securityEvent'
  | 'error';

const KIND_OF_NAME: ReadonlyMap<string, OldKind> = new Map([
  ['SessionManager', 'manager'],
  ['ContextSwitcherSession', 'record'],
  ['SessionData', 'data'],
  ['SessionSecurity', 'security'],
  ['SessionConcurrency', 'concurrency'],
  ['SessionLockManager', 'lockManager'],
  ['ClientBinding', 'binding'],
  ['AnalysisRecord', 'analysis'],
  ['AnalysisEntry', 'entry'],
  ['SessionManagerStats', 'stats'],
  ['SessionManagerOptions', 'managerOptions'],
  ['LegacyConfig', 'config'],
  ['Thread', 'thread'],
  ['SecurityEvent', 'securityEvent'],
  ['SessionError', 'error'],
  ['SessionCleanupError', 'error'],
  ['SecurityError', 'error'],
  ['ConcurrencyError', 'error'],
]);

const oldFileCache = new Map<string, boolean>();

/** A file of the old system: the embedded declarations, the installed packages, or old modules kept in a tree. */
export function isOldApiFile(fileName: string): boolean {
  let old = oldFileCache.get(fileName);
  if (old === undefined) {
    old =
      isVirtualLegacyFile(fileName) ||
      /\/node_modules\/@sessionkit\/legacy(?:-adapter)?\//.test(fileName) ||
      (!fileName.includes('/node_modules/') && !basename(fileName).startsWith('index.') && isOldSystemModule(fileName));
    oldFileCache.set(fileName, old);
  }
  return old;
}

/** The symbol behind aliases (imports, re-exports, `export =`). */
export function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  let current = symbol;
  for (let depth = 0; depth < 20 && current.flags & ts.SymbolFlags.Alias; depth++) {
    const next = checker.getAliasedSymbol(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** The old export a symbol is (after aliases), e.g. `SessionManager`, `getSessionData`; null when it is not old. */
export function oldExportName(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string | null {
  if (!symbol) return null;
  const resolved = resolveAlias(checker, symbol);
  const declaration = resolved.declarations?.[0];
  if (!declaration || !isOldApiFile(declaration.getSourceFile().fileName)) return null;
  return resolved.getName();
}

/** What old object a type stands for. */
export interface OldTypeInfo {
  kind: OldKind;
  /** The old class or interface name (`SecurityError`, `SessionManager`, …). */
  name: string;
  /** For a subclass of an old class declared in the project: its own symbol. */
  subclass: ts.Symbol | null;
  /** The type allows null or undefined. */
  nullable: boolean;
}

function classifySymbol(checker: ts.TypeChecker, symbol: ts.Symbol | undefined, depth = 0): { kind: OldKind; name: string; subclass: ts.Symbol | null } | null {
  if (!symbol || depth > 10) return null;
  const name = oldExportName(checker, symbol);
  if (name !== null) {
    const kind = KIND_OF_NAME.get(name);
    return kind ? { kind, name, subclass: null } : null;
  }
  // A project class deriving from an old class (at any depth).
  const declaration = symbol.declarations?.find(ts.isClassLike);
  if (!declaration) return null;
  for (const clause of declaration.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
    for (const base of clause.types) {
      const baseSymbol = checker.getSymbolAtLocation(base.expression);
      const found = baseSymbol ? classifySymbol(checker, resolveAlias(checker, baseSymbol), depth + 1) : null;
      if (found) return { ...found, subclass: found.subclass ?? symbol };
    }
  }
  return null;
}

/** What old object (if any) a type stands for, looking through `null | undefined`, `Promise<…>` excluded. */
export function oldTypeInfo(checker: ts.TypeChecker, type: ts.Type): OldTypeInfo | null {
  const members = type.isUnion() ? type.types : [type];
  let nullable = false;
  let found: ReturnType<typeof classifySymbol> = null;
  for (const member of members) {
    if (member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) {
      nullable = true;
      continue;
    }
    const classified = classifySymbol(checker, member.aliasSymbol ?? member.getSymbol()) ?? classifySymbol(checker, member.getSymbol());
    if (!classified) return null;
    if (found && found.kind !== classified.kind) return null;
    found = classified;
  }
  return found ? { ...found, nullable } : null;
}

/** The old kind of what an expression evaluates to. */
export function oldKindOf(checker: ts.TypeChecker, expression: ts.Expression): OldTypeInfo | null {
  return oldTypeInfo(checker, checker.getTypeAtLocation(expression));
}

/** What an old call reaches: a method of an old class (or of a project subclass), or an old module function. */
export interface OldCallTarget {
  /** The old class the method is declared on, or null for a module function. */
  owner: string | null;
  member: string;
}

/** The old API a call invokes (through aliases, bound references and namespaces), or null. */
export function oldCallTarget(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): OldCallTarget | null {
  const signature = checker.getResolvedSignature(call);
  const declaration = signature?.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (!declaration || !isOldApiFile(declaration.getSourceFile().fileName)) return null;
  const parent = declaration.parent;
  const member =
    declaration.name && ts.isIdentifier(declaration.name) ? declaration.name.text : ts.isConstructorDeclaration(declaration) ? 'constructor' : null;
  if (member === null) return null;
  if (ts.isClassDeclaration(parent) && parent.name) return { owner: parent.name.text, member };
  if (ts.isInterfaceDeclaration(parent)) return { owner: parent.name.text, member };
  return { owner: null, member };
}
