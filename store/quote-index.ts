// Where a quotation stands in the cleaned corpus, whitespace and character width aside. The texts
// that may hold it are found through the search index — those holding its rarest words — and only
// they are read and checked character by character, so nothing of the corpus is kept in memory.
import type Database from 'better-sqlite3';
import type { GazetteText } from '../domain/reader.js';
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
/** Passages a search for a quotation offers when its rarest words find nothing. */
const SEARCH_FALLBACK = 20;
/** The most texts one quotation reads; a phrase common enough to pass it is answered as far as read. */
export const MAX_QUOTE_TEXTS = 2_000;

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
  private readonly noticeRange: Database.Statement;
  private readonly textOfPassage: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly index: SearchIndex,
  ) {
    this.textRow = db.prepare('SELECT notice_id AS noticeId, role, title FROM texts WHERE id = ?');
    this.paragraphs = db.prepare('SELECT locator, text, page_from AS page FROM paragraphs WHERE text_id = ? ORDER BY ord');
    this.noticeRange = db.prepare('SELECT id FROM texts WHERE notice_id = (SELECT id FROM notices WHERE doc_number = ?)').pluck();
    this.textOfPassage = db.prepare('SELECT text_id FROM passages WHERE id = ?').pluck();
  }

  /**
   * Every place the quote occurs (in one notice when docNumber is given), up to MAX_QUOTE_TEXTS
   * texts read. When the texts holding its rarest words do not hold it, the texts of the passages
   * a search for it ranks first are checked too: a quotation cut oddly at both ends is still found.
   */
  find(quote: string, docNumber: string | null): QuoteHit[] {
    const wanted = matchKey(quote);
    if (!wanted) return [];
    const found = this.findIn(this.candidates(quote, docNumber), wanted);
    if (found.length) return found;
    const near = this.index.query(quote, docNumber, SEARCH_FALLBACK).hits.map((h) => this.textOfPassage.get(h.id) as number);
    return this.findIn([...new Set(near)].sort((a, b) => a - b), wanted);
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

  /** Whether the corpus spells this phrase anywhere. */
  contains(phrase: string): boolean {
    return this.find(phrase, null).length > 0;
  }

  /** The texts that may hold a quotation, in printed order: those whose passages hold one of its rarest words. */
  private candidates(quote: string, docNumber: string | null): number[] {
    const only = docNumber ? new Set(this.noticeRange.all(docNumber) as number[]) : null;
    // A quotation may start or end inside a word (…配合单位：市交通): its inner words are the ones the text was cut into.
    const key = matchKey(quote);
    const inner = key.length >= 2 * EDGE + 4 ? key.slice(EDGE, -EDGE) : key;
    // The rarest of the words it is spelled with, and the rarest of the words inside those (a text
    // may have been cut 住房和城乡建设局 where the quotation starts at 房和…): texts holding any of them.
    const rarest = (words: string[]) =>
      [...new Set(words)]
        .map((w) => ({ w, df: this.index.df(w) }))
        .filter((x) => x.df > 0)
        // Words of two characters or more say more than single ones; the rarest find the fewest texts.
        .sort((a, b) => Number(b.w.length > 1) - Number(a.w.length > 1) || a.df - b.df)
        .slice(0, RAREST_WORDS);
    const spelled = this.index.words(inner);
    const within = this.index.terms(inner).filter((t) => !spelled.includes(t));
    const finders = [...rarest(spelled), ...rarest(within)];
    const texts = new Set<number>();
    for (const { w } of finders) {
      for (const id of this.index.textsWith(w)) {
        if (only && !only.has(id)) continue;
        texts.add(id);
        if (texts.size >= MAX_QUOTE_TEXTS) break;
      }
    }
    return [...texts].sort((a, b) => a - b);
  }
}
