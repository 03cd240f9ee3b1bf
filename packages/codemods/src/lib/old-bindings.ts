/**
 * Finds the names a file brings in from the old system (ES imports and
 * top-level CommonJS requires, named, aliased, namespace, type-only) and
 * every place those names are used.
 */
import type { ASTNode, ASTPath, Collection, Identifier, JSCodeshift } from 'jscodeshift';
import { isObjectProperty, isReferenceIdentifier, propertyKeyName, requiredSpecifier, scopeOf, stringValue } from './ast.js';
import { isAcknowledged } from './migration-marker.js';
import { classifySpecifier, isOldImport, type OldSource } from './legacy-modules.js';

export interface OldBinding {
  /** The name the file uses. */
  local: string;
  /** The old export it stands for; null for a namespace import or a whole-module `require`. */
  imported: string | null;
  /** The module specifier as written (`'../session_manager'`). */
  specifier: string;
  source: OldSource;
  style: 'esm' | 'cjs';
  typeOnly: boolean;
  /** The specifier (or destructuring property, or declarator) node, for removal. */
  node: ASTNode;
  /**
   * The ImportDeclaration or VariableDeclaration holding it. A node, not a
   * path: a path to a statement that was since removed points at whatever
   * took its place.
   */
  statement: ASTNode;
}

/** One use of an old export: an identifier (named binding) or `ns.Name` (namespace binding). */
export interface OldUse {
  binding: OldBinding;
  name: string;
  /** The Identifier, or the MemberExpression / TSQualifiedName of a namespace use. */
  path: ASTPath;
}

/** True when `name` at this path means the module-level binding (not a shadowing local). */
export function resolvesToModuleScope(path: ASTPath, name: string): boolean {
  const scope = scopeOf(path);
  if (!scope) return true;
  const declaring = scope.lookup(name);
  return declaring === null || declaring.isGlobal;
}

function isInside(path: ASTPath, ancestor: ASTNode): boolean {
  let current: ASTPath | null = path;
  while (current) {
    if (current.node === ancestor) return true;
    current = current.parent as ASTPath | null;
  }
  return false;
}

/** Every reference to the given module-level names, grouped by name, excluding the declarations themselves. */
export function collectReferences(
  j: JSCodeshift,
  root: Collection,
  names: ReadonlySet<string>,
  exclude: readonly ASTNode[] = [],
): Map<string, ASTPath<Identifier>[]> {
  const found = new Map<string, ASTPath<Identifier>[]>();
  if (names.size === 0) return found;
  root.find(j.Identifier).forEach((path: ASTPath<Identifier>) => {
    const name = path.node.name;
    if (!names.has(name) || !isReferenceIdentifier(path)) return;
    if (!resolvesToModuleScope(path, name)) return;
    if (exclude.some((node) => isInside(path, node))) return;
    const list = found.get(name) ?? [];
    list.push(path);
    found.set(name, list);
  });
  return found;
}

/** `ns.Name` / `ns.Name` in a type: the member name, or null for any other use of the namespace. */
function namespaceMemberName(identifier: ASTPath): { name: string; path: ASTPath } | null {
  const parent = identifier.parent as ASTPath | null;
  if (!parent) return null;
  const node = parent.node as { type: string; computed?: boolean; property?: ASTNode; right?: ASTNode };
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && identifier.name === 'object') {
    if (node.computed === true) {
      const name = stringValue(node.property);
      return name === null ? null : { name, path: parent };
    }
    const property = node.property as { type: string; name?: string } | undefined;
    return property?.type === 'Identifier' && property.name ? { name: property.name, path: parent } : null;
  }
  if (node.type === 'TSQualifiedName' && identifier.name === 'left') {
    const right = node.right as { type: string; name?: string } | undefined;
    return right?.type === 'Identifier' && right.name ? { name: right.name, path: parent } : null;
  }
  return null;
}

interface Candidate extends Omit<OldBinding, 'source'> {
  source: OldSource;
}

function candidateBindings(j: JSCodeshift, root: Collection): Candidate[][] {
  const groups: Candidate[][] = [];
  const program = root.find(j.Program).paths()[0];
  if (!program) return groups;
  const body = program.get('body') as ASTPath;
  const statements = (body.value as unknown as ASTNode[]).map((_, index) => body.get(index) as ASTPath);
  for (const statement of statements) {
    const node = statement.node as ASTNode & { type: string };
    if (isAcknowledged(node)) continue;
    if (node.type === 'ImportDeclaration') {
      const declaration = node as ASTNode & { source: ASTNode; importKind?: string; specifiers?: ASTNode[] };
      const specifier = stringValue(declaration.source);
      const source = specifier === null ? null : classifySpecifier(specifier);
      if (!source || specifier === null) continue;
      const group: Candidate[] = [];
      for (const spec of declaration.specifiers ?? []) {
        const s = spec as ASTNode & { type: string; local?: Identifier; imported?: ASTNode; importKind?: string };
        if (!s.local) continue;
        const typeOnly = declaration.importKind === 'type' || s.importKind === 'type';
        if (s.type === 'ImportSpecifier') {
          const imported = s.imported?.type === 'Identifier' ? (s.imported as Identifier).name : stringValue(s.imported);
          if (imported === null) continue;
          group.push({ local: s.local.name, imported, specifier, source, style: 'esm', typeOnly, node: spec, statement: statement.node });
        } else if (s.type === 'ImportNamespaceSpecifier') {
          group.push({ local: s.local.name, imported: null, specifier, source, style: 'esm', typeOnly, node: spec, statement: statement.node });
        }
      }
      groups.push(group);
    } else if (node.type === 'VariableDeclaration') {
      const declarators = (node as ASTNode & { declarations: ASTNode[] }).declarations;
      const group: Candidate[] = [];
      for (const declarator of declarators) {
        const d = declarator as ASTNode & { id: ASTNode & { type: string }; init?: ASTNode | null };
        const specifier = requiredSpecifier(d.init);
        const source = specifier === null ? null : classifySpecifier(specifier);
        if (!source || specifier === null) continue;
        if (d.id.type === 'Identifier') {
          group.push({
            local: (d.id as Identifier).name,
            imported: null,
            specifier,
            source,
            style: 'cjs',
            typeOnly: false,
            node: declarator,
            statement: statement.node,
          });
        } else if (d.id.type === 'ObjectPattern') {
          for (const property of (d.id as ASTNode & { properties: ASTNode[] }).properties) {
            if (!isObjectProperty(property)) continue;
            const imported = propertyKeyName(property);
            const value = property.value as ASTNode & { type: string };
            if (imported === null || value.type !== 'Identifier') continue;
            group.push({
              local: (value as Identifier).name,
              imported,
              specifier,
              source,
              style: 'cjs',
              typeOnly: false,
              node: property,
              statement: statement.node,
            });
          }
        }
      }
      if (group.length > 0) groups.push(group);
    }
  }
  return groups;
}

/**
 * The file's bindings of the old system. A relative import with an old
 * basename only counts when it brings in an old name (for a namespace: uses
 * one), so `./models` of an unrelated app, or core's own `./session-manager`,
 * are never touched.
 */
export function collectOldBindings(j: JSCodeshift, root: Collection): OldBinding[] {
  const groups = candidateBindings(j, root);
  const namespaceLocals = new Set(
    groups
      .flat()
      .filter((b) => b.imported === null)
      .map((b) => b.local),
  );
  const namespaceUses = collectReferences(
    j,
    root,
    namespaceLocals,
    groups.flat().map((b) => b.statement),
  );
  const result: OldBinding[] = [];
  for (const group of groups) {
    const first = group[0];
    if (!first) continue;
    const names = group.flatMap((binding) => {
      if (binding.imported !== null) return [binding.imported];
      return (namespaceUses.get(binding.local) ?? []).flatMap((path) => namespaceMemberName(path)?.name ?? []);
    });
    if (isOldImport(first.source, names)) result.push(...group);
  }
  return result;
}

/** Every use of every old binding: identifiers of named bindings, `ns.Name` of namespace bindings. */
export function collectOldUses(j: JSCodeshift, root: Collection, bindings: readonly OldBinding[]): OldUse[] {
  const locals = new Set(bindings.map((b) => b.local));
  const references = collectReferences(
    j,
    root,
    locals,
    bindings.map((b) => b.statement),
  );
  const uses: OldUse[] = [];
  for (const binding of bindings) {
    for (const path of references.get(binding.local) ?? []) {
      if (binding.imported !== null) {
        uses.push({ binding, name: binding.imported, path });
        continue;
      }
      const member = namespaceMemberName(path);
      // A namespace used whole (passed along, spread) has no member name: it keeps the binding alive.
      uses.push(member ? { binding, name: member.name, path: member.path } : { binding, name: '*', path });
    }
  }
  return uses;
}
