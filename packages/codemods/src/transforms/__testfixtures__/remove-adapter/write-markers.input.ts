import { SimpleSessionManager } from '@sessionkit/core';
import { getSessionData } from '@sessionkit/legacy-adapter';
import type { SessionData } from '@sessionkit/legacy-adapter/session_data';

export const manager = new SimpleSessionManager();
export const threads = (id: string, data: SessionData = getSessionData(id)) => data.getThreadCount();
