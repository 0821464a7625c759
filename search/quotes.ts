// Where a quotation stands in the cleaned corpus, whitespace and character width aside. The texts
// that may hold it are found through the search index — those holding its rarest words — and only
// they are read and checked character by character, so nothing of the corpus is kept in memory.
import { MAX_QUOTE_PLACES, type GazetteText } from '../domain/reader.js';
import { matchKey } from '../domain/text.js';
import { type Bm25, inRange } from './bm25.js';
import { BoundedCache } from './bounded-cache.js';
import type { SearchOptions } from './options.js';
import type { SearchStore } from './port.js';
import { queryTerms, spelledWords, type Vocabulary } from './terms.js';

export interface QuoteHit {
  text: Pick<GazetteText, 'noticeId' | 'role' | 'title'>;
  locator: string;
  page: number | null;
  /** The quotation as the corpus prints it. */
  quote: string;
}

/** Where the `k`-th non-whitespace character of a text sits in it (a scan up to it: places are mostly near a text's start). */
function offsetOfKey(original: string, k: number): number {
  let seen = 0;
  for (let i = 0; i < original.length; i++) {
    if (/\s/.test(original[i])) continue;
    if (seen++ === k) return i;
  }
  return original.length;
}

/** The paragraph holding character `at`: the last whose start is at or before it (starts ascending; the first when none is). */
function paragraphAt(starts: { start: number }[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Passages read at a time while looking for a quotation's places. */
const PASSAGE_BATCH = 50;

/** Characters of texts kept as read for quotations (about 4 bytes each with their match keys): the texts a user checks quotations in are read again and again. */
const TEXT_CHARS_KEPT = 2_000_000;

/** A text read for quotations: its paragraphs joined, their starts, and the match key of the whole. */
interface ReadText {
  text: QuoteHit['text'];
  original: string;
  key: string;
  starts: { start: number; locator: string; page: number | null }[];
}

export class QuoteFinder {
  private readonly texts = new BoundedCache<number, ReadText>(TEXT_CHARS_KEPT);

  constructor(
    private readonly store: SearchStore,
    private readonly vocabulary: Vocabulary,
    private readonly bm25: Bm25,
    private readonly options: SearchOptions,
  ) {}

  /**
   * Every place the quote occurs (in one notice when docNumber is given), up to `max`. The
   * passages holding its rarest word (and its next rarest, where both are found together) are
   * checked first, and only where one holds it is its text read for the paragraph. When none
   * does — a quotation across two passages, or cut oddly at both ends — the texts holding any of
   * its rarest words, then those a search for it ranks first, are read whole.
   */
  find(quote: string, docNumber: string | null, max = MAX_QUOTE_PLACES, fallback = true): QuoteHit[] {
    const wanted = matchKey(quote);
    if (!wanted) return [];
    const words = this.rarestWords(quote);
    const byPassage = this.inPassages(this.candidatePassages(words, docNumber), wanted, max);
    if (byPassage.length || !fallback) return byPassage;
    const found = this.findIn(this.candidateTexts(words, docNumber), wanted).slice(0, max);
    if (found.length) return found;
    const range = docNumber ? this.store.noticePassages(docNumber) : undefined;
    const near = this.bm25.query(queryTerms(quote, this.vocabulary, this.options.question.maxTerms), [], range, this.options.quotes.searchFallback).hits;
    const nearTexts = this.store.passages(near.map((h) => h.id)).map((p) => p.textId);
    return this.findIn(
      [...new Set(nearTexts)].sort((a, b) => a - b),
      wanted,
    ).slice(0, max);
  }

  /** The passages holding the rarest word, narrowed by each next rarest one while some passages hold them all. */
  private candidatePassages(words: string[], docNumber: string | null): number[] {
    if (!words.length) return [];
    const range = docNumber ? this.store.noticePassages(docNumber) : undefined;
    let ids = this.passagesWith(words[0]).filter((id) => inRange(range, id));
    for (const w of words.slice(1)) {
      const holding = new Set(this.passagesWith(w));
      const narrowed = ids.filter((id) => holding.has(id));
      if (narrowed.length) ids = narrowed;
    }
    return ids;
  }

  /** The places a quotation stands in the given passages: each refined to its paragraph. */
  private inPassages(ids: number[], wanted: string, max: number): QuoteHit[] {
    const out: QuoteHit[] = [];
    const texts = new Set<number>();
    for (let from = 0; from < ids.length && out.length < max; from += PASSAGE_BATCH) {
      for (const p of this.store.passages(ids.slice(from, from + PASSAGE_BATCH))) {
        if (out.length >= max) break;
        if (texts.has(p.textId) || !matchKey(p.text).includes(wanted)) continue;
        // The paragraph: the text is read once, for its places.
        texts.add(p.textId);
        out.push(...this.findIn([p.textId], wanted));
      }
    }
    return out.slice(0, max);
  }

  private findIn(textIds: number[], wanted: string): QuoteHit[] {
    const out: QuoteHit[] = [];
    for (const textId of textIds) {
      const { text, original, key, starts } = this.read(textId);
      for (let at = key.indexOf(wanted); at >= 0; at = key.indexOf(wanted, at + 1)) {
        const from = offsetOfKey(original, at);
        const to = offsetOfKey(original, at + wanted.length - 1) + 1;
        const para = starts[paragraphAt(starts, from)];
        out.push({ text, locator: para.locator, page: para.page, quote: original.slice(from, to) });
      }
    }
    return out;
  }

  /** A text as quotations are matched in it, kept while the characters kept stay under TEXT_CHARS_KEPT (a store's texts never change). */
  private read(textId: number): ReadText {
    let r = this.texts.get(textId);
    if (!r) {
      const t = this.store.text(textId);
      let original = '';
      const starts: ReadText['starts'] = [];
      for (const p of this.store.paragraphs(textId)) {
        if (original) original += '\n';
        starts.push({ start: original.length, locator: p.locator, page: p.page });
        original += p.text;
      }
      r = { text: { noticeId: t.noticeId, role: t.role, title: t.title }, original, key: matchKey(original), starts };
      this.texts.set(textId, r, original.length);
    }
    return r;
  }

  /**
   * Whether the corpus spells this phrase anywhere (within one passage: a phrase is short). A
   * phrase whose every word is in more than containsChecked passages is not checked: it is taken
   * to be there, since its words are everywhere.
   */
  contains(phrase: string): boolean {
    const words = this.rarestWords(phrase);
    if (words.length && this.store.passageDf(words[0]) > this.options.quotes.containsChecked) return true;
    return this.find(phrase, null, 1, false).length > 0;
  }

  /** The rarest words a quotation is spelled with (inner words of its words after them), at most rarestWords of each. */
  private rarestWords(quote: string): string[] {
    const { edge, rarestWords } = this.options.quotes;
    // A quotation may start or end inside a word (…配合单位：市交通): its inner words are the ones the text was cut into.
    const key = matchKey(quote);
    const inner = key.length >= 2 * edge + 4 ? key.slice(edge, -edge) : key;
    const rarest = (words: string[]) =>
      [...new Set(words)]
        .map((w) => ({ w, df: this.store.passageDf(w) }))
        .filter((x) => x.df > 0)
        // Words of two characters or more say more than single ones; the rarest find the fewest places.
        .sort((a, b) => Number(b.w.length > 1) - Number(a.w.length > 1) || a.df - b.df)
        .slice(0, rarestWords)
        .map((x) => x.w);
    const spelled = spelledWords(inner, this.vocabulary);
    return [...rarest(spelled), ...rarest(queryTerms(inner, this.vocabulary, this.options.question.maxTerms).filter((t) => !spelled.includes(t)))];
  }

  /** The texts that may hold a quotation, in printed order: those whose passages hold one of its rarest words. */
  private candidateTexts(words: string[], docNumber: string | null): number[] {
    const only = docNumber ? new Set(this.store.noticeTexts(docNumber)) : null;
    const texts = new Set<number>();
    // Single characters are in most texts: they find nothing worth reading whole.
    for (const w of words.filter((x) => x.length > 1)) {
      for (const id of this.textsWith(w)) {
        if (only && !only.has(id)) continue;
        texts.add(id);
        if (texts.size >= this.options.quotes.maxTexts) break;
      }
    }
    return [...texts].sort((a, b) => a - b);
  }

  /** The passages holding a term, in printed order. */
  private passagesWith(term: string): number[] {
    const out: number[] = [];
    for (const { ids } of this.store.passagePostings(term)) for (const id of ids) out.push(id);
    return out;
  }

  /** The texts whose passages hold a term, in printed order (each segment's passages mapped to texts by their ranges). */
  private *textsWith(term: string): Generator<number> {
    for (const { ids } of this.store.passagePostings(term)) {
      if (!ids.length) continue;
      let k = 0;
      for (const t of this.store.textsSpanning(ids[0], ids[ids.length - 1])) {
        while (k < ids.length && ids[k] < t.from) k++;
        if (k < ids.length && ids[k] <= t.to) yield t.id;
      }
    }
  }
}
