/**
 * The core export each old name becomes. Names core has under the same name
 * keep it; the session record and the session data both become `Session`
 * (one object in core); the binding becomes the summary core exposes; helpers
 * whose job core does inside the session (security, concurrency, locks, the
 * data registry, the config) have no counterpart: their uses are rewritten
 * away, and a use that is left blocks the migration.
 */

const AS_VALUE: ReadonlyMap<string, string> = new Map([
  ['SessionManager', 'SimpleSessionManager'],
  ['ContextSwitcherSession', 'Session'],
  ['SessionData', 'Session'],
  ['Thread', 'Thread'],
  ['ModelBackend', 'ModelBackend'],
  ['AnalysisRecord', 'AnalysisRecord'],
  ['SecurityEvent', 'SecurityEvent'],
  ['SessionError', 'SessionError'],
  ['SessionCleanupError', 'SessionCleanupError'],
  ['SecurityError', 'SessionSecurityError'],
  ['ConcurrencyError', 'SessionConcurrencyError'],
]);

const AS_TYPE: ReadonlyMap<string, string> = new Map([
  ...AS_VALUE,
  ['SessionManagerOptions', 'SessionManagerOptions'],
  ['SessionManagerStats', 'ManagerStats'],
  ['ClientBinding', 'ClientBindingSummary'],
  ['ClientBindingSummary', 'ClientBindingSummary'],
  ['AnalysisEntry', 'AnalysisRecord'],
  ['ConversationMessage', 'ConversationMessage'],
  ['ThreadInit', 'ThreadInit'],
]);

/** Core names that are types only (imported with `type` in TypeScript). */
export const TYPE_ONLY_CORE_NAMES: ReadonlySet<string> = new Set([
  'SessionManagerOptions',
  'ManagerStats',
  'ClientBindingSummary',
  'ConversationMessage',
  'ThreadInit',
  'CreateSessionOptions',
]);

/** The core export an old name becomes, used as a type or as a value; null when there is none. */
export function coreNameFor(oldName: string, asType: boolean): string | null {
  return (asType ? AS_TYPE : AS_VALUE).get(oldName) ?? null;
}

/** The name a re-export (or an import of one) takes: an old name kept as is becomes the core name; a name of the project's own choosing stays. */
export function renamedExport(exportName: string, oldName: string, asType: boolean): string | null {
  const core = coreNameFor(oldName, asType) ?? (asType ? null : coreNameFor(oldName, true));
  if (core === null) return null;
  return exportName === oldName ? core : exportName;
}
