// Terms as the index and a question are cut into. A question is segmented at run time against
// the index's own vocabulary, so serving never loads jieba's dictionary (about a second of
// start-up); the index itself is cut with jieba at ingest (store/search/tokens.ts).
import { docNumberSerials, withoutDocSerials } from '../domain/doc-number.js';
import { foldCharacters } from '../domain/text.js';
import { DEFAULT_SEARCH_OPTIONS } from './options.js';

/** Numbers, Latin words and runs of Chinese: what a text is cut into before its Chinese is segmented. */
export const TERM_RUNS = /(\d+(?:\.\d+)?)|([a-z][a-z0-9]*)|([\u3400-\u9fff]+)/g;

/** A text as every term is cut from it: folded, lower case. */
export function normalize(text: string): string {
  return foldCharacters(text).toLowerCase();
}

/** The words the index holds: asked one at a time, so no vocabulary need sit in memory. */
export interface Vocabulary {
  has(word: string): boolean;
  /** Told the words about to be asked, so a store can read them in one go rather than one by one. */
  prefetch?(words: string[]): void;
}

/**
 * Terms of a question (run time, no jieba), the way jieba's search mode cuts: the fewest words of
 * the index's vocabulary that spell each stretch of Chinese (a single character where no word
 * fits), then the shorter words inside each long one. Words straddling two others (地面 in
 * 湿地面积) are not asked for. Numbers, Latin words and 文号 are kept as they are.
 */
export function queryTerms(question: string, vocabulary: Vocabulary, maxTerms = DEFAULT_SEARCH_OPTIONS.question.maxTerms): string[] {
  const t = normalize(question);
  const terms = docNumberSerials(t);
  for (const m of withoutDocSerials(t).matchAll(TERM_RUNS)) {
    if (!m[3]) {
      terms.push(m[1] ?? m[2]);
      continue;
    }
    for (const word of segment(m[3], vocabulary)) {
      if (word.length === 1 && !vocabulary.has(word)) continue;
      terms.push(word);
      for (let len = word.length - 1; len >= 2; len--) {
        for (let i = 0; i + len <= word.length; i++) {
          const inner = word.slice(i, i + len);
          if (vocabulary.has(inner)) terms.push(inner);
        }
      }
    }
  }
  return capTerms([...new Set(terms)], maxTerms);
}

/**
 * The words a run of text is spelled with, fewest first, as segment() finds them: no inner words.
 * What a quotation is found by, since the text it comes from was cut into these words too.
 */
export function spelledWords(text: string, vocabulary: Vocabulary): string[] {
  const t = normalize(text);
  const out = docNumberSerials(t);
  for (const m of withoutDocSerials(t).matchAll(TERM_RUNS)) {
    if (m[3]) for (const w of segment(m[3], vocabulary)) out.push(w);
    else out.push(m[1] ?? m[2]);
  }
  return out;
}

/** Past maxTerms, the longest (the most specific) are kept, so a long question costs no more than a short one. */
function capTerms(terms: string[], maxTerms: number): string[] {
  if (terms.length <= maxTerms) return terms;
  const kept = new Set([...terms].sort((a, b) => b.length - a.length).slice(0, maxTerms));
  return terms.filter((t) => kept.has(t));
}

/** Fewest-words segmentation of a run of Chinese over the vocabulary (words of up to 12 characters). */
function segment(run: string, vocabulary: Vocabulary): string[] {
  const n = run.length;
  const asked: string[] = [];
  for (let end = 1; end <= n; end++) for (let len = Math.min(12, end); len >= 1; len--) asked.push(run.slice(end - len, end));
  vocabulary.prefetch?.(asked);
  const cost = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(n + 1).fill(0);
  cost[0] = 0;
  for (let end = 1; end <= n; end++) {
    for (let len = Math.min(12, end); len >= 1; len--) {
      const word = run.slice(end - len, end);
      // A character outside any word costs more than a word, so words win where they fit.
      const step = len === 1 ? 1.5 : vocabulary.has(word) ? 1 : Number.POSITIVE_INFINITY;
      if (cost[end - len] + step < cost[end]) {
        cost[end] = cost[end - len] + step;
        from[end] = end - len;
      }
    }
  }
  const words: string[] = [];
  for (let end = n; end > 0; end = from[end]) words.unshift(run.slice(from[end], end));
  return words;
}
