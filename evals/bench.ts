// npm run bench: times what users wait for, each figure the median of several runs and set against
// a baseline measured in the same run on the same machine.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestCorpus } from '../corpus/ingest.js';
import { projectRoot } from '../corpus/paths.js';
import { repeatedCorpus } from './corpora.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, fn: () => void): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** The floor any ingest pays: read every file, hash it, split it into lines. */
function readBaseline(dir: string): void {
  for (const f of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, f));
    createHash('sha256').update(bytes).digest();
    bytes.toString('utf8').split('\n');
  }
}

/** Spawn → initialize → first tool call answered, as a chat client opening a conversation sees it. */
async function coldStart(entry: string, tool: string, args: Record<string, unknown>, env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const transport = new StdioClientTransport({ command: process.execPath, args: [entry], env: { ...(process.env as Record<string, string>), ...env }, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  const r = await client.callTool({ name: tool, arguments: args });
  const ms = performance.now() - t0;
  if (r.isError) throw new Error(`${tool} failed: ${JSON.stringify(r.content)}`);
  await client.close();
  return ms;
}

async function medianOf(runs: number, fn: () => Promise<number>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await fn());
  return median(ms);
}

const seed = join(projectRoot(), 'seeds', 'zhongwei-gazette-2019-no04.txt');
const dist = join(projectRoot(), 'dist');
const rows: string[] = [];
for (const [copies, runs] of [
  [1, 7],
  [10, 3],
] as const) {
  const dir = copies === 1 ? join(projectRoot(), 'seeds') : repeatedCorpus(seed, copies);
  const db = join(tmpdir(), `gazette-bench-${process.pid}-${copies}.db`);
  const baseline = time(runs, () => readBaseline(dir));
  const ingest = time(runs, () => ingestCorpus(dir, db));
  rows.push(`| ingest ${copies}× (${copies * 12} notices) | ${ingest.toFixed(0)} ms | read+hash+split ${baseline.toFixed(1)} ms | ${(ingest / baseline).toFixed(0)}× | median of ${runs} |`);
  rmSync(db, { force: true });
  if (copies !== 1) rmSync(dir, { recursive: true, force: true });
}

// What `npm run ingest` costs in a fresh process: jieba's dictionary load included.
const cliDb = join(tmpdir(), `gazette-bench-${process.pid}-cli.db`);
const cli = await medianOf(3, async () => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(dist, 'corpus', 'cli.js'), join(projectRoot(), 'seeds'), cliDb], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ingest failed: ${r.stderr}`);
  return performance.now() - t0;
});
const bare = await medianOf(3, async () => {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t0;
});
rows.push(`| npm run ingest, fresh process, bundled issue | ${cli.toFixed(0)} ms | bare node start ${bare.toFixed(0)} ms | ${(cli / bare).toFixed(1)}× | median of 3 |`);
rmSync(cliDb, { force: true });

const coldDb = join(tmpdir(), `gazette-bench-${process.pid}-cold.db`);
const serverEnv = { GAZETTE_DB: coldDb, GAZETTE_LOG_LEVEL: 'warn' };
await coldStart(join(dist, 'server', 'main.js'), 'list_documents', {}, serverEnv); // builds the database once, outside the timing
const echo = await medianOf(5, () => coldStart(join(dist, 'evals', 'echo-server.js'), 'echo', { text: 'hi' }, {}));
const ours = await medianOf(5, () => coldStart(join(dist, 'server', 'main.js'), 'search_gazette', { query: '湿地面积' }, serverEnv));
rows.push(`| cold start: spawn → first search answered | ${ours.toFixed(0)} ms | echo server ${echo.toFixed(0)} ms | ${(ours / echo).toFixed(2)}× | median of 5 |`);
rmSync(coldDb, { force: true });

process.stdout.write(
  [
    `Machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    '',
    '| what | median | baseline | ratio | runs |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n'),
);
