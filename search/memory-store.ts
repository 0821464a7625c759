// The storage port held in memory: a second backend for the search layer, so its results can be
// checked against SQLite's on the same corpus (test/search-port.test.ts), and a store for a corpus
// small enough to hold whole. Built from plain rows, each term's postings as one segment.
import type { Alias } from '../domain/aliases.js';
import type { GazetteText } from '../domain/reader.js';
import { titleGramOf, titleGrams } from './index-time.js';
import type { PassagePostings, PassageRow, SearchStore, TaskWords, TextSpan } from './port.js';

/** A text as the memory store holds it: `topic` is what its title index is built from (topicOf), `from`..`to` its passages. */
export interface MemoryText {
  id: number;
  noticeId: number;
  role: GazetteText['role'];
  title: string;
  topic: string;
  from: number | null;
  to: number | null;
}

export interface MemoryCorpus {
  notices: { id: number; docNumber: string }[];
  texts: MemoryText[];
  /** Passages by id, ascending. */
  passages: PassageRow[];
  /** Summed weighted length of the passages, as BM25 reads it. */
  passageLength: number;
  paragraphs: Map<number, { locator: string; text: string; page: number | null }[]>;
  postings: Map<string, PassagePostings>;
  tasks: TaskWords[];
  taskPostings: Map<string, Int32Array>;
  /** The most used first. */
  aliases: Alias[];
}

export class MemorySearchStore implements SearchStore {
  private readonly passageById: Map<number, PassageRow>;
  private readonly textById: Map<number, MemoryText>;
  private readonly taskById: Map<number, TaskWords>;
  private readonly titled = new Map<string, MemoryText[]>();

  constructor(private readonly corpus: MemoryCorpus) {
    this.passageById = new Map(corpus.passages.map((p) => [p.id, p]));
    this.textById = new Map(corpus.texts.map((t) => [t.id, t]));
    this.taskById = new Map(corpus.tasks.map((t) => [t.id, t]));
    for (const t of corpus.texts) {
      for (const gram of titleGrams(t.topic)) {
        const list = this.titled.get(gram) ?? [];
        list.push(t);
        this.titled.set(gram, list);
      }
    }
  }

  totals() {
    const { passages, passageLength, texts } = this.corpus;
    return { passages: passages.length, passageLength, texts: texts.length, maxPassageId: passages.length ? passages[passages.length - 1].id : 0 };
  }

  passageDf(term: string): number {
    return this.corpus.postings.get(term)?.ids.length ?? 0;
  }

  passageDfs(terms: string[]): number[] {
    return terms.map((t) => this.passageDf(t));
  }

  passagePostings(term: string): PassagePostings[] {
    const p = this.corpus.postings.get(term);
    return p ? [p] : [];
  }

  taskDf(term: string): number {
    return this.corpus.taskPostings.get(term)?.length ?? 0;
  }

  taskIds(term: string): Int32Array[] {
    const ids = this.corpus.taskPostings.get(term);
    return ids ? [ids] : [];
  }

  textsTitled(word: string, most: number): TextSpan[] | null {
    const titled = this.titled.get(titleGramOf(word)) ?? [];
    if (titled.length > most) return null;
    return titled.flatMap((t) => (t.from === null || t.to === null || !t.topic.includes(word) ? [] : [{ id: t.id, from: t.from, to: t.to }]));
  }

  textsSpanning(from: number, to: number): TextSpan[] {
    return this.spans()
      .filter((t) => t.from <= to && t.to >= from)
      .sort((a, b) => a.from - b.from);
  }

  noticePassages(docNumber: string): { from: number; to: number } | null {
    const notice = this.corpus.notices.find((n) => n.docNumber === docNumber);
    const spans = this.spans().filter((t) => this.textById.get(t.id)!.noticeId === notice?.id);
    return spans.length ? { from: Math.min(...spans.map((t) => t.from)), to: Math.max(...spans.map((t) => t.to)) } : null;
  }

  noticeTexts(docNumber: string): number[] {
    const notice = this.corpus.notices.find((n) => n.docNumber === docNumber);
    return this.corpus.texts.filter((t) => t.noticeId === notice?.id).map((t) => t.id);
  }

  passages(ids: number[]): PassageRow[] {
    return ids.map((id) => this.passageById.get(id)!);
  }

  passageTexts(ids: number[]): Pick<PassageRow, 'id' | 'text' | 'context'>[] {
    return this.passages(ids);
  }

  text(id: number): Pick<GazetteText, 'noticeId' | 'role' | 'title'> {
    const { noticeId, role, title } = this.textById.get(id)!;
    return { noticeId, role, title };
  }

  paragraphs(textId: number): { locator: string; text: string; page: number | null }[] {
    return this.corpus.paragraphs.get(textId) ?? [];
  }

  taskWords(ids: number[]): TaskWords[] {
    return ids.flatMap((id) => this.taskById.get(id) ?? []);
  }

  tasksAt(noticeId: number, locator: string): number[] {
    return this.corpus.tasks.filter((t) => t.noticeId === noticeId && t.locator === locator).map((t) => t.id);
  }

  aliases(limit: number): Alias[] {
    return this.corpus.aliases.slice(0, limit);
  }

  /** The texts that have passages, with their ranges. */
  private spans(): TextSpan[] {
    return this.corpus.texts.flatMap((t) => (t.from === null || t.to === null ? [] : [{ id: t.id, from: t.from, to: t.to }]));
  }
}
