import { SessionSecurityError, SessionConcurrencyError, SessionError } from '@sessionkit/core';

export async function runTool(body: () => Promise<unknown>): Promise<string> {
  try {
    await body();
    return 'ok';
  } catch (error) {
    if (error instanceof SessionSecurityError) return 'security_error';
    if (error instanceof SessionConcurrencyError) return 'concurrency_error';
    if (error instanceof SessionError) return 'session_error';
    throw error;
  }
}

export function conflict(expected: number, actual: number): never {
  throw new SessionConcurrencyError(`expected version ${expected}, found ${actual}`, { expected, actual });
}
