// npm run eval: every eval suite against the built server; non-zero exit when a tool falls under
// its threshold. Search recall is also measured for an FTS5 trigram index over the same passages.
import { databasePath } from '../corpus/paths.js';
import { ftsTrigramRecall, type SearchCase } from './baseline.js';
import { connectServer, formatResults, readCases, runSuites } from './harness.js';

const client = await connectServer();
try {
  const results = await runSuites(client);
  process.stdout.write(`${formatResults(results)}\n`);
  const ours = results.find((r) => r.tool === 'search_gazette');
  const fts = ftsTrigramRecall(databasePath(), readCases<SearchCase>('search.jsonl'));
  process.stdout.write(
    [
      '',
      '| search, recall@5 on search.jsonl | cases | passed | recall@5 |',
      '| --- | --- | --- | --- |',
      `| gazette-mcp (jieba terms, BM25) | ${ours?.cases ?? 0} | ${ours?.passed ?? 0} | ${(ours?.accuracy ?? 0).toFixed(3)} |`,
      `| SQLite FTS5 trigram, bm25 | ${ours?.cases ?? 0} | ${fts.passed} | ${fts.recall.toFixed(3)} |`,
      '',
    ].join('\n'),
  );
  process.exitCode = results.some((r) => r.accuracy < r.threshold) ? 1 : 0;
} finally {
  await client.close();
}
