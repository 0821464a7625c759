// The search layer is written once over its storage port: on an in-memory copy of the bundled
// issue's rows and postings it ranks passages and tasks, reads questions and finds quotations
// exactly as it does over SQLite.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { topicOf } from '../search/index-time.js';
import { MemorySearchStore, type MemoryCorpus, type MemoryText } from '../search/memory-store.js';
import type { PassagePostings, TaskWords } from '../search/port.js';
import { GazetteSearch } from '../search/search.js';
import { SqliteSearchStore } from '../store/sqlite-search-store.js';
import { seedDatabase } from './support/seed.js';

/** Every segment of a postings table, one array per term (segments are in id order, so concatenation keeps it). */
function concat<T extends Int32Array | Float32Array>(parts: T[], make: (n: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The rows and postings of a SQLite store, copied into memory through its own port and tables. */
function memoryCopy(db: Database.Database, sqlite: SqliteSearchStore): MemoryCorpus {
  const texts = db
    .prepare(
      `SELECT t.id, t.notice_id AS noticeId, t.role, t.title, CASE WHEN t.role = 'part' THEN t.title ELSE n.title END AS titled, t.passage_from AS "from", t.passage_to AS "to"
       FROM texts t JOIN notices n ON n.id = t.notice_id ORDER BY t.id`,
    )
    .all() as (MemoryText & { titled: string })[];
  const passageIds = db.prepare('SELECT id FROM passages ORDER BY id').pluck().all() as number[];
  const paragraphs = new Map<number, { locator: string; text: string; page: number | null }[]>();
  for (const t of texts) paragraphs.set(t.id, sqlite.paragraphs(t.id));
  const postings = new Map<string, PassagePostings>();
  for (const term of db.prepare('SELECT term FROM search_vocab').pluck().all() as string[]) {
    const segments = sqlite.passagePostings(term);
    postings.set(term, {
      ids: concat(
        segments.map((s) => s.ids),
        (n) => new Int32Array(n),
      ),
      tfs: concat(
        segments.map((s) => s.tfs),
        (n) => new Float32Array(n),
      ),
      lengths: concat(
        segments.map((s) => s.lengths),
        (n) => new Float32Array(n),
      ),
    });
  }
  const taskPostings = new Map<string, Int32Array>();
  for (const term of db.prepare('SELECT term FROM task_vocab').pluck().all() as string[])
    taskPostings.set(
      term,
      concat(sqlite.taskIds(term), (n) => new Int32Array(n)),
    );
  const { passageLength } = sqlite.totals();
  return {
    notices: db.prepare('SELECT id, doc_number AS docNumber FROM notices ORDER BY id').all() as { id: number; docNumber: string }[],
    texts: texts.map(({ titled, ...t }) => ({ ...t, topic: topicOf(titled) })),
    passages: sqlite.passages(passageIds),
    passageLength,
    paragraphs,
    postings,
    tasks: sqlite.taskWords(db.prepare('SELECT id FROM tasks ORDER BY id').pluck().all() as number[]) as TaskWords[],
    taskPostings,
    aliases: sqlite.aliases(Number.MAX_SAFE_INTEGER),
  };
}

const questions = ['search.jsonl', 'paraphrase.jsonl', 'paraphrase-2.jsonl', 'paraphrase-3.jsonl', 'lead.jsonl', 'lead-colloquial.jsonl'].flatMap((file) =>
  readFileSync(join(import.meta.dirname, '..', 'evals', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { question: string }).question),
);

describe('the search layer over its storage port', () => {
  let sqlite: GazetteSearch;
  let memory: GazetteSearch;
  beforeAll(() => {
    const db = new Database(seedDatabase(), { readonly: true });
    const store = new SqliteSearchStore(db);
    sqlite = new GazetteSearch(store);
    memory = new GazetteSearch(new MemorySearchStore(memoryCopy(db, store)));
  });

  it('ranks the same passages with the same scores and quotes on every eval question', () => {
    const passages = (s: GazetteSearch, q: string) => {
      const r = s.passages(q, 10, null);
      return { total: r.total, closeCall: r.closeCall, hits: r.hits.map((h) => [h.passage.id, h.score, h.quote]) };
    };
    expect(questions.length).toBeGreaterThan(300);
    for (const q of questions) expect(passages(memory, q), q).toEqual(passages(sqlite, q));
    expect(passages(memory, '湿地面积').hits.length).toBeGreaterThan(0);
  });

  it('searches within one notice alike', () => {
    for (const doc of ['卫政办发〔2019〕74号', '卫政规发〔2019〕1号', '卫政办发〔2099〕1号']) {
      expect(memory.passages('湿地 经费', 10, doc)).toEqual(sqlite.passages('湿地 经费', 10, doc));
    }
  });

  it('ranks the same tasks and reads the same words the index lacks', () => {
    for (const q of questions) {
      expect(
        memory.tasks(q, 10).map((t) => t.id),
        q,
      ).toEqual(sqlite.tasks(q, 10).map((t) => t.id));
      expect(memory.questionWords(q), q).toEqual(sqlite.questionWords(q));
    }
  });

  it('finds the same quotations', () => {
    for (const quote of ['全市湿地面积不低于53.29万亩', '全市湿地面积不低于60万亩', '公告期应当不少于10个工作日', '牵头单位：市农业农村局', '法律顾问']) {
      expect(memory.findQuote(quote, null), quote).toEqual(sqlite.findQuote(quote, null));
    }
    expect(memory.findQuote('全市湿地面积不低于53.29万亩', null).length).toBe(1);
  });
});
