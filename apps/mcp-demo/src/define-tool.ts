/**
 * Registers one tool on an McpServer with the conventions every tool here
 * shares: zod input and output schemas, a structured result (also sent as JSON
 * text for clients that only read `content`), and every failure turned into a
 * tool error by `toolErrorResult`, so a bad call never escapes the handler.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { ToolContext } from './tool-context.js';
import { toolErrorResult } from './tool-errors.js';

export interface ToolCall {
  /** Aborted when the client cancels the request. */
  readonly signal: AbortSignal;
}

export interface DemoTool<Input extends z.ZodObject, Output extends z.ZodObject> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: Input;
  readonly outputSchema: Output;
  readonly annotations?: ToolAnnotations;
  run(args: z.output<Input>, context: ToolContext, call: ToolCall): Promise<z.input<Output>>;
}

export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(tool: DemoTool<Input, Output>): DemoTool<Input, Output> {
  return tool;
}

export function registerDemoTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  server: McpServer,
  tool: DemoTool<Input, Output>,
  context: ToolContext,
): void {
  const handler = async (args: z.output<Input>, extra: { signal: AbortSignal }): Promise<CallToolResult> => {
    try {
      const result = await tool.run(args, context, { signal: extra.signal });
      return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }], structuredContent: result };
    } catch (error) {
      return toolErrorResult(tool.name, error, context.logger);
    }
  };
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
    },
    // The SDK's callback type is computed from the schema's type parameters,
    // which TypeScript cannot resolve for a generic schema; the SDK passes
    // exactly the parsed `z.output<Input>` at run time.
    handler as unknown as Parameters<McpServer['registerTool']>[2],
  );
}
