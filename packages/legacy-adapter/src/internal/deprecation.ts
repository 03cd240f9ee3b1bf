/**
 * One DeprecationWarning per old entry point, on its first use (never at
 * import: the package is side-effect free), recommending the codemod that
 * migrates the whole codebase (`all`, as the codemods README does) and
 * naming the per-concern transform as the step-by-step alternative. `SESSIONKIT_NO_DEPRECATION=1` silences them, as do
 * Node's own `--no-deprecation` / `process.noDeprecation`.
 */

export interface DeprecatedEntryPoint {
  /** `process.emitWarning` code. */
  readonly code: string;
  /** What the old code called. */
  readonly oldApi: string;
  /** What it becomes on `@sessionkit/core`. */
  readonly replacement: string;
  /** The per-concern `@sessionkit/codemods` transform that rewrites it (the step-by-step alternative to `all`). */
  readonly transform: string;
}

export const DEPRECATIONS = {
  sessionManager: {
    code: 'SESSIONKIT_LEGACY_SESSION_MANAGER',
    oldApi: 'new SessionManager()',
    replacement: 'new SimpleSessionManager() from @sessionkit/core',
    transform: 'manager-usage',
  },
  contextSwitcherSession: {
    code: 'SESSIONKIT_LEGACY_CONTEXT_SWITCHER_SESSION',
    oldApi: 'new ContextSwitcherSession()',
    replacement: 'await manager.createSession(id, { topic, initialPerspectives })',
    transform: 'session-creation',
  },
  sessionSecurity: {
    code: 'SESSIONKIT_LEGACY_SESSION_SECURITY',
    oldApi: 'new SessionSecurity()',
    replacement: 'the binding core creates with each session, and await session.validateSecurity(toolName)',
    transform: 'session-creation',
  },
  sessionData: {
    code: 'SESSIONKIT_LEGACY_SESSION_DATA',
    oldApi: 'SessionData / getSessionData() / registerSessionData()',
    replacement: 'await getSessionManager().requireSession(id) and the Session methods',
    transform: 'session-operations',
  },
  sessionConcurrency: {
    code: 'SESSIONKIT_LEGACY_SESSION_CONCURRENCY',
    oldApi: 'new SessionConcurrency() / createSessionConcurrency()',
    replacement: 'await session.atomicUpdate(fn, expectedVersion)',
    transform: 'session-operations',
  },
  sessionLockManager: {
    code: 'SESSIONKIT_LEGACY_SESSION_LOCK_MANAGER',
    oldApi: 'getSessionLockManager() / new SessionLockManager()',
    replacement: 'await session.atomicUpdate(fn), which takes the session’s own lock',
    transform: 'session-operations',
  },
} as const satisfies Record<string, DeprecatedEntryPoint>;

const warned = new Set<string>();

/** Emits the entry point's warning the first time it is used in this process. */
export function deprecated(entry: DeprecatedEntryPoint): void {
  if (warned.has(entry.code)) return;
  if (process.env['SESSIONKIT_NO_DEPRECATION'] === '1') return;
  warned.add(entry.code);
  process.emitWarning(
    `${entry.oldApi} from @sessionkit/legacy-adapter is deprecated: it now runs on @sessionkit/core. ` +
      `Replace it with ${entry.replacement}; the codemod does it for you, over the whole codebase at once: ` +
      `npx @sessionkit/codemods all <paths> (or step by step: npx @sessionkit/codemods ${entry.transform} <paths>)`,
    { type: 'DeprecationWarning', code: entry.code, detail: `Set SESSIONKIT_NO_DEPRECATION=1 to silence these warnings.` },
  );
}

/** Test hook: forget which warnings were emitted. */
export function resetDeprecationWarnings(): void {
  warned.clear();
}
