// npm run bench: times what users wait for, each figure the median of several runs and set against
// a baseline measured in the same run on the same machine.
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

const seed = join(projectRoot(), 'seeds', 'zhongwei-gazette-2019-no04.txt');
const rows: string[] = [];
for (const [copies, runs] of [
  [1, 7],
  [10, 3],
] as const) {
  const dir = copies === 1 ? join(projectRoot(), 'seeds') : repeatedCorpus(seed, copies);
  const db = join(tmpdir(), `gazette-bench-${process.pid}-${copies}.db`);
  const baseline = time(runs, () => readBaseline(dir));
  const ingest = time(runs, () => ingestCorpus(dir, db));
  rows.push(`| ingest ${copies}× (${copies * 12} notices) | ${ingest.toFixed(0)} ms | ${baseline.toFixed(1)} ms | ${(ingest / baseline).toFixed(0)}× | median of ${runs} |`);
  rmSync(db, { force: true });
  if (copies !== 1) rmSync(dir, { recursive: true, force: true });
}

process.stdout.write(
  [
    `Machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    '',
    '| what | median | baseline (read+hash+split) | ratio | runs |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n'),
);
