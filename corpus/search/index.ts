// Passage search: BM25 (MiniSearch) over jieba terms, built at ingest and stored in the database,
// so start-up only loads it.
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { foldWidth } from '../text.js';
import { indexTerms, learnVocabulary, queryTerms } from './tokens.js';

export interface PassageInput {
  id: number;
  docNumber: string;
  /** Title of the text the passage is in. */
  title: string;
  text: string;
  /** Title and headings above the passage: they help rank it, but are not part of its quote. */
  context: string;
}

export interface SearchHit {
  id: number;
  score: number;
  /** Question terms the passage contains. */
  matched: string[];
}

const split = (s: string) => s.split(' ').filter(Boolean);
const OPTIONS: Options = {
  fields: ['terms', 'context'],
  storeFields: ['docNumber', 'topic'],
  tokenize: split,
  processTerm: (t) => t,
  searchOptions: {
    boost: { terms: 2, context: 0.5 },
    combineWith: 'OR',
    tokenize: split,
    processTerm: (t) => t,
    // A 文号 names one notice; a lone character says little.
    boostTerm: (term) => (/^〔\d{4}〕\d+号$/.test(term) ? 6 : term.length === 1 ? 0.3 : 1),
    // Words of a text's own title name the text, not the passage: inside that text they tell
    // passages apart no better than chance, so the question's other words decide.
    boostDocument: (_id, term, stored) => (typeof stored?.topic === 'string' && stored.topic.includes(term) ? 0.3 : 1),
  },
};

export function buildSearchIndex(passages: PassageInput[]): { index: string; vocabulary: string[] } {
  learnVocabulary(passages.map((p) => p.text));
  const vocabulary = new Set<string>();
  const search = new MiniSearch(OPTIONS);
  search.addAll(
    passages.map((p) => {
      const terms = indexTerms(p.text);
      const context = indexTerms(p.context);
      for (const t of terms) vocabulary.add(t);
      for (const t of context) vocabulary.add(t);
      // A status in brackets, 办法（试行）, is not the subject: 试行 stays a word worth asking about.
      const topic = foldWidth(p.title.replace(/[（(][^）)]*[）)]$/, '')).toLowerCase();
      return { id: p.id, docNumber: p.docNumber, topic, terms: terms.join(' '), context: context.join(' ') };
    }),
  );
  return { index: JSON.stringify(search), vocabulary: [...vocabulary] };
}

export class SearchIndex {
  private readonly search: MiniSearch;
  private readonly vocabulary: Set<string>;

  constructor(index: string, vocabulary: string[]) {
    this.search = MiniSearch.loadJSON(index, OPTIONS);
    this.vocabulary = new Set(vocabulary);
  }

  terms(question: string): string[] {
    return queryTerms(question, this.vocabulary);
  }

  /** Passages for a question, best first; each score is scaled by how many question terms it has. */
  query(question: string, docNumber: string | null): { hits: SearchHit[]; terms: string[] } {
    const terms = queryTerms(question, this.vocabulary);
    if (terms.length === 0) return { hits: [], terms };
    const filter = docNumber ? (r: SearchResult) => r.docNumber === docNumber : undefined;
    const hits = this.search
      .search(terms.join(' '), filter ? { filter } : {})
      .map((r) => {
        const matched = [...new Set(r.queryTerms)];
        // Coverage counts characters, so one long word matched outweighs a stray character.
        const covered = matched.reduce((n, t) => n + t.length, 0);
        const wanted = terms.reduce((n, t) => n + t.length, 0);
        return { id: Number(r.id), score: r.score * (0.25 + covered / wanted), matched };
      })
      .sort((a, b) => b.score - a.score || a.id - b.id);
    return { hits, terms };
  }
}
