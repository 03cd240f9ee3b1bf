/**
 * The old dicts, byte for byte: for random session data built the same way
 * at the same instants on the old system and on the adapter, the JSON of
 * every `toDict()` (and of the summaries built from the same fields) is the
 * same text, and a dict the old system wrote comes back out of the adapter
 * unchanged. Persisted state keeps its shape across the switch.
 */
import * as legacy from '@sessionkit/legacy';
import type { OldSuiteSubject } from '@sessionkit/legacy/testing';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as adapter from '../src/index.js';
import { newId } from './support/fixtures.js';

/** Either implementation, through the old names only. */
type Impl = OldSuiteSubject;

// Instants with and without milliseconds (Python writes no fraction when it is zero).
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
  fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2035, 0, 1) / 1000 }).map((seconds) => seconds * 1000),
);
// '7' sorts before the other keys of a JS object: both sides must order it the same way.
const threadName = fc.constantFrom('technical', 'business', 'user', '7');
const backend = fc.constantFrom('bedrock', 'litellm', 'ollama') as fc.Arbitrary<'bedrock' | 'litellm' | 'ollama'>;
const text = fc.string({ maxLength: 12 });

type Op =
  | { kind: 'thread'; name: string; backend: 'bedrock' | 'litellm' | 'ollama'; modelName: string | null; at: number }
  | { kind: 'message'; name: string; role: string; content: string; at: number }
  | { kind: 'analysis'; prompt: string; responses: Record<string, string>; active: number; abstained: number; at: number }
  | { kind: 'remove'; name: string }
  | { kind: 'clear' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('thread' as const), name: threadName, backend, modelName: fc.option(text, { nil: null }), at: instant }),
  fc.record({ kind: fc.constant('message' as const), name: threadName, role: fc.constantFrom('user', 'assistant'), content: text, at: instant }),
  fc.record({
    kind: fc.constant('analysis' as const),
    prompt: text,
    responses: fc.dictionary(fc.constantFrom('technical', 'business', '2', 'risk'), text, { maxKeys: 4 }),
    active: fc.nat(5),
    abstained: fc.nat(5),
    at: instant,
  }),
  fc.record({ kind: fc.constant('remove' as const), name: threadName }),
  fc.record({ kind: fc.constant('clear' as const) }),
);

const scenario = fc.record({
  createdAt: instant,
  topic: fc.option(text, { nil: null }),
  ops: fc.array(op, { maxLength: 12 }),
  events: fc.array(fc.record({ type: fc.constantFrom('binding_validation_failed', 'rate_limit'), at: instant, count: fc.nat(9) }), {
    maxLength: 3,
  }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

/** The same calls at the same (faked) instants, on either implementation. */
function build(impl: Impl, sessionId: string, input: Scenario) {
  vi.setSystemTime(input.createdAt);
  const data = new impl.SessionData(sessionId, new Date(input.createdAt), input.topic);
  for (const step of input.ops) {
    if ('at' in step) vi.setSystemTime(step.at);
    if (step.kind === 'thread') {
      data.addThread(
        new impl.Thread({
          id: `${step.name}-id`,
          name: step.name,
          systemPrompt: `You are ${step.name}`,
          modelBackend: step.backend,
          modelName: step.modelName,
        }),
      );
    } else if (step.kind === 'message') {
      data.getThread(step.name)?.addMessage(step.role, step.content);
    } else if (step.kind === 'analysis') {
      data.recordAnalysis(step.prompt, { ...step.responses }, step.active, step.abstained);
    } else if (step.kind === 'remove') {
      data.removeThread(step.name);
    } else {
      data.clearAnalyses();
    }
  }
  const events = input.events.map((event) => new impl.SecurityEvent({ eventType: event.type, timestamp: new Date(event.at), details: { count: event.count } }));
  return { data, events };
}

describe('toDict JSON is what the old system wrote', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('SessionData, AnalysisRecord, SecurityEvent and the analyses summary, for random data', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    fc.assert(
      fc.property(scenario, (input) => {
        const sessionId = newId('bytes');
        const old = build(legacy, sessionId, input);
        const bridged = build(adapter, sessionId, input);
        expect(JSON.stringify(bridged.data.toDict())).toBe(JSON.stringify(old.data.toDict()));
        expect(JSON.stringify(bridged.data.analyses.map((record) => record.toDict()))).toBe(JSON.stringify(old.data.analyses.map((record) => record.toDict())));
        expect(JSON.stringify(bridged.data.getAnalysesSummary())).toBe(JSON.stringify(old.data.getAnalysesSummary()));
        expect(JSON.stringify(bridged.events.map((event) => event.toDict()))).toBe(JSON.stringify(old.events.map((event) => event.toDict())));
      }),
      { numRuns: 150 },
    );
  });

  it('a dict the old system wrote (or restored) comes out of the adapter unchanged', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    fc.assert(
      fc.property(scenario, (input) => {
        const written = JSON.stringify(build(legacy, newId('restore'), input).data.toDict());
        const restoredOld = JSON.stringify(legacy.SessionData.fromDict(JSON.parse(written)).toDict());
        expect(JSON.stringify(adapter.SessionData.fromDict(JSON.parse(written)).toDict())).toBe(restoredOld);
      }),
      { numRuns: 100 },
    );
  });

  it('the security summary and the access stats, for random activity', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const iterations = [legacy.getConfig().pbkdf2Iterations, adapter.getConfig().pbkdf2Iterations] as const;
    legacy.setConfig({ pbkdf2Iterations: 1000 });
    adapter.setConfig({ pbkdf2Iterations: 1000 });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.record({ kind: fc.constant('event' as const), type: fc.constantFrom('a', 'b', 'c'), at: instant }),
              fc.record({ kind: fc.constant('tool' as const), tool: text, at: instant }),
              fc.record({ kind: fc.constant('validate' as const), right: fc.boolean(), at: instant }),
              fc.record({ kind: fc.constant('access' as const), at: instant }),
            ),
            { maxLength: 10 },
          ),
          instant,
          async (steps, createdAt) => {
            const sessionId = newId('summary');
            const run = async (impl: Impl) => {
              vi.setSystemTime(createdAt);
              const binding = new impl.ClientBinding({
                sessionEntropy: 'e',
                creationTimestamp: new Date(createdAt),
                bindingSignature: '',
                accessPatternHash: 'h',
              });
              binding.bindingSignature = binding.generateBindingSignature('key');
              const security = new impl.SessionSecurity(sessionId, binding as never);
              const concurrency = new impl.SessionConcurrency(sessionId);
              for (const step of steps) {
                vi.setSystemTime(step.at);
                if (step.kind === 'event') security.recordSecurityEvent(step.type, { at: step.at });
                else if (step.kind === 'tool') security.updateToolUsagePattern(step.tool);
                else if (step.kind === 'validate') security.validateBinding(step.right ? 'key' : 'wrong');
                else await concurrency.recordAccess();
              }
              return JSON.stringify([security.getSecuritySummary(), concurrency.getAccessStats()]);
            };
            expect(await run(adapter)).toBe(await run(legacy));
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      legacy.setConfig({ pbkdf2Iterations: iterations[0] });
      adapter.setConfig({ pbkdf2Iterations: iterations[1] });
    }
  });

  it('keeps Python microseconds and offsets the old system kept: message text verbatim, analysis times re-written as it did', () => {
    const dict = {
      session_id: newId('python'),
      created_at: '2023-06-15T10:00:00.123456+00:00',
      topic: null,
      threads: {
        technical: {
          id: 't',
          name: 'technical',
          system_prompt: 'p',
          model_backend: 'bedrock',
          model_name: null,
          conversation_history: [{ role: 'user', content: 'Hi', timestamp: '2023-06-15T10:00:01.654321+00:00' }],
        },
      },
      analyses: [{ prompt: 'q', timestamp: '2023-06-15T10:00:02+00:00', responses: {}, active_count: 0, abstained_count: 0 }],
    };
    const old = JSON.stringify(legacy.SessionData.fromDict(dict).toDict());
    expect(old).toContain('"created_at":"2023-06-15T10:00:00.123000+00:00"');
    expect(old).toContain('"timestamp":"2023-06-15T10:00:01.654321+00:00"');
    expect(JSON.stringify(adapter.SessionData.fromDict(dict).toDict())).toBe(old);
  });
});
