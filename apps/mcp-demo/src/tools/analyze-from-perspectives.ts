import { performance } from 'node:perf_hooks';
import { AnalysisRecord, NO_RESPONSE, type Thread } from '@sessionkit/core';
import { defineSessionTool, McpToolError } from '@sessionkit/mcp';
import { z } from 'zod';
import type { DemoDeps } from '../demo-deps.js';
import type { Responder } from '../responder.js';
import { promptSchema } from '../schemas.js';

export const analyzeFromPerspectives = (deps: DemoDeps) =>
  defineSessionTool({
    name: 'analyze_from_perspectives',
    title: 'Analyze from every perspective',
    description:
      'Sends one prompt to every perspective of a session, concurrently, and records the answers as one analysis. ' +
      'A perspective answers [NO_RESPONSE] when the prompt is outside its scope. With the default offline ' +
      'responder, a prompt that @mentions perspectives (e.g. "@risk what breaks first?") is in scope for those only.',
    session: 'required',
    inputSchema: z.strictObject({
      prompt: promptSchema.describe('The question every perspective answers'),
    }),
    outputSchema: z.object({
      session_id: z.string(),
      prompt: z.string(),
      responses: z.record(z.string(), z.string()),
      active_perspectives: z.array(z.string()),
      abstained_perspectives: z.array(z.string()),
      active_count: z.number().int(),
      abstained_count: z.number().int(),
      analysis_number: z.number().int().describe('1 for the session’s first analysis, 2 for the second, …'),
      response_time_seconds: z.number(),
      version: z.number().int().describe('The session version this analysis produced'),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    async run(args, { session, handle, signal }) {
      const threads = [...(await session.getAllThreads()).values()];
      if (threads.length === 0) {
        throw new McpToolError('NO_PERSPECTIVES', `Session ${handle} has no perspectives; add one with add_perspective`);
      }

      // The responders run outside the session's lock: a slow model must not
      // hold up every other call on this session while it thinks.
      const started = performance.now();
      const responses = await askEveryPerspective(deps.responder, threads, { sessionId: handle, topic: session.topic, prompt: args.prompt, signal });
      const seconds = (performance.now() - started) / 1000;

      // One atomic step appends the exchange to each thread AND records the
      // analysis: concurrent analyses can never interleave between the two, and
      // each analysis is exactly one version. (`session.recordAnalysis` would be
      // a second, separate step, hence the record is built here the same way.)
      const timestamp = new Date(deps.clock.now()).toISOString();
      const { analysisNumber, version } = await session.atomicUpdate((state) => {
        for (const [name, answer] of Object.entries(responses)) {
          const thread = state.threads.get(name);
          if (thread === undefined) continue; // removed while its answer was being written: the analysis still keeps it
          thread.addMessage('user', args.prompt);
          thread.addMessage('assistant', answer);
        }
        state.analyses.push(AnalysisRecord.fromResponses(args.prompt, responses, timestamp));
        state.metrics.recordAnalysis(seconds);
        // atomicUpdate adds exactly 1 to the version when this function returns.
        return { analysisNumber: state.analysisCount, version: state.version + 1 };
      });

      const names = Object.keys(responses);
      const active = names.filter((name) => responses[name] !== NO_RESPONSE);
      const abstained = names.filter((name) => responses[name] === NO_RESPONSE);
      return {
        session_id: handle,
        prompt: args.prompt,
        responses,
        active_perspectives: active,
        abstained_perspectives: abstained,
        active_count: active.length,
        abstained_count: abstained.length,
        analysis_number: analysisNumber,
        response_time_seconds: seconds,
        version,
      };
    },
  });

interface Fanout {
  sessionId: string;
  topic: string | null;
  prompt: string;
  signal: AbortSignal;
}

/** Asks the responder for every thread at once; the first failure fails the call, naming the perspective. */
async function askEveryPerspective(responder: Responder, threads: readonly Thread[], fanout: Fanout): Promise<Record<string, string>> {
  const perspectives = threads.map((thread) => thread.name);
  const answers = await Promise.all(
    threads.map(async (thread) => {
      let answer: unknown;
      try {
        answer = await responder({
          ...fanout,
          perspective: thread.name,
          systemPrompt: thread.systemPrompt,
          perspectives,
          history: thread.conversationHistory.map((message) => ({ ...message })),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new McpToolError('RESPONDER_FAILED', `The responder failed for perspective '${thread.name}': ${reason}`, { cause: error });
      }
      if (typeof answer !== 'string') {
        throw new McpToolError('RESPONDER_FAILED', `The responder returned ${typeof answer} for perspective '${thread.name}', expected a string`);
      }
      return [thread.name, answer] as const;
    }),
  );
  return Object.fromEntries(answers);
}
