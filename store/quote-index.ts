// Where a quotation stands in the cleaned corpus, whitespace and character width aside: each text
// kept in match form beside its original, so a hit maps back to the words as printed.
import type Database from 'better-sqlite3';
import type { GazetteText } from '../domain/reader.js';
import { matchKey } from '../domain/text.js';

interface QuoteText {
  text: Pick<GazetteText, 'noticeId' | 'role' | 'title'>;
  /** The cleaned text, paragraphs joined by newlines. */
  original: string;
  /** The same in match form (one character for one, so positions map by counting). */
  key: string;
  paragraphs: { start: number; locator: string; page: number | null }[];
}

export interface QuoteHit {
  text: QuoteText['text'];
  locator: string;
  page: number | null;
  /** The quotation as the corpus prints it. */
  quote: string;
}

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
  private readonly texts: (QuoteText & { docNumber: string })[];

  constructor(db: Database.Database) {
    const paragraphs = db.prepare('SELECT locator, text, page_from AS page FROM paragraphs WHERE text_id = ? ORDER BY ord');
    const texts = db
      .prepare('SELECT t.id, t.notice_id AS noticeId, t.role, t.title, n.doc_number AS docNumber FROM texts t JOIN notices n ON n.id = t.notice_id ORDER BY n.ord, t.ord')
      .all() as { id: number; noticeId: number; role: GazetteText['role']; title: string; docNumber: string }[];
    this.texts = texts.map(({ id, noticeId, role, title, docNumber }) => {
      let original = '';
      const starts: QuoteText['paragraphs'] = [];
      for (const r of paragraphs.all(id) as { locator: string; text: string; page: number | null }[]) {
        if (original) original += '\n';
        starts.push({ start: original.length, locator: r.locator, page: r.page });
        original += r.text;
      }
      return { text: { noticeId, role, title }, docNumber, original, key: matchKey(original), paragraphs: starts };
    });
  }

  /** Every place the quote occurs (in one notice when docNumber is given). */
  find(quote: string, docNumber: string | null): QuoteHit[] {
    const wanted = matchKey(quote);
    if (!wanted) return [];
    const out: QuoteHit[] = [];
    for (const q of this.texts) {
      if (docNumber && q.docNumber !== docNumber) continue;
      for (let at = q.key.indexOf(wanted); at >= 0; at = q.key.indexOf(wanted, at + 1)) {
        const from = offsetOfKey(q.original, at);
        const to = offsetOfKey(q.original, at + wanted.length - 1) + 1;
        const para = [...q.paragraphs].reverse().find((p) => p.start <= from) ?? q.paragraphs[0];
        out.push({ text: q.text, locator: para.locator, page: para.page, quote: q.original.slice(from, to) });
      }
    }
    return out;
  }

  /** Whether the corpus spells this phrase anywhere. */
  contains(phrase: string): boolean {
    const key = matchKey(phrase);
    return this.texts.some((q) => q.key.includes(key));
  }
}
