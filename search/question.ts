// A question, read once: folded once, its subject, what kind of answer it wants, its index terms
// and where it asks in other words. Every step of a search reads these fields rather than the
// question again.
import { questionSubject, questionWants, type QuestionWants } from '../domain/question.js';
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
