#!/usr/bin/env node
// The stdio MCP server: builds the database if the corpus changed, registers the tools, serves
// until the client closes stdin or the process is told to stop.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Gazette } from '../corpus/gazette.js';
import { ensureDatabase } from '../corpus/ingest.js';
import { corpusDir, databasePath } from '../corpus/paths.js';
import { registerTools } from '../tools/index.js';
import { logger } from './logger.js';

async function main(): Promise<void> {
  const started = performance.now();
  const dir = corpusDir();
  const dbPath = databasePath();
  const { rebuilt, summary } = ensureDatabase(dir, dbPath);
  if (summary) {
    for (const f of summary.failures) logger.warn({ file: f.file }, `corpus file skipped: ${f.reason}`);
  }
  const server = new McpServer({ name: 'gazette-mcp', version: '0.1.0' }, { capabilities: { logging: {} } });
  const corpus = new Gazette(dbPath);
  registerTools(server, { gazette: corpus, logError: (tool, err) => logger.error({ err, tool }, 'tool failed') });
  const transport = new StdioServerTransport();

  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    logger.info({ why }, 'shutting down');
    await server.close().catch(() => undefined);
    corpus.close();
    process.exit(0);
  };
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('close', () => void shutdown('stdin closed'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await server.connect(transport);
  corpus.warmUp();
  logger.info(
    { corpusDir: dir, db: dbPath, rebuilt, notices: corpus.noticeCount(), startupMs: Math.round(performance.now() - started) },
    'gazette-mcp ready',
  );
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'gazette-mcp failed to start');
  process.exit(1);
});
