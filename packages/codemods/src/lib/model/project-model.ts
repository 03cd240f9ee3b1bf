/**
 * The project model every step of the full migration consults: one
 * type-checked program over the run's files (see program.ts), and the facts
 * that cross file boundaries — which function a call reaches and who calls a
 * function, where each manager comes from (slots.ts), which pools hold the
 * sessions whose data the code looks up, whether the old configuration is
 * ever changed, whether old error contexts are ever read.
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import { isOldApiFile, oldCallTarget, oldExportName, oldKindOf, oldTypeInfo, resolveAlias, type OldCallTarget, type OldTypeInfo } from './old-api.js';
import { createModelProgram, type SourceSnapshot } from './program.js';
import { SlotResolver, type Slot, type SlotIndex } from './slots.js';

type Call = ts.CallExpression | ts.NewExpression;

/** The type-checked model of a run's files, and the cross-file facts the rewrites ask. */
export class ProjectModel implements SlotIndex {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly slots: SlotResolver;
  /** The files being migrated (absolute paths). */
  readonly files: ReadonlySet<string>;
  readonly #calls = new Map<ts.Node, Call[]>();
  readonly #instantiations = new Map<ts.Symbol, ts.NewExpression[]>();
  /** Identifiers that name a project function without calling it (passed on, stored). */
  readonly #valueReferences = new Map<ts.Node, ts.Identifier[]>();
  #dataSlots: Set<Slot> | undefined;
  /** `setConfig(…)` is called somewhere in the run: the old defaults are not constants. */
  readonly changesOldConfig: boolean;
  /** `.context` of an old error is read somewhere: dropping it would lose data. */
  readonly readsErrorContext: boolean;

  constructor(snapshot: readonly SourceSnapshot[]) {
    this.files = new Set(snapshot.map((file) => resolve(file.path)));
    this.program = createModelProgram(snapshot);
    this.checker = this.program.getTypeChecker();
    this.slots = new SlotResolver(this);
    let changesConfig = false;
    let readsContext = false;
    for (const sourceFile of this.sourceFiles()) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          this.#indexCall(node);
          const target = oldCallTarget(this.checker, node);
          if (target?.owner === null && target.member === 'setConfig') changesConfig = true;
        } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'context' && oldKindOf(this.checker, node.expression)?.kind === 'error') {
          readsContext = true;
        } else if (ts.isIdentifier(node)) {
          this.#indexReference(node);
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    this.changesOldConfig = changesConfig;
    this.readsErrorContext = readsContext;
  }

  /** The run's files in the program. */
  sourceFiles(): ts.SourceFile[] {
    return this.program.getSourceFiles().filter((file) => this.files.has(resolve(file.fileName)));
  }

  sourceFile(path: string): ts.SourceFile | undefined {
    return this.program.getSourceFile(resolve(path));
  }

  isRunFile(node: ts.Node): boolean {
    return this.files.has(resolve(node.getSourceFile().fileName));
  }

  #indexCall(call: Call): void {
    const declaration = this.checker.getResolvedSignature(call)?.getDeclaration();
    if (declaration && this.isRunFile(declaration)) {
      const list = this.#calls.get(declaration) ?? [];
      list.push(call);
      this.#calls.set(declaration, list);
    }
    if (ts.isNewExpression(call)) {
      const symbol = this.checker.getSymbolAtLocation(call.expression);
      const klass = symbol ? resolveAlias(this.checker, symbol) : undefined;
      if (klass?.declarations?.some((d) => ts.isClassLike(d) && this.isRunFile(d))) {
        const list = this.#instantiations.get(klass) ?? [];
        list.push(call);
        this.#instantiations.set(klass, list);
      }
    }
  }

  #indexReference(identifier: ts.Identifier): void {
    const parent = identifier.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === identifier) return;
    if (
      ts.isPropertyAccessExpression(parent) &&
      parent.name === identifier &&
      (ts.isCallExpression(parent.parent) || ts.isNewExpression(parent.parent)) &&
      parent.parent.expression === parent
    )
      return;
    if (
      ts.isFunctionLike(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isImportSpecifier(parent) ||
      ts.isImportClause(parent) ||
      ts.isExportSpecifier(parent)
    )
      return;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === identifier) return;
    const symbol = this.checker.getSymbolAtLocation(identifier);
    if (!symbol) return;
    const resolved = resolveAlias(this.checker, symbol);
    const declaration = resolved.valueDeclaration;
    const fn =
      declaration &&
      (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)
        ? declaration
        : ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isFunctionLike(declaration.initializer)
          ? declaration.initializer
          : undefined);
    if (!fn || !this.isRunFile(fn)) return;
    const list = this.#valueReferences.get(fn) ?? [];
    list.push(identifier);
    this.#valueReferences.set(fn, list);
  }

  callsOf(declaration: ts.Node): readonly Call[] {
    return this.#calls.get(declaration) ?? [];
  }

  instantiationsOf(classSymbol: ts.Symbol): readonly ts.NewExpression[] {
    return this.#instantiations.get(classSymbol) ?? [];
  }

  /** Places that use a project function as a value (not by calling it). */
  valueReferencesOf(fn: ts.Node): readonly ts.Identifier[] {
    return this.#valueReferences.get(fn) ?? [];
  }

  kindOf(expression: ts.Expression): OldTypeInfo | null {
    return oldKindOf(this.checker, expression);
  }

  /** A declaration of the old system (embedded, installed, or old modules kept in the tree). */
  isOldDeclaration(declaration: ts.Node): boolean {
    return isOldApiFile(declaration.getSourceFile().fileName);
  }

  typeInfo(type: ts.Type): OldTypeInfo | null {
    return oldTypeInfo(this.checker, type);
  }

  callTarget(call: Call): OldCallTarget | null {
    return oldCallTarget(this.checker, call);
  }

  /** The old export an identifier or `ns.Name` names, or null. */
  oldName(node: ts.Node): string | null {
    const target = ts.isPropertyAccessExpression(node) ? node.name : node;
    return oldExportName(this.checker, this.checker.getSymbolAtLocation(target));
  }

  /**
   * The pools whose sessions have registered data: `getSessionData(id)`
   * looks those up. A session's data is registered where it is created
   * (see the creation rule), so these are the slots of the managers that
   * `addSession` is called on in a function that also calls `registerSessionData`.
   */
  dataSlots(): ReadonlySet<Slot> {
    if (this.#dataSlots) return this.#dataSlots;
    const slots = new Set<Slot>();
    for (const sourceFile of this.sourceFiles()) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && this.callTarget(node)?.member === 'addSession') {
          const fn = ts.findAncestor(node, ts.isFunctionLike);
          if (fn && registersData(this, fn)) {
            const slot = this.slots.slotOf(node.expression.expression);
            if (slot) slots.add(slot);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    this.#dataSlots = slots;
    return slots;
  }
}

function registersData(model: ProjectModel, fn: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && model.callTarget(node)?.member === 'registerSessionData') found = true;
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}
