import { getSessionData } from '@sessionkit/legacy';
// sessionkit-migrate-ignore: reporting still reads the old SessionData; tracked in ANALYTICS-12
import { SessionData } from '@sessionkit/legacy/session_data';

export async function count(id: string): Promise<number> {
  // sessionkit-migrate-ignore: reporting still reads the old SessionData
  const data = getSessionData(id);
  return data.getThreadCount();
}

export type Report = { data: SessionData };
