// Passage search: BM25 over jieba terms, written at ingest into the database as one packed
// postings list per term, so serving loads only the vocabulary and a few numbers per passage, and
// a question reads just the postings of its own terms. (MiniSearch, tried first, held 500 MB and
// took 250 ms on common words at 100× the bundled issue.)
import type Database from 'better-sqlite3';
import { foldWidth, titleSubject } from '../../domain/text.js';
import { indexTerms, learnVocabulary, queryTerms } from './tokens.js';

export interface SearchHit {
  id: number;
  score: number;
}

// Words in a passage count fully; words of the headings above it (its context) count a little.
const TEXT_WEIGHT = 2;
const CONTEXT_WEIGHT = 0.5;
const K1 = 1.2;
/** A term the question does not say but the thesaurus gives for it. */
const EXPANSION_WEIGHT = 0.7;
/** What a word of a text's title gives each passage of the text, as a share of its idf. */
const TITLE_SHARE = 0.5;
/** What a passage's own use of a word of its text's title counts, beside a word the title does not hold. */
const TITLE_OCCURRENCE = 0.15;
const B = 0.75;

/** How much a question term matters before the passages are seen: a 文号 names one notice; a lone character says little. */
function termBoost(term: string): number {
  return /^〔\d{4}〕\d+号$/.test(term) ? 6 : term.length === 1 ? 0.3 : 1;
}

/** The subject a text's title names: 办法（试行） is about 办法, not 试行. */
function topicOf(title: string): string {
  return foldWidth(titleSubject(title)).toLowerCase();
}

/**
 * Builds the index from the passages already stored (id, text, context). Two passes over them:
 * the first grows jieba's dictionary from the whole corpus, the second segments each passage.
 */
export function writeSearchIndex(db: Database.Database): void {
  const rows = () => db.prepare('SELECT id, text, context FROM passages ORDER BY id').iterate() as Iterable<{ id: number; text: string; context: string }>;
  learnVocabulary((function* () {
    for (const r of rows()) yield r.text;
  })());
  // Postings grow in typed arrays (8 bytes a posting) so a 100× corpus stays within memory.
  const postings = new Map<string, { ids: Int32Array; tfs: Float32Array; n: number }>();
  const setLength = db.prepare('UPDATE passages SET length = ? WHERE id = ?');
  const lengths: number[] = [];
  for (const r of rows()) {
    const tf = new Map<string, number>();
    for (const t of indexTerms(r.text)) tf.set(t, (tf.get(t) ?? 0) + TEXT_WEIGHT);
    for (const t of indexTerms(r.context)) tf.set(t, (tf.get(t) ?? 0) + CONTEXT_WEIGHT);
    let length = 0;
    for (const [term, w] of tf) {
      length += w;
      let p = postings.get(term);
      if (!p) postings.set(term, (p = { ids: new Int32Array(4), tfs: new Float32Array(4), n: 0 }));
      if (p.n === p.ids.length) {
        const ids = new Int32Array(p.n * 2);
        ids.set(p.ids);
        const tfs = new Float32Array(p.n * 2);
        tfs.set(p.tfs);
        p.ids = ids;
        p.tfs = tfs;
      }
      p.ids[p.n] = r.id;
      p.tfs[p.n++] = w;
    }
    lengths.push(r.id, length);
  }
  for (let k = 0; k < lengths.length; k += 2) setLength.run(lengths[k + 1], lengths[k]);
  const insert = db.prepare('INSERT INTO search_terms (term, df, postings) VALUES (?, ?, ?)');
  for (const [term, p] of postings) {
    // One blob per term: the passage ids, then their weighted term frequencies.
    const buf = Buffer.alloc(p.n * 8);
    Buffer.from(p.ids.buffer, 0, p.n * 4).copy(buf, 0);
    Buffer.from(p.tfs.buffer, 0, p.n * 4).copy(buf, p.n * 4);
    insert.run(term, p.n, buf);
  }
}

export class SearchIndex {
  private readonly vocabulary: Set<string>;
  private readonly postings: Database.Statement;
  /** Per passage id: its length, its text (for the topic), its notice. */
  private readonly length: Float64Array;
  private readonly textOf: Int32Array;
  private readonly noticeOf: Int32Array;
  private readonly avgLength: number;
  private readonly count: number;
  private readonly topics: Map<number, string>;
  private readonly noticeIds: Map<string, number>;
  /** Each text's passages, for the words of its title, which name every one of them. */
  private readonly passagesOf: Map<number, Int32Array>;

  constructor(db: Database.Database) {
    this.vocabulary = new Set((db.prepare('SELECT term FROM search_terms').pluck().all() as string[]));
    this.postings = db.prepare('SELECT df, postings FROM search_terms WHERE term = ?');
    const passages = db.prepare('SELECT p.id, p.length, p.text_id AS textId, t.notice_id AS noticeId FROM passages p JOIN texts t ON t.id = p.text_id').raw().all() as [number, number, number, number][];
    const maxId = passages.reduce((m, p) => Math.max(m, p[0]), 0);
    this.length = new Float64Array(maxId + 1);
    this.textOf = new Int32Array(maxId + 1);
    this.noticeOf = new Int32Array(maxId + 1);
    let total = 0;
    for (const [id, length, textId, noticeId] of passages) {
      this.length[id] = length;
      this.textOf[id] = textId;
      this.noticeOf[id] = noticeId;
      total += length;
    }
    this.count = passages.length;
    this.avgLength = this.count ? total / this.count : 1;
    const byText = new Map<number, number[]>();
    for (const [id, , textId] of passages) {
      const list = byText.get(textId);
      if (list) list.push(id);
      else byText.set(textId, [id]);
    }
    this.passagesOf = new Map([...byText].map(([textId, ids]) => [textId, Int32Array.from(ids)]));
    const titles = db.prepare("SELECT t.id, CASE WHEN t.role = 'part' THEN t.title ELSE n.title END FROM texts t JOIN notices n ON n.id = t.notice_id").raw().all() as [number, string][];
    this.topics = new Map(titles.map(([id, title]) => [id, topicOf(title)]));
    this.noticeIds = new Map((db.prepare('SELECT doc_number, id FROM notices').raw().all() as [string, number][]));
  }

  terms(question: string): string[] {
    return queryTerms(question, this.vocabulary);
  }

  /** Passages for a question, best first; each score is scaled by how much of the question it covers. */
  query(question: string, docNumber: string | null, limit: number, printed: string[] = []): { hits: SearchHit[]; total: number; terms: string[] } {
    const own = this.terms(question);
    // The gazette's words for the question's own (thesaurus) count, a little less than its own words.
    const expansion = new Set(printed.flatMap((w) => this.terms(w)).filter((t) => !own.includes(t)));
    const terms = [...own, ...expansion];
    const onlyNotice = docNumber ? (this.noticeIds.get(docNumber) ?? -1) : null;
    const score = new Float64Array(this.length.length);
    // How much of the question a passage covers, counting only words that are not its text's title.
    const covered = new Float64Array(this.length.length);
    const touched: number[] = [];
    const titleWords = new Map<number, number>(); // text id → characters of the question its title holds
    const titleScore = new Map<number, number>(); // text id → what its title's words give each of its passages
    for (const term of terms) {
      const row = this.postings.get(term) as { df: number; postings: Buffer } | undefined;
      if (!row) continue;
      const n = row.df;
      // Typed views straight onto the blob when it is 4-byte aligned, else onto an aligned copy.
      const blob = row.postings.byteOffset % 4 === 0 ? row.postings : Buffer.from(new Uint8Array(row.postings));
      const ids = new Int32Array(blob.buffer, blob.byteOffset, n);
      const tfs = new Float32Array(blob.buffer, blob.byteOffset + n * 4, n);
      const idf = Math.log(1 + (this.count - n + 0.5) / (n + 0.5));
      const boost = termBoost(term) * (expansion.has(term) ? EXPANSION_WEIGHT : 1);
      // Words of a text's own title name the text, not the passage: inside that text they tell
      // passages apart no better than chance, so the question's other words decide.
      const inTitle = new Set<number>();
      for (const [textId, topic] of this.topics) {
        if (!topic.includes(term)) continue;
        inTitle.add(textId);
        titleWords.set(textId, (titleWords.get(textId) ?? 0) + term.length);
      }
      // Every passage of a text its title names shares in the word once, as if it said it; the
      // passages that do say it gain a little more. So the text is found by its title, and its
      // passages are told apart by the question's other words.
      for (const textId of inTitle) titleScore.set(textId, (titleScore.get(textId) ?? 0) + idf * boost * TITLE_SHARE);
      for (let k = 0; k < n; k++) {
        const id = ids[k];
        if (onlyNotice !== null && this.noticeOf[id] !== onlyNotice) continue;
        const tf = tfs[k];
        const bm25 = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.length[id]) / this.avgLength));
        if (score[id] === 0) touched.push(id);
        const titled = inTitle.has(this.textOf[id]);
        score[id] += bm25 * boost * (titled ? TITLE_OCCURRENCE : 1);
        if (!titled) covered[id] += term.length;
      }
    }
    for (const [textId, bonus] of titleScore) {
      for (const id of this.passagesOf.get(textId) ?? []) {
        if (onlyNotice !== null && this.noticeOf[id] !== onlyNotice) continue;
        if (score[id] === 0) touched.push(id);
        score[id] += bonus;
      }
    }
    const wanted = terms.reduce((n, t) => n + t.length, 0) || 1;
    // Only the best `limit` are ranked: sorting every passage a common word touches costs more than the search.
    const best: SearchHit[] = [];
    for (const id of touched) {
      const open = wanted - (titleWords.get(this.textOf[id]) ?? 0);
      const s = score[id] * (0.25 + (open > 0 ? covered[id] / open : 1));
      if (best.length === limit && s <= best[best.length - 1].score) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1].score < s || (best[at - 1].score === s && best[at - 1].id > id))) at--;
      best.splice(at, 0, { id, score: s });
      if (best.length > limit) best.pop();
    }
    const hits = best;
    const total = touched.length;
    return { hits, total, terms };
  }
}
