// The search index as it is written: postings per term in segments, each segment the issues one
// build or one update wrote (at most SEGMENT_ISSUES in a full build), so a question reads a few
// rows a term and adding an issue writes only its own segment; removing one rewrites the rows of
// its segment without its postings. Beside them, each term's document frequency over the whole
// corpus and the totals BM25 needs. A posting carries its passage's length, so a question never
// loads a row per passage.
import type Database from 'better-sqlite3';
import { INDEX_TIME, titleGrams, topicOf } from '../../search/index-time.js';
import { indexTerms } from './tokens.js';

/** Bytes of one posting: passage id (int32), weighted term frequency (float32), passage length (float32). */
export const POSTING_BYTES = 12;

export const SEARCH_SCHEMA = `
CREATE TABLE search_postings (term TEXT NOT NULL, segment INTEGER NOT NULL, df INTEGER NOT NULL, postings BLOB NOT NULL, PRIMARY KEY (term, segment)) WITHOUT ROWID;
CREATE INDEX search_postings_by_segment ON search_postings(segment);
CREATE TABLE search_vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE title_grams (gram TEXT NOT NULL, text_id INTEGER NOT NULL, PRIMARY KEY (gram, text_id)) WITHOUT ROWID;
CREATE INDEX title_grams_by_text ON title_grams(text_id);
CREATE TABLE text_spans (text_id INTEGER PRIMARY KEY, passage_from INTEGER NOT NULL, passage_to INTEGER NOT NULL, topic TEXT NOT NULL);
CREATE INDEX text_spans_by_passages ON text_spans(passage_from, passage_to);
CREATE TABLE task_postings (term TEXT NOT NULL, segment INTEGER NOT NULL, df INTEGER NOT NULL, postings BLOB NOT NULL, PRIMARY KEY (term, segment)) WITHOUT ROWID;
CREATE INDEX task_postings_by_segment ON task_postings(segment);
CREATE TABLE task_vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE learned_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
`;

/** Columns of numbers laid end to end in one blob (little-endian, as typed arrays are on the platforms served). */
function packed(...columns: (Int32Array | Float32Array)[]): Buffer {
  return Buffer.concat(columns.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
}

/** Adds `delta` to a counter kept in the meta table. */
function bump(db: Database.Database, key: string, delta: number): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS REAL) + ? AS TEXT)').run(
    key,
    String(delta),
    delta,
  );
}

/** Issues whose postings a full build writes as one segment: few rows a term to read, little held in memory. */
export const SEGMENT_ISSUES = 10;

/** Postings gathered for one segment, written together. */
export class SegmentBuilder {
  readonly issues: number[] = [];
  readonly passages = new Map<string, { ids: number[]; tfs: number[]; lengths: number[] }>();
  readonly tasks = new Map<string, { ids: number[]; weights: number[] }>();
}

/**
 * Indexes one issue already stored (its passages, texts and tasks) into the segment being built:
 * its postings per term, its title runs, its passage lengths and counts.
 */
export function indexIssue(db: Database.Database, issueId: number, segment: SegmentBuilder): void {
  segment.issues.push(issueId);
  const passages = db
    .prepare(
      'SELECT p.id, p.text, p.context FROM passages p JOIN texts t ON t.id = p.text_id JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ? ORDER BY p.id',
    )
    .all(issueId) as { id: number; text: string; context: string }[];
  const setLength = db.prepare('UPDATE passages SET length = ? WHERE id = ?');
  // Passages under one heading share their context: it is cut once.
  const contexts = new Map<string, string[]>();
  let totalLength = 0;
  for (const p of passages) {
    const tf = new Map<string, number>();
    for (const t of indexTerms(p.text)) tf.set(t, (tf.get(t) ?? 0) + INDEX_TIME.textWeight);
    let context = contexts.get(p.context);
    if (!context) contexts.set(p.context, (context = indexTerms(p.context)));
    for (const t of context) tf.set(t, (tf.get(t) ?? 0) + INDEX_TIME.contextWeight);
    let length = 0;
    for (const w of tf.values()) length += w;
    totalLength += length;
    setLength.run(length, p.id);
    for (const [term, w] of tf) {
      let list = segment.passages.get(term);
      if (!list) segment.passages.set(term, (list = { ids: [], tfs: [], lengths: [] }));
      list.ids.push(p.id);
      list.tfs.push(w);
      list.lengths.push(length);
    }
  }
  bump(db, 'passage_count', passages.length);
  bump(db, 'passage_length', totalLength);

  // Title words name every passage of their text (see search/bm25.ts): each text is found by
  // the character runs of its title up to INDEX_TIME.titleGram long, and a longer word is checked in full.
  // Each text with passages has its range and title subject in a small row of its own (text_spans): a
  // question reads them for every text its words title, which the texts' rows, long with their
  // whole text, made slow (2,000 texts: 300 ms at 1,000×).
  const titleGram = db.prepare('INSERT OR IGNORE INTO title_grams (gram, text_id) VALUES (?, ?)');
  const spanRow = db.prepare('INSERT INTO text_spans (text_id, passage_from, passage_to, topic) VALUES (?, ?, ?, ?)');
  const texts = db
    .prepare(
      `SELECT t.id, CASE WHEN t.role = 'part' THEN t.title ELSE n.title END AS title, t.passage_from AS "from", t.passage_to AS "to"
       FROM texts t JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ?`,
    )
    .all(issueId) as { id: number; title: string; from: number | null; to: number | null }[];
  for (const t of texts) {
    const topic = topicOf(t.title);
    for (const gram of titleGrams(topic)) titleGram.run(gram, t.id);
    if (t.from !== null && t.to !== null) spanRow.run(t.id, t.from, t.to, topic);
  }
  bump(db, 'text_count', texts.length);

  // Tasks are found by their own words (the heading counts most, the sentence less), in segments as passages are.
  const tasks = db
    .prepare('SELECT t.id, t.task, t.context FROM tasks t JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ? ORDER BY t.id')
    .all(issueId) as { id: number; task: string; context: string }[];
  for (const t of tasks) {
    const weights = new Map<string, number>();
    for (const term of indexTerms(t.context)) weights.set(term, INDEX_TIME.taskContextWeight);
    for (const term of indexTerms(t.task)) weights.set(term, INDEX_TIME.taskHeadWeight);
    for (const [term, w] of weights) {
      let list = segment.tasks.get(term);
      if (!list) segment.tasks.set(term, (list = { ids: [], weights: [] }));
      list.ids.push(t.id);
      list.weights.push(w);
    }
  }
  bump(db, 'task_count', tasks.length);
  const span = (ids: number[]) => (ids.length ? [ids[0], ids[ids.length - 1]] : [null, null]);
  db.prepare(
    'UPDATE issues SET passages = ?, passage_length = ?, texts = ?, tasks = ?, passage_from = ?, passage_to = ?, task_from = ?, task_to = ? WHERE id = ?',
  ).run(passages.length, totalLength, texts.length, tasks.length, ...span(passages.map((p) => p.id)), ...span(tasks.map((t) => t.id)), issueId);
}

/** Writes a segment's postings (its id is its first issue's) and adds them to the vocabularies. */
export function writeSegment(db: Database.Database, segment: SegmentBuilder): void {
  if (!segment.issues.length) return;
  const id = segment.issues[0];
  const insert = db.prepare('INSERT INTO search_postings (term, segment, df, postings) VALUES (?, ?, ?, ?)');
  const vocab = db.prepare('INSERT INTO search_vocab (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df');
  for (const [term, list] of segment.passages) {
    insert.run(term, id, list.ids.length, packed(Int32Array.from(list.ids), Float32Array.from(list.tfs), Float32Array.from(list.lengths)));
    vocab.run(term, list.ids.length);
  }
  const taskInsert = db.prepare('INSERT INTO task_postings (term, segment, df, postings) VALUES (?, ?, ?, ?)');
  const taskVocab = db.prepare('INSERT INTO task_vocab (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df');
  for (const [term, list] of segment.tasks) {
    taskInsert.run(term, id, list.ids.length, packed(Int32Array.from(list.ids), Float32Array.from(list.weights)));
    taskVocab.run(term, list.ids.length);
  }
  const mark = db.prepare('UPDATE issues SET segment = ? WHERE id = ?');
  for (const issue of segment.issues) mark.run(id, issue);
}

/**
 * Takes the postings of ids from..to out of one segment of a table: the rows are deleted when the
 * segment holds nothing else, rewritten without them otherwise; the vocabulary loses as many.
 */
function dropFromSegment(db: Database.Database, table: 'search' | 'task', segment: number, from: number | null, to: number | null, alone: boolean): void {
  const postings = `${table}_postings`;
  const vocab = `${table}_vocab`;
  const columns = table === 'search' ? 3 : 2;
  const lower = db.prepare(`UPDATE ${vocab} SET df = df - ? WHERE term = ?`);
  const rows = db.prepare(`SELECT term, df, postings FROM ${postings} WHERE segment = ?`).all(segment) as { term: string; df: number; postings: Buffer }[];
  if (alone) {
    for (const r of rows) lower.run(r.df, r.term);
    db.prepare(`DELETE FROM ${postings} WHERE segment = ?`).run(segment);
  } else if (from !== null && to !== null) {
    const update = db.prepare(`UPDATE ${postings} SET df = ?, postings = ? WHERE term = ? AND segment = ?`);
    const remove = db.prepare(`DELETE FROM ${postings} WHERE term = ? AND segment = ?`);
    for (const r of rows) {
      const b = r.postings.byteOffset % 4 === 0 ? r.postings : Buffer.from(new Uint8Array(r.postings));
      const cols = Array.from({ length: columns }, (_, c) =>
        c === 0 ? new Int32Array(b.buffer, b.byteOffset, r.df) : new Float32Array(b.buffer, b.byteOffset + c * r.df * 4, r.df),
      );
      const keep: number[] = [];
      for (let k = 0; k < r.df; k++) if ((cols[0][k] as number) < from || (cols[0][k] as number) > to) keep.push(k);
      if (keep.length === r.df) continue;
      lower.run(r.df - keep.length, r.term);
      if (!keep.length) remove.run(r.term, segment);
      else
        update.run(
          keep.length,
          packed(...cols.map((col, c) => (c === 0 ? Int32Array.from(keep, (k) => col[k]) : Float32Array.from(keep, (k) => col[k])))),
          r.term,
          segment,
        );
    }
  }
  db.prepare(`DELETE FROM ${vocab} WHERE df <= 0`).run();
}

/** Takes one issue out of the index: its postings, title runs, and its share of every count. */
export function unindexIssue(db: Database.Database, issueId: number): void {
  const issue = db
    .prepare(
      'SELECT segment, passages, passage_length AS length, texts, tasks, passage_from AS pFrom, passage_to AS pTo, task_from AS tFrom, task_to AS tTo FROM issues WHERE id = ?',
    )
    .get(issueId) as {
    segment: number | null;
    passages: number;
    length: number;
    texts: number;
    tasks: number;
    pFrom: number | null;
    pTo: number | null;
    tFrom: number | null;
    tTo: number | null;
  };
  if (issue.segment !== null) {
    const alone = (db.prepare('SELECT COUNT(*) FROM issues WHERE segment = ?').pluck().get(issue.segment) as number) === 1;
    dropFromSegment(db, 'search', issue.segment, issue.pFrom, issue.pTo, alone);
    dropFromSegment(db, 'task', issue.segment, issue.tFrom, issue.tTo, alone);
  }
  bump(db, 'passage_count', -issue.passages);
  bump(db, 'passage_length', -issue.length);
  bump(db, 'text_count', -issue.texts);
  bump(db, 'task_count', -issue.tasks);
  for (const table of ['title_grams', 'text_spans'])
    db.prepare(`DELETE FROM ${table} WHERE text_id IN (SELECT t.id FROM texts t JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ?)`).run(issueId);
}
