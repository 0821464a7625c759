// The second pass of passage search: BM25 finds the candidates by their words; this orders them
// by what the question asks. A question that asks 多少钱 wants a passage stating an amount, one
// that asks 什么时候 a date, 谁 a unit; a passage covering more of the question's characters wins
// over one that repeats a single word; a table row that only names another document (《…》)
// yields to that document's own text. The final score adds these to the BM25 score scaled to the
// best candidate's, each with its weight.
import { rowColumns } from '../domain/answer-focus.js';
import { answersKind, type Kinds, kindsOf, questionSubject, type QuestionWants } from '../domain/question.js';
import { matchKey } from '../domain/text.js';
import type { Paraphrase } from '../domain/thesaurus.js';
import type { SearchOptions } from './options.js';
import type { Question } from './question.js';

/** A BM25 candidate with its reading (readPassage). */
export interface Candidate {
  id: number;
  score: number;
  reading: PassageReading;
}

/** Whether the best two of a ranking are within `closeCall` of each other: too close to trust the first alone. */
export function isCloseCall(ranked: { score: number }[], closeCall: number): boolean {
  return ranked.length > 1 && ranked[0].score > 0 && (ranked[0].score - ranked[1].score) / ranked[0].score < closeCall;
}

/** A question whose subject ends in a kind of document (…有没有管理办法) asks for one by its title. */
const DOCUMENT_ASKED = /(?:办法|条例|规定|制度|规划|细则|方案)$/;

const asksKind = (w: QuestionWants) =>
  w.measures.length > 0 || w.dates || w.units || w.definition || w.places || w.positions || w.procedure || w.purpose || w.grade || w.total;

/** Something a question asks about: its own words, or a paraphrase with the gazette's words for it. */
interface Concept {
  variants: string[];
  weight: number;
  /** A variant holds a character a sentence's key may have beside another where its passage's key does not (SEAM). */
  seam: boolean;
}

/**
 * A sentence's key is its passage's key in part, so a concept the passage's key lacks is in none
 * of its sentences, except across a seam: a lead-in's colon read before each of its items, a
 * blanked title's 《》, a soft hyphen read as - at a sentence's end.
 */
const SEAM = /[：《》-]/;

/**
 * What a question asks about, to be covered by an answer: each paraphrase (钱 → 经费, 资金…) is one
 * concept, found by any of its words; the rest of the question's wording counts by character
 * pairs, the asking words (多少, 谁…) left out.
 */
function conceptsOf(folded: string, phrased: Paraphrase[], paraphraseWeight: number): Concept[] {
  let rest = folded;
  const concepts: Concept[] = [];
  for (const p of phrased) {
    const variants = [p.asked, ...p.printed].map(matchKey);
    concepts.push({ variants, weight: p.ownWord ? 1 : paraphraseWeight, seam: variants.some((v) => SEAM.test(v)) });
    rest = rest.slice(0, p.at) + ' '.repeat(p.asked.length) + rest.slice(p.at + p.asked.length);
  }
  for (const run of questionSubject(rest).split(/\s+/).map(matchKey)) {
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = run.slice(i, i + 2);
      concepts.push({ variants: [pair], weight: 1, seam: SEAM.test(pair) });
    }
  }
  return concepts;
}

/**
 * The share of the question's concepts a text (its matchKey) holds; with `within`, the concepts
 * its passage's key holds (marked in `held`), the only ones a sentence of it may hold besides those across a seam.
 */
function covers(concepts: Concept[], key: string, held?: Uint8Array, within?: Uint8Array): number {
  let got = 0;
  let all = 0;
  concepts.forEach((c, k) => {
    all += c.weight;
    if ((!within || within[k] || c.seam) && c.variants.some((v) => key.includes(v))) {
      got += c.weight;
      if (held) held[k] = 1;
    }
  });
  return all ? got / all : 0;
}

/**
 * Passages best first for the question: BM25 (scaled to the best candidate's), how much of the
 * question the passage with its headings covers, and the best sentence — one that covers the
 * question and states the kind of answer it wants — so the words asked must stand together.
 */
export function rerank<C extends Candidate>(question: Question, candidates: C[], options: SearchOptions['rerank']): C[] {
  if (!candidates.length) return [];
  const { weights, listShare } = options;
  // A list is ranked by its several answering sentences (listShare); a formula picks the sentence shown, not the passage.
  const { wants } = question;
  const kindsAsked = { ...wants, list: false, calculation: false };
  const concepts = conceptsOf(question.folded, question.paraphrases, options.paraphraseWeight);
  const top = Math.max(...candidates.map((c) => c.score)) || 1;
  const kinded = asksKind(kindsAsked);
  const asksForDocument = question.subject.split(/\s+/).some((run) => DOCUMENT_ASKED.test(run));
  const asked = matchKey(question.folded);
  const scored = candidates.map((c) => {
    const r = c.reading;
    // Words inside 《…》 name another document; they are not what the passage itself says,
    // unless the question asks for a document (…有没有管理办法).
    // So are the titles in the cells of a table row whose column the question names (…办法的解读单位是哪个): the row's own subject.
    const read = asksForDocument || r.columns.some((name) => asked.includes(name)) ? (r.asPrinted ??= sentencesOf(r.text)) : r.own;
    const inPassage = new Uint8Array(concepts.length);
    const passageShare = covers(concepts, r.key, inPassage);
    const sentences = read.map(
      (x) =>
        weights.sentence * covers(concepts, x.key, undefined, inPassage) +
        (kinded && answersKind(kindsAsked, (x.kinds ??= kindsOf(x.text))) ? weights.kind : 0),
    );
    sentences.sort((a, b) => b - a);
    // A question asking for several things (哪些) is answered by a passage where several sentences answer.
    const best = (sentences[0] ?? 0) + (wants.list ? listShare * ((sentences[1] ?? 0) + (sentences[2] ?? 0)) : 0);
    let score = (weights.bm25 * c.score) / top + weights.passage * passageShare + best;
    if (r.namesOnlyOthers) score -= weights.namesOnlyOthers;
    return { ...c, score };
  });
  return scored.sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * What the rerank reads of a passage whatever the question, so a passage ranked for many
 * questions is read once (GazetteSearch keeps readings): its sentences as matched, and the kinds
 * of answer each states, found when a question first asks for one.
 */
export interface PassageReading {
  text: string;
  /** The passage with its headings, as matched (matchKey). */
  key: string;
  namesOnlyOthers: boolean;
  /** A table row's column names but 序号, as matched (rowColumns); none for other text. */
  columns: string[];
  /** Its sentences, other documents' titles (《…》) blanked. */
  own: SentenceReading[];
  /** Its sentences as printed, for a question asking for a document; read when one first does. */
  asPrinted?: SentenceReading[];
}

interface SentenceReading {
  text: string;
  /** The sentence after the lead-in it belongs to (…报酬标准：), as matched. */
  key: string;
  kinds?: Kinds;
}

export function readPassage(text: string, context: string): PassageReading {
  return {
    text,
    key: matchKey(`${text}${context}`),
    namesOnlyOthers: namesOnlyOthers(text),
    columns: rowColumns(text)
      .slice(1)
      .map(matchKey)
      .filter((name) => name.length >= 2),
    own: sentencesOf(text.replace(/《[^《》]*》/g, '《》')),
  };
}

/** A text's sentences, each matched with the lead-in before it (…报酬标准：), which belongs to each item after it. */
function sentencesOf(text: string): SentenceReading[] {
  let leadIn = '';
  return (text.match(/[^。；！？\n]+[。；！？]?/g) ?? []).map((sentence) => {
    const read = { text: sentence, key: matchKey(`${leadIn}${sentence}`) };
    if (/[：:]\s*$/.test(sentence)) leadIn = sentence;
    return read;
  });
}

/** A row of a table that lists other documents: most of its words are their titles. */
function namesOnlyOthers(text: string): boolean {
  const titled = (text.match(/《[^《》]*》/g) ?? []).reduce((n, t) => n + t.length, 0);
  return titled > 0 && titled / text.replace(/\s+/g, '').length > 0.5;
}
