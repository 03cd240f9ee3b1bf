import * as legacy from '@sessionkit/legacy-adapter';
import * as data from '@sessionkit/legacy-adapter';
import * as models from './models';

export function threadCount(id: string): number {
  return data.getSessionData(id).getThreadCount() + Object.keys(models.defaults).length;
}

export const manager: legacy.SessionManager = new legacy.SessionManager();
