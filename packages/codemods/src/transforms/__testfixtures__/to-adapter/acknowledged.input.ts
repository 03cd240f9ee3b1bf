import { SessionManager } from '@sessionkit/legacy';
// sessionkit-migrate-ignore: the plugin API still exposes the old SessionData; removed in v3
import { SessionData } from '@sessionkit/legacy/session_data';

export const manager = new SessionManager();
export type PluginSession = SessionData;
