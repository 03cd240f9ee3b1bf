import { SimpleSessionManager } from '@sessionkit/core';
// sessionkit-migrate: still imports @sessionkit/legacy-adapter (getSessionData): move to @sessionkit/core, then delete this import
import { getSessionData } from '@sessionkit/legacy-adapter';
// sessionkit-migrate: still imports @sessionkit/legacy-adapter (SessionData): move to @sessionkit/core, then delete this import
import type { SessionData } from '@sessionkit/legacy-adapter/session_data';

export const manager = new SimpleSessionManager();
export const threads = (id: string, data: SessionData = getSessionData(id)) => data.getThreadCount();
