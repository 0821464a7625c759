// The search layer's storage port (search/port.ts) over the SQLite store: postings blobs read as
// typed arrays, the vocabulary asked one word at a time (answers cached), rows by id.
import type Database from 'better-sqlite3';
import type { Alias } from '../domain/aliases.js';
import type { GazetteText } from '../domain/reader.js';
import { BoundedCache } from '../search/bounded-cache.js';
import { INDEX_TIME, titleGramOf } from '../search/index-time.js';
import type { PassagePostings, PassageRow, SearchStore, TaskWords, TextSpan } from '../search/port.js';
import { POSTING_BYTES } from './search/postings.js';

/**
 * Vocabulary answers kept between questions: a question asks for every run of its characters. A
 * vocabulary no larger is read whole when the store is warmed (the bundled issue's is 5,116 terms):
 * a question then asks SQLite for none of its runs.
 */
const VOCABULARY_CACHE = 50_000;

/**
 * Title runs' answers kept between questions, counted in texts: a question asks for each of its
 * terms' runs, and a store's titles never change. Title runs no more than this are read whole when
 * the store is warmed (the bundled issue has 2,594).
 */
const TITLED_KEPT = 20_000;

/**
 * Postings kept between questions, in bytes: a question reads the postings of every term it
 * searches, the same terms recur from question to question, and a store's postings never change.
 * The bundled issue's whole index is 0.5 MB.
 */
const POSTINGS_KEPT = 8 * 2 ** 20;

/** A blob's bytes where typed arrays can view them (SQLite's buffers need not be 4-byte aligned). */
function aligned(blob: Buffer): Buffer {
  return blob.byteOffset % 4 === 0 ? blob : Buffer.from(new Uint8Array(blob));
}

/** A search postings segment as its columns (ids, weighted frequencies, lengths; postings.ts writes them so). */
function passageColumns(blob: Buffer, n: number): PassagePostings {
  const b = aligned(blob);
  if (b.length < n * POSTING_BYTES) throw new Error('search index segment is shorter than its count');
  return {
    ids: new Int32Array(b.buffer, b.byteOffset, n),
    tfs: new Float32Array(b.buffer, b.byteOffset + n * 4, n),
    lengths: new Float32Array(b.buffer, b.byteOffset + n * 8, n),
  };
}

type Segment = { df: number; postings: Buffer };

/** A text found by a run of its title, with its title's subject (topicOf). */
type TitledText = TextSpan & { topic: string };

/** Rows read by id, in the order of the ids asked (an id asked twice, twice). */
function inOrder<R extends { id: number }>(ids: number[], rows: R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** A lazily prepared statement: the store opens fast and prepares what a question uses. */
function lazy(db: Database.Database, sql: string, pluck = false): () => Database.Statement {
  let s: Database.Statement | null = null;
  return () => (s ??= pluck ? db.prepare(sql).pluck() : db.prepare(sql));
}

export class SqliteSearchStore implements SearchStore {
  private readonly known = new BoundedCache<string, number>(VOCABULARY_CACHE);
  /** The whole vocabulary with each term's df, when it was small enough to read (warm). */
  private wholeVocabulary: Map<string, number> | null = null;
  /** Every title run's texts, likewise. */
  private wholeTitles: Map<string, TitledText[]> | null = null;
  private readonly titledByGram = new BoundedCache<string, { most: number; texts: TitledText[] | null }>(TITLED_KEPT);
  private readonly postings = new BoundedCache<string, PassagePostings[]>(POSTINGS_KEPT);
  /** Every text's passage range, by first passage (a few hundred KB at 1,000 issues): read once, when a quotation first asks. */
  private spans: TextSpan[] | null = null;
  private readonly sql;

  constructor(private readonly db: Database.Database) {
    this.sql = {
      df: lazy(db, 'SELECT df FROM search_vocab WHERE term = ?', true),
      dfs: lazy(db, 'SELECT term, df FROM search_vocab WHERE term IN (SELECT value FROM json_each(?))'),
      segments: lazy(db, 'SELECT df, postings FROM search_postings WHERE term = ?'),
      taskDf: lazy(db, 'SELECT df FROM task_vocab WHERE term = ?', true),
      taskSegments: lazy(db, 'SELECT df, postings FROM task_postings WHERE term = ?'),
      titled: lazy(
        db,
        'SELECT tg.text_id, s.passage_from, s.passage_to, s.topic FROM title_grams tg JOIN text_spans s ON s.text_id = tg.text_id WHERE tg.gram = ?',
      ),
      allTitled: lazy(db, 'SELECT tg.gram, tg.text_id, s.passage_from, s.passage_to, s.topic FROM title_grams tg JOIN text_spans s ON s.text_id = tg.text_id'),
      // One more row than allowed says there are too many, without counting them all.
      titledCount: lazy(db, 'SELECT COUNT(*) FROM (SELECT 1 FROM title_grams WHERE gram = ? LIMIT ?)', true),
      allSpans: lazy(db, 'SELECT text_id AS id, passage_from AS "from", passage_to AS "to" FROM text_spans ORDER BY passage_from'),
      noticePassages: lazy(
        db,
        'SELECT MIN(s.passage_from) AS "from", MAX(s.passage_to) AS "to" FROM texts t JOIN text_spans s ON s.text_id = t.id WHERE t.notice_id = (SELECT id FROM notices WHERE doc_number = ?)',
      ),
      noticeTexts: lazy(db, 'SELECT id FROM texts WHERE notice_id = (SELECT id FROM notices WHERE doc_number = ?)', true),
      text: lazy(db, 'SELECT notice_id AS noticeId, role, title FROM texts WHERE id = ?'),
      paragraphs: lazy(db, 'SELECT locator, text, page_from AS page FROM paragraphs WHERE text_id = ? ORDER BY ord'),
      tasksAt: lazy(db, 'SELECT id FROM tasks WHERE notice_id = ? AND locator = ? ORDER BY id', true),
      // A list of ids is passed as one JSON array: one prepared statement whatever its length.
      passages: lazy(
        db,
        'SELECT p.id, p.text_id AS textId, t.notice_id AS noticeId, t.role, t.title AS textTitle, p.locator, p.text, p.context, p.page FROM passages p JOIN texts t ON t.id = p.text_id WHERE p.id IN (SELECT value FROM json_each(?))',
      ),
      passageTexts: lazy(db, 'SELECT id, text, context FROM passages WHERE id IN (SELECT value FROM json_each(?))'),
      taskWords: lazy(db, 'SELECT id, notice_id AS noticeId, locator, task, context FROM tasks WHERE id IN (SELECT value FROM json_each(?))'),
      aliases: lazy(db, 'SELECT full, short FROM aliases GROUP BY full, short ORDER BY COUNT(*) DESC, full LIMIT ?'),
    };
  }

  totals(): { passages: number; passageLength: number; texts: number; maxPassageId: number } {
    const meta = (key: string) => Number((this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? 0);
    const maxPassageId = (this.db.prepare('SELECT MAX(id) FROM passages').pluck().get() as number | null) ?? 0;
    return { passages: meta('passage_count'), passageLength: meta('passage_length'), texts: meta('text_count'), maxPassageId };
  }

  warm(): void {
    const count = (table: string) => this.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    if (count('search_vocab') <= VOCABULARY_CACHE) {
      this.wholeVocabulary = new Map(this.db.prepare('SELECT term, df FROM search_vocab').raw().all() as [string, number][]);
    }
    if (count('title_grams') <= TITLED_KEPT) {
      this.wholeTitles = new Map();
      for (const [gram, id, from, to, topic] of this.sql.allTitled().raw().all() as [string, number, number, number, string][]) {
        const texts = this.wholeTitles.get(gram) ?? [];
        texts.push({ id, from, to, topic });
        this.wholeTitles.set(gram, texts);
      }
    }
  }

  passageDf(term: string): number {
    if (this.wholeVocabulary) return this.wholeVocabulary.get(term) ?? 0;
    let n = this.known.get(term);
    if (n === undefined) {
      n = (this.sql.df().get(term) as number | undefined) ?? 0;
      this.known.set(term, n);
    }
    return n;
  }

  passageDfs(terms: string[]): number[] {
    if (this.wholeVocabulary) return terms.map((t) => this.wholeVocabulary!.get(t) ?? 0);
    const unknown = [...new Set(terms.filter((t) => !this.known.has(t)))];
    const read = new Map<string, number>(unknown.map((t) => [t, 0]));
    if (unknown.length) {
      for (const r of this.sql.dfs().all(JSON.stringify(unknown)) as { term: string; df: number }[]) read.set(r.term, r.df);
    }
    // Answered before keeping: keeping may drop what this question already had.
    const dfs = terms.map((t) => read.get(t) ?? this.known.get(t)!);
    for (const [t, df] of read) this.known.set(t, df);
    return dfs;
  }

  passagePostings(term: string): PassagePostings[] {
    let kept = this.postings.get(term);
    if (!kept) {
      const segments = this.sql.segments().all(term) as Segment[];
      kept = segments.map((s) => passageColumns(s.postings, s.df));
      this.postings.set(
        term,
        kept,
        segments.reduce((n, s) => n + s.df * POSTING_BYTES, 0),
      );
    }
    return kept;
  }

  taskDf(term: string): number {
    return (this.sql.taskDf().get(term) as number | undefined) ?? 0;
  }

  taskIds(term: string): Int32Array[] {
    // A task segment is its ids, then their weights (postings.ts).
    return (this.sql.taskSegments().all(term) as Segment[]).map((s) => {
      const b = aligned(s.postings);
      return new Int32Array(b.buffer, b.byteOffset, s.df);
    });
  }

  textsTitled(word: string, most: number): TextSpan[] | null {
    const gram = titleGramOf(word);
    let kept = this.titledByGram.get(gram);
    if (kept?.most !== most) {
      kept = { most, texts: this.titledBy(gram, most) };
      this.titledByGram.set(gram, kept, 1 + (kept.texts?.length ?? 0));
    }
    if (!kept.texts) return null;
    // A word no longer than a run is held by every title holding the run; a longer one is checked against each title's subject.
    if ([...word].length <= INDEX_TIME.titleGram) return kept.texts;
    return kept.texts.filter((t) => t.topic.includes(word));
  }

  /** The texts with passages whose title holds a run; null when more than `most` texts' titles do (counted on the run's index alone). */
  private titledBy(gram: string, most: number): TitledText[] | null {
    if (this.wholeTitles) {
      const texts = this.wholeTitles.get(gram) ?? [];
      return texts.length > most ? null : texts;
    }
    if ((this.sql.titledCount().get(gram, most + 1) as number) > most) return null;
    return (this.sql.titled().raw().all(gram) as [number, number, number, string][]).map(([id, from, to, topic]) => ({ id, from, to, topic }));
  }

  textsSpanning(from: number, to: number): TextSpan[] {
    const spans = (this.spans ??= this.sql.allSpans().all() as TextSpan[]);
    // Ranges never overlap: the texts meeting from..to are the one holding `from` (the last starting at or before it) and those starting after it up to `to`.
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].from <= from) lo = mid + 1;
      else hi = mid;
    }
    let first = Math.max(0, lo - 1);
    if (first < spans.length && spans[first].to < from) first++;
    let end = lo;
    while (end < spans.length && spans[end].from <= to) end++;
    return spans.slice(first, end);
  }

  noticePassages(docNumber: string): { from: number; to: number } | null {
    const r = this.sql.noticePassages().get(docNumber) as { from: number | null; to: number | null };
    return r.from === null || r.to === null ? null : { from: r.from, to: r.to };
  }

  noticeTexts(docNumber: string): number[] {
    return this.sql.noticeTexts().all(docNumber) as number[];
  }

  passages(ids: number[]): PassageRow[] {
    return inOrder(ids, this.sql.passages().all(JSON.stringify(ids)) as PassageRow[]);
  }

  passageTexts(ids: number[]): Pick<PassageRow, 'id' | 'text' | 'context'>[] {
    return inOrder(ids, this.sql.passageTexts().all(JSON.stringify(ids)) as Pick<PassageRow, 'id' | 'text' | 'context'>[]);
  }

  text(id: number): Pick<GazetteText, 'noticeId' | 'role' | 'title'> {
    return this.sql.text().get(id) as Pick<GazetteText, 'noticeId' | 'role' | 'title'>;
  }

  paragraphs(textId: number): { locator: string; text: string; page: number | null }[] {
    return this.sql.paragraphs().all(textId) as { locator: string; text: string; page: number | null }[];
  }

  taskWords(ids: number[]): TaskWords[] {
    return inOrder(ids, this.sql.taskWords().all(JSON.stringify(ids)) as TaskWords[]);
  }

  tasksAt(noticeId: number, locator: string): number[] {
    return this.sql.tasksAt().all(noticeId, locator) as number[];
  }

  aliases(limit: number): Alias[] {
    return this.sql.aliases().all(limit) as Alias[];
  }
}
