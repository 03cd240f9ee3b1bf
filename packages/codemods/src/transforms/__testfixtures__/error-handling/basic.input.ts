import { SecurityError, ConcurrencyError, SessionError } from '../exceptions';

export async function runTool(body: () => Promise<unknown>): Promise<string> {
  try {
    await body();
    return 'ok';
  } catch (error) {
    if (error instanceof SecurityError) return 'security_error';
    if (error instanceof ConcurrencyError) return 'concurrency_error';
    if (error instanceof SessionError) return 'session_error';
    throw error;
  }
}

export function conflict(expected: number, actual: number): never {
  throw new ConcurrencyError(`expected version ${expected}, found ${actual}`, { expected, actual });
}
