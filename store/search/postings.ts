// The search index as it is written: one postings segment per term and per issue, so adding,
// changing or removing an issue writes or deletes only that issue's segments; a vocabulary with
// each term's document frequency over the whole corpus; and the corpus totals BM25 needs. A
// posting carries the passage's length, so a question never loads a row per passage.
import type Database from 'better-sqlite3';
import { foldWidth, titleSubject } from '../../domain/text.js';
import { indexTerms } from './tokens.js';

// Words in a passage count fully; words of the headings above it (its context) count a little.
export const TEXT_WEIGHT = 2;
export const CONTEXT_WEIGHT = 0.5;
// A task's own heading counts most, the sentence it stands for less.
const TASK_HEAD_WEIGHT = 3;
const TASK_CONTEXT_WEIGHT = 1;

/** Bytes of one posting: passage id (int32), weighted term frequency (float32), passage length (float32). */
export const POSTING_BYTES = 12;

export const SEARCH_SCHEMA = `
CREATE TABLE search_postings (term TEXT NOT NULL, issue_id INTEGER NOT NULL, df INTEGER NOT NULL, postings BLOB NOT NULL, PRIMARY KEY (term, issue_id)) WITHOUT ROWID;
CREATE INDEX search_postings_by_issue ON search_postings(issue_id);
CREATE TABLE search_vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE title_grams (gram TEXT NOT NULL, text_id INTEGER NOT NULL, PRIMARY KEY (gram, text_id)) WITHOUT ROWID;
CREATE INDEX title_grams_by_text ON title_grams(text_id);
CREATE TABLE task_postings (term TEXT NOT NULL, issue_id INTEGER NOT NULL, df INTEGER NOT NULL, postings BLOB NOT NULL, PRIMARY KEY (term, issue_id)) WITHOUT ROWID;
CREATE INDEX task_postings_by_issue ON task_postings(issue_id);
CREATE TABLE task_vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE learned_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
`;

/** The subject a text's title names: 办法（试行） is about 办法, not 试行. */
export function topicOf(title: string): string {
  return foldWidth(titleSubject(title)).toLowerCase();
}

/** The longest title run indexed as it is; a longer word is found by its first TITLE_GRAM characters and checked. */
export const TITLE_GRAM = 4;

/** Every run of a title's characters up to TITLE_GRAM long, each once. */
export function titleGrams(topic: string): Set<string> {
  const out = new Set<string>();
  const chars = [...topic];
  for (let i = 0; i < chars.length; i++) for (let len = 1; len <= TITLE_GRAM && i + len <= chars.length; len++) out.add(chars.slice(i, i + len).join(''));
  return out;
}

/** Columns of numbers laid end to end in one blob (little-endian, as typed arrays are on the platforms served). */
function packed(...columns: (Int32Array | Float32Array)[]): Buffer {
  return Buffer.concat(columns.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
}

/** Adds `delta` to a counter kept in the meta table. */
function bump(db: Database.Database, key: string, delta: number): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS REAL) + ? AS TEXT)").run(key, String(delta), delta);
}

/**
 * Indexes one issue already stored (its passages, texts and tasks): writes its postings segment
 * per term, its title and task terms, and adds its counts to the corpus totals.
 */
export function indexIssue(db: Database.Database, issueId: number): void {
  const passages = db
    .prepare('SELECT p.id, p.text, p.context FROM passages p JOIN texts t ON t.id = p.text_id JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ? ORDER BY p.id')
    .all(issueId) as { id: number; text: string; context: string }[];
  const postings = new Map<string, { ids: number[]; tfs: number[]; lengths: number[] }>();
  const setLength = db.prepare('UPDATE passages SET length = ? WHERE id = ?');
  // Passages under one heading share their context: it is cut once.
  const contexts = new Map<string, string[]>();
  let totalLength = 0;
  for (const p of passages) {
    const tf = new Map<string, number>();
    for (const t of indexTerms(p.text)) tf.set(t, (tf.get(t) ?? 0) + TEXT_WEIGHT);
    let context = contexts.get(p.context);
    if (!context) contexts.set(p.context, (context = indexTerms(p.context)));
    for (const t of context) tf.set(t, (tf.get(t) ?? 0) + CONTEXT_WEIGHT);
    let length = 0;
    for (const w of tf.values()) length += w;
    totalLength += length;
    setLength.run(length, p.id);
    for (const [term, w] of tf) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { ids: [], tfs: [], lengths: [] }));
      list.ids.push(p.id);
      list.tfs.push(w);
      list.lengths.push(length);
    }
  }
  const insert = db.prepare('INSERT INTO search_postings (term, issue_id, df, postings) VALUES (?, ?, ?, ?)');
  const vocab = db.prepare('INSERT INTO search_vocab (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df');
  for (const [term, list] of postings) {
    insert.run(term, issueId, list.ids.length, packed(Int32Array.from(list.ids), Float32Array.from(list.tfs), Float32Array.from(list.lengths)));
    vocab.run(term, list.ids.length);
  }
  db.prepare('UPDATE issues SET passages = ?, passage_length = ? WHERE id = ?').run(passages.length, totalLength, issueId);
  bump(db, 'passage_count', passages.length);
  bump(db, 'passage_length', totalLength);

  // Title words name every passage of their text (see SearchIndex.query): each text is found by
  // the character runs of its title up to TITLE_GRAM long, and a longer word is checked in full.
  const titleGram = db.prepare('INSERT OR IGNORE INTO title_grams (gram, text_id) VALUES (?, ?)');
  const texts = db.prepare("SELECT t.id, CASE WHEN t.role = 'part' THEN t.title ELSE n.title END AS title FROM texts t JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ?").all(issueId) as { id: number; title: string }[];
  for (const t of texts) for (const gram of titleGrams(topicOf(t.title))) titleGram.run(gram, t.id);
  db.prepare('UPDATE issues SET texts = ? WHERE id = ?').run(texts.length, issueId);
  bump(db, 'text_count', texts.length);

  // Tasks are found by their own words (the heading counts most, the sentence less): one segment
  // per term and issue of task ids and weights, as for passages.
  const tasks = db.prepare('SELECT t.id, t.task, t.context FROM tasks t JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ? ORDER BY t.id').all(issueId) as { id: number; task: string; context: string }[];
  const byTerm = new Map<string, { ids: number[]; weights: number[] }>();
  for (const t of tasks) {
    const weights = new Map<string, number>();
    for (const term of indexTerms(t.context)) weights.set(term, TASK_CONTEXT_WEIGHT);
    for (const term of indexTerms(t.task)) weights.set(term, TASK_HEAD_WEIGHT);
    for (const [term, w] of weights) {
      let list = byTerm.get(term);
      if (!list) byTerm.set(term, (list = { ids: [], weights: [] }));
      list.ids.push(t.id);
      list.weights.push(w);
    }
  }
  const taskSegment = db.prepare('INSERT INTO task_postings (term, issue_id, df, postings) VALUES (?, ?, ?, ?)');
  const taskVocab = db.prepare('INSERT INTO task_vocab (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df');
  for (const [term, list] of byTerm) {
    taskSegment.run(term, issueId, list.ids.length, packed(Int32Array.from(list.ids), Float32Array.from(list.weights)));
    taskVocab.run(term, list.ids.length);
  }
  db.prepare('UPDATE issues SET tasks = ? WHERE id = ?').run(tasks.length, issueId);
  bump(db, 'task_count', tasks.length);
}

/** Takes one issue out of the index: its segments, title and task terms, and its share of every count. */
export function unindexIssue(db: Database.Database, issueId: number): void {
  const segments = db.prepare('SELECT term, df FROM search_postings WHERE issue_id = ?').all(issueId) as { term: string; df: number }[];
  const lower = db.prepare('UPDATE search_vocab SET df = df - ? WHERE term = ?');
  for (const s of segments) lower.run(s.df, s.term);
  db.prepare('DELETE FROM search_vocab WHERE df <= 0').run();
  db.prepare('DELETE FROM search_postings WHERE issue_id = ?').run(issueId);
  const counts = db.prepare('SELECT passages, passage_length AS length FROM issues WHERE id = ?').get(issueId) as { passages: number; length: number };
  bump(db, 'passage_count', -counts.passages);
  bump(db, 'passage_length', -counts.length);

  const textIds = 'SELECT t.id FROM texts t JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ?';
  db.prepare(`DELETE FROM title_grams WHERE text_id IN (${textIds})`).run(issueId);
  bump(db, 'text_count', -((db.prepare('SELECT texts FROM issues WHERE id = ?').pluck().get(issueId) as number) ?? 0));
  const taskSegments = db.prepare('SELECT term, df FROM task_postings WHERE issue_id = ?').all(issueId) as { term: string; df: number }[];
  const lowerTask = db.prepare('UPDATE task_vocab SET df = df - ? WHERE term = ?');
  for (const t of taskSegments) lowerTask.run(t.df, t.term);
  db.prepare('DELETE FROM task_vocab WHERE df <= 0').run();
  db.prepare('DELETE FROM task_postings WHERE issue_id = ?').run(issueId);
  bump(db, 'task_count', -((db.prepare('SELECT tasks FROM issues WHERE id = ?').pluck().get(issueId) as number) ?? 0));
}
