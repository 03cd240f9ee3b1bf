/**
 * The old manager's construction and subclassing → core's:
 *
 *   new SessionManager({ maxSessions, cleanupIntervalMinutes: 5 })
 *   → new SimpleSessionManager({ maxSessions, cleanupIntervalSeconds: 300 })
 *
 * (the class name itself is renamed with every other old name, names.ts),
 * and in a class that extends the old manager, the old cleanup hook
 * `_cleanupSessionResources(id)` — which the old manager called whenever a
 * session left the pool — is kept and wired to core's per-session cleanup
 * callbacks through a `createSession` override, so it runs exactly then.
 */
import ts from 'typescript';
import { isStable, skipOuter } from './expressions.js';
import type { FilePlan } from './file-plan.js';

/** `m` minutes as seconds: literals multiplied out, `s / 60` back to `s`, possibly-undefined values kept undefined. */
function secondsOf(plan: FilePlan, minutes: ts.Expression, text: (node: ts.Node) => string): string | null {
  const bare = skipOuter(minutes);
  if (ts.isNumericLiteral(bare)) return String(Number(bare.text.replace(/_/g, '')) * 60);
  if (ts.isBinaryExpression(bare) && bare.operatorToken.kind === ts.SyntaxKind.SlashToken && ts.isNumericLiteral(bare.right) && Number(bare.right.text) === 60)
    return text(bare.left);
  const type = plan.checker.getTypeAtLocation(minutes);
  const mayBeUndefined = type.isUnion() && type.types.some((member) => member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void));
  if (!mayBeUndefined) return `${wrap(text(minutes), minutes)} * 60`;
  if (!isStable(minutes)) return null;
  return `${text(minutes)} === undefined ? undefined : ${text(minutes)} * 60`;
}

function wrap(text: string, node: ts.Expression): string {
  const bare = skipOuter(node);
  return ts.isIdentifier(bare) || ts.isPropertyAccessExpression(bare) || ts.isCallExpression(bare) || ts.isNumericLiteral(bare) ? text : `(${text})`;
}

/** Rewrites an options object literal in place; a reason when it cannot. */
function convertOptions(plan: FilePlan, options: ts.ObjectLiteralExpression): string | null {
  for (const property of options.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = plan.checker.getTypeAtLocation(property.expression);
      if (spread.getProperty('cleanupIntervalMinutes'))
        return 'options spread from another object may hold cleanupIntervalMinutes, which core reads as cleanupIntervalSeconds';
      continue;
    }
    const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : null;
    if (name !== 'cleanupIntervalMinutes') continue;
    const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : null;
    if (!value) return 'cleanupIntervalMinutes is a method or accessor';
    if (secondsOf(plan, value, (node) => node.getText()) === null)
      return 'cleanupIntervalMinutes may be undefined and is computed: store it in a variable, then run again';
    plan.replace(property, (text) => `cleanupIntervalSeconds: ${secondsOf(plan, value, text) ?? 'undefined'}`);
  }
  return null;
}

/** The options of an old manager construction (a literal, or a local constant holding one). */
function migrateOptions(plan: FilePlan, options: ts.Expression | undefined, site: ts.Node): void {
  if (!options) return;
  let literal: ts.Expression = skipOuter(options);
  if (ts.isIdentifier(literal)) {
    const declaration = plan.checker.getSymbolAtLocation(literal)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && declaration.getSourceFile() === plan.sourceFile)
      literal = skipOuter(declaration.initializer);
  }
  if (!ts.isObjectLiteralExpression(literal)) {
    const type = plan.checker.getTypeAtLocation(options);
    if (type.getProperty('cleanupIntervalMinutes'))
      plan.block(
        site,
        'manager options built elsewhere may hold cleanupIntervalMinutes: core takes cleanupIntervalSeconds; convert where they are built, then run again',
      );
    return;
  }
  if (plan.isCovered(literal)) return;
  const problem = convertOptions(plan, literal);
  if (problem) plan.block(site, problem);
}

const KEPT_AS_IS = new Set(['constructor', '_cleanupSessionResources']);

function migrateSubclass(plan: FilePlan, klass: ts.ClassDeclaration | ts.ClassExpression): void {
  for (const member of klass.members) {
    const name = member.name && ts.isIdentifier(member.name) ? member.name.text : null;
    if (ts.isConstructorDeclaration(member) && member.body) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) migrateOptions(plan, node.arguments[0], node);
        if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
      };
      ts.forEachChild(member.body, visit);
      continue;
    }
    if (!name || KEPT_AS_IS.has(name)) continue;
    const overridden = plan.checker
      .getTypeAtLocation(klass)
      .getBaseTypes()
      ?.some((base) => base.getProperty(name)?.declarations?.some((d) => plan.model.isOldDeclaration(d)));
    if (overridden)
      plan.block(
        member,
        `this class overrides the old manager's ${name}: core's SimpleSessionManager works differently there; move the override onto core's API by hand`,
      );
  }
  const hook = klass.members.find(
    (member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && member.name.getText() === '_cleanupSessionResources',
  );
  if (!hook) return;
  // Not an override any more: core has no such hook. Called for every session leaving the pool, as before.
  const overrideKeyword = hook.modifiers?.find((modifier) => modifier.kind === ts.SyntaxKind.OverrideKeyword);
  if (overrideKeyword)
    plan.edits.replace(overrideKeyword.getStart(), hook.modifiers?.[hook.modifiers.indexOf(overrideKeyword) + 1]?.getStart() ?? hook.name.getStart(), '');
  const indent = plan.indentAt(hook);
  const unit = plan.indentUnit;
  const session = plan.js ? '' : plan.core('Session', true);
  const options = plan.js ? '' : plan.core('CreateSessionOptions', true);
  const signature = plan.js
    ? 'async createSession(sessionId, options)'
    : `override async createSession(sessionId: string, options?: ${options}): Promise<${session}>`;
  const override = [
    '',
    `${indent}/** Runs _cleanupSessionResources when the session leaves the pool (removed, expired, or the pool shut down). */`,
    `${indent}${signature} {`,
    `${indent}${unit}const session = await super.createSession(sessionId, options);`,
    `${indent}${unit}session.addCleanupCallback(() => this._cleanupSessionResources(sessionId));`,
    `${indent}${unit}return session;`,
    `${indent}}`,
  ].join('\n');
  plan.edits.insert(hook.end, `\n${override}`);
}

/** Converts old manager options and wires subclasses' cleanup hook. */
export function migrateManagers(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && plan.model.oldName(node.expression) === 'SessionManager') {
      if (plan.model.changesOldConfig && !node.arguments?.length)
        plan.block(node, "setConfig changes the old defaults somewhere in this project: pass the manager's options explicitly, then run again");
      migrateOptions(plan, node.arguments?.[0], node);
    }
    if (
      (ts.isClassDeclaration(node) || ts.isClassExpression(node)) &&
      node.heritageClauses?.some(
        (clause) => clause.token === ts.SyntaxKind.ExtendsKeyword && clause.types.some((base) => plan.model.oldName(base.expression) === 'SessionManager'),
      )
    ) {
      migrateSubclass(plan, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(plan.sourceFile);
}

const OLD_DEFAULTS: Readonly<Record<string, string>> = {
  maxActiveSessions: '50',
  defaultTtlHours: '1',
  cleanupIntervalSeconds: '300',
  pbkdf2Iterations: '600_000',
};

/** `getConfig()` → the old defaults (which are core's), as long as nothing in the project changes them. */
export function migrateConfig(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (!ts.isCallExpression(node) || plan.isCovered(node)) return;
    const target = plan.model.callTarget(node);
    if (target?.owner !== null) return;
    if (target.member === 'setConfig')
      return plan.block(
        node,
        "setConfig has no core counterpart: core's settings are manager options (maxSessions, sessionTtlHours, cleanupIntervalSeconds, secretKey, logger)",
      );
    if (target.member !== 'getConfig') return;
    if (plan.model.changesOldConfig)
      return plan.block(node, 'getConfig: setConfig changes the old settings somewhere in this project; pass the values as manager options instead');
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
      const value = OLD_DEFAULTS[parent.name.text];
      if (value === undefined)
        return plan.block(parent, `getConfig().${parent.name.text} has no core counterpart (core logs through the manager's logger option)`);
      return plan.replace(parent, () => value);
    }
    plan.replace(
      node,
      () =>
        `{ ${Object.entries(OLD_DEFAULTS)
          .map(([key, value]) => `${key}: ${value}`)
          .join(', ')} }`,
    );
  };
  visit(plan.sourceFile);
}
