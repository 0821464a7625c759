// The stdio transport: one client, JSON-RPC on stdin/stdout, logs on stderr. It ends the process
// when the client closes stdin or the process is told to stop.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from 'pino';

export async function serveStdio(server: McpServer, logger: Logger, onClose: () => void): Promise<void> {
  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    logger.info({ why }, 'shutting down');
    await server.close().catch(() => undefined);
    onClose();
    process.exit(0);
  };
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('close', () => void shutdown('stdin closed'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await server.connect(new StdioServerTransport());
}
