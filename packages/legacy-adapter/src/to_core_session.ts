import type { Session } from '@sessionkit/core';
import { handleOfRecord } from './bridge/context_switcher_session.js';
import { handleOfConcurrency } from './bridge/session_concurrency.js';
import { handleOfData } from './bridge/session_data.js';
import { handleOfSecurity } from './bridge/session_security.js';

/**
 * The core `Session` behind an old object (`ContextSwitcherSession`,
 * `SessionData`, `SessionSecurity` or `SessionConcurrency`), for migrating
 * one call site at a time: `await toCoreSession(record).atomicUpdate(...)`
 * works on the very state the old object shows. Null for anything else.
 */
export function toCoreSession(oldObject: unknown): Session | null {
  const handle = handleOfRecord(oldObject) ?? handleOfData(oldObject) ?? handleOfSecurity(oldObject) ?? handleOfConcurrency(oldObject);
  return handle?.session ?? null;
}
