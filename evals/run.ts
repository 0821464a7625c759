// npm run eval: every eval suite against the built server; non-zero exit when a tool falls under
// its threshold. Search recall is also measured for an FTS5 trigram index over the same passages.
//   npm run eval -- --variant rewrap-14   the same suites on the bundled issue re-printed in that layout
//   npm run eval -- --variant all         every layout of the zoo, one row each
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allUnplaced, parseIssue } from '../corpus/issue.js';
import { databasePath, projectRoot } from '../corpus/paths.js';
import { ftsTrigramRecall, type SearchCase } from './baseline.js';
import { connectServer, formatResults, readCases, runSuites, type SuiteResult } from './harness.js';
import { reprint, variant, VARIANTS } from './layouts.js';

const { values } = parseArgs({ options: { variant: { type: 'string' } } });
const SEED = join(projectRoot(), 'seeds', 'zhongwei-gazette-2019-no04.txt');

async function evaluate(env: Record<string, string>): Promise<SuiteResult[]> {
  const client = await connectServer(env);
  try {
    return await runSuites(client);
  } finally {
    await client.close();
  }
}

/** The suites on the bundled issue re-printed in one layout, served from a corpus of its own. */
async function onVariant(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `gazette-eval-${name}-`));
  const text = reprint(readFileSync(SEED, 'utf8'), variant(name).options);
  writeFileSync(join(dir, 'issue.txt'), text);
  const issue = parseIssue(text, 'issue.txt');
  const facts = {
    notices: issue.notices.length,
    tasks: issue.notices.reduce((n, x) => n + x.tasks.length, 0),
    appointments: issue.notices.reduce((n, x) => n + x.appointments.length, 0),
    markers: issue.audit.outline.placed,
    unplaced: allUnplaced(issue).length,
  };
  const results = await evaluate({ GAZETTE_CORPUS_DIR: dir, GAZETTE_DB: join(dir, 'gazette.db') });
  rmSync(dir, { recursive: true, force: true });
  return { name, facts, results };
}

let failed: boolean;
if (values.variant) {
  const names = values.variant === 'all' ? VARIANTS.map((v) => v.name) : [values.variant];
  const rows = [];
  for (const name of names) rows.push(await onVariant(name));
  const tools = rows[0].results.map((r) => r.tool);
  const lines = [
    `| layout | notices | tasks | appointments | outline markers | unplaced | ${tools.join(' | ')} |`,
    `| --- | --- | --- | --- | --- | --- | ${tools.map(() => '---').join(' | ')} |`,
    ...rows.map(({ name, facts, results }) => `| ${name} | ${facts.notices} | ${facts.tasks} | ${facts.appointments} | ${facts.markers} | ${facts.unplaced} | ${results.map((r) => `${r.passed}/${r.cases}`).join(' | ')} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const { name, results } of rows) for (const r of results) for (const f of r.failures) process.stdout.write(`FAIL ${name} ${r.tool}: ${f}\n`);
  failed = rows.some(({ results }) => results.some((r) => r.accuracy < r.threshold));
} else {
  const results = await evaluate({});
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
  failed = results.some((r) => r.accuracy < r.threshold);
}
process.exitCode = failed ? 1 : 0;
