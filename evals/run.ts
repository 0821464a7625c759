// npm run eval: every eval suite against the built server; non-zero exit when a tool falls under
// its threshold. Search recall is also measured for an FTS5 trigram index over the same passages.
//   npm run eval -- --variant rewrap-14   the same suites on the bundled issue re-printed in that layout
//   npm run eval -- --variant all         every layout of the zoo, one row each
//   npm run eval -- --drafter         the drafter's eval of evals/user/ (evals/drafter.ts), per half
//   npm run eval -- --drafter-mutations   check_draft on claims generated from the corpus (evals/drafter-mutations.ts), per half and kind
//   npm run eval -- --extractors          the fixture PDFs read by us and by real extractors (evals/extractors.ts)
//   npm run eval -- --answers             whether each question's answer phrase stands in the default text answer (evals/answers.ts)
//   npm run eval -- --set rerank.pool=50 --set bm25.k1=1.5   the ranking table with these SearchOptions beside the defaults (search/options.ts)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allUnplaced, parseIssue } from '../corpus/issue.js';
import { databasePath, projectRoot } from '../corpus/paths.js';
import { ftsTrigramRanking, rankOf, ranking, type Ranking, type SearchCase } from './baseline.js';
import type { GazetteReader } from '../domain/reader.js';
import { openGazette } from '../server/open-gazette.js';
import { DEFAULT_SEARCH_OPTIONS, type SearchOptionsOverride } from '../search/options.js';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import { connectServer, formatResults, readCases, runSuites, splitOf, type SuiteResult } from './harness.js';
import { answerRows, formatAnswerRows } from './answers.js';
import { extractorTable } from './extractors.js';
import { drafterEval, formatDrafter } from './drafter.js';
import { mutationEval } from './drafter-mutations.js';
import { diffSize } from './facts.js';
import { reprint, variant, VARIANTS } from './layouts.js';

const { values } = parseArgs({
  options: {
    answers: { type: 'boolean' },
    variant: { type: 'string' },
    extractors: { type: 'boolean' },
    drafter: { type: 'boolean' },
    'drafter-mutations': { type: 'boolean' },
    set: { type: 'string', multiple: true },
  },
});
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

/** Ranking on the literal questions and each half of the paraphrase sets. */
function rankingSets(): [string, SearchCase[]][] {
  return [
    ['search.jsonl (literal)', readCases<SearchCase>('search.jsonl')],
    ...['paraphrase.jsonl', 'paraphrase-2.jsonl', 'paraphrase-3.jsonl'].flatMap((file) =>
      ['tune', 'held-out'].map((split): [string, SearchCase[]] => [
        `${file}, ${split}`,
        readCases<SearchCase & { split: string }>(file).filter((c) => c.split === split),
      ]),
    ),
    ...['user/questions-4.jsonl', 'user/questions-5.jsonl', 'user/questions-6.jsonl', 'user/questions-7.jsonl'].flatMap((file) =>
      ['prose', 'table'].flatMap((kind) =>
        ['tune', 'held-out'].map((split): [string, SearchCase[]] => [
          `${file} ${kind}, ${split}`,
          readCases<SearchCase & { half: string; kind: string }>(file).filter((c) => c.kind === kind && splitOf(c) === split),
        ]),
      ),
    ),
  ];
}

const rankingOf = (gazette: GazetteReader, cases: SearchCase[]) =>
  ranking(
    cases.map((c) =>
      rankOf(
        c,
        gazette.search(c.question, 10, null).results.map((h) => ({ text: h.text, doc: h.citation.docNumber })),
      ),
    ),
  );
const rankingRow = (name: string, who: string, r: Ranking) =>
  `| ${name} | ${who} | ${r.cases} | ${(r.top1 * 100).toFixed(1)}% | ${(r.recall5 * 100).toFixed(1)}% | ${r.mrr.toFixed(3)} |`;

/** `group.field=value` settings as a SearchOptions override (a number, or JSON for an object). */
function optionsOf(settings: string[]): SearchOptionsOverride {
  const out: Record<string, Record<string, unknown>> = {};
  for (const setting of settings) {
    const m = /^(\w+)\.(\w+)=(.+)$/.exec(setting);
    if (!m || !(m[1] in DEFAULT_SEARCH_OPTIONS) || !(m[2] in DEFAULT_SEARCH_OPTIONS[m[1] as keyof SearchOptionsOverride]))
      throw new Error(`--set ${setting}: expected group.field=value with a field of SearchOptions (search/options.ts)`);
    (out[m[1]] ??= {})[m[2]] = JSON.parse(m[3]);
  }
  return out as SearchOptionsOverride;
}

let failed: boolean;
if (values.set) {
  // A sweep: the ranking with the options given beside the defaults, on the same store.
  const options = optionsOf(values.set);
  const [defaults, swept] = [new SqliteGazette(databasePath()), new SqliteGazette(databasePath(), options)];
  const lines = ['| questions | options | cases | top-1 | in top 5 | MRR |', '| --- | --- | --- | --- | --- | --- |'];
  for (const [name, cases] of rankingSets())
    lines.push(rankingRow(name, 'defaults', rankingOf(defaults, cases)), rankingRow(name, values.set.join(' '), rankingOf(swept, cases)));
  defaults.close();
  swept.close();
  process.stdout.write(`${lines.join('\n')}\n`);
  failed = false;
} else if (values.answers) {
  const client = await connectServer({});
  const rows = await answerRows(client);
  await client.close();
  process.stdout.write(`${formatAnswerRows(rows)}\n`);
  for (const r of rows) for (const m of r.missed) process.stdout.write(`MISSED ${r.set} ${r.split}: ${m}\n`);
  failed = false;
} else if (values.drafter) {
  const client = await connectServer({});
  try {
    const { report, failures } = await drafterEval(client);
    process.stdout.write(`${formatDrafter(report)}\n\n${failures.map((f) => `- ${f}`).join('\n')}\n`);
  } finally {
    await client.close();
  }
  // A measurement, not a gate: the issue's targets are read off the table.
  failed = false;
} else if (values['drafter-mutations']) {
  // The server builds the store on start; the checker then reads it directly.
  await (await connectServer({})).close();
  const gazette = new SqliteGazette(databasePath());
  const { report, misses } = mutationEval(gazette);
  gazette.close();
  process.stdout.write(`${formatDrafter(report)}\n\n${misses.map((m) => `- ${m}`).join('\n')}\n`);
  failed = false;
} else if (values.extractors) {
  const { table, outcomes } = extractorTable();
  process.stdout.write(`${table}\n`);
  for (const { fixture, outcome } of outcomes) {
    if (!outcome.diff?.notices.length) continue;
    process.stdout.write(
      `\n${fixture} · ${outcome.reader}: ${outcome.notices} notices, ${outcome.tasks} tasks; differs in ${outcome.diff.notices.join('、')}${outcome.silent.length ? `; SILENT in ${outcome.silent.join('、')}` : ''}\n`,
    );
    for (const [kind, facts] of Object.entries(outcome.diff.missing))
      for (const f of facts.slice(0, 3)) process.stdout.write(`  - ${kind}: ${f.slice(0, 140)}\n`);
    for (const [kind, facts] of Object.entries(outcome.diff.extra))
      for (const f of facts.slice(0, 3)) process.stdout.write(`  + ${kind}: ${f.slice(0, 140)}\n`);
  }
  // The PDF itself must give the source's facts; an extractor's text may lose some, but never silently.
  failed = outcomes.some(({ outcome }) => (outcome.reader === 'pdf' && (outcome.refused || diffSize(outcome.diff!) > 0)) || outcome.silent.length > 0);
} else if (values.variant) {
  const names = values.variant === 'all' ? VARIANTS.map((v) => v.name) : [values.variant];
  const rows = [];
  for (const name of names) rows.push(await onVariant(name));
  const tools = rows[0].results.map((r) => r.tool);
  const lines = [
    `| layout | notices | tasks | appointments | outline markers | unplaced | ${tools.join(' | ')} |`,
    `| --- | --- | --- | --- | --- | --- | ${tools.map(() => '---').join(' | ')} |`,
    ...rows.map(
      ({ name, facts, results }) =>
        `| ${name} | ${facts.notices} | ${facts.tasks} | ${facts.appointments} | ${facts.markers} | ${facts.unplaced} | ${results.map((r) => `${r.passed}/${r.cases}`).join(' | ')} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const { name, results } of rows) for (const r of results) for (const f of r.failures) process.stdout.write(`FAIL ${name} ${r.tool}: ${f}\n`);
  failed = rows.some(({ results }) => results.some((r) => r.accuracy < r.threshold));
} else {
  const results = await evaluate({});
  process.stdout.write(`${formatResults(results)}\n`);
  // Ranking beside the FTS5 trigram baseline, on the literal questions and on each half of the paraphrases.
  const { gazette } = openGazette({ dbPath: databasePath() }, { logError: (tool, err) => process.stderr.write(`${tool}: ${String(err)}\n`), warm: true });
  const lines = ['', '| questions | search | cases | top-1 | in top 5 | MRR |', '| --- | --- | --- | --- | --- | --- |'];
  for (const [name, cases] of rankingSets()) {
    lines.push(
      rankingRow(name, 'gazette-mcp (jieba BM25 + question-aware rerank)', rankingOf(gazette, cases)),
      rankingRow(name, 'SQLite FTS5 trigram, bm25', ftsTrigramRanking(databasePath(), cases)),
    );
  }
  gazette.close();
  process.stdout.write(`${lines.join('\n')}\n`);
  failed = results.some((r) => r.accuracy < r.threshold);
}
process.exitCode = failed ? 1 : 0;
