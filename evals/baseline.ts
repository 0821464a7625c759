// The approach comparable servers take: SQLite FTS5 with the trigram tokenizer over the same
// passages, queried with the question's three-character windows, ranked by bm25.
import Database from 'better-sqlite3';
import { matchKey } from '../domain/text.js';

export interface SearchCase {
  question: string;
  expect: string;
  docNumber: string;
}

/** Where the expected passage ranks among the first ten answers (0 first), or -1. */
export function rankOf(c: SearchCase, hits: { text: string; doc: string }[]): number {
  // A writer may print the number as the PDF does (卫政办发〔2019〕43 号): spaces are no part of it.
  const doc = c.docNumber.replace(/\s/g, '');
  return hits.findIndex((h) => h.doc.replace(/\s/g, '') === doc && holds(h.text, c.expect));
}

/** A table row as the store prints it (序号：3；流域：黄河；…): its cells under their column names. */
const ROW_LINE = /^序号[：:]/;

/**
 * Whether a passage holds the expected words: as printed, or in a table row read as the source
 * prints it, its cells in order without their column names (香山湖湖泊所在地国控Ⅲ类).
 */
export function holds(text: string, expect: string): boolean {
  const want = matchKey(expect);
  if (matchKey(text).includes(want)) return true;
  const rows = text.split('\n').filter((l) => ROW_LINE.test(l));
  // A cell's own ； (…予以公开；除法律法规另有规定外…) is printed: only the ones between cells go with the names.
  return rows.some((row) => matchKey(row.replace(/(^|[；;])[^：:；;]*[：:]/g, '')).includes(want));
}

export interface Ranking {
  cases: number;
  top1: number;
  recall5: number;
  /** Mean reciprocal rank over the first ten answers. */
  mrr: number;
}

export function ranking(ranks: number[]): Ranking {
  const n = ranks.length || 1;
  return {
    cases: ranks.length,
    top1: ranks.filter((r) => r === 0).length / n,
    recall5: ranks.filter((r) => r >= 0 && r < 5).length / n,
    mrr: ranks.reduce((s, r) => s + (r >= 0 ? 1 / (r + 1) : 0), 0) / n,
  };
}

/** The same measures for an FTS5 trigram index over the passages of the database at `dbPath`. */
export function ftsTrigramRanking(dbPath: string, cases: SearchCase[]): Ranking {
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE fts USING fts5(text, doc UNINDEXED, tokenize='trigram')");
  const insert = db.prepare('INSERT INTO fts (text, doc) VALUES (?, ?)');
  const rows = source
    .prepare('SELECT p.text, n.doc_number AS doc FROM passages p JOIN texts t ON t.id = p.text_id JOIN notices n ON n.id = t.notice_id')
    .all() as { text: string; doc: string }[];
  db.transaction(() => rows.forEach((r) => insert.run(r.text, r.doc)))();
  source.close();
  const search = db.prepare('SELECT text, doc FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 10');
  const ranks = cases.map((c) => {
    const q = c.question.replace(/[^\u4e00-\u9fffA-Za-z0-9.%]/g, '');
    const grams = new Set<string>();
    for (let i = 0; i + 3 <= q.length; i++) grams.add(q.slice(i, i + 3));
    if (!grams.size) return -1;
    return rankOf(c, search.all([...grams].map((g) => `"${g}"`).join(' OR ')) as { text: string; doc: string }[]);
  });
  db.close();
  return ranking(ranks);
}
