// Search terms. The index is segmented with nodejieba at ingest, with a dictionary grown from the
// corpus; a question is segmented at run time against the index's own vocabulary, so serving never
// loads jieba's dictionary (about a second of start-up).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../../corpus/paths.js';
import { docNumberSerials, withoutDocSerials } from '../../domain/doc-number.js';
import { foldCharacters } from '../../domain/text.js';

const RUNS = /(\d+(?:\.\d+)?)|([a-z][a-z0-9]*)|([\u3400-\u9fff]+)/g;

interface Jieba {
  cutForSearch(text: string, hmm?: boolean): string[];
  cut(text: string, hmm?: boolean): string[];
  insertWord(word: string): boolean;
}

let jieba: Jieba | null = null;
function loadJieba(): Jieba {
  if (!jieba) {
    const j = createRequire(import.meta.url)('nodejieba') as Jieba & { load(opts: Record<string, string>): void; DEFAULT_DICT: string; DEFAULT_HMM_DICT: string; DEFAULT_USER_DICT: string };
    // Segmentation only: the keyword-extraction tables are replaced by one-line stand-ins (see jieba/README.md).
    const unused = join(projectRoot(), 'store', 'search', 'jieba');
    j.load({ dict: j.DEFAULT_DICT, hmmDict: j.DEFAULT_HMM_DICT, userDict: j.DEFAULT_USER_DICT, idfDict: join(unused, 'idf.utf8'), stopWordDict: join(unused, 'stop_words.utf8') });
    jieba = j;
  }
  return jieba;
}

function prepare(text: string): string {
  return foldCharacters(text).toLowerCase();
}

/**
 * Grows jieba's dictionary from the corpus: unit names, and character pairs that jieba leaves as
 * single characters but the corpus uses again and again (扬尘, 禁烧).
 */
export function learnVocabulary(texts: Iterable<string>): string[] {
  const j = loadJieba();
  const words = new Set<string>();
  const pairs = new Map<string, number>();
  for (const text of texts) {
    const t = prepare(text);
    for (const m of t.matchAll(/[\u4e00-\u9fff]{2,14}?(?:局|委员会|办公室|管委会|中心|公司|人民政府)/g)) words.add(m[0].replace(/^(?:和|、|市)/, ''));
    // People are named as "X同志" at the start of a clause (任免 notices): X is a word.
    for (const m of t.matchAll(/(?<=^|[，。；：、\s]|免去)([\u4e00-\u9fff]{2,3})同志/g)) words.add(m[1]);
    for (const run of t.match(/[\u3400-\u9fff]+/g) ?? []) {
      const cut = j.cut(run);
      for (let i = 0; i + 1 < cut.length; i++) {
        if (cut[i].length === 1 && cut[i + 1].length === 1) {
          const pair = cut[i] + cut[i + 1];
          pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
        }
      }
    }
  }
  const learned = [...[...words].filter((w) => w.length >= 2), ...[...pairs].filter(([, n]) => n >= 3).map(([pair]) => pair)];
  for (const w of learned) j.insertWord(w);
  return learned;
}

/** Words learned from issues read before (kept in the store), so every issue is cut alike. */
export function teachVocabulary(words: Iterable<string>): void {
  const j = loadJieba();
  for (const w of words) j.insertWord(w);
}

/** Index terms of a passage (ingest time, jieba). */
export function indexTerms(text: string): string[] {
  const j = loadJieba();
  const t = prepare(text);
  // The number part of a 文号 (〔2019〕43号) is one term, whatever the prefix and spelling.
  const terms = docNumberSerials(t);
  for (const m of withoutDocSerials(t).matchAll(RUNS)) {
    // A loop, not push(...spread): a long run gives more words than the call stack holds arguments.
    if (m[3]) for (const w of j.cutForSearch(m[3])) terms.push(w);
    else terms.push(m[1] ?? m[2]);
  }
  return terms;
}

/** The words the index holds: asked one at a time, so no vocabulary need sit in memory. */
export interface Vocabulary {
  has(word: string): boolean;
}

/**
 * Terms of a question (run time, no jieba), the way jieba's search mode cuts: the fewest words of
 * the index's vocabulary that spell each stretch of Chinese (a single character where no word
 * fits), then the shorter words inside each long one. Words straddling two others (地面 in
 * 湿地面积) are not asked for. Numbers, Latin words and 文号 are kept as they are.
 */
export function queryTerms(question: string, vocabulary: Vocabulary): string[] {
  const t = prepare(question);
  const terms = docNumberSerials(t);
  for (const m of withoutDocSerials(t).matchAll(RUNS)) {
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
  return capTerms([...new Set(terms)]);
}

/**
 * The words a run of text is spelled with, fewest first, as segment() finds them: no inner words.
 * What a quotation is found by, since the text it comes from was cut into these words too.
 */
export function spelledWords(text: string, vocabulary: Vocabulary): string[] {
  const t = prepare(text);
  const out = docNumberSerials(t);
  for (const m of withoutDocSerials(t).matchAll(RUNS)) {
    if (m[3]) for (const w of segment(m[3], vocabulary)) out.push(w);
    else out.push(m[1] ?? m[2]);
  }
  return out;
}

/**
 * The most terms a question is searched with. A question is at most 500 characters, but every
 * term costs a postings read: past this many, the longest (the most specific) are kept, so a
 * long question costs no more than a short one.
 */
export const MAX_QUERY_TERMS = 32;

function capTerms(terms: string[]): string[] {
  if (terms.length <= MAX_QUERY_TERMS) return terms;
  const kept = new Set([...terms].sort((a, b) => b.length - a.length).slice(0, MAX_QUERY_TERMS));
  return terms.filter((t) => kept.has(t));
}

/** Fewest-words segmentation of a run of Chinese over the vocabulary (words of up to 12 characters). */
function segment(run: string, vocabulary: Vocabulary): string[] {
  const n = run.length;
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
