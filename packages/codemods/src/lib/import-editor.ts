/**
 * Adds core imports and removes old ones. All new names go into ONE import
 * of `@sessionkit/core` (or, with `--target relative`, one per sibling
 * module), placed just above the old import it replaces, in the file's module style
 * (ES import or `require`), with `type` kept for type-only uses and an alias
 * when the name is already taken in the file.
 */
import type { ASTNode, ASTPath, Collection, Identifier, JSCodeshift } from 'jscodeshift';
import { isObjectProperty, isReferenceIdentifier, propertyKeyName, removeStatement, requiredSpecifier, stringValue } from './ast.js';
import type { QuoteStyle } from './code-style.js';
import { isAcknowledged, isMarkerComment } from './migration-marker.js';
import { coreSpecifierFor, importTargetFor, type TargetOption } from './legacy-modules.js';
import { collectOldUses, type OldBinding } from './old-bindings.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] } & { [key: string]: unknown };

interface ImportSpecifierNode {
  type: string;
  imported?: Identifier;
  local?: Identifier;
  importKind?: string | null;
}

function statementList(root: Collection, j: JSCodeshift): ASTPath {
  const program = root.find(j.Program).paths()[0];
  if (!program) throw new Error('no Program node');
  return program.get('body') as ASTPath;
}

export class ImportEditor {
  private taken: Set<string> | null = null;
  private readonly shortenedRequires = new Set<ASTNode>();

  constructor(
    private readonly j: JSCodeshift,
    private readonly root: Collection,
    private readonly target: TargetOption,
    private readonly quote: QuoteStyle,
  ) {}

  /** Names declared or referenced anywhere in the file (a new import must not capture or shadow them). */
  private takenNames(): Set<string> {
    if (this.taken) return this.taken;
    const taken = new Set<string>();
    this.root.find(this.j.Identifier).forEach((path: ASTPath<Identifier>) => {
      const parent = path.parent?.node as { type?: string } | undefined;
      if (parent?.type?.startsWith('Import') === true && path.name === 'local') taken.add(path.node.name);
      else if (isReferenceIdentifier(path)) taken.add(path.node.name);
    });
    this.taken = taken;
    return taken;
  }

  private freeName(preferred: string): string {
    const taken = this.takenNames();
    if (!taken.has(preferred)) return preferred;
    // `Session` → `CoreSession`, `getSessionManager` → `CoreGetSessionManager`, then `…2`, `…3`.
    const base = `Core${preferred[0]?.toUpperCase() ?? ''}${preferred.slice(1)}`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  /** ES modules unless the nearby old import was a `require` (or the file has no imports but requires). */
  private moduleStyle(near: OldBinding | undefined): 'esm' | 'cjs' {
    if (near) return near.style;
    const body = statementList(this.root, this.j).value as unknown as ASTNode[];
    const hasImport = body.some((node) => node.type === 'ImportDeclaration');
    const hasRequire = body.some(
      (node) =>
        node.type === 'VariableDeclaration' && (node as { declarations: { init?: ASTNode }[] }).declarations.some((d) => requiredSpecifier(d.init) !== null),
    );
    return !hasImport && hasRequire ? 'cjs' : 'esm';
  }

  /** An existing import of the core module to merge into. */
  private findCoreDeclaration(specifier: string, style: 'esm' | 'cjs'): ASTPath | null {
    const body = statementList(this.root, this.j);
    const nodes = body.value as unknown as ASTNode[];
    let typeImport: ASTPath | null = null;
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index] as ASTNode & { type: string };
      if (isAcknowledged(node)) continue;
      if (style === 'esm' && node.type === 'ImportDeclaration') {
        const declaration = node as ASTNode & { source: ASTNode; importKind?: string; specifiers?: ASTNode[] };
        if (stringValue(declaration.source) !== specifier) continue;
        if ((declaration.specifiers ?? []).some((s) => s.type !== 'ImportSpecifier')) continue;
        if (declaration.importKind === 'type') typeImport ??= body.get(index) as ASTPath;
        else return body.get(index) as ASTPath;
      }
      if (style === 'cjs' && node.type === 'VariableDeclaration') {
        const declarators = (node as { declarations: { id: ASTNode; init?: ASTNode }[] }).declarations;
        const only = declarators.length === 1 ? declarators[0] : undefined;
        if (only && only.id.type === 'ObjectPattern' && requiredSpecifier(only.init) === specifier) return body.get(index) as ASTPath;
      }
    }
    // A value import is preferred; a type-only one is merged into (and widened when needed) otherwise.
    return typeImport;
  }

  /**
   * Where a new import goes: just above the old import it replaces (taking
   * over that import's leading comments, so a file header stays on top),
   * else after the last import.
   */
  private insertDeclaration(declaration: ASTNode, near: OldBinding | undefined): void {
    const body = statementList(this.root, this.j);
    const nodes = body.value as unknown as ASTNode[];
    let index = near ? nodes.indexOf(near.statement) : -1;
    if (index === -1) {
      let lastImport = -1;
      nodes.forEach((node, i) => {
        const isRequire =
          node.type === 'VariableDeclaration' && (node as { declarations: { init?: ASTNode }[] }).declarations.some((d) => requiredSpecifier(d.init) !== null);
        if (node.type === 'ImportDeclaration' || isRequire) lastImport = i;
      });
      index = lastImport + 1;
      if (lastImport === -1) {
        // After directives such as 'use strict'.
        while (index < nodes.length && nodes[index]?.type === 'ExpressionStatement' && (nodes[index] as { directive?: string }).directive !== undefined)
          index++;
        while (
          index < nodes.length &&
          nodes[index]?.type === 'ExpressionStatement' &&
          stringValue((nodes[index] as { expression: ASTNode }).expression) === 'use strict'
        )
          index++;
      }
    } else {
      const anchor = nodes[index] as { comments?: { type: string; value: string; leading?: boolean }[] | null };
      const moving = (anchor.comments ?? []).filter((comment) => comment.leading !== false && !isMarkerComment(comment));
      if (moving.length > 0) {
        anchor.comments = (anchor.comments ?? []).filter((comment) => !moving.includes(comment));
        // Fresh comment nodes: recast would otherwise keep their old surrounding blank lines.
        (declaration as { comments?: unknown[] }).comments = moving.map((comment) =>
          comment.type === 'CommentBlock' || comment.type === 'Block'
            ? this.j.commentBlock(comment.value, true, false)
            : this.j.commentLine(comment.value, true, false),
        );
      }
    }
    (body as unknown as { insertAt(index: number, node: ASTNode): void }).insertAt(index, declaration);
  }

  /**
   * A statement parsed from text: recast prints a node it parsed verbatim, so
   * `const { A, B } = require('…')` stays on one line (a node built with the
   * builders would be printed over several).
   */
  private parseStatement(code: string): ASTNode {
    const program = this.j(code).find(this.j.Program).paths()[0]?.node as { body: ASTNode[] } | undefined;
    const statement = program?.body[0];
    if (!statement) throw new Error(`could not build: ${code}`);
    // A copy without location (or recast's link to the parsed original) gets the file's spacing; its parts keep their text.
    const { loc: _loc, start: _start, end: _end, ...copy } = statement as unknown as Record<string, unknown>;
    return copy as unknown as ASTNode;
  }

  private quoted(specifier: string): string {
    const quote = this.quote === 'double' ? '"' : "'";
    return `${quote}${specifier}${quote}`;
  }

  /** `const { A, B: c } = require('core')`, rendered from text each time a name is added. */
  private renderRequire(kind: string, properties: readonly string[], specifier: string): ASTNode {
    return this.parseStatement(`${kind} { ${properties.join(', ')} } = require(${this.quoted(specifier)});`);
  }

  /**
   * The local name under which `coreName` is available, adding it to the core
   * import when needed. `preferredLocal` keeps an old alias (or an old name
   * whose new name is taken) so code using it needs no change.
   */
  use(coreName: string, options: { typeOnly: boolean; near?: OldBinding | undefined; preferredLocal?: string | undefined }): string {
    const { j } = this;
    const target = importTargetFor(this.target, options.near?.source);
    const specifier = coreSpecifierFor(coreName, target);
    const style = this.moduleStyle(options.near);
    const existing = this.findCoreDeclaration(specifier, style);

    if (existing && style === 'esm') {
      const declaration = existing.node as unknown as Mutable<{ importKind?: string; specifiers: ImportSpecifierNode[] }>;
      const found = declaration.specifiers.find((s) => s.imported?.name === coreName);
      if (found?.local) {
        if (!options.typeOnly && (declaration.importKind === 'type' || found.importKind === 'type')) this.makeValue(declaration, found);
        return found.local.name;
      }
      const local = options.preferredLocal ?? this.freeName(coreName);
      const added = j.importSpecifier(j.identifier(coreName), j.identifier(local)) as ImportSpecifierNode;
      if (declaration.importKind === 'type' && !options.typeOnly) this.makeValue(declaration, null);
      if (options.typeOnly && declaration.importKind !== 'type') added.importKind = 'type';
      declaration.specifiers.push(added);
      this.takenNames().add(local);
      return local;
    }

    if (existing && style === 'cjs') {
      const statement = existing.node as unknown as { kind: string; declarations: { id: { properties: ASTNode[] } }[]; comments?: unknown };
      const pattern = statement.declarations[0]?.id;
      if (pattern) {
        for (const property of pattern.properties) {
          if (isObjectProperty(property) && propertyKeyName(property) === coreName && property.value.type === 'Identifier') {
            return (property.value as Identifier).name;
          }
        }
        const local = options.preferredLocal ?? this.freeName(coreName);
        const properties = [...pattern.properties.map((property) => this.j(property).toSource()), local === coreName ? coreName : `${coreName}: ${local}`];
        const rendered = this.renderRequire(statement.kind, properties, specifier);
        (rendered as { comments?: unknown }).comments = statement.comments;
        existing.replace(rendered);
        this.takenNames().add(local);
        return local;
      }
    }

    const local = options.preferredLocal ?? this.freeName(coreName);
    const name = local === coreName ? coreName : style === 'esm' ? `${coreName} as ${local}` : `${coreName}: ${local}`;
    const declaration =
      style === 'esm'
        ? this.parseStatement(`import ${options.typeOnly ? 'type ' : ''}{ ${name} } from ${this.quoted(specifier)};`)
        : this.renderRequire('const', [name], specifier);
    this.insertDeclaration(declaration, options.near);
    this.takenNames().add(local);
    return local;
  }

  /** A type-only import gains a value name: the declaration becomes a value import, its other names stay types. */
  private makeValue(declaration: Mutable<{ importKind?: string; specifiers: ImportSpecifierNode[] }>, specifier: ImportSpecifierNode | null): void {
    if (declaration.importKind === 'type') {
      declaration.importKind = 'value';
      for (const s of declaration.specifiers) if (s !== specifier) s.importKind = 'type';
    }
    if (specifier) specifier.importKind = null;
  }

  /**
   * Moves every use of a named old binding to a core name: the core import
   * gets the name (keeping an alias, or the old name when the new one is
   * taken), the references are renamed, the old specifier goes.
   */
  renameBinding(binding: OldBinding, coreName: string, references: readonly ASTPath[]): void {
    const aliased = binding.local !== binding.imported;
    const takenElsewhere = binding.local !== coreName && this.takenNames().has(coreName);
    const keepLocal = aliased || takenElsewhere;
    const local = this.use(coreName, {
      typeOnly: binding.typeOnly,
      near: binding,
      preferredLocal: keepLocal ? binding.local : coreName,
    });
    if (local !== binding.local) for (const reference of references) this.renameReference(reference, local);
    this.removeBinding(binding);
  }

  /** Points one identifier reference at a new local name, keeping shorthand properties and export names intact. */
  renameReference(reference: ASTPath, local: string): void {
    const node = reference.node as Identifier;
    const parent = reference.parent?.node as (ASTNode & { type: string; shorthand?: boolean; exported?: Identifier; local?: Identifier }) | undefined;
    const replacement = this.j.identifier(local);
    if (parent && (parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.shorthand === true) {
      parent.shorthand = false;
      (parent as { key: ASTNode }).key = this.j.identifier(node.name);
    }
    if (parent?.type === 'ExportSpecifier' && reference.name === 'local') {
      // `export { Old }` keeps its public name: `export { New as Old }`. The specifier is rebuilt
      // because recast reprints a shorthand specifier's two identifiers as one.
      const exported = parent.exported?.name ?? node.name;
      const rebuilt = this.j.exportSpecifier.from({ local: this.j.identifier(local), exported: this.j.identifier(exported) });
      (reference.parent as ASTPath).replace(rebuilt);
      return;
    }
    const typeAnnotation = (node as { typeAnnotation?: unknown }).typeAnnotation;
    if (typeAnnotation) (replacement as { typeAnnotation?: unknown }).typeAnnotation = typeAnnotation;
    reference.replace(replacement);
  }

  /** Removes an old specifier / destructured property / require; the whole statement when nothing is left. */
  removeBinding(binding: OldBinding): void {
    const node = binding.statement as ASTNode & { type: string; kind?: string; specifiers?: ASTNode[]; declarations?: ASTNode[] };
    if (node.type === 'ImportDeclaration') {
      node.specifiers = (node.specifiers ?? []).filter((s) => s !== binding.node);
      if (node.specifiers.length === 0) this.removeStatement(node);
      return;
    }
    const declarations = node.declarations ?? [];
    for (const declarator of declarations) {
      const id = (declarator as { id: ASTNode & { type: string; properties?: ASTNode[] } }).id;
      if (declarator === binding.node) {
        node.declarations = declarations.filter((d) => d !== declarator);
      } else if (id.type === 'ObjectPattern' && id.properties?.includes(binding.node)) {
        id.properties = id.properties.filter((p) => p !== binding.node);
        if (id.properties.length === 0) node.declarations = declarations.filter((d) => d !== declarator);
        else this.shortenedRequires.add(node);
      }
    }
    if ((node.declarations ?? []).length === 0) this.removeStatement(node);
  }

  /**
   * Re-renders the `require` destructurings that lost names, from text:
   * recast would spread a shortened pattern over several lines. Runs once
   * the rule is done, so several removals from one statement are seen together.
   */
  finish(): void {
    for (const node of this.shortenedRequires) {
      const path = this.statementPath(node);
      const statement = node as ASTNode & {
        kind?: string;
        declarations?: { id: ASTNode & { properties?: ASTNode[] }; init?: ASTNode | null }[];
        comments?: unknown;
      };
      const declarator = statement.declarations?.length === 1 ? statement.declarations[0] : undefined;
      if (!path || !declarator?.init || !declarator.id.properties) continue;
      const properties = declarator.id.properties.map((property) => this.j(property).toSource()).join(', ');
      const rendered = this.parseStatement(`${statement.kind ?? 'const'} { ${properties} } = ${this.j(declarator.init).toSource()};`) as ASTNode & {
        comments?: unknown;
      };
      rendered.comments = statement.comments;
      path.replace(rendered);
    }
    this.shortenedRequires.clear();
  }

  /** The current path of a top-level statement (null once it is gone). */
  private statementPath(node: ASTNode): ASTPath | null {
    const body = statementList(this.root, this.j);
    const index = (body.value as unknown as ASTNode[]).indexOf(node);
    return index === -1 ? null : (body.get(index) as ASTPath);
  }

  private removeStatement(node: ASTNode): void {
    const path = this.statementPath(node);
    if (path) removeStatement(this.j, path);
  }

  /** Drops old bindings nothing refers to any more (all of them, or only the listed locals). */
  pruneUnused(bindings: readonly OldBinding[], onlyLocals?: ReadonlySet<string>): void {
    const uses = collectOldUses(this.j, this.root, bindings);
    const used = new Set(uses.map((use) => use.binding));
    for (const binding of bindings) {
      if (used.has(binding)) continue;
      if (onlyLocals && !onlyLocals.has(binding.local)) continue;
      this.removeBinding(binding);
    }
  }
}
