// createServer(gazette, options): a configured MCP server over any GazetteReader, ready for any
// transport (stdio, Streamable HTTP). Tools are listed and called through our own handlers so
// every argument is checked by the tool's schema and refused in Chinese and English, the same
// way the CLI refuses it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { projectRoot } from '../corpus/paths.js';
import type { GazetteReader } from '../domain/reader.js';
import { argumentsTooLarge, fail, type ToolContext, type ToolDef } from '../tools/common.js';
import { registerDocumentsResource } from '../tools/documents-resource.js';
import { registerExplainerPrompt } from '../tools/explainer-prompt.js';
import { registerCalendarResource } from '../tools/ical.js';
import { findTool, noCorpusMessage, runTool, serverInstructions, TOOLS } from '../tools/index.js';

export interface ServerOptions {
  /** Reports a tool's own failure (logged to stderr, never to the client). */
  logError: (tool: string, err: unknown) => void;
  /** Today's date; defaults to the clock. */
  today?: () => string;
  /** Runs a tool call; defaults to running it in this thread. */
  runTool?: (tool: ToolDef, args: unknown) => Promise<CallToolResult> | CallToolResult;
  /**
   * Why the corpus yielded no notices, when it yielded none: the instructions then say so, and
   * every tool call is refused with the same words (noCorpusMessage), whatever `runTool` is.
   */
  noCorpus?: string;
}

export const SERVER_NAME = 'gazette-mcp';
export const SERVER_VERSION = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;

const jsonSchema = (shape: z.ZodRawShape, io: 'input' | 'output') => z.toJSONSchema(z.object(shape), { target: 'draft-7', io }) as Record<string, unknown>;

// tools/call params as the wire may bring them; the SDK's own schema would answer a wrong type
// with -32603 and a raw zod dump, so the shape is checked here and refused with -32602.
const CallToolWire = z.object({ method: z.literal('tools/call'), params: z.unknown() });
const CallToolParams = z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()).optional() });

let listing: Record<string, unknown>[] | null = null;

/** The tools as tools/list shows them, their JSON schemas made once (a stateless server is made per request). */
function listedTools(): Record<string, unknown>[] {
  listing ??= TOOLS.map((t) => ({
    name: t.name,
    title: t.config.title,
    description: t.config.description,
    inputSchema: jsonSchema(t.config.inputSchema, 'input'),
    outputSchema: jsonSchema(t.config.outputSchema, 'output'),
    annotations: t.config.annotations,
  }));
  return listing;
}

export function createServer(gazette: GazetteReader, options: ServerOptions): McpServer {
  const ctx: ToolContext = { gazette, logError: options.logError, today: options.today ?? (() => new Date().toISOString().slice(0, 10)) };
  const refusal = options.noCorpus === undefined ? null : noCorpusMessage(options.noCorpus);
  const instructions = refusal ?? serverInstructions(ctx);
  const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION }, { capabilities: { logging: {}, tools: { listChanged: false } }, instructions });
  const run = refusal !== null ? () => fail(refusal) : (options.runTool ?? ((tool: ToolDef, args: unknown) => runTool(ctx, tool, args)));

  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listedTools() }));
  server.server.setRequestHandler(CallToolWire, async (request) => {
    // Refused here, before any schema walks them or the copy to a tool thread meets them.
    const tooLarge = argumentsTooLarge((request.params as { arguments?: unknown } | undefined)?.arguments);
    if (tooLarge) return fail(tooLarge.message);
    const params = CallToolParams.safeParse(request.params);
    if (!params.success) {
      throw new McpError(ErrorCode.InvalidParams, 'tools/call params must be {"name": string, "arguments"?: object} / tools/call 参数应为 {"name": 字符串, "arguments": 对象}');
    }
    const tool = findTool(params.data.name);
    if (!tool) {
      const name = params.data.name.length > 64 ? `${params.data.name.slice(0, 64)}…` : params.data.name;
      throw new McpError(ErrorCode.InvalidParams, `unknown tool: ${name} / 没有名为 ${name} 的工具`);
    }
    return run(tool, params.data.arguments ?? {});
  });
  registerDocumentsResource(server, ctx);
  registerCalendarResource(server, ctx);
  registerExplainerPrompt(server, ctx);
  invalidParamsAsSuch(server);
  return server;
}

type Handler = (request: unknown, extra: unknown) => Promise<unknown>;
type Issue = { path: PropertyKey[]; message: string };

/** The zod issues behind an error: a ZodError's own, or those the SDK pasted into an McpError's message as JSON. */
function zodIssues(err: unknown): Issue[] | null {
  const own = (err as { issues?: Issue[] }).issues;
  if (Array.isArray(own)) return own;
  if (!(err instanceof McpError) || err.code !== ErrorCode.InvalidParams) return null;
  const json = err.message.slice(err.message.indexOf('['));
  try {
    const pasted = JSON.parse(json) as Issue[];
    return Array.isArray(pasted) && pasted.every((i) => Array.isArray(i.path)) ? pasted : null;
  } catch {
    return null;
  }
}

/**
 * The SDK answers a request whose params do not fit its schema (resources/read with a number for
 * a URI) with -32603 and a raw zod dump. That is the caller's mistake, not ours: -32602, saying
 * which field is wrong.
 */
function invalidParamsAsSuch(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers: Map<string, Handler> })._requestHandlers;
  for (const [method, handler] of handlers) {
    handlers.set(method, async (request, extra) => {
      try {
        return await handler(request, extra);
      } catch (err) {
        // The SDK reads a resource URI with new URL(): "not a uri" is the caller's mistake too.
        if ((err as { code?: unknown }).code === 'ERR_INVALID_URL') throw new McpError(ErrorCode.InvalidParams, `invalid params for ${method}: not a URI / ${method} 的参数无效：不是有效的地址（URI），应如 gazette://documents/卫政办发〔2019〕43号`);
        const issues = zodIssues(err);
        if (!issues) throw err;
        const what = issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
        throw new McpError(ErrorCode.InvalidParams, `invalid params for ${method}: ${what} / ${method} 的参数无效`);
      }
    });
  }
}

let guarded = false;

/**
 * A promise nobody waited on that rejects would end the process (Node's default), dropping every
 * session for one bad request. The server logs it and goes on serving; each transport installs
 * this once it serves.
 */
export function keepServingOnRejection(logger: Logger): void {
  if (guarded) return;
  guarded = true;
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection; still serving'));
}
