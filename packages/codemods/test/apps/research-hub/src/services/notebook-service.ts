import { randomUUID } from 'node:crypto';
import {
  ContextSwitcherSession,
  ModelBackend,
  SessionData,
  SessionError,
  SessionManager,
  SessionSecurity,
  Thread,
  dataFor,
  registerSessionData,
} from '../sessions';
import type { SessionPool } from '../sessions/pool';

export type Answer = (perspective: string, prompt: string) => Promise<string>;

/** Research notebooks: one session per notebook, one thread per perspective. */
export class NotebookService {
  constructor(
    private readonly pool: SessionPool,
    private readonly secret: string,
  ) {}

  async open(topic: string, perspectives: Record<string, string>, pinned = false): Promise<string | null> {
    const id = `${pinned ? 'pinned' : 'nb'}-${randomUUID()}`;
    const security = new SessionSecurity(id);
    const session = new ContextSwitcherSession(id, new Date(), { topic, clientBinding: security.createClientBinding(this.secret) });
    const added = await this.pool.addSession(session);
    if (!added) return null;

    const data = new SessionData(id, session.createdAt, topic);
    Object.entries(perspectives).forEach(([name, systemPrompt]) => {
      data.addThread(new Thread({ id: `${id}/${name}`, name, systemPrompt, modelBackend: ModelBackend.BEDROCK }));
    });
    registerSessionData(data);
    return id;
  }

  async ask(id: string, prompt: string, answer: Answer): Promise<Record<string, string>> {
    const data = dataFor(id);
    const responses: Record<string, string> = {};
    for (const name of data.getThreadNames()) responses[name] = await answer(name, prompt);
    const abstained = Object.values(responses).filter((text) => text === '[NO_RESPONSE]').length;
    data.recordAnalysis(prompt, responses, Object.keys(responses).length - abstained, abstained);
    return responses;
  }

  async summary(id: string) {
    const session = await this.pool.getSession(id);
    if (!session) throw new SessionError(`Notebook ${id} is closed`);
    const data = dataFor(id);
    return {
      topic: session.topic,
      perspectives: data.getThreadNames(),
      analyses: data.getAnalysisCount(),
      lastPrompt: data.getLastAnalysis()?.prompt ?? null,
    };
  }

  close(id: string): Promise<boolean> {
    return this.pool.removeSession(id);
  }

  /** Plugins may hand us their own manager; only the shared pool is accepted. */
  accepts(manager: unknown): boolean {
    return manager instanceof SessionManager && manager === this.pool;
  }
}
