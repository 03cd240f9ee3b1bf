/**
 * Every place a file names a module of the old system: imports, re-exports,
 * `require(...)` and `import(...)` anywhere in the file. `to-adapter`
 * re-points them; `remove-adapter` lists those of the bridge.
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { isObjectProperty, propertyKeyName, requiredSpecifier, stringValue } from './ast.js';
import { classifySpecifier, isOldImport, type OldSource } from './legacy-modules.js';
import { collectOldBindings } from './old-bindings.js';

export interface ModuleReference {
  /** The node holding the specifier literal (`source` of a declaration, or a call). */
  holder: ASTPath;
  specifier: string;
  source: OldSource;
  /** The names it brings in, when they can be known. */
  names: string[] | null;
  /** Where a marker goes. */
  site: ASTPath;
  /** Which field of a non-call holder has the literal. */
  holderField: 'source' | 'argument';
}

function destructuredNames(path: ASTPath): string[] | null {
  let current = path.parent as ASTPath | null;
  if (current?.node.type === 'AwaitExpression') current = current.parent as ASTPath | null;
  const node = current?.node as { type?: string; id?: ASTNode & { properties?: ASTNode[] } } | undefined;
  if (node?.type !== 'VariableDeclarator' || node.id?.type !== 'ObjectPattern') return null;
  return (node.id.properties ?? []).flatMap((property) => (isObjectProperty(property) ? (propertyKeyName(property) ?? []) : []));
}

function isDynamicImport(node: ASTNode): boolean {
  const n = node as { type: string; callee?: { type: string } };
  return n.type === 'ImportExpression' || (n.type === 'CallExpression' && n.callee?.type === 'Import');
}

/** The specifier a node names a module with (import, re-export, require, import(), `import('…')` type), if any. */
export function specifierOf(node: ASTNode): string | null {
  const n = node as ASTNode & { type: string; source?: ASTNode | null; arguments?: ASTNode[]; argument?: ASTNode & { literal?: ASTNode } };
  switch (n.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
    case 'ImportExpression':
      return n.source ? stringValue(n.source) : null;
    case 'TSImportType':
      return stringValue(n.argument) ?? stringValue(n.argument?.literal);
    case 'CallExpression':
      return requiredSpecifier(n) ?? (isDynamicImport(n) ? stringValue(n.arguments?.[0]) : null);
    default:
      return null;
  }
}

/** Every module specifier the file names, in any of the forms above. */
export function moduleSpecifiers(j: JSCodeshift, root: Collection): string[] {
  const specifiers: string[] = [];
  root.find(j.Node).forEach((path) => {
    const specifier = specifierOf(path.node as ASTNode);
    if (specifier !== null) specifiers.push(specifier);
  });
  return specifiers;
}

export function findModuleReferences(j: JSCodeshift, root: Collection): ModuleReference[] {
  const references: ModuleReference[] = [];
  const oldDeclarations = new Set(collectOldBindings(j, root).map((binding) => binding.statement));

  root.find(j.Node).forEach((nodePath) => {
    const path = nodePath as unknown as ASTPath;
    const node = path.node as ASTNode & { type: string; source?: ASTNode | null; specifiers?: ASTNode[]; arguments?: ASTNode[] };
    let specifier: string | null = null;
    let names: string[] | null = null;
    let decided: boolean | null = null;
    let holderField: 'source' | 'argument' = 'source';

    if (node.type === 'ImportDeclaration') {
      specifier = stringValue(node.source);
      const hasBindings = (node.specifiers ?? []).some((s) => s.type !== 'ImportDefaultSpecifier');
      // Named and namespace imports were judged with their uses by collectOldBindings.
      if (hasBindings) decided = oldDeclarations.has(node);
      const named = (node.specifiers ?? []).flatMap((s) => {
        const imported = (s as { type: string; imported?: { name?: string } }).imported;
        return s.type === 'ImportSpecifier' && imported?.name ? [imported.name] : [];
      });
      names = named.length > 0 ? named : null;
    } else if ((node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source) {
      specifier = stringValue(node.source);
      if (node.type === 'ExportNamedDeclaration') {
        names = (node.specifiers ?? []).flatMap((s) => {
          const local = (s as { local?: { name?: string } }).local;
          return local?.name ? [local.name] : [];
        });
      }
    } else if (node.type === 'CallExpression' && requiredSpecifier(node) !== null) {
      specifier = requiredSpecifier(node);
      const statement = path.parent?.parent as ASTPath | undefined;
      if (statement && oldDeclarations.has(statement.node)) decided = true;
      names = destructuredNames(path);
    } else if (node.type === 'TSImportType') {
      // `import('@sessionkit/legacy').SessionManager` in a type.
      const argument = (node as { argument?: ASTNode & { literal?: ASTNode } }).argument;
      specifier = stringValue(argument) ?? stringValue(argument?.literal);
      holderField = 'argument';
    } else if (isDynamicImport(node)) {
      specifier = node.type === 'ImportExpression' ? stringValue(node.source) : stringValue(node.arguments?.[0]);
      names = destructuredNames(path);
    }
    if (specifier === null) return;
    const source = classifySpecifier(specifier);
    if (!source) return;
    if (decided === false) return;
    if (decided === null && !isOldImport(source, names)) return;
    references.push({ holder: path, specifier, source, names, site: path, holderField });
  });
  return references;
}

/** Points a reference at another module, in the file's literal shape. */
export function replaceSpecifier(j: JSCodeshift, reference: ModuleReference, specifier: string, estree: boolean): void {
  const literal = estree ? j.literal(specifier) : j.stringLiteral(specifier);
  const node = reference.holder.node as unknown as { type: string; source?: ASTNode; argument?: { type: string; literal?: ASTNode }; arguments?: ASTNode[] };
  if (node.type === 'CallExpression' && node.arguments) node.arguments[0] = literal;
  else if (reference.holderField === 'argument' && node.argument?.type === 'TSLiteralType') node.argument.literal = literal;
  else if (reference.holderField === 'argument') node.argument = literal;
  else node.source = literal;
}
