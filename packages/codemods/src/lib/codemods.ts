/**
 * The single registry of transforms: it drives `list`, the CLI's argument
 * check, the README's table and the order in which `all` runs them.
 */

export type RolloutPhase = 'bridge' | 'full' | 'cleanup';

export interface CodemodInfo {
  readonly name: string;
  readonly phase: RolloutPhase;
  /** One line on what it does (printed by `list`). */
  readonly description: string;
}

export const codemods = [
  {
    name: 'to-adapter',
    phase: 'bridge',
    description: 'Re-point old imports at @sessionkit/legacy-adapter (subpaths kept); no behaviour change',
  },
  {
    name: 'imports',
    phase: 'full',
    description: 'Rewrite old imports to core names (SessionManager→SimpleSessionManager, session types→Session, …), drop unused ones, merge into one core import',
  },
  {
    name: 'session-creation',
    phase: 'full',
    description: 'new ContextSwitcherSession + SessionSecurity binding + addSession → await manager.createSession(id, { topic })',
  },
  {
    name: 'session-operations',
    phase: 'full',
    description: 'getSessionData / SessionData calls / validateBinding / synchronizedUpdate / lock-manager blocks → Session methods',
  },
  {
    name: 'error-handling',
    phase: 'full',
    description: 'SecurityError→SessionSecurityError, ConcurrencyError→SessionConcurrencyError in catch/instanceof/throw/types',
  },
  {
    name: 'manager-usage',
    phase: 'full',
    description: 'SessionManager options, cleanup task, sessionContext, _isExpired and getSessionAtomic → SimpleSessionManager API',
  },
  {
    name: 'all',
    phase: 'full',
    description: 'imports, session-creation, session-operations, error-handling, manager-usage, then leftovers to the adapter (marked)',
  },
  {
    name: 'remove-adapter',
    phase: 'cleanup',
    description: 'List every remaining @sessionkit/legacy-adapter import (--write-markers marks them); exit 0 only when none remain',
  },
] as const satisfies readonly CodemodInfo[];

export type CodemodName = (typeof codemods)[number]['name'];

/** The transforms `all` runs, in order, before re-pointing what is left at the adapter. */
export const ALL_STEPS = ['imports', 'session-creation', 'session-operations', 'error-handling', 'manager-usage'] as const satisfies readonly CodemodName[];

export function isCodemodName(name: string): name is CodemodName {
  return codemods.some((codemod) => codemod.name === name);
}
