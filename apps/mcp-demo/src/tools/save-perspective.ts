import { ModelBackend, Thread } from '@sessionkit/core';
import { defineSessionTool } from '@sessionkit/mcp';
import { z } from 'zod';
import type { DemoDeps } from '../demo-deps.js';
import { perspectiveNameSchema, systemPromptSchema } from '../schemas.js';

/** Per-user state: a caller's own perspective prompts, kept across their sessions (and replicas). */
export const savePerspective = (_deps: DemoDeps) =>
  defineSessionTool({
    name: 'save_perspective',
    title: 'Save a perspective prompt for yourself',
    description:
      'Saves a system prompt for a perspective name in your own per-user state. add_perspective without system_prompt ' +
      'then uses it in any of your sessions. Other callers never see it.',
    inputSchema: z.strictObject({ perspective: perspectiveNameSchema, system_prompt: systemPromptSchema }),
    outputSchema: z.object({ perspective: z.string(), saved_perspectives: z.array(z.string()), replaced: z.boolean() }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run(args, { user }) {
      const bucket = await user();
      const replaced = await bucket.removeThread(args.perspective);
      await bucket.addThread(
        new Thread({ id: `saved_${args.perspective}`, name: args.perspective, systemPrompt: args.system_prompt, modelBackend: ModelBackend.BEDROCK }),
      );
      return { perspective: args.perspective, saved_perspectives: [...(await bucket.getAllThreads()).keys()], replaced };
    },
  });
