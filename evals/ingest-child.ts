// Ingests a corpus in a fresh process and reports its time and peak memory, for the scale bench:
//   node dist/evals/ingest-child.js DIR DB [build|update]
import { ingestCorpus, type IngestMode } from '../ingest/ingest.js';

const [dir, db, mode = 'build'] = process.argv.slice(2);
const t0 = performance.now();
const summary = ingestCorpus(dir, db, undefined, undefined, mode as IngestMode);
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, read: summary.issues.length, notices: summary.issues.reduce((n, i) => n + i.notices, 0), failures: summary.failures.length })}\n`,
);
