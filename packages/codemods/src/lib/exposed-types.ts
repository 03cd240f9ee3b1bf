/**
 * Old types a file hands to other files. When another file of the run imports
 * an export whose signature names `SessionManager`, `ContextSwitcherSession`
 * or `SessionData` (a parameter, a return type, a property of an exported
 * interface, an exported `new SessionManager()`…), renaming that type here
 * would break the importer, which may still pass or expect the old object:
 * files are migrated one at a time, each on its own. So such a type stays old
 * in this file (through the adapter, with a marker) until both move together.
 *
 * Signatures only: what happens inside function bodies does not cross into
 * other files. Local types an export's signature refers to (an interface it
 * returns) count as part of it.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';
import type { RuleContext } from './context.js';

/** The old types whose core replacements are different classes: an importer can tell them apart. */
export const CROSS_FILE_TYPES = ['SessionManager', 'ContextSwitcherSession', 'SessionData'] as const;
export type CrossFileType = (typeof CROSS_FILE_TYPES)[number];

export interface Exposure {
  type: CrossFileType;
  /** The top-level statements whose own signature names the type (markers go there), with the files that reach each. */
  sites: { statement: ASTPath; importers: string[] }[];
}

type AnyNode = ASTNode & { type: string; [key: string]: unknown };

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ClassMethod',
  'ClassPrivateMethod',
  'ObjectMethod',
  'TSDeclareFunction',
  'TSDeclareMethod',
]);
const SKIPPED_KEYS = new Set(['loc', 'comments', 'start', 'end', 'extra', 'tokens', 'original', 'range']);

function children(node: AnyNode): AnyNode[] {
  const found: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (SKIPPED_KEYS.has(key) || value === null || typeof value !== 'object') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') found.push(item as AnyNode);
    }
  }
  return found;
}

function isPrivateMember(node: AnyNode): boolean {
  return (
    node['accessibility'] === 'private' ||
    node.type === 'ClassPrivateProperty' ||
    node.type === 'ClassPrivateMethod' ||
    (node['key'] as AnyNode | undefined)?.type === 'PrivateName'
  );
}

/** Every node of a declaration's signature: types and parameters, never function bodies or private members. */
function signatureNodes(declaration: AnyNode): Set<ASTNode> {
  const seen = new Set<ASTNode>();
  const visit = (node: AnyNode): void => {
    seen.add(node);
    if (FUNCTION_TYPES.has(node.type)) {
      for (const key of ['params', 'returnType', 'typeParameters']) {
        const value = node[key];
        for (const item of Array.isArray(value) ? value : [value]) if (item && typeof item === 'object') visit(item as AnyNode);
      }
      return;
    }
    if (node.type === 'ClassBody') {
      for (const member of children(node)) if (!isPrivateMember(member)) visit(member);
      return;
    }
    if (node.type === 'VariableDeclarator' || node.type === 'ClassProperty') {
      const id = (node.type === 'VariableDeclarator' ? node['id'] : node) as AnyNode;
      const annotation = id['typeAnnotation'] as AnyNode | null | undefined;
      const init = (node.type === 'VariableDeclarator' ? node['init'] : node['value']) as AnyNode | null | undefined;
      if (annotation) visit(annotation);
      // Without an annotation the value's type is the export's: `new SessionManager()`, or a function's signature.
      else if (init && (init.type === 'NewExpression' || FUNCTION_TYPES.has(init.type))) visit(init);
      return;
    }
    for (const child of children(node)) visit(child);
  };
  visit(declaration);
  return seen;
}

interface TopLevel {
  declaration: AnyNode;
  statement: ASTPath;
}

/** Top-level declarations by local name, and exported name → local name. */
function moduleDeclarations(context: RuleContext): { locals: Map<string, TopLevel>; exported: Map<string, string> } {
  const { j, root } = context;
  const locals = new Map<string, TopLevel>();
  const exported = new Map<string, string>();
  const program = root.find(j.Program).paths()[0];
  if (!program) return { locals, exported };
  const body = program.get('body') as ASTPath;
  (body.value as unknown as AnyNode[]).forEach((node, index) => {
    const statement = body.get(index) as ASTPath;
    let declaration = node;
    let exportedAs: 'named' | 'default' | null = null;
    if (node.type === 'ExportNamedDeclaration' && !node['source']) {
      for (const specifier of (node['specifiers'] as AnyNode[] | undefined) ?? []) {
        const local = (specifier['local'] as AnyNode | undefined)?.['name'];
        const name = (specifier['exported'] as AnyNode | undefined)?.['name'] ?? local;
        if (typeof local === 'string' && typeof name === 'string') exported.set(name, local);
      }
      if (!node['declaration']) return;
      declaration = node['declaration'] as AnyNode;
      exportedAs = 'named';
    } else if (node.type === 'ExportDefaultDeclaration') {
      declaration = node['declaration'] as AnyNode;
      exportedAs = 'default';
      if (declaration.type === 'Identifier') {
        exported.set('default', declaration['name'] as string);
        return;
      }
    }
    const declarators = declaration.type === 'VariableDeclaration' ? ((declaration['declarations'] as AnyNode[] | undefined) ?? []) : [declaration];
    for (const declarator of declarators) {
      const id = declarator['id'] as AnyNode | null | undefined;
      const name = id?.type === 'Identifier' ? (id['name'] as string) : exportedAs === 'default' ? 'default' : null;
      if (name === null) continue;
      locals.set(name, { declaration: declarator, statement });
      if (exportedAs !== null) exported.set(exportedAs === 'default' ? 'default' : name, name);
    }
  });
  return { locals, exported };
}

/** The old types this file's signatures hand to the files that import them (empty when no importer is known). */
export function exposedOldTypes(context: RuleContext): Map<CrossFileType, Exposure> {
  const exposures = new Map<CrossFileType, Exposure>();
  const { importedBy } = context.options;
  if (importedBy.size === 0) return exposures;
  const { locals, exported } = moduleDeclarations(context);

  // Declarations other files reach, each with the files that reach it.
  const reached = new Map<string, Set<string>>();
  const queue: string[] = [];
  const reach = (local: string, importers: Iterable<string>): void => {
    const known = reached.get(local);
    const added = [...importers].filter((file) => !known?.has(file));
    if (!locals.has(local) || added.length === 0) return;
    reached.set(local, new Set([...(known ?? []), ...added]));
    queue.push(local);
  };
  const everything = importedBy.get('*') ?? [];
  for (const [name, local] of exported) reach(local, [...(importedBy.get(name) ?? []), ...everything]);

  const oldUses = context.oldUses().filter((use) => (CROSS_FILE_TYPES as readonly string[]).includes(use.name));
  while (queue.length > 0) {
    const local = queue.shift() as string;
    const entry = locals.get(local);
    const importers = reached.get(local) ?? new Set<string>();
    if (!entry) continue;
    const signature = signatureNodes(entry.declaration);
    for (const node of signature) {
      // A local type the signature names (an interface it returns) is part of it.
      if (node.type === 'Identifier' && (node as AnyNode)['name'] !== local) reach((node as AnyNode)['name'] as string, importers);
    }
    for (const use of oldUses) {
      if (!signature.has(use.path.node)) continue;
      const type = use.name as CrossFileType;
      const exposure = exposures.get(type) ?? { type, sites: [] };
      const site = exposure.sites.find((known) => known.statement === entry.statement);
      if (site) site.importers = [...new Set([...site.importers, ...importers])];
      else exposure.sites.push({ statement: entry.statement, importers: [...importers] });
      exposures.set(type, exposure);
    }
  }
  return exposures;
}

/** The marker above a declaration whose signature keeps old types for its importers. */
export function exposureReason(types: readonly string[], importers: readonly string[]): string {
  const list = [...importers].sort().join(', ');
  return `keeps the old ${types.join(' and ')} in its signature: ${list} import${importers.length === 1 ? 's' : ''} it and may still pass or expect the old object${types.length === 1 ? '' : 's'}; move them to core together, then run all again`;
}

/** Writes the exposure markers (one per declaration, naming every type it keeps). */
export function markExposures(context: RuleContext, exposures: ReadonlyMap<CrossFileType, Exposure>): void {
  const bySite = new Map<ASTPath, { types: string[]; importers: Set<string> }>();
  for (const exposure of exposures.values()) {
    for (const { statement, importers } of exposure.sites) {
      const entry = bySite.get(statement) ?? { types: [], importers: new Set<string>() };
      entry.types.push(exposure.type);
      for (const file of importers) entry.importers.add(file);
      bySite.set(statement, entry);
    }
  }
  for (const [site, { types, importers }] of bySite) {
    if (!context.isAcknowledged(site)) context.mark(site, exposureReason(types, [...importers]));
  }
}
