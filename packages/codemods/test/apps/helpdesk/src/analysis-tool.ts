/**
 * The analysis tool: asks every perspective of a ticket the same question and
 * records what came back.
 */
import { ConcurrencyError, SecurityError, SessionError, getSessionData } from '@sessionkit/legacy';
import { ticketSession } from './handlers';

export type Ask = (perspective: string, systemPrompt: string, prompt: string) => Promise<string>;

const ABSTAIN = '[NO_RESPONSE]';

export async function analyzeTicket(sessionId: string, prompt: string, ask: Ask) {
  try {
    const session = await ticketSession(sessionId, 'analyze_ticket');
    if (session === null) return { ok: false, error: 'not_found' };
    const data = getSessionData(sessionId);
    const threads = Object.values(data.threads);
    const answers = await Promise.all(threads.map(async (thread) => [thread.name, await ask(thread.name, thread.systemPrompt, prompt)] as const));
    const responses = Object.fromEntries(answers);
    const abstained = answers.filter(([, answer]) => answer === ABSTAIN).length;
    data.recordAnalysis(prompt, responses, answers.length - abstained, abstained);
    const last = data.getLastAnalysis();
    return { ok: true, active: last?.activeCount ?? 0, abstained: last?.abstainedCount ?? 0, total: data.getAnalysisCount() };
  } catch (error) {
    if (error instanceof SecurityError) return { ok: false, error: 'forbidden' };
    if (error instanceof ConcurrencyError) return { ok: false, error: 'busy' };
    if (error instanceof SessionError) return { ok: false, error: error.message };
    throw error;
  }
}
