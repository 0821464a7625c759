// The GazetteReader over the SQLite store: notices, texts, outline nodes, passages, tasks and
// appointments, each answer with its citation. Plain queries over plain rows; no MCP here.
import Database from 'better-sqlite3';
import type { DeadlineKind } from '../domain/deadlines.js';
import { resolveDocumentRef, type DocumentCatalog, type TextTitle } from '../domain/document-ref.js';
import { questionSubject, questionWants, taskSubject } from '../domain/question.js';
import {
  citationIn,
  type AppointmentRecord,
  type Citation,
  type Clause,
  type DocumentResolution,
  type GazetteReader,
  type GazetteText,
  type IssueInfo,
  type Notice,
  type OutlineEntry,
  type SearchHit,
  type TaskDeadline,
  type TaskFilter,
  type TaskRecord,
} from '../domain/reader.js';
import { foldWidth } from '../domain/text.js';
import { printedWords } from '../domain/thesaurus.js';
import { expandUnitNames } from '../domain/unit-name.js';
import type { Repeal } from '../domain/validity.js';
import { QuoteIndex } from './quote-index.js';
import { SearchIndex } from './search/index.js';
import { rerank, RERANK_POOL } from './search/rerank.js';
import { filterTasks, rankTasks, relevant, type StoredTask } from './task-search.js';

const NOTICE_COLUMNS = 'id, doc_number AS docNumber, title, issuer, date, recipients, public_note AS publicNote, page, unplaced';
const TEXT_COLUMNS = 'id, notice_id AS noticeId, role, title, kind, label, text, valid_from AS validFrom, valid_until AS validUntil, repeals';


/** Stretches of a question the index has no term for that are looked up as they are. */
const MAX_UNINDEXED_RUNS = 8;

export class SqliteGazette implements GazetteReader, DocumentCatalog {
  private readonly db: Database.Database;
  private searchIndex: SearchIndex | null = null;
  private quoteIndex: QuoteIndex | null = null;
  private taskCache: StoredTask[] | null = null;
  private noticeCache: Notice[] | null = null;
  private titleCache: Map<number, TextTitle[]> | null = null;

  constructor(dbPath: string) {
    this.db = new Database(dbPath, { readonly: true, fileMustExist: true });
  }

  close(): void {
    this.db.close();
  }

  notices(): Notice[] {
    this.noticeCache ??= this.db.prepare(`SELECT ${NOTICE_COLUMNS} FROM notices ORDER BY ord`).all() as Notice[];
    return this.noticeCache;
  }

  notice(docNumber: string): Notice | null {
    return this.notices().find((n) => n.docNumber === docNumber) ?? null;
  }

  private noticeById(id: number): Notice {
    return this.notices().find((n) => n.id === id)!;
  }

  texts(notice: Notice): GazetteText[] {
    const rows = this.db.prepare(`SELECT ${TEXT_COLUMNS} FROM texts WHERE notice_id = ? ORDER BY ord`).all(notice.id) as (Omit<GazetteText, 'repeals'> & { repeals: string })[];
    return rows.map((r) => ({ ...r, repeals: JSON.parse(r.repeals) as Repeal[] }));
  }

  titles(notice: Notice): TextTitle[] {
    if (!this.titleCache) {
      this.titleCache = new Map();
      for (const t of this.db.prepare('SELECT id, notice_id AS noticeId, role, title FROM texts ORDER BY notice_id, ord').all() as (TextTitle & { noticeId: number })[]) {
        const list = this.titleCache.get(t.noticeId) ?? [];
        list.push({ id: t.id, role: t.role, title: t.title });
        this.titleCache.set(t.noticeId, list);
      }
    }
    return this.titleCache.get(notice.id) ?? [];
  }

  outline(text: GazetteText): OutlineEntry[] {
    return this.db.prepare('SELECT locator, heading, depth FROM nodes WHERE text_id = ? ORDER BY ord').all(text.id) as OutlineEntry[];
  }

  paragraphs(text: GazetteText): { locator: string; text: string; page: number | null }[] {
    return this.db.prepare('SELECT locator, text, page_from AS page FROM paragraphs WHERE text_id = ? ORDER BY ord').all(text.id) as { locator: string; text: string; page: number | null }[];
  }

  clause(text: GazetteText, locator: string): Clause | null {
    const node = this.db.prepare('SELECT locator, heading, text, page_from AS pageFrom FROM nodes WHERE text_id = ? AND locator = ?').get(text.id, locator) as Omit<Clause, 'citation'> | undefined;
    return node ? { ...node, citation: citationIn(this.noticeById(text.noticeId), text, node.locator, node.pageFrom, node.text) } : null;
  }

  issues(): IssueInfo[] {
    return this.db
      .prepare('SELECT i.title, i.source, COUNT(n.id) AS notices, MIN(n.date) AS "from", MAX(n.date) AS "to" FROM issues i LEFT JOIN notices n ON n.issue_id = i.id GROUP BY i.id ORDER BY i.id')
      .all() as IssueInfo[];
  }

  resolveDocument(ref: string): DocumentResolution {
    const r = resolveDocumentRef(ref, this);
    if (r.kind !== 'found') return r;
    const ids = new Set(r.texts.map((t) => t.id));
    return { kind: 'found', notice: r.notice, texts: this.texts(r.notice).filter((t) => ids.has(t.id)) };
  }

  documentText(docNumber: string): string | null {
    const n = this.notice(docNumber);
    if (!n) return null;
    const texts = this.texts(n);
    const own = texts.find((t) => t.role === 'notice')?.text ?? '';
    const cover = [n.issuer, n.title, n.docNumber, '', n.recipients ? `${n.recipients}：` : '', own, '', n.issuer, n.date ?? '', n.publicNote ? `（${n.publicNote}）` : ''];
    const issued = texts.filter((t) => t.role !== 'notice').map((t) => `\n${t.role === 'attachment' && t.label ? `${t.label}\n` : ''}${t.title}\n\n${t.text}`);
    return [...cover, ...issued].join('\n');
  }

  private index(): SearchIndex {
    this.searchIndex ??= new SearchIndex(this.db);
    return this.searchIndex;
  }

  /** Terms of a question as the search index segments it, short unit names expanded. */
  private terms(question: string): string[] {
    return this.index().terms(expandUnitNames(question));
  }

  /**
   * A question's words beyond the index terms: stretches of two or more Chinese characters no
   * term covers. Those the corpus contains (煤改电, which jieba splits) are phrases worth matching
   * as they are; those it never uses (噪声) are unknown, so an answer can say it matched the rest.
   */
  questionWords(question: string): { phrases: string[]; unknown: string[] } {
    const text = questionSubject(question).toLowerCase();
    const terms = this.terms(text).filter((t) => t.length > 1);
    const covered = new Array<boolean>(text.length).fill(false);
    for (const t of terms) for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) covered.fill(true, at, at + t.length);
    const runs: string[] = [];
    let run = '';
    [...text].forEach((ch, i) => {
      if (/[\u4e00-\u9fff]/.test(ch) && !covered[i]) run += ch;
      else {
        if (run.length >= 2) runs.push(run);
        run = '';
      }
    });
    if (run.length >= 2) runs.push(run);
    // Each run is looked up in the whole corpus: a question of many stray words is read for its
    // first few, so its cost stays bounded.
    const checked = runs.slice(0, MAX_UNINDEXED_RUNS);
    const inCorpus = new Map(checked.map((r) => [r, this.quotes().contains(r)]));
    return { phrases: checked.filter((r) => inCorpus.get(r)), unknown: checked.filter((r) => !inCorpus.get(r)) };
  }

  /** Loads the search index now rather than on the first question. */
  warmUp(): void {
    this.index();
  }

  search(question: string, limit: number, docNumber: string | null): { results: SearchHit[]; total: number } {
    const printed = printedWords(foldWidth(question));
    const { hits, total, terms } = this.index().query(expandUnitNames(question), docNumber, Math.max(limit, RERANK_POOL), printed);
    const passage = this.db.prepare('SELECT p.locator, p.text, p.context, p.page, t.role, t.title AS textTitle, t.notice_id AS noticeId FROM passages p JOIN texts t ON t.id = p.text_id WHERE p.id = ?');
    type Row = { locator: string; text: string; context: string; page: number | null; role: GazetteText['role']; textTitle: string; noticeId: number };
    const rows = new Map(hits.map((h) => [h.id, passage.get(h.id) as Row]));
    const ranked = rerank(question, questionWants(question), hits.map((h) => ({ ...h, text: rows.get(h.id)!.text, context: rows.get(h.id)!.context }))).slice(0, limit);
    const results = ranked.map((h) => {
      const p = rows.get(h.id)!;
      const citation = citationIn(this.noticeById(p.noticeId), { role: p.role, title: p.textTitle }, p.locator, p.page, bestSentence(p.text, terms));
      return { text: p.text, score: Math.round(h.score * 1000) / 1000, citation };
    });
    return { results, total };
  }

  verifyQuote(quote: string, docNumber: string | null): Citation[] {
    return this.quotes().find(quote, docNumber).map((h) => citationIn(this.noticeById(h.text.noticeId), h.text, h.locator, h.page, h.quote));
  }

  private quotes(): QuoteIndex {
    this.quoteIndex ??= new QuoteIndex(this.db);
    return this.quoteIndex;
  }

  /** Every task in the corpus, in printed order, with its citation. */
  private tasks(): StoredTask[] {
    if (this.taskCache) return this.taskCache;
    const rows = this.db
      .prepare(
        `SELECT t.notice_id AS noticeId, t.task, t.lead_units AS lead, t.support_units AS support, t.implementing_units AS implementing,
           t.deadline_text AS deadlineText, t.deadline_date AS deadlineDate, t.deadline_kind AS deadlineKind, t.deadline_source AS deadlineSource, t.start_year AS startYear,
           t.text_title AS textTitle, t.text_role AS textRole, t.locator, t.page, t.quote, t.context
         FROM tasks t JOIN notices n ON n.id = t.notice_id ORDER BY n.ord, t.ord`,
      )
      .all() as Record<string, unknown>[];
    this.taskCache = rows.map((r, order) => ({
      task: r.task as string,
      leadUnits: JSON.parse(r.lead as string) as string[],
      supportUnits: JSON.parse(r.support as string) as string[],
      implementingUnits: JSON.parse(r.implementing as string) as string[],
      deadline: r.deadlineText
        ? { text: r.deadlineText as string, date: (r.deadlineDate as string | null) ?? null, kind: r.deadlineKind as DeadlineKind, source: r.deadlineSource as TaskDeadline['source'] }
        : null,
      startYear: (r.startYear as string | null) ?? null,
      citation: citationIn(this.noticeById(r.noticeId as number), { role: r.textRole as GazetteText['role'], title: r.textTitle as string }, r.locator as string, (r.page as number | null) ?? null, r.quote as string),
      context: r.context as string,
      order,
    }));
    return this.taskCache;
  }

  findTasks(question: string, limit: number): TaskRecord[] {
    const words = taskSubject(question) || question;
    const tasks = this.tasks();
    // Index terms, and the question's phrases the corpus spells that jieba split apart (煤改电).
    const terms = [...this.terms(words), ...this.questionWords(words).phrases];
    let ranked = relevant(rankTasks(tasks, terms)).map((r) => r.task);
    if (!ranked.length) {
      // Nothing in the tasks' own words: look where full-text search finds the question, and take the tasks there.
      const places = this.search(words, 5, null).results.map((r) => `${r.citation.docNumber}|${r.citation.locator}`);
      ranked = places.flatMap((p) => tasks.filter((t) => `${t.citation.docNumber}|${t.citation.locator}` === p));
    }
    return [...new Set(ranked)].slice(0, limit);
  }

  listTasks(filter: TaskFilter): TaskRecord[] {
    return filterTasks(this.tasks(), filter);
  }

  units(): string[] {
    return (this.db.prepare('SELECT DISTINCT unit FROM task_units ORDER BY unit').all() as { unit: string }[]).map((r) => r.unit);
  }

  appointments(): AppointmentRecord[] {
    const rows = this.db
      .prepare(
        `SELECT a.notice_id AS noticeId, a.person, a.action, a.position, a.basis, a.probation_kind AS kind, a.probation_length AS length, a.probation_start AS start,
           a.probation_end AS end, a.probation_quote AS probationQuote, a.locator, a.page, a.quote
         FROM appointments a JOIN notices n ON n.id = a.notice_id ORDER BY n.ord, a.ord`,
      )
      .all() as Record<string, string | number | null>[];
    return rows.map((r) => {
      const notice = this.noticeById(r.noticeId as number);
      return {
        person: r.person as string,
        action: r.action as 'appoint' | 'remove',
        position: r.position as string,
        basis: JSON.parse(r.basis as string) as string[],
        probation: r.kind ? { kind: r.kind as string, length: r.length as string, start: r.start as string, end: r.end as string, quote: r.probationQuote as string } : null,
        docNumber: notice.docNumber,
        date: notice.date,
        citation: citationIn(notice, { role: 'notice', title: notice.title }, r.locator as string, (r.page as number | null) ?? null, r.quote as string),
      };
    });
  }
}

/** The sentence of a passage that holds most of the question's terms: a short quote to cite. */
function bestSentence(text: string, terms: string[]): string {
  const sentences = text.match(/[^。；！？\n]+[。；！？]?/g) ?? [text];
  let best = sentences[0];
  let bestScore = -1;
  for (const s of sentences) {
    const lower = foldWidth(s).toLowerCase();
    const score = terms.reduce((n, t) => n + (lower.includes(t) ? t.length : 0), 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best.trim();
}
