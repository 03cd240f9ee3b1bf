import type { SessionData, AnalysisRecord } from '@sessionkit/legacy-adapter';
import { type ContextSwitcherSession, ModelBackend } from '@sessionkit/legacy-adapter/models';

export function lastPrompt(data: SessionData): string | undefined {
  const last: AnalysisRecord | undefined = data.getLastAnalysis();
  return last?.prompt;
}

export function backendOf(session: ContextSwitcherSession): ModelBackend {
  return Object.values(session.threads)[0]?.modelBackend ?? ModelBackend.BEDROCK;
}
