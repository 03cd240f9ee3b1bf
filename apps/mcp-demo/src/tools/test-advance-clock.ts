import { defineSessionTool } from '@sessionkit/mcp';
import { z } from 'zod';
import type { AdjustableClock } from '../clock.js';

/**
 * Test-only: registered when the server runs with `SESSIONKIT_TEST_CLOCK=manual`
 * (never otherwise). It lets a client in another process expire sessions
 * without sleeping.
 */
export function testAdvanceClock(clock: AdjustableClock) {
  return defineSessionTool({
    name: 'test_advance_clock',
    title: 'Advance the server clock (tests only)',
    description: 'Moves the server’s session clock forward. Only present when SESSIONKIT_TEST_CLOCK=manual.',
    inputSchema: z.strictObject({
      seconds: z
        .number()
        .nonnegative()
        .max(10 * 365 * 24 * 3600),
    }),
    outputSchema: z.object({ offset_seconds: z.number(), now: z.string() }),
    run(args) {
      clock.advance(args.seconds * 1000);
      return { offset_seconds: clock.offsetMs / 1000, now: new Date(clock.now()).toISOString() };
    },
  });
}
