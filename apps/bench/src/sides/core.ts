/** The new system: everything goes through `SimpleSessionManager` and `Session`. */
import { SECRET_KEY, SYSTEM_PROMPT, TOPIC } from '../fixtures.js';
import type { CoreModule } from '../systems.js';

type Core = CoreModule;
export type CoreManager = InstanceType<Core['SimpleSessionManager']>;
export type CoreSession = InstanceType<Core['Session']>;

/** The settings every core manager of the bench shares (the Redis ones add a store, nothing else). */
export function coreManagerOptions(maxSessions: number, clock?: { now(): number }) {
  return {
    maxSessions,
    sessionTtlHours: 1,
    secretKey: SECRET_KEY,
    ...(clock ? { clock } : {}),
  };
}

export function coreManager(core: Core, maxSessions: number, clock?: { now(): number }): CoreManager {
  return new core.SimpleSessionManager(coreManagerOptions(maxSessions, clock));
}

/** A session with a client binding (core's default), no perspectives. */
export function createCoreSession(manager: CoreManager, sessionId: string): Promise<CoreSession> {
  return manager.createSession(sessionId, { topic: TOPIC });
}

export function coreThread(core: Core, sessionId: string, name: string): InstanceType<Core['Thread']> {
  return new core.Thread({ id: `${sessionId}_${name}`, name, systemPrompt: SYSTEM_PROMPT, modelBackend: 'bedrock' });
}
