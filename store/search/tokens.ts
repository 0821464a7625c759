// Index terms: the index is segmented with nodejieba at ingest, with a dictionary grown from the
// corpus. Questions are cut without jieba, against the index's vocabulary (search/terms.ts).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../../corpus/paths.js';
import { docNumberSerials, withoutDocSerials } from '../../domain/doc-number.js';
import { normalize, TERM_RUNS } from '../../search/terms.js';

interface Jieba {
  cutForSearch(text: string, hmm?: boolean): string[];
  cut(text: string, hmm?: boolean): string[];
  insertWord(word: string): boolean;
}

let jieba: Jieba | null = null;
function loadJieba(): Jieba {
  if (!jieba) {
    const j = createRequire(import.meta.url)('nodejieba') as Jieba & {
      load(opts: Record<string, string>): void;
      DEFAULT_DICT: string;
      DEFAULT_HMM_DICT: string;
      DEFAULT_USER_DICT: string;
    };
    // Segmentation only: the keyword-extraction tables are replaced by one-line stand-ins (see jieba/README.md).
    const unused = join(projectRoot(), 'store', 'search', 'jieba');
    j.load({
      dict: j.DEFAULT_DICT,
      hmmDict: j.DEFAULT_HMM_DICT,
      userDict: j.DEFAULT_USER_DICT,
      idfDict: join(unused, 'idf.utf8'),
      stopWordDict: join(unused, 'stop_words.utf8'),
    });
    jieba = j;
  }
  return jieba;
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
    const t = normalize(text);
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
  const t = normalize(text);
  // The number part of a 文号 (〔2019〕43号) is one term, whatever the prefix and spelling.
  const terms = docNumberSerials(t);
  for (const m of withoutDocSerials(t).matchAll(TERM_RUNS)) {
    // A loop, not push(...spread): a long run gives more words than the call stack holds arguments.
    if (m[3]) for (const w of j.cutForSearch(m[3])) terms.push(w);
    else terms.push(m[1] ?? m[2]);
  }
  return terms;
}
