/**
 * The single registry of transforms: it drives `list`, the CLI's argument
 * check, the README's table and the order in which `all` runs them.
 */

/**
 * The step of the rollout a transform belongs to: `bridge` (old imports onto
 * `@sessionkit/legacy-adapter`, which behaves as the old system did except for
 * the differences its README documents), `full` (the code moves to
 * `@sessionkit/core`'s own API), `cleanup` (check that nothing still goes
 * through the adapter before removing it).
 */
export type RolloutPhase = 'bridge' | 'full' | 'cleanup';

/** What the registry says about one transform: its name, its phase and its help texts. */
export interface CodemodInfo {
  /** The name to pass to the CLI (`sessionkit-codemod <name> src`) or as {@link RunOptions.transform}. */
  readonly name: string;
  /** The rollout step it belongs to. */
  readonly phase: RolloutPhase;
  /** One line on what it does (printed by `list`). */
  readonly description: string;
  /** What `sessionkit-codemod <name> --help` adds: what it changes, what it leaves. */
  readonly details: string;
}

/**
 * Every transform the package ships, in the order `sessionkit-codemod list`
 * prints them: `to-adapter` (bridge), the five per-file steps and `all`
 * (full), `remove-adapter` (cleanup).
 *
 * @example
 * ```ts
 * import { codemods } from '@sessionkit/codemods';
 *
 * for (const codemod of codemods) console.log(`${codemod.name} (${codemod.phase}): ${codemod.description}`);
 * ```
 */
export const codemods = [
  {
    name: 'to-adapter',
    phase: 'bridge',
    description: 'Re-point old imports at @sessionkit/legacy-adapter (subpaths kept); nothing else in the code changes',
    details:
      'Every import of the old system (the package, its subpaths, relative old modules, require, import(), import(\'…\') types) is re-pointed at the bridge, which runs the old API on core; nothing else in the code changes. It behaves as the old system did except for the differences documented in @sessionkit/legacy-adapter\'s README ("Differences from the old system", "Versions, accesses and critical sections"): notably session.version now counts every change of the session, not only recordAccess calls, so a version the code reports can be higher than before. Ship this first, and watch it.',
  },
  {
    name: 'imports',
    phase: 'full',
    description:
      'Rewrite old imports to core names (SessionManager→SimpleSessionManager, session types→Session, …), drop unused ones, merge into one core import',
    details:
      'A step of the per-file migration (all does the whole job): renames old names to core names where the file no longer needs the old objects, drops old imports nothing uses, merges the rest into one core import; waits where the file still builds old sessions.',
  },
  {
    name: 'session-creation',
    phase: 'full',
    description: 'new ContextSwitcherSession + SessionSecurity binding + addSession → await manager.createSession(id, { topic })',
    details:
      'A step of the per-file migration: the create sequence (ContextSwitcherSession, SessionSecurity binding, addSession, capacity check) becomes one createSession call, where the file can move on its own.',
  },
  {
    name: 'session-operations',
    phase: 'full',
    description: 'getSessionData / SessionData calls / validateBinding / synchronizedUpdate / lock-manager blocks → Session methods',
    details:
      'A step of the per-file migration: getSessionData and SessionData calls, validateBinding, synchronizedUpdate and lock-manager blocks become Session methods, where the file can move on its own.',
  },
  {
    name: 'error-handling',
    phase: 'full',
    description: 'SecurityError→SessionSecurityError, ConcurrencyError→SessionConcurrencyError in catch/instanceof/throw/types',
    details:
      'A step of the per-file migration: SecurityError, ConcurrencyError, SessionError and SessionCleanupError move to core (SessionSecurityError, SessionConcurrencyError, …) in catch, instanceof, throw and types.',
  },
  {
    name: 'manager-usage',
    phase: 'full',
    description: 'SessionManager options, cleanup task, sessionContext, _isExpired and getSessionAtomic → SimpleSessionManager API',
    details:
      'A step of the per-file migration: manager options (cleanupIntervalMinutes → cleanupIntervalSeconds), the cleanup task, sessionContext, _isExpired and getSessionAtomic move to SimpleSessionManager.',
  },
  {
    name: 'all',
    phase: 'full',
    description: 'Migrate the whole codebase to @sessionkit/core at once (planned across files); what cannot move stays on the adapter, marked',
    details:
      'The whole migration to @sessionkit/core, planned over every file given at once (run it on the whole codebase): managers and their subclasses, create sequences, session data (on the pool the sessions live in), binding checks, locks and synchronous runs (atomicUpdate on the state), errors, types, JSDoc, barrels and their importers, CommonJS, dynamic imports. Files that share old objects and contain a site with no safe rewrite stay on the bridge together, that site marked; nothing is left half-migrated.',
  },
  {
    name: 'remove-adapter',
    phase: 'cleanup',
    description: 'List every remaining @sessionkit/legacy-adapter import (--write-markers marks them); exit 0 only when none remain',
    details:
      'Lists every import still going through @sessionkit/legacy-adapter (with --write-markers, marks each); exits 0 only when none is left, so CI can gate removing the bridge.',
  },
] as const satisfies readonly CodemodInfo[];

/** The name of a transform the package ships (`'to-adapter'`, `'all'`, `'remove-adapter'`, …): what {@link runCodemod} accepts. */
export type CodemodName = (typeof codemods)[number]['name'];

/** The per-file steps, in the order to run them one by one (`all` plans the whole migration instead). */
export const ALL_STEPS = ['imports', 'session-creation', 'session-operations', 'error-handling', 'manager-usage'] as const satisfies readonly CodemodName[];

/**
 * Whether a string (a command-line argument, say) names one of the shipped
 * transforms; narrows it to {@link CodemodName}.
 *
 * @param name - the candidate name, e.g. `'all'`
 * @returns true when {@link codemods} has a transform of that name
 */
export function isCodemodName(name: string): name is CodemodName {
  return codemods.some((codemod) => codemod.name === name);
}
