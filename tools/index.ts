// Every tool, in the order clients list them, and the one way to run one: arguments checked by
// the tool's own schema, bad input turned into a readable isError answer, anything else logged
// and answered without a stack trace. The server and the CLI both run tools through runTool.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { InputError } from '../domain/errors.js';
import { checkDraft } from './check-draft.js';
import { citeClause } from './cite-clause.js';
import { corpusScope, fail, parseArgs, type ToolContext, type ToolDef } from './common.js';
import { computeDeadline } from './compute-deadline.js';
import { draftExplainer } from './draft-explainer.js';
import { findLeadUnit } from './find-lead-unit.js';
import { getDocument } from './get-document.js';
import { listAppointments } from './list-appointments.js';
import { listDocuments } from './list-documents.js';
import { listTasks } from './list-tasks.js';
import { searchGazette } from './search-gazette.js';
import { verifyQuote } from './verify-quote.js';

export const TOOLS: ToolDef[] = [
  searchGazette,
  listDocuments,
  getDocument,
  verifyQuote,
  computeDeadline,
  findLeadUnit,
  listTasks,
  citeClause,
  listAppointments,
  draftExplainer,
  checkDraft,
];

export function findTool(name: string): ToolDef | undefined {
  return TOOLS.find((t) => t.name === name);
}

export function runTool(ctx: ToolContext, tool: ToolDef, args: unknown): CallToolResult {
  try {
    return tool.run(ctx, parseArgs(tool.config.inputSchema, args));
  } catch (err) {
    if (err instanceof InputError) return fail(err.message);
    return internalError(ctx.logError, tool.name, err);
  }
}

/** A tool's own failure: logged (to stderr, never to the client) and answered without a stack trace. */
export function internalError(logError: ToolContext['logError'], tool: string, err: unknown): CallToolResult {
  logError(tool, err);
  return fail(`内部错误，请稍后重试或换个问法。\nInternal error in ${tool}: ${(err as Error).message}`);
}

/**
 * What the server tells a client at initialize: which gazette it serves (from the corpus itself)
 * and which tool answers which kind of question, so a model can tell a question it can answer
 * from one it cannot.
 */
export function serverInstructions(ctx: ToolContext): string {
  return [
    `本服务器回答关于${corpusScope(ctx)}的问题，每个事实都附出处（文号、标题、条款位置、页码、原文引文）。语料之外的问题（其他城市、其他年份或期号的公报）无法回答，请如实告知用户。`,
    '选用工具：',
    ...TOOLS.map((t) => `- ${t.use} → ${t.name}`),
    '回答时照录工具给出的出处标记【文号 · 位置 · 页码：“引文”】。列表按页返回：需要更多时用 nextOffset 作为 offset 再次调用。',
    `This server answers questions about ${corpusScope(ctx)}, every fact with its citation. Questions outside this corpus cannot be answered from it.`,
  ].join('\n');
}

/**
 * What a server whose corpus yielded no notices says, in its instructions and in answer to every
 * tool call: that it cannot answer, why (the files rejected and their reasons), and what to do.
 */
export function noCorpusMessage(reason: string): string {
  return [
    `本服务器的语料没有读出任何通知，暂时无法回答关于公报的问题。原因：${reason}`,
    '处理办法：把公报每期提取出的文本（每期一个 *.txt 文件）放入语料文件夹（GAZETTE_CORPUS_DIR），然后重启服务器；服务器日志（stderr）逐个写明了被拒文件及原因。',
    `The corpus yielded no notices, so this server cannot answer questions about the gazette. Why: ${reason}`,
    'To fix: put each gazette issue as extracted text (one *.txt per issue) into the corpus folder (GAZETTE_CORPUS_DIR) and restart the server; its log (stderr) names each rejected file and why.',
  ].join('\n');
}
