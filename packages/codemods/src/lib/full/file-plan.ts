/**
 * What the full migration is going to do to one file: its edits, the core
 * names it will import, the markers it leaves, and what it asks of other
 * steps (functions that must become async, reasons it cannot be migrated).
 * Every rewriting step writes through this object and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { detectQuote } from '../code-style.js';
import { MARKER_PREFIX } from '../migration-marker.js';
import type { ProjectModel } from '../model/project-model.js';
import { EditSet } from './edits.js';
import { enclosingFunction, enclosingStatement, needsParens, type Precedence } from './expressions.js';

/** A core export a file needs: a value, or only a type (`import type`). */
export interface CoreNeed {
  local: string;
  typeOnly: boolean;
}

/** A site with no safe rewrite: it keeps the file's group on the bridge. */
export interface Blocker {
  line: number;
  reason: string;
  /** A statement the user marked `sessionkit-migrate-ignore:` that still uses the old API (no marker is written for it). */
  acknowledged?: boolean;
}

/** The planned rewrite of one file. */
export class FilePlan {
  readonly edits: EditSet;
  readonly js: boolean;
  readonly quote: string;
  readonly indentUnit: string;
  /** Core export name → how the file refers to it. */
  readonly coreNeeds = new Map<string, CoreNeed>();
  /** Lines of statements the user acknowledged (`sessionkit-migrate-ignore:`) that use the old API. */
  readonly acknowledgedLines: [number, number][] = [];
  /** Ranges already turned into one `atomicUpdate` (never nest another inside). */
  readonly updateRanges: [number, number][] = [];
  /** Functions that must become async because a rewrite put an `await` in them. */
  readonly asyncNeeded = new Set<ts.FunctionLikeDeclaration>();
  /** Imports of other modules of the project the rewrites need: specifier → exported name → local name. */
  readonly projectImports = new Map<string, Map<string, string>>();
  /** Why the file (and what it shares old objects with) cannot move to core. */
  readonly blockers: Blocker[] = [];
  /** Marker lines of an earlier run that this plan takes out (notes.ts); a marker still true is written again. */
  staleMarkers: readonly [number, number][] = [];
  readonly #takenNames: Set<string>;
  readonly #markedStatements = new Map<ts.Statement, string[]>();

  constructor(
    readonly model: ProjectModel,
    readonly sourceFile: ts.SourceFile,
  ) {
    this.edits = new EditSet(sourceFile.text);
    this.js = /\.[cm]?jsx?$/.test(sourceFile.fileName);
    this.quote = detectQuote(sourceFile.text) === 'double' ? '"' : "'";
    this.indentUnit = detectIndentUnit(sourceFile.text);
    this.#takenNames = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && model.oldName(node) === null) this.#takenNames.add(node.text);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }

  get checker(): ts.TypeChecker {
    return this.model.checker;
  }

  /** Where core's names are imported from (`--target relative`: the sibling modules of an in-repo copy). */
  coreSpecifier(name: string): string {
    return this.coreSpecifierFor(name);
  }

  /** Set by the planner: ES modules of the run use the old API too (so sessions come from core's ES build). */
  esModulesUseSessions = false;

  /**
   * The argument of an `import('…')` type naming core. A CommonJS file
   * (`.cjs`) resolves core's CommonJS declarations, whose classes are
   * distinct types from the ES ones; in a project whose ES modules make the
   * sessions it handles, such a file asks for the ES declarations
   * (`resolution-mode: 'import'`).
   */
  typeImportArgument(name: string): string {
    const specifier = this.literal(this.coreSpecifier(name));
    if (!/\.c[jt]s$/.test(this.sourceFile.fileName) || !this.esModulesUseSessions || packageType(dirname(this.sourceFile.fileName)) !== 'module')
      return specifier;
    return `${specifier}, { with: { ${this.literal('resolution-mode')}: ${this.literal('import')} } }`;
  }

  /** Set by the planner from the run's options. */
  coreSpecifierFor: (name: string) => string = () => '@sessionkit/core';

  /** The local name under which a core export is available in this file (imported at the end). */
  core(name: string, typeOnly = false, preferredLocal?: string): string {
    const existing = this.coreNeeds.get(name);
    if (existing && (preferredLocal === undefined || existing.local === preferredLocal)) {
      if (!typeOnly) existing.typeOnly = false;
      return existing.local;
    }
    if (preferredLocal !== undefined && !this.coreNeeds.has(name)) {
      this.#takenNames.add(preferredLocal);
      this.coreNeeds.set(name, { local: preferredLocal, typeOnly });
      return preferredLocal;
    }
    let local = name;
    for (let n = 1; this.#takenNames.has(local); n++) local = n === 1 ? `Core${name}` : `Core${name}${n}`;
    this.#takenNames.add(local);
    this.coreNeeds.set(name, { local, typeOnly });
    return local;
  }

  /** Everything planned from here on can be undone with `rollback` (a rewrite that turned out impossible half-way). */
  checkpoint(): { edits: number; needs: string[] } {
    return { edits: this.edits.checkpoint(), needs: [...this.coreNeeds.keys()] };
  }

  rollback(checkpoint: { edits: number; needs: string[] }): void {
    this.edits.rollback(checkpoint.edits);
    for (const name of [...this.coreNeeds.keys()]) if (!checkpoint.needs.includes(name)) this.coreNeeds.delete(name);
  }

  /** The local name for `name` exported by another file of the project (imported at the end). */
  importFrom(specifier: string, name: string): string {
    const names = this.projectImports.get(specifier) ?? new Map<string, string>();
    this.projectImports.set(specifier, names);
    const existing = names.get(name);
    if (existing) return existing;
    let local = name;
    for (let n = 2; this.#takenNames.has(local) && !this.#importsAlready(specifier, name); n++) local = `${name}${n}`;
    this.#takenNames.add(local);
    names.set(name, local);
    return local;
  }

  /** The file already imports `name` from that module under the same local name. */
  #importsAlready(specifier: string, name: string): boolean {
    return this.sourceFile.statements.some(
      (statement) =>
        ts.isImportDeclaration(statement) &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        statement.moduleSpecifier.text.replace(/\.[cm]?[jt]sx?$/, '') === specifier &&
        statement.importClause?.namedBindings !== undefined &&
        ts.isNamedImports(statement.importClause.namedBindings) &&
        statement.importClause.namedBindings.elements.some((element) => element.name.text === name && !element.propertyName),
    );
  }

  /** A string literal in the file's quote style. */
  literal(text: string): string {
    const escaped = text.replace(/\\/g, '\\\\').replace(new RegExp(this.quote, 'g'), `\\${this.quote}`);
    return `${this.quote}${escaped}${this.quote}`;
  }

  /** `(error: unknown)` in TypeScript, `(error)` in JavaScript. */
  param(name: string, type: string): string {
    return this.js ? name : `${name}: ${type}`;
  }

  /** The text of a node as it will be after the edits inside it, for use inside a render. */
  static textOf(inner: (start: number, end: number) => string, node: ts.Node): string {
    return inner(node.getStart(), node.end);
  }

  /**
   * Replaces an expression (or any node); `render` gets the edited text of
   * any node inside it. The result is parenthesised where its parent binds
   * tighter than `precedence`.
   */
  replace(node: ts.Node, render: (text: (inner: ts.Node) => string) => string, precedence: Precedence = 'primary'): void {
    const wrap = needsParens(node, precedence);
    this.edits.replace(node.getStart(), node.end, (inner) => {
      const output = render((child) => inner(child.getStart(), child.end));
      return wrap ? `(${output})` : output;
    });
  }

  /** Removes a statement with the whitespace of its line(s), so no blank line is left behind. */
  removeStatement(statement: ts.Statement, moved = false): void {
    const text = this.sourceFile.text;
    let start = statement.getStart();
    let end = statement.end;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (text.slice(lineStart, start).trim() === '') start = lineStart;
    const lineEnd = text.indexOf('\n', end);
    if (text.slice(end, lineEnd === -1 ? text.length : lineEnd).trim() === '' && start === lineStart) end = lineEnd === -1 ? text.length : lineEnd + 1;
    this.edits.replace(start, end, '', moved);
  }

  /**
   * The edited text of a node whose statement was removed with `moved` so it
   * can be placed elsewhere; lines after the first are re-indented from
   * where it was to `indent`. Call it from a render (every edit is in by then).
   */
  moved(node: ts.Node, indent: string): string {
    const text = this.edits.renderDetached(node.getStart(), node.end);
    const from = this.indentAt(node);
    return text
      .split('\n')
      .map((line, index) => (index > 0 && line.startsWith(from) ? indent + line.slice(from.length) : line))
      .join('\n');
  }

  /** The whitespace a line starts with. */
  indentAt(node: ts.Node): string {
    const text = this.sourceFile.text;
    const position = node.getStart();
    const lineStart = text.lastIndexOf('\n', position - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  }

  /** Whether a node still reaches the output as itself (no edit replaced it; see EditSet#isLive). */
  survives(node: ts.Node): boolean {
    return this.edits.isLive(node.getStart(), node.end);
  }

  /** Already rewritten (or removed) by an earlier step. */
  isCovered(node: ts.Node): boolean {
    return !this.survives(node);
  }

  line(node: ts.Node): number {
    return this.sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  }

  /**
   * Leaves `// sessionkit-migrate: <reason>` above the statement holding the
   * node: the code was migrated, but a human must decide something.
   */
  mark(node: ts.Node, reason: string): void {
    const statement = enclosingStatement(node);
    if (!statement) return;
    const oneLine = reason.replace(/\s+/g, ' ').trim();
    const reasons = this.#markedStatements.get(statement) ?? [];
    if (reasons.includes(oneLine) || statementHasMarker(this.sourceFile, statement, oneLine, this.staleMarkers)) return;
    reasons.push(oneLine);
    this.#markedStatements.set(statement, reasons);
    this.edits.insert(statement.getStart(), `// ${MARKER_PREFIX} ${oneLine}\n${this.indentAt(statement)}`);
  }

  /** The file cannot be moved to core because of this site; it stays on the bridge, marked. */
  block(node: ts.Node, reason: string): void {
    this.blockers.push({ line: this.line(node), reason });
  }

  /** The function around `node` must be async (an `await` is being put there). */
  requireAsync(node: ts.Node, why = 'a call that is async on core'): void {
    const fn = enclosingFunction(node);
    if (fn === null) {
      this.block(node, `${why} sits at module level (or in a field initializer), where it cannot be awaited: move it into an async function`);
      return;
    }
    this.asyncNeeded.add(fn);
  }
}

function packageType(directory: string): string | null {
  for (let current = directory; ; current = dirname(current)) {
    const manifest = join(current, 'package.json');
    if (existsSync(manifest)) {
      try {
        const type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
        return typeof type === 'string' ? type : 'commonjs';
      } catch {
        return null;
      }
    }
    if (dirname(current) === current) return null;
  }
}

/** The statement keeps a marker with this reason (one the plan takes out does not count). */
function statementHasMarker(sourceFile: ts.SourceFile, statement: ts.Statement, reason: string, stale: readonly [number, number][]): boolean {
  const from = statement.getFullStart();
  const to = statement.getStart();
  let leading = '';
  let cursor = from;
  for (const [start, end] of stale) {
    if (end <= from || start >= to) continue;
    leading += sourceFile.text.slice(cursor, Math.max(cursor, start));
    cursor = Math.max(cursor, end);
  }
  leading += sourceFile.text.slice(cursor, to);
  return leading.includes(`${MARKER_PREFIX} ${reason}`);
}

function detectIndentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match?.[1]) return '  ';
  if (match[1].startsWith('\t')) return '\t';
  return match[1].length >= 4 && match[1].length % 4 === 0 && !/\n {2}\S/.test(text) ? '    ' : '  ';
}
