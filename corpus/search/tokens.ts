// Search terms. The index is segmented with nodejieba at ingest, with a dictionary grown from the
// corpus; a question is segmented at run time against the index's own vocabulary, so serving never
// loads jieba's dictionary (about a second of start-up).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { foldWidth } from '../text.js';

// 〔2019〕43号 in any bracket style: the number part of a 文号 is one term.
const DOC_NO = /[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*(\d{1,4})\s*号/g;
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
    const unused = join(projectRoot(), 'corpus', 'search', 'jieba');
    j.load({ dict: j.DEFAULT_DICT, hmmDict: j.DEFAULT_HMM_DICT, userDict: j.DEFAULT_USER_DICT, idfDict: join(unused, 'idf.utf8'), stopWordDict: join(unused, 'stop_words.utf8') });
    jieba = j;
  }
  return jieba;
}

function prepare(text: string): string {
  return foldWidth(text).toLowerCase();
}

function docNumberTerms(text: string): string[] {
  return [...text.matchAll(DOC_NO)].map((m) => `〔${m[1]}〕${Number(m[2])}号`);
}

/**
 * Grows jieba's dictionary from the corpus: unit names, and character pairs that jieba leaves as
 * single characters but the corpus uses again and again (扬尘, 禁烧).
 */
export function learnVocabulary(texts: string[]): void {
  const j = loadJieba();
  const units = new Set<string>();
  const pairs = new Map<string, number>();
  for (const text of texts) {
    for (const m of prepare(text).matchAll(/[\u4e00-\u9fff]{2,14}?(?:局|委员会|办公室|管委会|中心|公司|人民政府)/g)) units.add(m[0].replace(/^(?:和|、|市)/, ''));
    for (const run of prepare(text).match(/[\u3400-\u9fff]+/g) ?? []) {
      const words = j.cut(run);
      for (let i = 0; i + 1 < words.length; i++) {
        if (words[i].length === 1 && words[i + 1].length === 1) {
          const pair = words[i] + words[i + 1];
          pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
        }
      }
    }
  }
  // People are named as "X同志" at the start of a clause (任免 notices): X is a word.
  for (const text of texts) {
    for (const m of prepare(text).matchAll(/(?<=^|[，。；：、\s]|免去)([\u4e00-\u9fff]{2,3})同志/g)) units.add(m[1]);
  }
  for (const u of units) if (u.length >= 2) j.insertWord(u);
  for (const [pair, n] of pairs) if (n >= 3) j.insertWord(pair);
}

/** Index terms of a passage (ingest time, jieba). */
export function indexTerms(text: string): string[] {
  const j = loadJieba();
  const t = prepare(text);
  const terms = docNumberTerms(t);
  for (const m of t.replace(DOC_NO, ' ').matchAll(RUNS)) {
    if (m[3]) terms.push(...j.cutForSearch(m[3]));
    else terms.push(m[1] ?? m[2]);
  }
  return terms;
}

/**
 * Terms of a question (run time, no jieba): every stretch of Chinese that is a word of the index,
 * longest first, and the single characters no word covers; numbers, Latin words and 文号 as they are.
 */
export function queryTerms(question: string, vocabulary: ReadonlySet<string>): string[] {
  const t = prepare(question);
  const terms = docNumberTerms(t);
  for (const m of t.replace(DOC_NO, ' ').matchAll(RUNS)) {
    if (!m[3]) {
      terms.push(m[1] ?? m[2]);
      continue;
    }
    const run = m[3];
    const covered = new Array<boolean>(run.length).fill(false);
    for (let len = Math.min(run.length, 12); len >= 2; len--) {
      for (let i = 0; i + len <= run.length; i++) {
        const word = run.slice(i, i + len);
        if (!vocabulary.has(word)) continue;
        terms.push(word);
        covered.fill(true, i, i + len);
      }
    }
    run.split('').forEach((ch, i) => {
      if (!covered[i] && vocabulary.has(ch)) terms.push(ch);
    });
  }
  return [...new Set(terms)];
}
