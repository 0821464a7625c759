// Passage search, first pass: BM25 over the question's terms, read segment by segment from the
// store's postings, so nothing that grows with the corpus is held between questions but two
// score arrays. Words of a text's title count for every passage of the text (see below).
import type { SearchOptions } from './options.js';
import type { SearchStore, TextSpan } from './port.js';
import type { Vocabulary } from './terms.js';
import { queryTerms } from './terms.js';

export interface Scored {
  id: number;
  score: number;
}

/** Past this many hits asked for (a deep page), every hit is sorted rather than kept in order one by one. */
const DEEP_PAGE = 500;

/** The text among spans sorted by start whose passages include `id`, by binary search. */
export function spanAt(spans: TextSpan[], id: number): TextSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (id < spans[mid].from) hi = mid - 1;
    else if (id > spans[mid].to) lo = mid + 1;
    else return spans[mid];
  }
  return undefined;
}

/** The first index of ascending `ids` holding `id` or more. */
function lowerBound(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a passage id is in a notice's range; no range asked (undefined) takes every passage. */
export function inRange(range: { from: number; to: number } | null | undefined, id: number): boolean {
  return range === undefined || (range !== null && id >= range.from && id <= range.to);
}

export class Bm25 {
  private readonly count: number;
  private readonly avgLength: number;
  private readonly textCount: number;
  /** A question's scores and covered characters per passage id (12 bytes a passage: 6 MB at 1,000×), reused and cleared where touched. */
  private readonly score: Float64Array;
  private readonly covered: Float32Array;
  /** The passage ids a question touches, in the order first touched: grown as needed, reused (a plain array's growth cost a third of a question at 1,000×). */
  private touched = new Int32Array(1024);
  private touchedCount = 0;

  constructor(
    private readonly store: SearchStore,
    private readonly vocabulary: Vocabulary,
    private readonly options: SearchOptions,
  ) {
    const totals = store.totals();
    this.count = totals.passages;
    this.avgLength = totals.passages ? totals.passageLength / totals.passages : 1;
    this.textCount = totals.texts;
    this.score = new Float64Array(totals.maxPassageId + 1);
    this.covered = new Float32Array(totals.maxPassageId + 1);
  }

  /** How much a question term matters before the passages are seen. */
  private boost(term: string): number {
    const { docNumberBoost, singleCharBoost } = this.options.bm25;
    return /^〔\d{4}〕\d+号$/.test(term) ? docNumberBoost : term.length === 1 ? singleCharBoost : 1;
  }

  /**
   * The texts whose title holds a term (as characters, 水 in 水污染防治), found by its first
   * titleGram characters and checked in full. A term in the titles of more than commonShare of
   * the texts (的 of every 关于…的通知) names none of them.
   */
  private textsTitled(term: string): TextSpan[] {
    return [...(this.store.textsTitled(term, Math.floor(this.options.bm25.commonShare * this.textCount)) ?? [])];
  }

  /**
   * Passages for a question's terms (and the gazette's words for its paraphrases, `printed`), best
   * first; each score is scaled by how much of the question it covers. `terms` are those searched.
   */
  query(
    own: string[],
    printed: string[],
    range: { from: number; to: number } | null | undefined,
    limit: number,
  ): { hits: Scored[]; total: number; terms: string[] } {
    const { k1, b, expansionWeight, titleShare, titleOccurrence, commonShare } = this.options.bm25;
    const maxTerms = this.options.question.maxTerms;
    // The gazette's words for the question's own (thesaurus) count, a little less than its own words.
    const expansion = new Set(printed.flatMap((w) => queryTerms(w, this.vocabulary, maxTerms)).filter((t) => !own.includes(t)));
    const all = [...own, ...expansion];
    const rare = all.filter((t) => this.store.passageDf(t) <= commonShare * this.count);
    const terms = rare.length ? rare : all;
    const { score, covered } = this;
    this.touchedCount = 0;
    const titleWords = new Map<number, number>(); // text id → characters of the question its title holds
    const titleScore = new Map<number, number>(); // text id → what its title's words give each of its passages
    const titledTexts = new Map<number, TextSpan>();
    for (const term of terms) {
      const n = this.store.passageDf(term);
      if (!n) continue;
      const idf = Math.log(1 + (this.count - n + 0.5) / (n + 0.5));
      const boost = this.boost(term) * (expansion.has(term) ? expansionWeight : 1);
      // Words of a text's own title name the text, not the passage: inside that text they tell
      // passages apart no better than chance, so the question's other words decide. Every passage
      // of the text shares in the word once, as if it said it; the passages that do say it gain a
      // little more. So the text is found by its title, and its passages told apart by the rest.
      const inTitle = this.textsTitled(term);
      for (const t of inTitle) {
        titledTexts.set(t.id, t);
        titleWords.set(t.id, (titleWords.get(t.id) ?? 0) + term.length);
        titleScore.set(t.id, (titleScore.get(t.id) ?? 0) + idf * boost * titleShare);
      }
      inTitle.sort((x, y) => x.from - y.from);
      for (const { ids, tfs, lengths } of this.store.passagePostings(term)) {
        // Ids ascend within a segment: the range is a stretch of it, and the titled texts are walked alongside.
        let k = range ? lowerBound(ids, range.from) : 0;
        const end = range ? lowerBound(ids, range.to + 1) : ids.length;
        let span = 0;
        for (; k < end; k++) {
          const id = ids[k];
          while (span < inTitle.length && inTitle[span].to < id) span++;
          const titled = span < inTitle.length && inTitle[span].from <= id;
          const tf = tfs[k];
          if (score[id] === 0) this.touch(id);
          const bm25 = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[k]) / this.avgLength));
          score[id] += bm25 * boost * (titled ? titleOccurrence : 1);
          if (!titled) covered[id] += term.length;
        }
      }
    }
    for (const [textId, bonus] of titleScore) {
      const t = titledTexts.get(textId)!;
      for (let id = t.from; id <= t.to; id++) {
        if (!inRange(range, id)) continue;
        if (score[id] === 0) this.touch(id);
        score[id] += bonus;
      }
    }
    const wanted = terms.reduce((n, t) => n + t.length, 0) || 1;
    const titled = [...titledTexts.values()].sort((x, y) => x.from - y.from);
    const before = (x: Scored, y: Scored) => y.score - x.score || x.id - y.id;
    // Only the best `limit` are kept in order: sorting every passage a common word touches costs more than the search.
    const best: Scored[] = [];
    const touched = this.touched.subarray(0, this.touchedCount);
    for (const id of touched) {
      const text = titled.length ? spanAt(titled, id)?.id : undefined;
      const open = wanted - (text === undefined ? 0 : (titleWords.get(text) ?? 0));
      const s = score[id] * (0.25 + (open > 0 ? covered[id] / open : 1));
      if (limit > DEEP_PAGE) {
        best.push({ id, score: s });
        continue;
      }
      if (best.length === limit) {
        const last = best[best.length - 1];
        if (last.score > s || (last.score === s && last.id < id)) continue;
      }
      const hit = { id, score: s };
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

  private touch(id: number): void {
    if (this.touchedCount === this.touched.length) {
      const grown = new Int32Array(this.touched.length * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.touchedCount++] = id;
  }
}
