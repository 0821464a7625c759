// A question, read once: folded once, its subject, what kind of answer it wants, its index terms
// and where it asks in other words. Every step of a search reads these fields rather than the
// question again.
import type { FocusQuestion } from '../domain/answer-focus.js';
import { isFunctionWord, questionSubject, questionWants, type QuestionWants } from '../domain/question.js';
import { foldCharacters } from '../domain/text.js';
import { type Paraphrase, printedOf, type ThesaurusRow, paraphrases } from '../domain/thesaurus.js';
import { expandUnitNames } from '../domain/unit-name.js';
import { queryTerms, spelledWords, type Vocabulary } from './terms.js';

export interface Question {
  /** As asked. */
  raw: string;
  /** Folded once (foldCharacters); the fields below are read from it. */
  folded: string;
  /** Without its asking words and punctuation: 请问湿地面积是多少 → 湿地面积. */
  subject: string;
  /** The kinds of answer it asks for. */
  wants: QuestionWants;
  /** Its index terms, short unit names expanded (住建局 → 市住房和城乡建设局). */
  terms: string[];
  /** Where it asks in other words, with the gazette's words for each (钱 → 经费, 资金…). */
  paraphrases: Paraphrase[];
  /** The gazette's words those paraphrases give, each once. */
  printed: string[];
}

export function readQuestion(raw: string, vocabulary: Vocabulary, thesaurus: ThesaurusRow[], maxTerms: number): Question {
  const folded = foldCharacters(raw);
  // A one-character paraphrase counts where the question uses it as a word (交给, not 交易).
  const alone = new Set(spelledWords(folded, vocabulary).filter((w) => w.length === 1));
  const phrased = paraphrases(folded, thesaurus, alone);
  return {
    raw,
    folded,
    subject: questionSubject(folded),
    wants: questionWants(folded),
    terms: questionTerms(folded, vocabulary, maxTerms),
    paraphrases: phrased,
    printed: printedOf(phrased),
  };
}

/** Index terms of a question, short unit names expanded (住建局 → 市住房和城乡建设局). */
export function questionTerms(text: string, vocabulary: Vocabulary, maxTerms: number): string[] {
  return queryTerms(expandUnitNames(foldCharacters(text)), vocabulary, maxTerms);
}

/** The gazette's words for a paraphrase weigh this share of what the same rarity of the question's own word would. */
const PRINTED_SHARE = 0.5;
/** A one-character term is matched wherever the character stands, not only where it is a word: its rarity as a word overstates it. */
const CHARACTER_SHARE = 0.3;

/**
 * The question as the answer focus reads a hit (domain/answer-focus.ts): its terms and the
 * gazette's words for its paraphrases, each weighted by how rare it is among `passages` (a word
 * most passages hold, 的 or 工作, tells little; 奖金 tells much), the paraphrases' words below the
 * question's own and counted once with the word they stand for. Terms only inside its asking
 * words (多 and 长 of 多长), and its function words (来 of 谁来, 要), are not what it asks about. A printed phrase no passage indexes as one
 * word weighs as the rarest own term.
 */
export function focusOf(q: Question, df: (term: string) => number, passages: number): FocusQuestion {
  const rarity = (t: string) => {
    const n = df(t);
    const idf = n ? Math.log(1 + (passages - n + 0.5) / (n + 0.5)) : 0;
    return t.length === 1 ? CHARACTER_SHARE * idf : idf;
  };
  const terms = q.terms.filter((t) => !isFunctionWord(t) && (q.subject.includes(t) || !q.folded.includes(t)));
  const weights = terms.map(rarity);
  const groups = terms.map((_, i) => i);
  const rarest = Math.max(0, ...weights);
  for (const p of q.paraphrases) {
    const own = terms.indexOf(p.asked);
    const group = own >= 0 ? own : terms.length;
    for (const t of p.printed) {
      if (terms.includes(t)) continue;
      terms.push(t);
      weights.push(PRINTED_SHARE * (rarity(t) || rarest));
      groups.push(group);
    }
  }
  return { terms, weights, groups, wants: q.wants };
}
