// Ingests a corpus in a fresh process and reports its time and peak memory, for the scale bench.
import { ingestCorpus } from '../ingest/ingest.js';

const [dir, db] = process.argv.slice(2);
const t0 = performance.now();
const summary = ingestCorpus(dir, db);
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, notices: summary.issues.reduce((n, i) => n + i.notices, 0), failures: summary.failures.length })}\n`);
