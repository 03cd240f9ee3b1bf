import type { SessionData, AnalysisRecord } from '../session_data';
import { type ClientBinding, type SecurityEvent } from '../session_security';

export interface SessionView {
  data: SessionData;
  last: AnalysisRecord | null;
  binding: ClientBinding | null;
  events: SecurityEvent[];
}
