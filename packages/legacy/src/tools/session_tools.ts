/**
 * The MCP tools of the legacy application (tools/session_tools.py and
 * friends) as plain async functions: JSON-like requests in, JSON-like results
 * out, snake_case keys as the MCP tools had. Failures come back as
 * `{ success: false, error_code, error_message, context }`, never as
 * rejections. The LLM is replaced by an injected responder.
 */
import { ConcurrencyError, SecurityError, SessionError } from '../exceptions';
import { ModelBackend, Thread } from '../models';
import { createSessionConcurrency } from '../session_concurrency';
import { getSessionData } from '../session_data';
import { getSessionLockManager } from '../session_lock_manager';
import { SessionHandler, getAppSessionManager, getValidatedSession, initializeSessionHandler, shutdownSessionHandler } from '../handlers/session_handler';
import type { SessionHandlerOptions } from '../handlers/session_handler';
import {
  InvalidRequestError,
  countResponses,
  createErrorResponse,
  genericPerspectivePrompt,
  optionalText,
  readModelBackend,
  requestFields,
  requirePerspectiveName,
  requireText,
  sessionNotFoundResponse,
} from '../helpers/session_helpers';
import type { ErrorResponse } from '../helpers/session_helpers';

/** Stands in for the LLM: one perspective's answer to a prompt (`[NO_RESPONSE]` to abstain). */
export type PerspectiveResponder = (perspectiveName: string, systemPrompt: string, prompt: string) => Promise<string>;

export interface SessionToolsOptions extends SessionHandlerOptions {
  responder?: PerspectiveResponder | undefined;
}

let responder: PerspectiveResponder | null = null;

/** (Re)starts the tools on a fresh session manager. Call once at startup, or per test. */
export async function configureSessionTools(options: SessionToolsOptions = {}): Promise<void> {
  await initializeSessionHandler(options);
  responder = options.responder ?? null;
}

/** Stops the cleanup task and drops every session. */
export async function shutdownSessionTools(): Promise<void> {
  await shutdownSessionHandler();
  responder = null;
}

const MAX_ID_LENGTH = 256;
const MAX_TOPIC_LENGTH = 1000;
const MAX_PROMPT_LENGTH = 10_000;

export type StartContextAnalysisRequest = {
  topic: string;
  initial_perspectives?: string[] | null;
  model_backend?: string | null;
  model_name?: string | null;
};

export async function startContextAnalysis(request: StartContextAnalysisRequest) {
  return runTool('start_context_analysis', request, async (fields) => {
    const topic = requireText(fields, 'topic', MAX_TOPIC_LENGTH);
    const requested = fields['initial_perspectives'];
    if (requested != null && !Array.isArray(requested)) {
      throw new InvalidRequestError('initial_perspectives must be an array of perspective names');
    }
    const initialPerspectives = requested?.map((name: unknown) => requirePerspectiveName(name, 'initial_perspectives[]'));
    const modelBackend = readModelBackend(fields, 'model_backend');
    const modelName = optionalText(fields, 'model_name', 200);

    try {
      const { session, sessionData } = await SessionHandler.createSession(topic, initialPerspectives ?? null, modelBackend, modelName);
      return {
        success: true as const,
        session_id: session.sessionId,
        topic,
        created_at: session.createdAt.toISOString(),
        perspectives: sessionData.getThreadNames(),
        total_perspectives: sessionData.getThreadCount(),
        model_backend: modelBackend,
        next_steps: ['analyze_from_perspectives - Ask a specific question', 'add_perspective - Add custom viewpoints'],
      };
    } catch (error) {
      // Any failure here was reported as one error kind by the old server.
      return createErrorResponse('session_creation_error', `Session creation failed: ${messageOf(error)}`, { topic });
    }
  });
}

export type AddPerspectiveRequest = {
  session_id: string;
  name: string;
  description: string;
  custom_prompt?: string | null;
};

export async function addPerspective(request: AddPerspectiveRequest) {
  return runTool('add_perspective', request, async (fields) => {
    const sessionId = requireText(fields, 'session_id', MAX_ID_LENGTH);
    const name = requirePerspectiveName(fields['name']);
    const description = requireText(fields, 'description', MAX_PROMPT_LENGTH);
    const customPrompt = optionalText(fields, 'custom_prompt', MAX_PROMPT_LENGTH);

    const session = await getValidatedSession(sessionId, 'add_perspective');
    if (!session) return sessionNotFoundResponse(sessionId);

    const sessionData = getSessionData(sessionId);
    const thread = new Thread({
      id: `${sessionId}_${name}`,
      name,
      systemPrompt: customPrompt ?? genericPerspectivePrompt(name, description),
      modelBackend: ModelBackend.BEDROCK,
    });
    sessionData.addThread(thread);
    return {
      success: true as const,
      session_id: sessionId,
      perspective_added: name,
      thread_id: thread.id,
      total_perspectives: sessionData.getThreadCount(),
    };
  });
}

export type RemovePerspectiveRequest = { session_id: string; name: string };

export async function removePerspective(request: RemovePerspectiveRequest) {
  return runTool('remove_perspective', request, async (fields) => {
    const sessionId = requireText(fields, 'session_id', MAX_ID_LENGTH);
    const name = requireText(fields, 'name', 100);

    const session = await getValidatedSession(sessionId, 'remove_perspective');
    if (!session) return sessionNotFoundResponse(sessionId);

    const sessionData = getSessionData(sessionId);
    const concurrency = createSessionConcurrency(sessionId);
    let removed = false;
    await concurrency.synchronizedUpdate(() => {
      removed = sessionData.removeThread(name);
    });
    if (!removed) {
      return createErrorResponse('perspective_not_found', `Session '${sessionId}' has no perspective '${name}'`, {
        session_id: sessionId,
        perspective: name,
      });
    }
    return {
      success: true as const,
      session_id: sessionId,
      perspective_removed: name,
      total_perspectives: sessionData.getThreadCount(),
    };
  });
}

export type AnalyzeFromPerspectivesRequest = { session_id: string; prompt: string };

/** Asks every perspective in parallel, then records the analysis. A failing perspective is reported in `errors`. */
export async function analyzeFromPerspectives(request: AnalyzeFromPerspectivesRequest) {
  return runTool('analyze_from_perspectives', request, async (fields) => {
    const sessionId = requireText(fields, 'session_id', MAX_ID_LENGTH);
    const prompt = requireText(fields, 'prompt', MAX_PROMPT_LENGTH);
    const respond = responder;
    if (respond === null) {
      return createErrorResponse('not_configured', 'No perspective responder configured; pass one to configureSessionTools');
    }

    const session = await getValidatedSession(sessionId, 'analyze_from_perspectives');
    if (!session) return sessionNotFoundResponse(sessionId);

    const sessionData = getSessionData(sessionId);
    const threads = Object.values(sessionData.threads);
    if (threads.length === 0) {
      return createErrorResponse('no_perspectives', `Session '${sessionId}' has no perspectives; add one first`, {
        session_id: sessionId,
      });
    }

    const outcomes = await Promise.all(
      threads.map(async (thread) => {
        try {
          const answer: unknown = await respond(thread.name, thread.systemPrompt, prompt);
          if (typeof answer !== 'string') throw new TypeError('the responder returned a non-string answer');
          return { thread, answer, error: '' };
        } catch (error) {
          return { thread, answer: null, error: messageOf(error) };
        }
      }),
    );

    const responses: Record<string, string> = {};
    const errors: Record<string, string> = {};
    // Append each thread's exchange under the session lock so concurrent
    // analyses never interleave one thread's history.
    const release = await getSessionLockManager().acquireLock(sessionId);
    try {
      for (const { thread, answer, error } of outcomes) {
        if (answer === null) {
          errors[thread.name] = error;
          continue;
        }
        thread.addMessage('user', prompt);
        thread.addMessage('assistant', answer);
        responses[thread.name] = answer;
      }
    } finally {
      release();
    }

    const [activeCount, abstainedCount] = countResponses(responses);
    sessionData.recordAnalysis(prompt, responses, activeCount, abstainedCount);
    return {
      success: true as const,
      session_id: sessionId,
      prompt,
      responses,
      active_count: activeCount,
      abstained_count: abstainedCount,
      errors,
    };
  });
}

export type GetSessionInfoRequest = { session_id: string };

export async function getSessionInfo(request: GetSessionInfoRequest) {
  return runTool('get_session_info', request, async (fields) => {
    const sessionId = requireText(fields, 'session_id', MAX_ID_LENGTH);

    const session = await getValidatedSession(sessionId, 'get_session_info');
    if (!session) return sessionNotFoundResponse(sessionId);

    const sessionData = getSessionData(sessionId);
    const last = sessionData.getLastAnalysis();
    const binding = session.clientBinding;
    return {
      success: true as const,
      session_id: sessionId,
      topic: session.topic,
      created_at: session.createdAt.toISOString(),
      version: session.version,
      perspectives: Object.fromEntries(
        Object.values(sessionData.threads).map((thread) => [
          thread.name,
          { thread_id: thread.id, model_backend: thread.modelBackend, message_count: thread.conversationHistory.length },
        ]),
      ),
      total_perspectives: sessionData.getThreadCount(),
      analysis_count: sessionData.getAnalysisCount(),
      last_analysis: last
        ? {
            prompt: last.prompt,
            response_count: Object.keys(last.responses).length,
            active_count: last.activeCount,
            abstained_count: last.abstainedCount,
          }
        : null,
      security: { has_client_binding: binding !== null, is_suspicious: binding?.isSuspicious() ?? false },
    };
  });
}

export async function listSessions() {
  return runTool('list_sessions', {}, async () => {
    const sessionManager = getAppSessionManager();
    const activeSessions = await sessionManager.listActiveSessions();
    const sessions = Object.values(activeSessions).map((session) => {
      const sessionData = getSessionData(session.sessionId);
      return {
        session_id: session.sessionId,
        topic: session.topic,
        created_at: session.createdAt.toISOString(),
        perspectives: sessionData.getThreadNames(),
        analyses_count: sessionData.getAnalysisCount(),
      };
    });
    return { success: true as const, sessions, total_sessions: sessions.length, stats: await sessionManager.getStats() };
  });
}

/** Runs a tool body, answering bad requests and the old system's errors with error responses. */
async function runTool<T>(toolName: string, request: unknown, body: (fields: Record<string, unknown>) => Promise<T>): Promise<T | ErrorResponse> {
  const sessionId = (request as { session_id?: unknown } | null)?.session_id;
  const context = { tool: toolName, session_id: typeof sessionId === 'string' ? sessionId : null };
  try {
    return await body(requestFields(request));
  } catch (error) {
    if (error instanceof InvalidRequestError) return createErrorResponse('invalid_request', error.message, context);
    if (error instanceof SecurityError) return createErrorResponse('security_error', error.message, context);
    if (error instanceof ConcurrencyError) return createErrorResponse('concurrency_error', error.message, context);
    if (error instanceof SessionError) return createErrorResponse('session_error', error.message, context);
    return createErrorResponse('internal_error', `${toolName} failed: ${messageOf(error)}`, context);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
