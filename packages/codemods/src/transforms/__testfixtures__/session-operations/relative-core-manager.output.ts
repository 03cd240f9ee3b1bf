// An in-repo migration (--target relative): core's manager class comes from the sibling
// ./session_manager module. Importing the class is not having a pool of one's own.
import { type SimpleSessionManager, getSessionManager } from './session_manager.js';

export async function lastPrompt(id: string): Promise<string | undefined> {
  const data = await getSessionManager().requireSession(id);
  return (await data.getLastAnalysis())?.prompt;
}

export function isPool(value: unknown): value is SimpleSessionManager {
  return typeof value === 'object' && value !== null && 'requireSession' in value;
}
