// Every tool, and their registration on the server over one read-only view of the store. The CLI
// runs the same definitions.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { citeClause } from './cite_clause.js';
import { guarded, type ToolContext, type ToolDef } from './common.js';
import { computeDeadline } from './compute_deadline.js';
import { registerDocumentsResource } from './documents_resource.js';
import { findLeadUnit } from './find_lead_unit.js';
import { getDocument } from './get_document.js';
import { listAppointments } from './list_appointments.js';
import { listDocuments } from './list_documents.js';
import { listTasks } from './list_tasks.js';
import { searchGazette } from './search_gazette.js';
import { verifyQuote } from './verify_quote.js';

export const TOOLS: ToolDef[] = [searchGazette, listDocuments, getDocument, verifyQuote, computeDeadline, findLeadUnit, listTasks, citeClause, listAppointments];

/** Runs a tool by name with bad input turned into a readable error result, as the server does. */
export function runTool(ctx: ToolContext, name: string, args: Record<string, unknown>) {
  const tool = TOOLS.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return guarded(ctx, name, (a: Record<string, unknown>) => tool.run(ctx, a))(args);
}

export function registerTools(server: McpServer, ctx: ToolContext): void {
  for (const tool of TOOLS) {
    server.registerTool(tool.name, tool.config, ((args: Record<string, unknown>) => runTool(ctx, tool.name, args ?? {})) as never);
  }
  registerDocumentsResource(server, ctx);
}
