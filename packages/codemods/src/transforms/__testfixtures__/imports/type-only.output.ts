import type { Session, AnalysisRecord, ClientBinding, SecurityEvent } from '@sessionkit/core';

export interface SessionView {
  data: Session;
  last: AnalysisRecord | null;
  binding: ClientBinding | null;
  events: SecurityEvent[];
}
