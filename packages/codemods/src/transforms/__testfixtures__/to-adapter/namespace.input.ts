import * as legacy from '@sessionkit/legacy';
import * as data from '../session_data';
import * as models from './models';

export function threadCount(id: string): number {
  return data.getSessionData(id).getThreadCount() + Object.keys(models.defaults).length;
}

export const manager: legacy.SessionManager = new legacy.SessionManager();
