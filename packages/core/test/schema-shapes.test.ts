/**
 * The JSON interfaces are written by hand (so the public types carry TSDoc
 * and no zod types), the schemas are the rules: the compiler checks here that
 * they describe the same shapes, and the test run that every document core
 * writes parses with the schema.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { AnalysisRecordJSON, ClientBindingJSON, SecurityEventJSON, SessionMetricsJSON, SessionStateJSON, ThreadJSON } from '../src/index.js';
import { SimpleSessionManager } from '../src/index.js';
import type { analysisRecordJsonSchema, clientBindingJsonSchema, securityEventJsonSchema, sessionMetricsJsonSchema, threadJsonSchema } from '../src/schemas.js';
import { sessionStateJsonSchema } from '../src/schemas.js';

/** The keys a schema knows, optional or not. */
type Keys<Schema extends z.ZodMiniType> = keyof z.output<Schema>;

describe('hand-written JSON interfaces and their schemas', () => {
  it('have the same keys, and every interface value is schema input', () => {
    expectTypeOf<Keys<typeof threadJsonSchema>>().toEqualTypeOf<keyof ThreadJSON>();
    expectTypeOf<Keys<typeof clientBindingJsonSchema>>().toEqualTypeOf<keyof ClientBindingJSON>();
    expectTypeOf<Keys<typeof securityEventJsonSchema>>().toEqualTypeOf<keyof SecurityEventJSON>();
    expectTypeOf<Keys<typeof analysisRecordJsonSchema>>().toEqualTypeOf<keyof AnalysisRecordJSON>();
    expectTypeOf<Keys<typeof sessionMetricsJsonSchema>>().toEqualTypeOf<keyof SessionMetricsJSON>();
    expectTypeOf<Keys<typeof sessionStateJsonSchema>>().toEqualTypeOf<keyof SessionStateJSON>();
    expectTypeOf<ThreadJSON>().toExtend<z.input<typeof threadJsonSchema>>();
    expectTypeOf<ClientBindingJSON>().toExtend<z.input<typeof clientBindingJsonSchema>>();
    expectTypeOf<SessionMetricsJSON>().toExtend<z.input<typeof sessionMetricsJsonSchema>>();
    expectTypeOf<AnalysisRecordJSON>().toExtend<z.input<typeof analysisRecordJsonSchema>>();
  });

  it('every exported document parses with the schema', async () => {
    const manager = new SimpleSessionManager({ secretKey: 'k' });
    const session = await manager.createSession('shapes', { initialPerspectives: ['technical'], principal: 'p' });
    await session.recordAnalysis('p', { technical: 'x' });
    await session.validateSecurity('t');
    const exported = await session.exportState();
    expect(sessionStateJsonSchema.safeParse(exported).success).toBe(true);
  });
});
