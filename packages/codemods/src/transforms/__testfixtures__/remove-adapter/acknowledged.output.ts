import { SimpleSessionManager } from '@sessionkit/core';
// sessionkit-migrate-ignore: the plugin API keeps the old SessionData until v3
import type { SessionData } from '@sessionkit/legacy-adapter';

export const manager = new SimpleSessionManager();
export type PluginData = SessionData;
