#!/usr/bin/env node
// gazette-mcp: builds the database if the corpus changed, then serves the tools over stdio.
import { corpusDir, databasePath } from '../corpus/paths.js';
import { ensureDatabase } from '../ingest/ingest.js';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import { createServer } from './create-server.js';
import { logger } from './logger.js';
import { serveStdio } from './transports/stdio.js';

async function main(): Promise<void> {
  const started = performance.now();
  const dir = corpusDir();
  const dbPath = databasePath();
  const { rebuilt, summary } = ensureDatabase(dir, dbPath);
  for (const f of summary?.failures ?? []) logger.warn({ file: f.file }, `corpus file skipped: ${f.reason}`);
  const gazette = new SqliteGazette(dbPath);
  const server = createServer(gazette, { logError: (tool, err) => logger.error({ err, tool }, 'tool failed') });
  await serveStdio(server, logger, () => gazette.close());
  gazette.warmUp();
  logger.info({ corpusDir: dir, db: dbPath, rebuilt, notices: gazette.notices().length, startupMs: Math.round(performance.now() - started) }, 'gazette-mcp ready');
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'gazette-mcp failed to start');
  process.exit(1);
});
