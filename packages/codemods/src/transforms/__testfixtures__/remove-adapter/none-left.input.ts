import { SimpleSessionManager, getSessionManager } from '@sessionkit/core';

export const manager = new SimpleSessionManager();
export const shared = getSessionManager();
