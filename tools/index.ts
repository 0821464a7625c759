// Every tool, in the order clients list them, and the one way to run one: arguments checked by
// the tool's own schema, bad input turned into a readable isError answer, anything else logged
// and answered without a stack trace. The server and the CLI both run tools through runTool.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { InputError } from '../domain/errors.js';
import { checkDraft } from './check-draft.js';
import { citeClause } from './cite-clause.js';
import { fail, parseArgs, type ToolContext, type ToolDef } from './common.js';
import { computeDeadline } from './compute-deadline.js';
import { draftExplainer } from './draft-explainer.js';
import { findLeadUnit } from './find-lead-unit.js';
import { getDocument } from './get-document.js';
import { listAppointments } from './list-appointments.js';
import { listDocuments } from './list-documents.js';
import { listTasks } from './list-tasks.js';
import { searchGazette } from './search-gazette.js';
import { verifyQuote } from './verify-quote.js';

export const TOOLS: ToolDef[] = [searchGazette, listDocuments, getDocument, verifyQuote, computeDeadline, findLeadUnit, listTasks, citeClause, listAppointments, draftExplainer, checkDraft];

export function findTool(name: string): ToolDef | undefined {
  return TOOLS.find((t) => t.name === name);
}

export function runTool(ctx: ToolContext, tool: ToolDef, args: unknown): CallToolResult {
  try {
    return tool.run(ctx, parseArgs(tool.config.inputSchema, args));
  } catch (err) {
    if (err instanceof InputError) return fail(err.message);
    ctx.logError(tool.name, err);
    return fail(`内部错误，请稍后重试或换个问法。\nInternal error in ${tool.name}: ${(err as Error).message}`);
  }
}
