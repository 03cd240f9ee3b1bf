/**
 * One session tool, ready for an SDK's `registerTool`: the config it is
 * registered with (schemas extended), and `call`, which runs it for one tool
 * call and always resolves with a tool result, never rejects.
 *
 * Preparation is cached per layer and tool, so an HTTP server that builds a
 * fresh McpServer per request (SDK v2's `createMcpHandler`) does not rebuild
 * schemas per request.
 */
import type { Session } from '@sessionkit/core';
import type { z } from 'zod';
import { ERROR_CODES, McpToolError, toolErrorResult, type ToolErrorResult } from './errors.js';
import { type McpAuthInfo, type Principal, redactKeys } from './principal.js';
import { handleArgumentSchema, mintedFields, toObjectSchema, withFields, EXPIRES_AT_FIELD } from './schemas.js';
import type { SessionLayer } from './session-layer.js';
import type { AnySessionTool, BaseToolContext, CreateToolContext, RequiredToolContext, ToolAnnotations } from './tool.js';

/** What an adapter passes for one call. */
export interface ToolCallRequest {
  /**
   * The caller's authentication as the SDK reports it (`ctx.http.authInfo` in
   * v2, `extra.authInfo` in v1), or undefined when there is none (stdio, or no
   * auth middleware). The layer turns it into the call's {@link Principal};
   * undefined is an unauthenticated caller, whom the layer's `unauthenticated`
   * policy admits as `anonymous` or refuses with `SESSION_FORBIDDEN`.
   */
  authInfo: McpAuthInfo | undefined;
  /** The SDK's signal for this call (aborted when the client cancels it), handed to the tool as `ctx.signal`. */
  signal: AbortSignal;
  /** The SDK's handler context, handed to the tool as `ctx.request`. */
  raw: unknown;
}

/** A successful tool result. */
export interface ToolSuccessResult {
  /** Makes it assignable to both SDKs' tool result types, which are open objects; this package sets no other fields. */
  [key: string]: unknown;
  /** One text block: `structuredContent` as JSON, for clients that do not read structured results. */
  content: [{ type: 'text'; text: string }];
  /**
   * The object the tool's `run` returned; for a `'create'` tool, with the new
   * session's handle (under the layer's `handleArgument`) and its expiry
   * ({@link EXPIRES_AT_FIELD}) added.
   */
  structuredContent: Record<string, unknown>;
}

/** The config a prepared tool is registered with. */
export interface PreparedToolConfig {
  /** The tool's `title`, when it has one. */
  title?: string;
  /** The tool's `description`, when it has one. */
  description?: string;
  /**
   * The tool's input schema as a zod object (an empty object when it has
   * none); for a `'required'` tool, with the handle argument added under the
   * layer's `handleArgument`, described by its `handleDescription`.
   */
  inputSchema: z.ZodObject;
  /**
   * The tool's output schema as a zod object; for a `'create'` tool, with the
   * handle and {@link EXPIRES_AT_FIELD} fields added. Absent when the tool
   * declares no output schema.
   */
  outputSchema?: z.ZodObject;
  /** The tool's `annotations`, passed through unchanged, when it has them. */
  annotations?: ToolAnnotations;
  /** The tool's `_meta`, passed through unchanged, when it has one. */
  _meta?: Record<string, unknown>;
}

/** A tool ready to register. */
export interface PreparedTool {
  /** The tool's name, to register it under. */
  readonly name: string;
  /** The config to register it with: the tool's own, its schemas extended with the layer's fields. */
  readonly config: PreparedToolConfig;
  /**
   * Runs the tool for one tool call: identifies the caller, opens the session
   * the handle names (`'required'`) or lets `run` create one (`'create'`),
   * then runs it. A session created by a call that fails is removed again.
   *
   * @param args - The arguments as the SDK parsed them against `config.inputSchema`,
   *   the handle argument included (it is taken out before `run` sees them).
   * @param request - The call's authentication, abort signal and SDK context.
   * @returns The tool's result, or a {@link ToolErrorResult} for anything that
   *   failed (refusals and bugs alike): it resolves, never rejects.
   */
  call(args: Record<string, unknown>, request: ToolCallRequest): Promise<ToolSuccessResult | ToolErrorResult>;
}

const prepared = new WeakMap<SessionLayer, WeakMap<AnySessionTool, PreparedTool>>();

/**
 * `tool` prepared for `layer`: cached per layer and tool, so the second call
 * returns the same object.
 *
 * @throws {@link SessionToolDefinitionError} when a schema is not a zod 4
 *   object (or shape), or already has a field the layer adds.
 */
export function prepareTool(layer: SessionLayer, tool: AnySessionTool): PreparedTool {
  let forLayer = prepared.get(layer);
  if (forLayer === undefined) {
    forLayer = new WeakMap();
    prepared.set(layer, forLayer);
  }
  let ready = forLayer.get(tool);
  if (ready === undefined) {
    ready = build(layer, tool);
    forLayer.set(tool, ready);
  }
  return ready;
}

function build(layer: SessionLayer, tool: AnySessionTool): PreparedTool {
  const arg = layer.handleArgument;
  const what = `tool ${tool.name}`;
  let inputSchema = toObjectSchema(tool.inputSchema, `${what}: inputSchema`);
  if (tool.session === 'required') inputSchema = withFields(inputSchema, { [arg]: handleArgumentSchema(layer.handleDescription) }, `${what}: inputSchema`);
  let outputSchema = tool.outputSchema === undefined ? undefined : toObjectSchema(tool.outputSchema, `${what}: outputSchema`);
  if (outputSchema !== undefined && tool.session === 'create') outputSchema = withFields(outputSchema, mintedFields(arg), `${what}: outputSchema`);
  const config: PreparedToolConfig = {
    inputSchema,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    ...(tool.description === undefined ? {} : { description: tool.description }),
    ...(outputSchema === undefined ? {} : { outputSchema }),
    ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
    ...(tool._meta === undefined ? {} : { _meta: tool._meta }),
  };
  return { name: tool.name, config, call: (args, request) => callTool(layer, tool, args, request) };
}

async function callTool(
  layer: SessionLayer,
  tool: AnySessionTool,
  rawArgs: Record<string, unknown>,
  request: ToolCallRequest,
): Promise<ToolSuccessResult | ToolErrorResult> {
  let minted: { handle: string; session: Session; expiresAt: string } | undefined;
  let principal: Principal | undefined;
  try {
    principal = layer.identify(request.authInfo);
    const caller = principal;
    const base: BaseToolContext = {
      principal: caller,
      signal: request.signal,
      user: () => layer.user(caller, tool.name),
      listSessions: () => layer.list(caller),
      layer,
      request: request.raw,
    };
    let args: Record<string, unknown> = rawArgs;
    let ctx: BaseToolContext = base;
    if (tool.session === 'required') {
      const { [layer.handleArgument]: handle, ...rest } = rawArgs;
      args = rest; // the tool's own arguments, exactly as its schema parsed them
      const session = await layer.open(caller, handle, tool.name);
      const context: RequiredToolContext = {
        ...base,
        session,
        handle: handle as string,
        expiresAt: layer.expiresAt(session),
        endSession: async () => {
          await layer.end(caller, handle as string);
        },
      };
      ctx = context;
    } else if (tool.session === 'create') {
      const context: CreateToolContext = {
        ...base,
        createSession: async (options) => {
          if (minted !== undefined) throw new McpToolError(ERROR_CODES.internal, `tool ${tool.name} created a second session in one call`);
          minted = await layer.create(caller, tool.name, options);
          return minted.session;
        },
      };
      ctx = context;
    }
    const result: unknown = await tool.run(args as never, ctx as never);
    if (typeof result !== 'object' || result === null || Array.isArray(result)) {
      throw new TypeError(`tool ${tool.name} returned ${Array.isArray(result) ? 'an array' : typeof result}, expected its structured result (an object)`);
    }
    let structured = result as Record<string, unknown>;
    if (tool.session === 'create') {
      if (minted === undefined) throw new TypeError(`tool ${tool.name} is a 'create' tool but did not call ctx.createSession()`);
      for (const field of [layer.handleArgument, EXPIRES_AT_FIELD]) {
        if (Object.hasOwn(structured, field)) throw new TypeError(`tool ${tool.name} returned a field '${field}', which the session layer sets`);
      }
      structured = { ...structured, [layer.handleArgument]: minted.handle, [EXPIRES_AT_FIELD]: minted.expiresAt };
    }
    return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
  } catch (error) {
    // A session whose handle never reached the client is gone for good: remove it.
    if (minted !== undefined && principal !== undefined) {
      await layer.end(principal, minted.handle).catch((cleanupError: unknown) => {
        try {
          layer.logger.warn(`${tool.name}: could not remove the session it created before failing`, { error: cleanupError });
        } catch {
          // the tool error below is what matters
        }
      });
    }
    return toolErrorResult(tool.name, error, { logger: layer.logger, hints: layer.hints, redact: redactKeys });
  }
}
