// Where a quotation stands in the cleaned corpus, whitespace and character width aside. The texts
// that may hold it are found through the search index — those holding its rarest words — and only
// they are read and checked character by character, so nothing of the corpus is kept in memory.
import type Database from 'better-sqlite3';
import { MAX_QUOTE_PLACES, type GazetteText } from '../domain/reader.js';
import { matchKey } from '../domain/text.js';
import type { SearchIndex } from './search/index.js';

export interface QuoteHit {
  text: Pick<GazetteText, 'noticeId' | 'role' | 'title'>;
  locator: string;
  page: number | null;
  /** The quotation as the corpus prints it. */
  quote: string;
}

/**
 * How many of a quotation's rarest words find the texts to check: a text holds the quotation only
 * if it holds its words, and three of them make a miss through an odd segmentation unlikely.
 */
const RAREST_WORDS = 3;
/** Characters at each end of a quotation not used to find it: they may be parts of words cut elsewhere. */
const EDGE = 2;
/** The most passages holding a phrase's rarest word that contains() checks one by one. */
const CONTAINS_CHECKED = 300;
/** Passages a search for a quotation offers when its rarest words find nothing. */
const SEARCH_FALLBACK = 20;
/** The most texts one quotation reads; a phrase common enough to pass it is answered as far as read. */
export const MAX_QUOTE_TEXTS = 200;

/** Where the `k`-th non-whitespace character of a text sits in it. */
function offsetOfKey(original: string, k: number): number {
  let seen = 0;
  for (let i = 0; i < original.length; i++) {
    if (/\s/.test(original[i])) continue;
    if (seen++ === k) return i;
  }
  return original.length;
}

export class QuoteIndex {
  private readonly textRow: Database.Statement;
  private readonly paragraphs: Database.Statement;
  private readonly noticeTexts: Database.Statement;
  private readonly noticePassages: Database.Statement;
  private readonly textOfPassage: Database.Statement;
  private readonly passage: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly index: SearchIndex,
  ) {
    this.textRow = db.prepare('SELECT notice_id AS noticeId, role, title FROM texts WHERE id = ?');
    this.paragraphs = db.prepare('SELECT locator, text, page_from AS page FROM paragraphs WHERE text_id = ? ORDER BY ord');
    this.noticeTexts = db.prepare('SELECT id FROM texts WHERE notice_id = (SELECT id FROM notices WHERE doc_number = ?)').pluck();
    this.noticePassages = db.prepare('SELECT MIN(t.passage_from) AS "from", MAX(t.passage_to) AS "to" FROM texts t JOIN notices n ON n.id = t.notice_id WHERE n.doc_number = ?');
    this.textOfPassage = db.prepare('SELECT text_id FROM passages WHERE id = ?').pluck();
    this.passage = db.prepare('SELECT text_id AS textId, locator, text FROM passages WHERE id = ?');
  }

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
    const near = this.index.query(quote, docNumber, SEARCH_FALLBACK).hits.map((h) => this.textOfPassage.get(h.id) as number);
    return this.findIn([...new Set(near)].sort((a, b) => a - b), wanted).slice(0, max);
  }

  /** The passages holding the rarest word, narrowed by each next rarest one while some passages hold them all. */
  private candidatePassages(words: string[], docNumber: string | null): number[] {
    if (!words.length) return [];
    const range = docNumber ? (this.noticePassages.get(docNumber) as { from: number | null; to: number | null }) : null;
    const inScope = (id: number) => !range || (range.from !== null && id >= range.from && id <= range.to!);
    let ids = this.index.passagesWith(words[0]).filter(inScope);
    for (const w of words.slice(1)) {
      const holding = new Set(this.index.passagesWith(w));
      const narrowed = ids.filter((id) => holding.has(id));
      if (narrowed.length) ids = narrowed;
    }
    return ids;
  }

  /** The places a quotation stands in the given passages: each refined to its paragraph. */
  private inPassages(ids: number[], wanted: string, max: number): QuoteHit[] {
    const out: QuoteHit[] = [];
    const texts = new Set<number>();
    for (const id of ids) {
      if (out.length >= max) break;
      const p = this.passage.get(id) as { textId: number; locator: string; text: string };
      if (!matchKey(p.text).includes(wanted) || texts.has(p.textId)) continue;
      // The paragraph: the text is read once, for its places.
      texts.add(p.textId);
      out.push(...this.findIn([p.textId], wanted));
    }
    return out.slice(0, max);
  }

  private findIn(textIds: number[], wanted: string): QuoteHit[] {
    const out: QuoteHit[] = [];
    for (const textId of textIds) {
      const t = this.textRow.get(textId) as { noticeId: number; role: GazetteText['role']; title: string };
      let original = '';
      const starts: { start: number; locator: string; page: number | null }[] = [];
      for (const r of this.paragraphs.all(textId) as { locator: string; text: string; page: number | null }[]) {
        if (original) original += '\n';
        starts.push({ start: original.length, locator: r.locator, page: r.page });
        original += r.text;
      }
      const key = matchKey(original);
      for (let at = key.indexOf(wanted); at >= 0; at = key.indexOf(wanted, at + 1)) {
        const from = offsetOfKey(original, at);
        const to = offsetOfKey(original, at + wanted.length - 1) + 1;
        const para = [...starts].reverse().find((p) => p.start <= from) ?? starts[0];
        out.push({ text: { noticeId: t.noticeId, role: t.role, title: t.title }, locator: para.locator, page: para.page, quote: original.slice(from, to) });
      }
    }
    return out;
  }

  /**
   * Whether the corpus spells this phrase anywhere (within one passage: a phrase is short). A
   * phrase whose every word is in more than CONTAINS_CHECKED passages is not checked: it is taken
   * to be there, since its words are everywhere.
   */
  contains(phrase: string): boolean {
    const words = this.rarestWords(phrase);
    if (words.length && this.index.df(words[0]) > CONTAINS_CHECKED) return true;
    return this.find(phrase, null, 1, false).length > 0;
  }

  /** The rarest words a quotation is spelled with (inner words of its words after them), at most RAREST_WORDS of each. */
  private rarestWords(quote: string): string[] {
    // A quotation may start or end inside a word (…配合单位：市交通): its inner words are the ones the text was cut into.
    const key = matchKey(quote);
    const inner = key.length >= 2 * EDGE + 4 ? key.slice(EDGE, -EDGE) : key;
    const rarest = (words: string[]) =>
      [...new Set(words)]
        .map((w) => ({ w, df: this.index.df(w) }))
        .filter((x) => x.df > 0)
        // Words of two characters or more say more than single ones; the rarest find the fewest places.
        .sort((a, b) => Number(b.w.length > 1) - Number(a.w.length > 1) || a.df - b.df)
        .slice(0, RAREST_WORDS)
        .map((x) => x.w);
    const spelled = this.index.words(inner);
    return [...rarest(spelled), ...rarest(this.index.terms(inner).filter((t) => !spelled.includes(t)))];
  }

  /** The texts that may hold a quotation, in printed order: those whose passages hold one of its rarest words. */
  private candidateTexts(words: string[], docNumber: string | null): number[] {
    const only = docNumber ? new Set(this.noticeTexts.all(docNumber) as number[]) : null;
    const texts = new Set<number>();
    // Single characters are in most texts: they find nothing worth reading whole.
    for (const w of words.filter((x) => x.length > 1)) {
      for (const id of this.index.textsWith(w)) {
        if (only && !only.has(id)) continue;
        texts.add(id);
        if (texts.size >= MAX_QUOTE_TEXTS) break;
      }
    }
    return [...texts].sort((a, b) => a - b);
  }
}
