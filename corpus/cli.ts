#!/usr/bin/env node
// npm run ingest [-- CORPUS_DIR [DB_PATH]]: rebuilds the database and prints the ingest report.
// Exits non-zero when any file was skipped, so a broken issue is never missed in a script.
import { ingestCorpus } from './ingest.js';
import { corpusDir, databasePath } from './paths.js';
import { formatReport } from './report.js';

const [dirArg, dbArg] = process.argv.slice(2);
const dir = dirArg ?? corpusDir();
const db = dbArg ?? databasePath();
try {
  const summary = ingestCorpus(dir, db);
  process.stdout.write(`${formatReport(summary)}\n`);
  process.exitCode = summary.failures.length || !summary.written ? 1 : 0;
} catch (err) {
  process.stderr.write(`ingest failed: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
