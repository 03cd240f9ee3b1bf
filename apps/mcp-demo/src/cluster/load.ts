/**
 * The analysis a load client plays against the demo, call by call: start an
 * analysis, add perspectives, analyze (each analysis recorded), read it back.
 * Every call's outcome is kept: which replica answered, the analysis it
 * recorded, or the error, and when it started and ended, so a test can tell
 * acknowledged writes from writes that were in flight when a replica died.
 */
import { performance } from 'node:perf_hooks';

/** One tool call's answer as a caller reports it. */
export interface CallAnswer {
  /** The tool result, or null when the call failed below MCP (HTTP 502, connection reset). */
  result: { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text?: string }[] } | null;
  /** The `x-sessionkit-replica` of the response, when there was one. */
  replica: string | null;
  /** Why the call failed below MCP. */
  transportError?: string;
}

/** Calls tools on the demo (an SDK client of either era, behind any transport). */
export interface ToolCaller {
  call(name: string, args: Record<string, unknown>): Promise<CallAnswer>;
  close(): Promise<void>;
}

export interface CallRecord {
  seq: number;
  tool: string;
  ok: boolean;
  replica: string | null;
  /** performance.now() at the start and the end of the call. */
  startedAt: number;
  endedAt: number;
  error?: string;
  /** For analyze_from_perspectives: what it sent and what it recorded. */
  prompt?: string;
  version?: number;
  analysisNumber?: number;
}

export interface ClientOutcome {
  client: number;
  handle: string | null;
  calls: CallRecord[];
  /** Analyses acknowledged by a successful call. */
  acknowledged: string[];
  /** Analyses whose call failed: applied or not, nobody can tell. */
  uncertain: string[];
  /** What the last call (get_session_info) read back, if it succeeded. */
  readBack: { version: number; analysisCount: number; messageCounts: number[] } | null;
}

export const ADDED_PERSPECTIVES = ['risk', 'user'] as const;

function errorText(answer: CallAnswer): string {
  if (answer.result === null) return answer.transportError ?? 'transport error';
  const first = answer.result.content[0];
  return first?.type === 'text' ? (first.text ?? '') : 'tool error';
}

/**
 * Plays `calls` calls (at least 5) for client `client`: start, two
 * add_perspective, analyses, get_session_info. `beforeCall` can hold a call
 * back (the fault test waits there for the kill).
 */
export async function playAnalysis(caller: ToolCaller, client: number, calls: number, beforeCall?: (seq: number) => Promise<void>): Promise<ClientOutcome> {
  if (calls < 5) throw new RangeError('an analysis needs at least 5 calls');
  const outcome: ClientOutcome = { client, handle: null, calls: [], acknowledged: [], uncertain: [], readBack: null };
  for (let seq = 0; seq < calls; seq++) {
    await beforeCall?.(seq);
    let tool: string;
    let args: Record<string, unknown>;
    let prompt: string | undefined;
    if (seq === 0) {
      tool = 'start_context_analysis';
      args = { topic: `load client ${client}`, perspectives: ['technical'] };
    } else if (outcome.handle === null) {
      break; // no session to go on with: the start failed
    } else if (seq <= ADDED_PERSPECTIVES.length) {
      tool = 'add_perspective';
      args = { session_id: outcome.handle, perspective: ADDED_PERSPECTIVES[seq - 1] };
    } else if (seq < calls - 1) {
      tool = 'analyze_from_perspectives';
      prompt = `client ${client} analysis ${seq}`;
      args = { session_id: outcome.handle, prompt };
    } else {
      tool = 'get_session_info';
      args = { session_id: outcome.handle };
    }
    const startedAt = performance.now();
    const answer = await caller.call(tool, args);
    const record: CallRecord = {
      seq,
      tool,
      ok: answer.result !== null && answer.result.isError !== true,
      replica: answer.replica,
      startedAt,
      endedAt: performance.now(),
    };
    const structured = answer.result?.structuredContent;
    if (!record.ok) record.error = errorText(answer);
    if (prompt !== undefined) {
      record.prompt = prompt;
      if (record.ok && structured !== undefined) {
        record.version = structured.version as number;
        record.analysisNumber = structured.analysis_number as number;
        outcome.acknowledged.push(prompt);
      } else {
        outcome.uncertain.push(prompt);
      }
    }
    if (seq === 0 && record.ok) outcome.handle = structured?.session_id as string;
    if (tool === 'get_session_info' && record.ok && structured !== undefined) {
      outcome.readBack = {
        version: structured.version as number,
        analysisCount: structured.analysis_count as number,
        messageCounts: (structured.perspectives as { message_count: number }[]).map((p) => p.message_count),
      };
    }
    outcome.calls.push(record);
  }
  return outcome;
}

/** How many pairs of consecutive calls of one client were answered by different replicas. */
export function replicaSwitches(calls: readonly CallRecord[]): number {
  let switches = 0;
  for (let i = 1; i < calls.length; i++) {
    const previous = calls[i - 1]?.replica;
    const current = calls[i]?.replica;
    if (previous != null && current != null && previous !== current) switches++;
  }
  return switches;
}
