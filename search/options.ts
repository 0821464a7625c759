// Every tuning constant of question-time ranking, in one documented object with its defaults (as
// MiniSearch takes its options): GazetteSearch takes a partial override, so an eval can sweep any
// of them on a built store without rebuilding it. What the index was written with is not here but
// in index-time.ts: changing that needs a rebuild.

export interface SearchOptions {
  /** BM25 over passages (search/bm25.ts). */
  bm25: {
    /** Term-frequency saturation. */
    k1: number;
    /** Length normalisation. */
    b: number;
    /** A term the question does not say but the thesaurus gives for it, beside one it says. */
    expansionWeight: number;
    /** What a word of a text's title gives each passage of the text, as a share of its idf. */
    titleShare: number;
    /** What a passage's own use of a word of its text's title counts, beside a word the title does not hold. */
    titleOccurrence: number;
    /**
     * A term in more than this share of the passages says almost nothing (的, 要): it is read only
     * when the question has nothing rarer, and a title word in more than this share of the texts'
     * titles names none of them.
     */
    commonShare: number;
    /** Weight of a 文号's number (〔2019〕43号): it names one notice. */
    docNumberBoost: number;
    /** Weight of a lone character: it says little. */
    singleCharBoost: number;
  };
  /** The second pass over the best BM25 candidates (search/rerank.ts). */
  rerank: {
    /** How many BM25 candidates the second pass orders. */
    pool: number;
    /** Each signal's weight beside the BM25 score (1 for the best candidate). */
    weights: { bm25: number; passage: number; sentence: number; kind: number; namesOnlyOthers: number };
    /** What the second and third best sentences add for a question asking for several things. */
    listShare: number;
    /** A paraphrase counts as this many of the question's character pairs. */
    paraphraseWeight: number;
    /**
     * When the second passage scores within this share of the first, the first is a close call. On
     * the tune questions the first was right 72% of the time then and 92% otherwise; on questions
     * never tuned on (evals/paraphrase-3.jsonl), 44% against 85%. A chat model is told to read on.
     */
    closeCall: number;
  };
  /** Tasks for a responsibility question (search/tasks.ts). */
  tasks: {
    /** The most tasks read in full to rank them: those holding the question's rarest words first. */
    candidates: number;
    /** What a part found in a task's own heading counts, against 1 in its sentence. */
    headWeight: number;
    /** A lone character (改, 电) matches almost anything. */
    singleCharWeight: number;
    /** A match is answered beside the best when it has this share of the best's score and of the question's words. */
    floor: { ofBest: number; covered: number };
  };
  /** Quotations (search/quotes.ts). */
  quotes: {
    /** How many of a quotation's rarest words find the texts to check. */
    rarestWords: number;
    /** Characters at each end of a quotation not used to find it: they may be parts of words cut elsewhere. */
    edge: number;
    /** The most passages holding a phrase's rarest word that contains() checks one by one. */
    containsChecked: number;
    /** Passages a search for a quotation offers when its rarest words find nothing. */
    searchFallback: number;
    /** The most texts one quotation reads; a phrase common enough to pass it is answered as far as read. */
    maxTexts: number;
  };
  /** The words of each hit shown as its answer (domain/answer-focus.ts, read in search.ts). */
  answer: {
    /** Characters of a hit shown at most: its answering sentence whole, else a window holding the asked-for figure. */
    maxChars: number;
    /** Another sentence matching this share of the best one's words is shown too, where room is left. */
    alsoShare: number;
    /** The most items read after a lead-in (…应符合以下条件：) that a hit is. */
    leadInItems: number;
  };
  /** Questions (search/question.ts). */
  question: {
    /** The most terms a question is searched with; past it the longest are kept. */
    maxTerms: number;
    /** Stretches of a question the index has no term for that are looked up as they are. */
    maxUnindexedRuns: number;
    /** The most names a corpus introduces (以下简称) read as synonyms: each is tried on every question. */
    maxAliases: number;
  };
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  bm25: { k1: 1.2, b: 0.75, expansionWeight: 0.7, titleShare: 0.5, titleOccurrence: 0.15, commonShare: 0.2, docNumberBoost: 6, singleCharBoost: 0.3 },
  rerank: { pool: 100, weights: { bm25: 1, passage: 1, sentence: 3, kind: 1.6, namesOnlyOthers: 0.6 }, listShare: 0.25, paraphraseWeight: 2, closeCall: 0.1 },
  tasks: { candidates: 500, headWeight: 3, singleCharWeight: 0.3, floor: { ofBest: 0.4, covered: 0.5 } },
  quotes: { rarestWords: 3, edge: 2, containsChecked: 300, searchFallback: 20, maxTexts: 200 },
  answer: { maxChars: 200, alsoShare: 0.6, leadInItems: 12 },
  question: { maxTerms: 32, maxUnindexedRuns: 8, maxAliases: 2_000 },
};

/** Options one level deep: each group given replaces only the fields it names. */
export type SearchOptionsOverride = { [G in keyof SearchOptions]?: Partial<SearchOptions[G]> };

export function searchOptions(override: SearchOptionsOverride = {}): SearchOptions {
  const groups = Object.entries(DEFAULT_SEARCH_OPTIONS).map(([group, defaults]) => [group, { ...defaults, ...override[group as keyof SearchOptions] }]);
  return Object.fromEntries(groups) as SearchOptions;
}
