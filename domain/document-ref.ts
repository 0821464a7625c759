// Document references as people write them: a 文号 in any spelling, words of a title (《…》 or
// not), or both (卫政规发〔2019〕1号 经费). One resolver for every tool, the CLI and the resource.
import { findDocNumbers } from './doc-number.js';
import type { Notice, TextTitle } from './reader.js';
import { similarity } from './similarity.js';
import { foldCharacters, matchKey } from './text.js';

export interface DocumentRef {
  docNumber: string | null;
  /** Title words, quotation and book-title marks removed, in match form. */
  words: string[];
}

export function parseDocumentRef(ref: string): DocumentRef {
  const [mention] = findDocNumbers(ref);
  const rest = mention ? `${foldCharacters(ref).slice(0, mention.index)} ${foldCharacters(ref).slice(mention.index + mention.length)}` : ref;
  const words = foldCharacters(rest)
    .replace(/[《》<>“”"'‘’「」]/g, ' ')
    .split(/\s+/)
    .map(matchKey)
    .filter(Boolean);
  return { docNumber: mention?.docNumber ?? null, words };
}

/** What the resolver needs of a corpus: its notices, and the titles of each notice's texts. */
export interface DocumentCatalog {
  notice(docNumber: string): Notice | null;
  notices(): Notice[];
  titles(notice: Notice): TextTitle[];
}

export type RefResolution =
  /** `texts`: the texts the reference's title words name; all the notice's texts when they name the notice. */
  { kind: 'found'; notice: Notice; texts: TextTitle[] } | { kind: 'ambiguous'; candidates: Notice[] } | { kind: 'none'; suggestions: Notice[] };

/** The texts a notice's reference picks: those titled with every word, else all the texts it issues (its own words and attachments when it issues none). */
function textsNamed(texts: TextTitle[], words: string[]): TextTitle[] {
  const issued = texts.filter((t) => t.role === 'part');
  const titled = texts.filter((t) => t.role !== 'notice' && words.length > 0 && words.every((w) => matchKey(t.title).includes(w)));
  if (titled.length) return titled;
  return issued.length ? issued : texts;
}

export function resolveDocumentRef(ref: string, catalog: DocumentCatalog): RefResolution {
  const { docNumber, words } = parseDocumentRef(ref);
  if (docNumber) {
    const notice = catalog.notice(docNumber);
    if (!notice)
      return {
        kind: 'none',
        suggestions: catalog
          .notices()
          .filter((n) => similarity(n.docNumber, docNumber) >= 0.6)
          .slice(0, 5),
      };
    const texts = catalog.titles(notice);
    const named = textsNamed(texts, words);
    // Title words that name none of its texts do not name this notice either.
    if (words.length && !named.some((t) => words.every((w) => matchKey(t.title).includes(w))) && !words.every((w) => matchKey(notice.title).includes(w))) {
      return { kind: 'none', suggestions: [notice] };
    }
    return { kind: 'found', notice, texts: named };
  }
  if (!words.length) return { kind: 'none', suggestions: [] };
  const wanted = words.join('');
  const scored = catalog.notices().map((notice) => {
    const texts = catalog.titles(notice);
    const titles = [notice.title, ...texts.filter((t) => t.role !== 'notice').map((t) => t.title)].map(matchKey);
    const full = titles.filter((t) => words.every((w) => t.includes(w)));
    // Among full matches the shortest title is the most specific one; 11 means a title exactly.
    const score = full.length ? 10 + wanted.length / Math.min(...full.map((t) => t.length)) : Math.max(...titles.map((t) => similarity(t, wanted)));
    return { notice, texts, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const full = scored.filter((s) => s.score >= 10);
  const exact = full.filter((s) => s.score === 11);
  const one = exact.length === 1 ? exact[0] : full.length === 1 ? full[0] : null;
  if (one) return { kind: 'found', notice: one.notice, texts: textsNamed(one.texts, words) };
  if (full.length > 1) return { kind: 'ambiguous', candidates: full.map((s) => s.notice) };
  return {
    kind: 'none',
    suggestions: scored
      .filter((s) => s.score >= 0.2)
      .slice(0, 5)
      .map((s) => s.notice),
  };
}

/**
 * What a person may mean by what they have typed so far, as references the resolver takes whole:
 * a 文号 where it names one text, else each text's title. Typed words narrow the list (any
 * spelling of a 文号, or words of a title); nothing typed lists everything, up to `max`.
 */
export function suggestDocuments(typed: string, catalog: DocumentCatalog, max: number): string[] {
  const { docNumber, words } = parseDocumentRef(typed);
  const partial = matchKey(typed);
  const out: string[] = [];
  for (const notice of catalog.notices()) {
    const issued = catalog.titles(notice).filter((t) => t.role === 'part');
    const refs = issued.length > 1 ? issued.map((t) => t.title) : [notice.docNumber, ...issued.map((t) => t.title)];
    for (const ref of refs) {
      const key = matchKey(`${notice.docNumber} ${ref} ${notice.title}`);
      const wanted = docNumber
        ? notice.docNumber === docNumber && words.every((w) => key.includes(w))
        : !partial || key.includes(partial) || (words.length > 0 && words.every((w) => key.includes(w)));
      if (wanted && !out.includes(ref)) out.push(ref);
    }
  }
  return out.slice(0, max);
}
