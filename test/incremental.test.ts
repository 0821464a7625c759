// Next month's issue without a rebuild: adding, changing or removing one issue touches only that
// issue, answers come out as a full build's would, and a kill in the middle leaves the published
// file as it was.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCopy } from '../evals/corpora.js';
import { ensureDatabase, ingestCorpus, type IngestSummary } from '../ingest/ingest.js';
import { storeProblem } from '../store/health.js';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import { SEED_FILE } from './support/seed.js';

const seed = readFileSync(SEED_FILE, 'utf8');
const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'gazette.js');

/** A corpus folder holding the given copies of the bundled issue. */
function corpus(copies: number[], dir = mkdtempSync(join(tmpdir(), 'gazette-inc-'))): string {
  for (const k of copies) writeFileSync(join(dir, `issue-${k}.txt`), issueCopy(seed, k));
  return dir;
}

const QUESTIONS = ['湿地面积', '谁牵头秸秆禁烧', '法律顾问的报酬标准', '国有资产出租公告期', '2021年水污染防治'];

/** What a reader answers, in a form two stores can be compared by. */
function answers(dbPath: string) {
  const g = new SqliteGazette(dbPath);
  try {
    return {
      notices: g.notices().map((n) => `${n.docNumber} ${n.title}`),
      search: QUESTIONS.map((q) => g.search(q, 10, null).results.map((r) => `${r.citation.docNumber} ${r.citation.locator} ${r.score}`)),
      total: QUESTIONS.map((q) => g.search(q, 10, null).total),
      tasks: QUESTIONS.map((q) => g.findTasks(q, 3).map((t) => `${t.citation.docNumber} ${t.citation.locator}`)),
      listed: g.listTasks({ units: ['市生态环境局'], role: 'lead', docNumber: null, dueFrom: null, dueTo: null }, { offset: 0, limit: 500 }).total,
      quotes: ['全市湿地面积不低于53.29万亩', '本办法自2021年6月1日起实施'].map((q) => g.verifyQuote(q, null).map((c) => `${c.docNumber} ${c.locator}`)),
      appointments: g.appointments({ person: null, positionWords: [], docNumber: null }, { offset: 0, limit: 500 }).total,
    };
  } finally {
    g.close();
  }
}

function build(dir: string): string {
  const db = join(mkdtempSync(join(tmpdir(), 'gazette-full-')), 'g.db');
  ingestCorpus(dir, db);
  return db;
}

function update(dir: string, db: string): IngestSummary {
  return ingestCorpus(dir, db, undefined, undefined, 'update');
}

/** A copy of a built store, in a folder of its own: a store an update or a kill may change, built once for several tests. */
function copyOf(db: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'gazette-full-')), 'g.db');
  copyFileSync(db, copy);
  return copy;
}

describe('incremental ingest', () => {
  // Built once: copies 0–2 in full (the first test's reference, the second's start), and copy 0 alone (a store the others add to).
  let three: { dir: string; db: string; answers: ReturnType<typeof answers> };
  let one: string;
  beforeAll(() => {
    const dir = corpus([0, 1, 2]);
    const db = build(dir);
    three = { dir, db, answers: answers(db) };
    one = build(corpus([0]));
  }, 120_000);

  it('adds one issue, reading only that one, and answers as a full build of the same corpus does', () => {
    const dir = corpus([0, 1]);
    const db = build(dir);
    corpus([2], dir);
    const summary = update(dir, db);
    expect(summary.issues.map((i) => i.source)).toEqual(['issue-2.txt']);
    expect(summary.kept).toBe(2);
    expect(answers(db)).toEqual(three.answers);
    expect(answers(db).notices).toHaveLength(36);
  });

  it('replaces a changed issue and removes a deleted one, touching no other', () => {
    const { dir, db } = three;
    // Issue 1 is corrected (a deadline changes); issue 2 is withdrawn.
    const changed = issueCopy(seed, 1).replace('应当不少于 10 个工作日。', '应当不少于 15 个工作日。');
    expect(changed).not.toBe(issueCopy(seed, 1));
    writeFileSync(join(dir, 'issue-1.txt'), changed);
    rmSync(join(dir, 'issue-2.txt'));
    const summary = update(dir, db);
    expect(summary.issues.map((i) => i.source)).toEqual(['issue-1.txt']);
    expect(summary.removed).toEqual(['issue-2.txt']);
    expect(summary.kept).toBe(1);
    expect(answers(db)).toEqual(answers(build(dir)));
    const g = new SqliteGazette(db);
    expect(g.verifyQuote('公告期应当不少于15个工作日', null).map((c) => c.docNumber)).toEqual(['卫政办规发〔2020〕2号']);
    expect(g.notices()).toHaveLength(24);
    g.close();
  });

  it('rebuilds a store of another version whole, and says so', () => {
    const dir = corpus([0]);
    const db = copyOf(one);
    const raw = new Database(db);
    raw.prepare("UPDATE meta SET value = '1' WHERE key = 'store_version'").run();
    raw.close();
    corpus([1], dir);
    const r = ensureDatabase(dir, db);
    expect(r.rebuilt).toBe(true);
    expect(r.summary!.mode).toBe('build');
    expect(r.warnings.join('\n')).toContain('was written by store version 1; rebuilding it whole');
  });

  it('leaves the published file untouched when an update is killed half-way, and finishes it next time', async () => {
    const dir = corpus([0]);
    const db = copyOf(one);
    const before = answers(db);
    const published = statSync(db);
    corpus([1, 2, 3, 4, 5, 6, 7, 8], dir);
    const child = spawn(process.execPath, [CLI, 'ingest', dir, '--db', db], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // The update writes a copy of the published file beside it; kill it while it does, with no warning.
    const tmp = () => readdirSync(dirname(db)).find((name) => name.startsWith(`${basename(db)}.tmp-`));
    const started = Date.now();
    while (!tmp() && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 5));
    expect(tmp()).toBeDefined();
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await exited;
    // The file readers hold was never written: same file, same bytes, no journal beside it.
    expect(statSync(db)).toMatchObject({ ino: published.ino, size: published.size, mtimeMs: published.mtimeMs });
    expect(existsSync(`${db}-journal`)).toBe(false);
    expect(answers(db)).toEqual(before);
    const r = ensureDatabase(join(dir, 'missing-on-purpose'), db);
    expect(r.warnings.join('\n')).toMatch(/removed what a stopped ingest left beside .*\.tmp-/);
    expect(tmp()).toBeUndefined();
    expect(storeProblem(db)).toBeNull();
    // The killed ingest's lock is taken over: the next ingest runs.
    const done = ensureDatabase(dir, db);
    expect(done.summary!.mode).toBe('update');
    expect(done.summary!.issues).toHaveLength(8);
    expect(answers(db).notices).toHaveLength(9 * 12);
    expect(existsSync(`${db}.lock`)).toBe(false);
  }, 120_000);

  it('lets one ingest write at a time', () => {
    const dir = corpus([0]);
    const db = copyOf(one);
    // A lock held by a live process (this one's parent stands in for another ingest).
    writeFileSync(`${db}.lock`, String(process.ppid));
    corpus([1], dir);
    expect(() => update(dir, db)).toThrow(`another ingest (process ${process.ppid}) is writing ${db}`);
    rmSync(`${db}.lock`);
    expect(update(dir, db).issues).toHaveLength(1);
  });
});
