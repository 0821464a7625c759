// Passage search: BM25 over jieba terms. The index is written at ingest as one postings segment
// per term and per issue (store/search/postings.ts); a question reads just the segments of its own
// terms, asks the vocabulary one word at a time, and finds a text's passages by their id range, so
// serving holds nothing that grows with the corpus. (MiniSearch, tried first, held 500 MB and took
// 250 ms on common words at 100× the bundled issue.)
import type Database from 'better-sqlite3';
import { POSTING_BYTES, TITLE_GRAM, topicOf } from './postings.js';
import { queryTerms, spelledWords, type Vocabulary } from './tokens.js';

export interface SearchHit {
  id: number;
  score: number;
}

const K1 = 1.2;
const B = 0.75;
/** A term the question does not say but the thesaurus gives for it. */
const EXPANSION_WEIGHT = 0.7;
/** What a word of a text's title gives each passage of the text, as a share of its idf. */
const TITLE_SHARE = 0.5;
/** What a passage's own use of a word of its text's title counts, beside a word the title does not hold. */
const TITLE_OCCURRENCE = 0.15;
/**
 * A term in more than this share of the passages says almost nothing (的, 要): it is read only when
 * the question has nothing rarer, so a question never walks most of a large corpus.
 */
const COMMON_SHARE = 0.2;
/** Past this many hits asked for (a deep page), every hit is sorted rather than kept in order one by one. */
const DEEP_PAGE = 500;
/** Vocabulary answers kept between questions. */
const VOCABULARY_CACHE = 50_000;

/** How much a question term matters before the passages are seen: a 文号 names one notice; a lone character says little. */
function termBoost(term: string): number {
  return /^〔\d{4}〕\d+号$/.test(term) ? 6 : term.length === 1 ? 0.3 : 1;
}

/** A text whose title holds a question term: its passages are ids from..to. */
interface TitledText {
  id: number;
  from: number;
  to: number;
}

/** The text among ranges sorted by start whose passages include `id`, by binary search. */
function rangeAt(ranges: TitledText[], id: number): TitledText | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (id < ranges[mid].from) hi = mid - 1;
    else if (id > ranges[mid].to) lo = mid + 1;
    else return ranges[mid];
  }
  return undefined;
}

/** The postings of one segment, as typed views onto its blob. */
function views(blob: Buffer, n: number): { ids: Int32Array; tfs: Float32Array; lengths: Float32Array } {
  const b = blob.byteOffset % 4 === 0 ? blob : Buffer.from(new Uint8Array(blob));
  if (b.length < n * POSTING_BYTES) throw new Error('search index segment is shorter than its count');
  return { ids: new Int32Array(b.buffer, b.byteOffset, n), tfs: new Float32Array(b.buffer, b.byteOffset + n * 4, n), lengths: new Float32Array(b.buffer, b.byteOffset + n * 8, n) };
}

export class SearchIndex implements Vocabulary {
  private readonly segments: Database.Statement;
  private readonly dfOf: Database.Statement;
  private readonly titled: Database.Statement;
  private readonly noticeRange: Database.Statement;
  private readonly titledCount: Database.Statement;
  private readonly textCount: number;
  private readonly textsIn: Database.Statement;
  private readonly known = new Map<string, number>();
  private readonly count: number;
  private readonly avgLength: number;
  /** A question's scores and covered characters per passage id (12 bytes a passage: 6 MB at 1,000×), reused. */
  private readonly score: Float64Array;
  private readonly covered: Float32Array;

  constructor(db: Database.Database) {
    this.segments = db.prepare('SELECT df, postings FROM search_postings WHERE term = ?');
    this.dfOf = db.prepare('SELECT df FROM search_vocab WHERE term = ?').pluck();
    this.titled = db.prepare(
      `SELECT tg.text_id AS id, t.passage_from AS "from", t.passage_to AS "to", CASE WHEN t.role = 'part' THEN t.title ELSE n.title END AS title
       FROM title_grams tg JOIN texts t ON t.id = tg.text_id JOIN notices n ON n.id = t.notice_id WHERE tg.gram = ?`,
    );
    this.titledCount = db.prepare('SELECT COUNT(*) FROM title_grams WHERE gram = ?').pluck();
    this.textsIn = db.prepare('SELECT id, passage_from AS "from", passage_to AS "to" FROM texts WHERE passage_from <= ? AND passage_to >= ? ORDER BY passage_from');
    this.noticeRange = db.prepare('SELECT MIN(t.passage_from) AS "from", MAX(t.passage_to) AS "to" FROM texts t JOIN notices n ON n.id = t.notice_id WHERE n.doc_number = ?');
    const meta = (key: string) => Number((db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? 0);
    this.count = meta('passage_count');
    const maxId = (db.prepare('SELECT MAX(id) FROM passages').pluck().get() as number | null) ?? 0;
    this.score = new Float64Array(maxId + 1);
    this.covered = new Float32Array(maxId + 1);
    this.textCount = meta('text_count');
    this.avgLength = this.count ? meta('passage_length') / this.count : 1;
  }

  /** How many passages hold a term (0 when the index has no such term). */
  df(term: string): number {
    let n = this.known.get(term);
    if (n === undefined) {
      n = (this.dfOf.get(term) as number | undefined) ?? 0;
      if (this.known.size >= VOCABULARY_CACHE) this.known.clear();
      this.known.set(term, n);
    }
    return n;
  }

  /**
   * The texts whose title holds a term (as characters, 水 in 水污染防治), found by its first
   * TITLE_GRAM characters and checked in full. A term in the titles of more than COMMON_SHARE of
   * the texts (的 of every 关于…的通知) names none of them.
   */
  private textsTitled(term: string): TitledText[] {
    const gram = [...term].slice(0, TITLE_GRAM).join('');
    if ((this.titledCount.get(gram) as number) > COMMON_SHARE * this.textCount) return [];
    return (this.titled.all(gram) as (TitledText & { title: string })[]).filter((t) => t.from !== null && topicOf(t.title).includes(term));
  }

  /** The passages holding a term, in printed order. */
  passagesWith(term: string): number[] {
    const out: number[] = [];
    for (const seg of this.segments.all(term) as { df: number; postings: Buffer }[]) for (const id of views(seg.postings, seg.df).ids) out.push(id);
    return out;
  }

  /** The texts whose passages hold a term, in printed order (each issue's segment maps its passages to texts by their ranges). */
  *textsWith(term: string): Generator<number> {
    for (const seg of this.segments.all(term) as { df: number; postings: Buffer }[]) {
      const { ids } = views(seg.postings, seg.df);
      if (!ids.length) continue;
      const texts = this.textsIn.all(ids[ids.length - 1], ids[0]) as TitledText[];
      let k = 0;
      for (const t of texts) {
        while (k < ids.length && ids[k] < t.from) k++;
        if (k < ids.length && ids[k] <= t.to) yield t.id;
      }
    }
  }

  has(word: string): boolean {
    return this.df(word) > 0;
  }

  terms(question: string): string[] {
    return queryTerms(question, this);
  }

  /** The words a text is spelled with in the index's vocabulary, without inner words. */
  words(text: string): string[] {
    return spelledWords(text, this);
  }

  /** Passages for a question, best first; each score is scaled by how much of the question it covers. */
  query(question: string, docNumber: string | null, limit: number, printed: string[] = []): { hits: SearchHit[]; total: number; terms: string[] } {
    const own = this.terms(question);
    // The gazette's words for the question's own (thesaurus) count, a little less than its own words.
    const expansion = new Set(printed.flatMap((w) => this.terms(w)).filter((t) => !own.includes(t)));
    const all = [...own, ...expansion];
    const rare = all.filter((t) => this.df(t) <= COMMON_SHARE * this.count);
    const terms = rare.length ? rare : all;
    const range = docNumber ? (this.noticeRange.get(docNumber) as { from: number | null; to: number | null }) : null;
    const inScope = (id: number) => !range || (range.from !== null && id >= range.from && id <= range.to!);
    // Scores in arrays indexed by passage id, kept between questions and cleared where touched.
    const { score, covered } = this;
    const touched: number[] = [];
    const titleWords = new Map<number, number>(); // text id → characters of the question its title holds
    const titleScore = new Map<number, number>(); // text id → what its title's words give each of its passages
    const titledTexts = new Map<number, TitledText>();
    for (const term of terms) {
      const n = this.df(term);
      if (!n) continue;
      const idf = Math.log(1 + (this.count - n + 0.5) / (n + 0.5));
      const boost = termBoost(term) * (expansion.has(term) ? EXPANSION_WEIGHT : 1);
      // Words of a text's own title name the text, not the passage: inside that text they tell
      // passages apart no better than chance, so the question's other words decide. Every passage
      // of the text shares in the word once, as if it said it; the passages that do say it gain a
      // little more. So the text is found by its title, and its passages told apart by the rest.
      const inTitle = this.textsTitled(term);
      for (const t of inTitle) {
        titledTexts.set(t.id, t);
        titleWords.set(t.id, (titleWords.get(t.id) ?? 0) + term.length);
        titleScore.set(t.id, (titleScore.get(t.id) ?? 0) + idf * boost * TITLE_SHARE);
      }
      // Ranges sorted by their start: a passage's text is found by binary search.
      inTitle.sort((a, b) => a.from - b.from);
      for (const seg of this.segments.all(term) as { df: number; postings: Buffer }[]) {
        const { ids, tfs, lengths } = views(seg.postings, seg.df);
        for (let k = 0; k < seg.df; k++) {
          const id = ids[k];
          if (!inScope(id)) continue;
          const tf = tfs[k];
          const bm25 = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[k]) / this.avgLength));
          const titled = inTitle.length > 0 && rangeAt(inTitle, id) !== undefined;
          if (score[id] === 0) touched.push(id);
          score[id] += bm25 * boost * (titled ? TITLE_OCCURRENCE : 1);
          if (!titled) covered[id] += term.length;
        }
      }
    }
    for (const [textId, bonus] of titleScore) {
      const t = titledTexts.get(textId)!;
      for (let id = t.from; id <= t.to; id++) {
        if (!inScope(id)) continue;
        if (score[id] === 0) touched.push(id);
        score[id] += bonus;
      }
    }
    const wanted = terms.reduce((n, t) => n + t.length, 0) || 1;
    const titled = [...titledTexts.values()].sort((a, b) => a.from - b.from);
    const before = (a: SearchHit, b: SearchHit) => b.score - a.score || a.id - b.id;
    // Only the best `limit` are kept in order: sorting every passage a common word touches costs more than the search.
    const best: SearchHit[] = [];
    for (const id of touched) {
      const text = titled.length ? rangeAt(titled, id)?.id : undefined;
      const open = wanted - (text === undefined ? 0 : (titleWords.get(text) ?? 0));
      const hit = { id, score: score[id] * (0.25 + (open > 0 ? covered[id] / open : 1)) };
      if (limit > DEEP_PAGE) {
        best.push(hit);
        continue;
      }
      if (best.length === limit && before(hit, best[best.length - 1]) >= 0) continue;
      let at = best.length;
      while (at > 0 && before(hit, best[at - 1]) < 0) at--;
      best.splice(at, 0, hit);
      if (best.length > limit) best.pop();
    }
    if (limit > DEEP_PAGE) best.sort(before);
    for (const id of touched) {
      score[id] = 0;
      covered[id] = 0;
    }
    return { hits: best.slice(0, limit), total: touched.length, terms };
  }
}
