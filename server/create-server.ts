// createServer(gazette, options): a configured MCP server over any GazetteReader, ready for any
// transport (stdio, Streamable HTTP). Tools are listed and called through our own handlers on the
// SDK's public Server.setRequestHandler, not McpServer.registerTool: registerTool refuses bad
// arguments in its own English words and an unknown tool as a tool result, and re-derives every
// JSON schema at each listing, where every argument must be refused in Chinese and English the
// way the CLI refuses it (runTool), an unknown tool is -32602, and a stateless HTTP server made
// per request lists from a cache. Each answer is checked against the tool's outputSchema here.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  InitializeRequestSchema,
  isJSONRPCRequest,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  PingRequestSchema,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  type CallToolResult,
  type JSONRPCMessage,
  type JSONRPCRequest,
} from '@modelcontextprotocol/sdk/types.js';
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
import { findTool, internalError, noCorpusMessage, runTool, serverInstructions, TOOLS } from '../tools/index.js';

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
  /** The instructions, when the caller keeps them (made once per version of the store); else made here. */
  instructions?: () => string;
}

export const SERVER_NAME = 'gazette-mcp';
export const SERVER_VERSION = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;

const jsonSchema = (shape: z.ZodRawShape, io: 'input' | 'output') => z.toJSONSchema(z.object(shape), { target: 'draft-7', io }) as Record<string, unknown>;

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

/** Each tool's output schema as a parser, made at its first answer. */
const outputSchemas = new Map<ToolDef, z.ZodObject>();

/**
 * A tool's answer as tools/list promises it, or an internal error: an answer off its outputSchema
 * is our bug, logged and never sent. Checked here rather than in the tool thread, where building
 * each schema's parser would count against a call's time budget.
 */
function checkedOutput(tool: ToolDef, result: CallToolResult, logError: ServerOptions['logError']): CallToolResult {
  if (result.isError) return result;
  if (!outputSchemas.has(tool)) outputSchemas.set(tool, z.object(tool.config.outputSchema));
  const output = outputSchemas.get(tool)!.safeParse(result.structuredContent);
  return output.success
    ? result
    : internalError(logError, tool.name, new Error(`structuredContent does not fit the output schema: ${z.prettifyError(output.error)}`));
}

/**
 * One JSON-schema validator for every server made: the SDK builds an Ajv instance per server
 * otherwise, half the cost of a server made per request over stateless HTTP.
 */
const validator = new AjvJsonSchemaValidator();

/** The server, its transports guarded by the shape of the requests they bring (refuseMalformed). */
class GazetteServer extends McpServer {
  override connect(transport: Transport): Promise<void> {
    return super.connect(refuseMalformed(transport));
  }
}

export function createServer(gazette: GazetteReader, options: ServerOptions): McpServer {
  const ctx: ToolContext = { gazette, logError: options.logError, today: options.today ?? (() => new Date().toISOString().slice(0, 10)) };
  const refusal = options.noCorpus === undefined ? null : noCorpusMessage(options.noCorpus);
  const instructions = refusal ?? options.instructions?.() ?? serverInstructions(ctx);
  const server = new GazetteServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    { capabilities: { logging: {} }, instructions, jsonSchemaValidator: validator },
  );
  const run = refusal !== null ? () => fail(refusal) : (options.runTool ?? ((tool: ToolDef, args: unknown) => runTool(ctx, tool, args)));

  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listedTools() }));
  server.server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    // Refused here, before the tool's schema walks them or the copy to a tool thread meets them.
    const tooLarge = argumentsTooLarge(params.arguments);
    if (tooLarge) return fail(tooLarge.message);
    const tool = findTool(params.name);
    if (!tool) {
      const name = params.name.length > 64 ? `${params.name.slice(0, 64)}…` : params.name;
      throw new McpError(ErrorCode.InvalidParams, `unknown tool: ${name} / 没有名为 ${name} 的工具`);
    }
    return checkedOutput(tool, await run(tool, params.arguments ?? {}), options.logError);
  });
  registerDocumentsResource(server, ctx);
  registerCalendarResource(server, ctx);
  registerExplainerPrompt(server, ctx);
  return server;
}

/** What a refused param may say in Chinese beside zod's English (a custom check's `params.zh`). */
type Issue = z.core.$ZodIssue & { params?: { zh?: string } };

/**
 * The requests this server answers and the shape their params must have: the SDK's own schemas,
 * and a resource URI the SDK's new URL() can read.
 */
const REQUEST_SHAPES = new Map<string, z.ZodType>(
  [
    InitializeRequestSchema,
    PingRequestSchema,
    SetLevelRequestSchema,
    ListToolsRequestSchema,
    CallToolRequestSchema,
    ListResourcesRequestSchema,
    ListResourceTemplatesRequestSchema,
    ReadResourceRequestSchema.refine((r) => URL.canParse(r.params.uri), {
      path: ['params', 'uri'],
      message: 'not a URI',
      params: { zh: '不是有效的地址（URI），应如 gazette://documents/卫政办发〔2019〕43号' },
    }),
    ListPromptsRequestSchema,
    GetPromptRequestSchema,
    CompleteRequestSchema,
  ].map((schema) => [schema.shape.method.value, schema]),
);

/** Why a request's params do not fit its method, or null. */
function malformed(request: JSONRPCRequest): string | null {
  const parsed = REQUEST_SHAPES.get(request.method)?.safeParse(request);
  if (!parsed || parsed.success) return null;
  const issues = parsed.error.issues as Issue[];
  const where = (i: Issue) => i.path.join('.') || 'params';
  const en = issues.map((i) => `${where(i)}: ${i.message}`).join('; ');
  const zh = issues.map((i) => i.params?.zh ?? `${where(i)} 的类型或取值不对`).join('；');
  return `invalid params for ${request.method}: ${en} / ${request.method} 的参数无效：${zh}`;
}

/**
 * The transport as the SDK sees it, answering -32602 in words to a request whose params do not
 * fit its method: the SDK would answer -32603 with a raw zod dump (a number for a URI), or throw
 * from new URL() ("not a uri"), and that is the caller's mistake, not ours. Handlers set on the
 * transport before it is connected (http.ts's onclose) still run.
 */
function refuseMalformed(transport: Transport): Transport {
  const guarded: Transport = {
    start: () => transport.start(),
    send: (message, options) => transport.send(message, options),
    close: () => transport.close(),
    get sessionId() {
      return transport.sessionId;
    },
    setProtocolVersion: (version) => transport.setProtocolVersion?.(version),
    onclose: transport.onclose,
    onerror: transport.onerror,
    onmessage: transport.onmessage,
  };
  transport.onclose = () => guarded.onclose?.();
  transport.onerror = (error) => guarded.onerror?.(error);
  transport.onmessage = (message: JSONRPCMessage, extra) => {
    const refusal = isJSONRPCRequest(message) ? malformed(message) : null;
    if (refusal === null) return guarded.onmessage?.(message, extra);
    const { id } = message as JSONRPCRequest;
    transport
      .send({ jsonrpc: '2.0', id, error: { code: ErrorCode.InvalidParams, message: refusal } }, { relatedRequestId: id })
      .catch((err: Error) => guarded.onerror?.(err));
  };
  return guarded;
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
