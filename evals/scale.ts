// The store and the server as the corpus grows: the bundled issue repeated 1×, 10×, 100× and
// 1,000× (generated, never committed). For each size: a full ingest and one issue added to it, in
// fresh processes (time and peak RSS); the database's size; the server's start; then 1,000 mixed
// calls over stdio, each tool's p50 and p99, and the server's RSS after them.
//   npm run bench:scale              1×, 10×, 100×, 1,000× → the table in docs/scaling.md
//   npm run bench:scale -- 1 10      the sizes given (npm run bench runs 1, 10 and 100)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../corpus/paths.js';
import { issueCopy, repeatedCorpus } from './corpora.js';
import { readCases } from './harness.js';
import { memoryMb } from './load.js';

const root = projectRoot();
const dist = join(root, 'dist');
const seedFile = join(root, 'seeds', 'zhongwei-gazette-2019-no04.txt');

const SCALE_BEGIN = '<!-- scale:begin (written by npm run bench:scale) -->';
const SCALE_END = '<!-- scale:end -->';

export interface ScaleRow {
  copies: number;
  notices: number;
  ingestMs: number;
  ingestRssMb: number;
  addMs: number;
  addRssMb: number;
  dbMb: number;
  startMs: number;
  serverRssMb: number;
  serverPeakMb: number;
  calls: number;
  tools: Record<string, { p50: number; p99: number }>;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
}

/** Calls of every tool, with questions from the evals (the answers differ with size; the work is what is measured). */
function mixedCalls(): [string, Record<string, unknown>][] {
  const search = readCases<{ question: string }>('search.jsonl').map((c): [string, Record<string, unknown>] => ['search_gazette', { query: c.question }]);
  const lead = readCases<{ question: string }>('lead.jsonl').map((c): [string, Record<string, unknown>] => ['find_lead_unit', { task: c.question }]);
  const fixed: [string, Record<string, unknown>][] = [
    ['list_tasks', { unit: '住建局', role: 'any' }],
    ['list_tasks', { unit: '生态环境局', dueTo: '2019-12-31' }],
    ['compute_deadline', { expression: '15个工作日内', referenceDate: '2019-04-26', asOf: '2019-05-06' }],
    ['cite_clause', { document: '卫政办规发〔2019〕2号', clause: '第四条' }],
    ['cite_clause', { document: '卫政规发〔2019〕1号 法律顾问管理办法', clause: '第三十五条' }],
    ['list_appointments', { person: '田力', asOf: '2020-06-01' }],
    ['list_appointments', { position: '副局长' }],
    ['get_document', { document: '卫政办发〔2019〕43号' }],
    ['list_documents', {}],
    ['verify_quote', { quote: '全市湿地面积不低于53.29万亩' }],
    ['verify_quote', { quote: '全市湿地面积不低于60万亩' }],
    ['draft_explainer', { document: '卫政办规发〔2019〕2号' }],
    ['check_draft', { text: '没有具体要求的，公告期应当不少于15个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】成交后公示期不少于5个工作日。' }],
  ];
  // Interleaved so that every stretch of the run mixes tools.
  const lists = [search, lead, fixed];
  const out: [string, Record<string, unknown>][] = [];
  for (let k = 0; out.length < search.length + lead.length + fixed.length; k++) for (const l of lists) if (k < l.length) out.push(l[k]);
  return out;
}

/** Ingest in a fresh process: its time and peak RSS. */
function ingestChild(dir: string, db: string, mode: 'build' | 'update'): { ms: number; maxRssMb: number; notices: number } {
  return JSON.parse(execFileSync(process.execPath, [join(dist, 'evals', 'ingest-child.js'), dir, db, mode], { encoding: 'utf8', maxBuffer: 1 << 20 }));
}

export async function measureScale(copies: number, calls = 1_000): Promise<ScaleRow> {
  const work = mkdtempSync(join(tmpdir(), `gazette-scale-${copies}-`));
  try {
    const dir = repeatedCorpus(seedFile, copies, mkdtempSync(join(work, 'corpus-')));
    const db = join(work, 'gazette.db');
    const full = ingestChild(dir, db, 'build');
    // Next month's issue: one more copy, added to the store as it stands.
    writeFileSync(join(dir, `issue-${String(copies + 1).padStart(4, '0')}.txt`), issueCopy(readFileSync(seedFile, 'utf8'), copies));
    const add = ingestChild(dir, db, 'update');
    const dbMb = statSync(db).size / 2 ** 20;

    const t0 = performance.now();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(dist, 'server', 'main.js')],
      env: { ...(process.env as Record<string, string>), GAZETTE_DB: db, GAZETTE_CORPUS_DIR: dir, GAZETTE_LOG_LEVEL: 'warn' },
      stderr: 'ignore',
    });
    const client = new Client({ name: 'scale', version: '1.0.0' });
    await client.connect(transport);
    await client.callTool({ name: 'search_gazette', arguments: { query: '湿地面积' } });
    const startMs = performance.now() - t0;

    const mixed = mixedCalls();
    const times = new Map<string, number[]>();
    for (let k = 0; k < calls; k++) {
      const [tool, args] = mixed[k % mixed.length];
      const s = performance.now();
      const r = await client.callTool({ name: tool, arguments: args });
      const elapsed = performance.now() - s;
      if (r.isError) throw new Error(`${tool} ${JSON.stringify(args)} failed at ${copies}×: ${JSON.stringify(r.content)}`);
      times.set(tool, [...(times.get(tool) ?? []), elapsed]);
    }
    const mem = memoryMb(transport.pid!);
    await client.close();
    const tools = Object.fromEntries([...times].map(([tool, t]) => [tool, { p50: percentile(t, 0.5), p99: percentile(t, 0.99) }]));
    return {
      copies,
      notices: full.notices,
      ingestMs: full.ms,
      ingestRssMb: full.maxRssMb,
      addMs: add.ms,
      addRssMb: add.maxRssMb,
      dbMb,
      startMs,
      serverRssMb: mem.rss,
      serverPeakMb: mem.peak,
      calls,
      tools,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A latency in ms; a duration in ms or, past ten seconds, in s. */
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const duration = (x: number) => (x < 10_000 ? `${x.toFixed(0)} ms` : `${(x / 1000).toFixed(0)} s`);

/** The side-by-side table of sizes: store, server, and each tool's p50 / p99. */
export function scaleTable(rows: ScaleRow[]): string[] {
  const col = (f: (r: ScaleRow) => string) => rows.map(f).join(' | ');
  const tools = [...new Set(rows.flatMap((r) => Object.keys(r.tools)))].sort();
  return [
    `| | ${col((r) => `${r.copies}×`)} |`,
    `| --- | ${col(() => '---')} |`,
    `| notices | ${col((r) => r.notices.toLocaleString('en'))} |`,
    `| full ingest (fresh process) | ${col((r) => duration(r.ingestMs))} |`,
    `| full ingest peak RSS | ${col((r) => `${r.ingestRssMb.toFixed(0)} MB`)} |`,
    `| add one issue (fresh process) | ${col((r) => duration(r.addMs))} |`,
    `| add one issue peak RSS | ${col((r) => `${r.addRssMb.toFixed(0)} MB`)} |`,
    `| database | ${col((r) => `${r.dbMb.toFixed(0)} MB`)} |`,
    `| server start (spawn → first answer) | ${col((r) => duration(r.startMs))} |`,
    `| server RSS after ${rows[0]?.calls ?? 0} mixed calls (peak) | ${col((r) => `${r.serverRssMb.toFixed(0)} MB (${r.serverPeakMb.toFixed(0)} MB)`)} |`,
    ...tools.map((t) => `| ${t} p50 / p99 | ${col((r) => (r.tools[t] ? `${ms(r.tools[t].p50)} / ${ms(r.tools[t].p99)} ms` : '–'))} |`),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const rows: ScaleRow[] = [];
  for (const copies of sizes.length ? sizes : [1, 10, 100, 1000]) {
    process.stderr.write(`measuring ${copies}×…\n`);
    rows.push(await measureScale(copies));
    process.stderr.write(`${JSON.stringify(rows[rows.length - 1])}\n`);
  }
  const machine = `${cpus().length}× ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const table = [`Machine: ${machine}. Measured by \`npm run bench:scale\`.`, '', ...scaleTable(rows)].join('\n');
  // The table stands in docs/scaling.md between its markers, beside the design it bears on.
  const doc = join(root, 'docs', 'scaling.md');
  const text = readFileSync(doc, 'utf8');
  const [begin, end] = [SCALE_BEGIN, SCALE_END].map((m) => text.indexOf(m));
  if (begin < 0 || end < begin) throw new Error(`${doc} has no ${SCALE_BEGIN} … ${SCALE_END} markers`);
  writeFileSync(doc, `${text.slice(0, begin + SCALE_BEGIN.length)}\n${table}\n${text.slice(end)}`);
  process.stdout.write(`${table}\n`);
}
