// The search layer over a storage port: a question is read once (Question), then passages are
// found by BM25 and ordered by the rerank, tasks ranked on their own words, quotations found from
// their rarest words. Backend-independent: a store gives rows, postings and vocabulary
// (search/port.ts); every tuning constant comes from one SearchOptions.
import { withAliases, paraphrases, type ThesaurusRow } from '../domain/thesaurus.js';
import { foldCharacters } from '../domain/text.js';
import { contentWords, questionSubject, taskSubject } from '../domain/question.js';
import { MAX_QUOTE_PLACES } from '../domain/reader.js';
import { answeringWords } from '../domain/answer-focus.js';
import { Bm25 } from './bm25.js';
import { BoundedCache } from './bounded-cache.js';
import { searchOptions, type SearchOptions, type SearchOptionsOverride } from './options.js';
import type { PassageRow, SearchStore, TaskWords } from './port.js';
import { focusOf, questionTerms, readQuestion, type Question } from './question.js';
import { QuoteFinder, type QuoteHit } from './quotes.js';
import { type Candidate, isCloseCall, type PassageReading, readPassage, rerank } from './rerank.js';
import { ownParts, rankTasks, readTask, relevant, type TaskReading } from './tasks.js';
import type { Vocabulary } from './terms.js';

export type { QuoteHit } from './quotes.js';

/** A passage found for a question, with its score and the sentence to quote. */
export interface PassageHit {
  passage: PassageRow;
  score: number;
  /** The sentence holding most of the question's terms. */
  quote: string;
  /**
   * The words that answer the question, as a model should read them (domain/answer-focus.ts): the
   * sentence with the asked-for figure, a list item under its lead-in (a lead-in's items read with
   * it), a table row's matching cells; else the quote.
   */
  answer: string;
}

/** Characters of questions kept read (a question is at most 500; most are a few dozen). */
const QUESTIONS_KEPT = 20_000;

/** The most readings of passages (or tasks) kept, a few KB each: past it they are dropped and read again as asked. */
const READINGS_KEPT = 5_000;

/** What is read of rows whatever the question, kept by id; those not kept are read together. */
class Kept<T> {
  private readonly byId = new BoundedCache<number, T>(READINGS_KEPT);

  constructor(private readonly readRows: (ids: number[]) => [number, T][]) {}

  /** The readings of these ids, in their order. */
  of(ids: number[]): T[] {
    const read = new Map(this.readRows(ids.filter((id) => !this.byId.has(id))));
    // Answered before keeping: keeping may drop what this question already had.
    const readings = ids.map((id) => read.get(id) ?? this.byId.get(id)!);
    for (const [id, reading] of read) this.byId.set(id, reading);
    return readings;
  }
}

export class GazetteSearch {
  readonly options: SearchOptions;
  private readonly vocabulary: Vocabulary;
  private bm25Index: Bm25 | null = null;
  private quoteFinder: QuoteFinder | null = null;
  private thesaurusRows: ThesaurusRow[] | null = null;
  /** Passages in the corpus, for how rare a question's word is among them. */
  private passageCount: number | undefined;
  /** Questions read, by their words: a tool asks for a question's passages, then its unindexed words; people ask again. */
  private readonly questions = new BoundedCache<string, Question>(QUESTIONS_KEPT);
  /** What of a question the index has no word for (questionWords), likewise. */
  private readonly unindexed = new BoundedCache<string, { phrases: string[]; unknown: string[] }>(QUESTIONS_KEPT);
  /** Passages as the rerank reads them: a passage is read once for every question that ranks it. */
  private readonly readings = new Kept<PassageReading>((ids) => this.store.passageTexts(ids).map((p) => [p.id, readPassage(p.text, p.context)]));
  /** Tasks as ranking reads them, likewise. */
  private readonly taskReadings = new Kept<TaskReading>((ids) => this.store.taskWords(ids).map((t) => [t.id, readTask(t)]));

  constructor(
    private readonly store: SearchStore,
    options: SearchOptionsOverride = {},
  ) {
    this.options = searchOptions(options);
    this.vocabulary = { has: (word) => store.passageDf(word) > 0, prefetch: (words) => void store.passageDfs(words) };
  }

  /** The BM25 index, built on first use (it sizes its score arrays to the corpus). */
  private bm25(): Bm25 {
    this.bm25Index ??= new Bm25(this.store, this.vocabulary, this.options);
    return this.bm25Index;
  }

  private quotes(): QuoteFinder {
    this.quoteFinder ??= new QuoteFinder(this.store, this.vocabulary, this.bm25(), this.options);
    return this.quoteFinder;
  }

  /** The thesaurus with the names the corpus's texts introduce (以下简称), the most used first up to a bound. */
  private thesaurus(): ThesaurusRow[] {
    this.thesaurusRows ??= withAliases(this.store.aliases(this.options.question.maxAliases));
    return this.thesaurusRows;
  }

  /** Prepares what the first question needs (the store's read-ahead, the score arrays, the thesaurus). */
  warmUp(): void {
    this.store.warm?.();
    this.bm25();
    this.thesaurus();
  }

  /** Index terms of a text, as a question's are read. */
  private terms(text: string): string[] {
    return questionTerms(text, this.vocabulary, this.options.question.maxTerms);
  }

  question(raw: string): Question {
    let q = this.questions.get(raw);
    if (!q) this.questions.set(raw, (q = readQuestion(raw, this.vocabulary, this.thesaurus(), this.options.question.maxTerms)), raw.length);
    return q;
  }

  /** Passages for a question, best first (in one notice when docNumber is given). */
  passages(raw: string, limit: number, docNumber: string | null): { hits: PassageHit[]; total: number; closeCall: boolean } {
    const q = this.question(raw);
    const range = docNumber ? this.store.noticePassages(docNumber) : undefined;
    const { hits, total, terms } = this.bm25().query(q.terms, q.printed, range, Math.max(limit, this.options.rerank.pool));
    const reranked = rerank(q, this.read(hits), this.options.rerank);
    const best = reranked.slice(0, limit);
    const rows = this.store.passages(best.map((c) => c.id));
    const focus = focusOf(q, (t) => this.store.passageDf(t), (this.passageCount ??= this.store.totals().passages));
    const ranked = best.map((c, k) => {
      const quote = bestSentence(rows[k].text, terms);
      return { passage: rows[k], score: c.score, quote, answer: answeringWords(this.withItems(rows[k]), focus, this.options.answer) ?? quote };
    });
    return { hits: ranked, total, closeCall: isCloseCall(reranked, this.options.rerank.closeCall) };
  }

  /** A passage with the items a lead-in of it introduces: the passages after it in its text whose locator extends its own (第十二条 → 第十二条（三）). */
  private withItems(p: PassageRow): string {
    if (!/[：:]$/.test(p.text)) return p.text;
    const next = Array.from({ length: this.options.answer.leadInItems }, (_, k) => p.id + 1 + k);
    let text = p.text;
    for (const r of this.store.passages(next)) {
      if (!r || r.textId !== p.textId || r.locator === p.locator || !r.locator.startsWith(p.locator)) break;
      text += r.text;
    }
    return text;
  }

  /** Candidates with their readings. */
  private read(hits: { id: number; score: number }[]): Candidate[] {
    const readings = this.readings.of(hits.map((h) => h.id));
    return hits.map((h, k) => ({ id: h.id, score: h.score, reading: readings[k] }));
  }

  /**
   * A question's words beyond the index terms: stretches of two or more Chinese characters no
   * term covers. Those the corpus contains (煤改电, which jieba splits) are phrases worth matching
   * as they are; those it never uses (噪声) are unknown, so an answer can say it matched the rest.
   */
  questionWords(raw: string): { phrases: string[]; unknown: string[] } {
    let words = this.unindexed.get(raw);
    if (!words) this.unindexed.set(raw, (words = this.readWords(raw)), raw.length);
    return words;
  }

  private readWords(raw: string): { phrases: string[]; unknown: string[] } {
    const text = questionSubject(this.question(raw).folded).toLowerCase();
    const terms = this.terms(text).filter((t) => t.length > 1);
    const covered = new Array<boolean>(text.length).fill(false);
    for (const t of terms) for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) covered.fill(true, at, at + t.length);
    // A paraphrase (冬天, 大货车) is read as the gazette's words for it: not a word the gazette lacks.
    for (const p of paraphrases(text, this.thesaurus())) covered.fill(true, p.at, p.at + p.asked.length);
    const runs: string[] = [];
    let run = '';
    // Function words (的, 要, 这些) are grammar, not words the gazette may lack: 上挖掘机这些 is 挖掘机.
    const close = () => {
      runs.push(...contentWords(run));
      run = '';
    };
    [...text].forEach((ch, i) => {
      if (/[\u4e00-\u9fff]/.test(ch) && !covered[i]) run += ch;
      else close();
    });
    close();
    // Each run is looked up in the whole corpus: a question of many stray words is read for its
    // first few, so its cost stays bounded.
    const checked = runs.slice(0, this.options.question.maxUnindexedRuns);
    const inCorpus = new Map(checked.map((r) => [r, this.quotes().contains(r)]));
    return { phrases: checked.filter((r) => inCorpus.get(r)), unknown: checked.filter((r) => !inCorpus.get(r)) };
  }

  /** Tasks a responsibility question names, best first; none rather than unrelated ones. */
  tasks(raw: string, limit: number): TaskWords[] {
    const words = taskSubject(raw) || raw;
    const q = this.question(words);
    // Index terms, and the question's phrases the corpus spells that jieba split apart (煤改电).
    const terms = [...q.terms, ...this.questionWords(words).phrases];
    const paraphrased = q.paraphrases.map((p) => ({ variants: p.printed, length: p.asked.length }));
    // The tasks holding the question's rarest words, or the gazette's words for its paraphrases,
    // are read and ranked on their own words.
    const sought = [...terms, ...paraphrased.flatMap((p) => p.variants)];
    const byRarity = [...new Set(sought.flatMap((t) => (this.vocabulary.has(t) ? [t] : this.terms(t))))]
      .map((t) => ({ t, n: this.store.taskDf(t) }))
      .filter((x) => x.n > 0);
    byRarity.sort((a, b) => a.n - b.n);
    const candidates = new Set<number>();
    for (const { t } of byRarity) {
      if (candidates.size >= this.options.tasks.candidates) break;
      for (const ids of this.store.taskIds(t)) for (const id of ids) candidates.add(id);
    }
    const chosen = [...candidates].slice(0, this.options.tasks.candidates).sort((a, b) => a - b);
    let ranked = relevant(rankTasks(this.taskReadings.of(chosen), [...ownParts(terms), ...paraphrased], this.options.tasks), this.options.tasks.floor).map(
      (r) => r.task,
    );
    if (!ranked.length) {
      // Nothing in the tasks' own words: look where full-text search finds the question, and take the tasks there.
      const places = this.passages(words, 5, null).hits;
      ranked = this.store.taskWords(places.flatMap((p) => this.store.tasksAt(p.passage.noticeId, p.passage.locator)));
    }
    const seen = new Set<string>();
    const key = (t: TaskWords) => `${t.noticeId}|${t.locator}|${t.task}`;
    return ranked.filter((t) => !seen.has(key(t)) && !!seen.add(key(t))).slice(0, limit);
  }

  /** Every place a quotation occurs (in one notice when docNumber is given), up to `max`. */
  findQuote(quote: string, docNumber: string | null, max = MAX_QUOTE_PLACES): QuoteHit[] {
    return this.quotes().find(quote, docNumber, max);
  }
}

/** The sentence of a passage that holds most of the question's terms: a short quote to cite. */
function bestSentence(text: string, terms: string[]): string {
  const sentences = text.match(/[^。；！？\n]+[。；！？]?/g) ?? [text];
  let best = sentences[0];
  let bestScore = -1;
  for (const s of sentences) {
    const lower = foldCharacters(s).toLowerCase();
    const score = terms.reduce((n, t) => n + (lower.includes(t) ? t.length : 0), 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best.trim();
}
