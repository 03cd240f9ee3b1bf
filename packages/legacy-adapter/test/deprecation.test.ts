/**
 * One DeprecationWarning per old entry point, on first use, recommending the
 * codemod's `all` (and naming the per-concern transform as the step-by-step
 * alternative); SESSIONKIT_NO_DEPRECATION=1 silences them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ContextSwitcherSession,
  SessionData,
  SessionLockManager,
  SessionManager,
  SessionSecurity,
  createSessionConcurrency,
  getSessionData,
  getSessionLockManager,
  registerSessionData,
} from '../src/index.js';
import { resetDeprecationWarnings } from '../src/internal/deprecation.js';
import { newId } from './support/fixtures.js';

let warnings: Error[] = [];
/** Node's own listener prints every warning; the assertions below are the output that matters. */
let printers: ((warning: Error) => void)[] = [];
const collect = (warning: Error) => warnings.push(warning);
/** emitWarning delivers on the next tick. */
const delivered = () => new Promise<void>((resolve) => setImmediate(resolve));
const codes = () => warnings.map((warning) => (warning as Error & { code?: string }).code);

beforeEach(() => {
  vi.stubEnv('SESSIONKIT_NO_DEPRECATION', '');
  resetDeprecationWarnings();
  warnings = [];
  printers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', collect);
});
afterEach(() => {
  process.off('warning', collect);
  for (const printer of printers) process.on('warning', printer);
  vi.unstubAllEnvs();
});

describe('deprecation warnings', () => {
  it('warns once per old entry point, on its first use', async () => {
    new SessionManager();
    new SessionManager();
    const record = new ContextSwitcherSession(newId('warn'), new Date());
    new SessionSecurity(record.sessionId);
    const data = new SessionData(record.sessionId, record.createdAt);
    registerSessionData(data);
    getSessionData(record.sessionId);
    createSessionConcurrency(record.sessionId).cleanup(); // its cleanup uses the lock manager internally: no warning for that
    await delivered();
    expect(codes()).toEqual([
      'SESSIONKIT_LEGACY_SESSION_MANAGER',
      'SESSIONKIT_LEGACY_CONTEXT_SWITCHER_SESSION',
      'SESSIONKIT_LEGACY_SESSION_SECURITY',
      'SESSIONKIT_LEGACY_SESSION_DATA',
      'SESSIONKIT_LEGACY_SESSION_CONCURRENCY',
    ]);
    getSessionLockManager();
    new SessionLockManager();
    await delivered();
    expect(codes().at(-1)).toBe('SESSIONKIT_LEGACY_SESSION_LOCK_MANAGER');
    expect(warnings).toHaveLength(6);
  });

  it('is a DeprecationWarning that names the replacement, recommends `all` first, then the per-concern transform', async () => {
    new SessionManager();
    new ContextSwitcherSession(newId('warn'), new Date());
    createSessionConcurrency(newId('warn'));
    await delivered();
    const [manager, record, concurrency] = warnings;
    expect(manager?.name).toBe('DeprecationWarning');
    expect(manager?.message).toMatch(
      /new SessionManager\(\).*SimpleSessionManager.*npx @sessionkit\/codemods all <paths> \(or step by step: npx @sessionkit\/codemods manager-usage <paths>\)$/,
    );
    expect(record?.message).toMatch(/npx @sessionkit\/codemods all <paths>.*npx @sessionkit\/codemods session-creation/);
    expect(concurrency?.message).toMatch(/atomicUpdate.*npx @sessionkit\/codemods all <paths>.*npx @sessionkit\/codemods session-operations/);
    for (const warning of warnings) expect(warning.message.indexOf('codemods all ')).toBeLessThan(warning.message.search(/codemods (manager-usage|session-)/));
  });

  it('stays silent with SESSIONKIT_NO_DEPRECATION=1', async () => {
    vi.stubEnv('SESSIONKIT_NO_DEPRECATION', '1');
    new SessionManager();
    new ContextSwitcherSession(newId('quiet'), new Date());
    await delivered();
    expect(warnings).toEqual([]);
  });
});
