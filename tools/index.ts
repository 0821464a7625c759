// Registers every tool and resource on the server, over one read-only view of the store.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolContext } from './common.js';
import { registerCiteClause } from './cite_clause.js';
import { registerComputeDeadline } from './compute_deadline.js';
import { registerFindLeadUnit } from './find_lead_unit.js';
import { registerListTasks } from './list_tasks.js';
import { registerDocumentsResource } from './documents_resource.js';
import { registerGetDocument } from './get_document.js';
import { registerListAppointments } from './list_appointments.js';
import { registerListDocuments } from './list_documents.js';
import { registerSearchGazette } from './search_gazette.js';
import { registerVerifyQuote } from './verify_quote.js';

export function registerTools(server: McpServer, ctx: ToolContext): void {
  registerSearchGazette(server, ctx);
  registerListDocuments(server, ctx);
  registerGetDocument(server, ctx);
  registerVerifyQuote(server, ctx);
  registerComputeDeadline(server, ctx);
  registerFindLeadUnit(server, ctx);
  registerListTasks(server, ctx);
  registerCiteClause(server, ctx);
  registerListAppointments(server, ctx);
  registerDocumentsResource(server, ctx);
}
