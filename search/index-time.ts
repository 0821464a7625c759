// What the search index is written with at ingest (store/search/postings.ts), and read back with
// at question time. Unlike SearchOptions these are fixed when a store is built: a store keeps the
// weighted frequencies and title runs they gave, so changing one means bumping STORE_VERSION
// (store/writer.ts), which rebuilds every store.
import { foldCharacters, titleSubject } from '../domain/text.js';

export const INDEX_TIME = {
  /** A passage's own words count fully… */
  textWeight: 2,
  /** …the words of the headings above it (its context) a little. */
  contextWeight: 0.5,
  /** A task's own heading counts most… */
  taskHeadWeight: 3,
  /** …the sentence it stands for less. */
  taskContextWeight: 1,
  /** The longest title run indexed as it is; a longer word is found by its first titleGram characters and checked. */
  titleGram: 4,
} as const;

/** The subject a text's title names: 办法（试行） is about 办法, not 试行. */
export function topicOf(title: string): string {
  return foldCharacters(titleSubject(title)).toLowerCase();
}

/** Every run of a title's characters up to titleGram long, each once. */
export function titleGrams(topic: string): Set<string> {
  const out = new Set<string>();
  const chars = [...topic];
  for (let i = 0; i < chars.length; i++)
    for (let len = 1; len <= INDEX_TIME.titleGram && i + len <= chars.length; len++) out.add(chars.slice(i, i + len).join(''));
  return out;
}

/** The first titleGram characters of a word: what its titles are found by. */
export function titleGramOf(word: string): string {
  return [...word].slice(0, INDEX_TIME.titleGram).join('');
}
