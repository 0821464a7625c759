// The storage port: what the search layer reads from a store, and nothing else. Rows, postings
// and vocabulary, in the shapes the index is written in (store/search/postings.ts); BM25, the
// rerank, task ranking and quotations are written once over it (GazetteSearch). SQLite implements
// it (store/sqlite-search-store.ts); so does an in-memory copy (search/memory-store.ts).
import type { Alias } from '../domain/aliases.js';
import type { GazetteText } from '../domain/reader.js';

/** One segment of a term's passage postings: parallel columns, passage ids ascending. */
export interface PassagePostings {
  ids: Int32Array;
  /** Weighted term frequency (INDEX_TIME.textWeight, contextWeight). */
  tfs: Float32Array;
  /** The passage's length, in the same weights. */
  lengths: Float32Array;
}

/** A text and the range of its passage ids. */
export interface TextSpan {
  id: number;
  from: number;
  to: number;
}

/** A passage with what its citation needs. */
export interface PassageRow {
  id: number;
  textId: number;
  noticeId: number;
  role: GazetteText['role'];
  textTitle: string;
  locator: string;
  text: string;
  /** The headings above it. */
  context: string;
  page: number | null;
}

/** A task's own words, for ranking it against a question. */
export interface TaskWords {
  id: number;
  noticeId: number;
  locator: string;
  /** Its heading. */
  task: string;
  /** The sentence(s) or table row it stands for. */
  context: string;
}

export interface SearchStore {
  /** Corpus totals: passages, their summed length, texts, and the highest passage id. */
  totals(): { passages: number; passageLength: number; texts: number; maxPassageId: number };
  /** How many passages hold a term (0 when the index has no such term). */
  passageDf(term: string): number;
  /** passageDf of each term, read together (a question asks for every run of its characters). */
  passageDfs(terms: string[]): number[];
  /** Reads ahead what a first question would wait for (a small store's whole vocabulary); optional. */
  warm?(): void;
  /** A term's passage postings, segment by segment, in passage order. */
  passagePostings(term: string): PassagePostings[];
  /** How many tasks hold a term. */
  taskDf(term: string): number;
  /** The ids of the tasks holding a term, segment by segment, in printed order. */
  taskIds(term: string): Int32Array[];
  /**
   * The texts with passages whose title's subject (topicOf) holds this word, found by its first
   * INDEX_TIME.titleGram characters (titleGramOf) and checked in full; null when more than `most`
   * texts' titles hold those characters.
   */
  textsTitled(word: string, most: number): TextSpan[] | null;
  /** The texts whose passage range meets from..to, by their first passage. */
  textsSpanning(from: number, to: number): TextSpan[];
  /** The passage ids of a notice (null when it has none or no such 文号). */
  noticePassages(docNumber: string): { from: number; to: number } | null;
  /** The texts of a notice. */
  noticeTexts(docNumber: string): number[];
  /** The passages of these ids, in the order given. */
  passages(ids: number[]): PassageRow[];
  /** Just the words of these passages, in the order given: what the rerank reads of a hundred candidates. */
  passageTexts(ids: number[]): Pick<PassageRow, 'id' | 'text' | 'context'>[];
  text(id: number): Pick<GazetteText, 'noticeId' | 'role' | 'title'>;
  /** A text's paragraphs in printed order. */
  paragraphs(textId: number): { locator: string; text: string; page: number | null }[];
  /** The words of these tasks, in printed order. */
  taskWords(ids: number[]): TaskWords[];
  /** The tasks at a place of a notice, in printed order. */
  tasksAt(noticeId: number, locator: string): number[];
  /** The names texts introduce (以下简称), the most used first. */
  aliases(limit: number): Alias[];
}
