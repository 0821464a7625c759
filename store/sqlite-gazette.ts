// The GazetteReader over the SQLite store: notices, texts, outline nodes, passages, tasks and
// appointments, each answer with its citation. Plain queries over plain rows; no MCP here.
import Database from 'better-sqlite3';
import type { DeadlineKind } from '../domain/deadlines.js';
import { resolveDocumentRef, type DocumentCatalog, type TextTitle } from '../domain/document-ref.js';
import { questionSubject, questionWants, taskSubject } from '../domain/question.js';
import {
  citationIn,
  type AppointmentFilter,
  type AppointmentRecord,
  type Citation,
  type Clause,
  type DocumentResolution,
  type GazetteReader,
  type GazetteText,
  type IssueInfo,
  type Notice,
  type OutlineEntry,
  type Page,
  type SearchHit,
  type TaskDeadline,
  type TaskFilter,
  type TaskRecord,
} from '../domain/reader.js';
import { foldCharacters } from '../domain/text.js';
import type { Alias } from '../domain/aliases.js';
import { type Paraphrase, paraphrases, printedOf, type ThesaurusRow, withAliases } from '../domain/thesaurus.js';
import { expandUnitNames } from '../domain/unit-name.js';
import type { Repeal } from '../domain/validity.js';
import { QuoteIndex } from './quote-index.js';
import { SearchIndex } from './search/index.js';
import { isCloseCall, rerank, RERANK_POOL } from './search/rerank.js';
import { type AskedPart, ownParts, rankTasks, relevant, type StoredTask } from './task-search.js';

const NOTICE_COLUMNS = 'n.id, n.doc_number AS docNumber, n.title, n.issuer, n.date, n.recipients, n.public_note AS publicNote, n.page, n.unplaced';
/** Notices kept by id between calls (the citations of one answer name a few). */
const NOTICE_CACHE = 1_000;
/** The most tasks a question reads in full to rank them: those holding its rarest words first. */
const TASK_CANDIDATES = 500;
const TEXT_COLUMNS = 'id, notice_id AS noticeId, role, title, kind, label, text, valid_from AS validFrom, valid_until AS validUntil, repeals';


/** The most names a corpus introduces (以下简称) that search reads as synonyms: each is tried on every question. */
const MAX_ALIASES = 2_000;

/** Particles at the edge of a stretch of a question no term covers. */
const EDGE_PARTICLES = /^[的了和与及或之在把被将对]+|[的了和与及或之]+$/g;

/** Stretches of a question the index has no term for that are looked up as they are. */
const MAX_UNINDEXED_RUNS = 8;

export class SqliteGazette implements GazetteReader, DocumentCatalog {
  private readonly db: Database.Database;
  private searchIndex: SearchIndex | null = null;
  private quoteIndex: QuoteIndex | null = null;
  private readonly byId = new Map<number, Notice>();
  private unitCache: string[] | null = null;
  private noticeCache: Notice[] | null = null;
  private titleCache: Map<number, TextTitle[]> | null = null;
  private thesaurusCache: ThesaurusRow[] | null = null;

  constructor(dbPath: string) {
    this.db = new Database(dbPath, { readonly: true, fileMustExist: true });
  }

  close(): void {
    this.db.close();
  }

  notices(): Notice[] {
    this.noticeCache ??= this.db.prepare(`SELECT ${NOTICE_COLUMNS} FROM notices n JOIN issues i ON i.id = n.issue_id ORDER BY i.source, n.ord`).all() as Notice[];
    return this.noticeCache;
  }

  notice(docNumber: string): Notice | null {
    return (this.db.prepare(`SELECT ${NOTICE_COLUMNS} FROM notices n WHERE n.doc_number = ?`).get(docNumber) as Notice | undefined) ?? null;
  }

  private noticeById(id: number): Notice {
    let n = this.byId.get(id);
    if (!n) {
      n = this.db.prepare(`SELECT ${NOTICE_COLUMNS} FROM notices n WHERE n.id = ?`).get(id) as Notice;
      if (this.byId.size >= NOTICE_CACHE) this.byId.clear();
      this.byId.set(id, n);
    }
    return n;
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

  /** The thesaurus with the names the corpus's texts introduce (以下简称), the most frequent first up to a bound. */
  private thesaurus(): ThesaurusRow[] {
    this.thesaurusCache ??= withAliases(
      this.db.prepare(`SELECT full, short FROM aliases GROUP BY full, short ORDER BY COUNT(*) DESC, full LIMIT ${MAX_ALIASES}`).all() as Alias[],
    );
    return this.thesaurusCache;
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
    // A paraphrase (冬天, 大货车) is read as the gazette's words for it: not a word the gazette lacks.
    for (const p of paraphrases(text, this.thesaurus())) covered.fill(true, p.at, p.at + p.asked.length);
    const runs: string[] = [];
    let run = '';
    // A particle at a run's edge (的噪声) is grammar, not a word the gazette may lack.
    const close = () => {
      const word = run.replace(EDGE_PARTICLES, '');
      if (word.length >= 2) runs.push(word);
      run = '';
    };
    [...text].forEach((ch, i) => {
      if (/[\u4e00-\u9fff]/.test(ch) && !covered[i]) run += ch;
      else close();
    });
    close();
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

  search(question: string, limit: number, docNumber: string | null): { results: SearchHit[]; total: number; closeCall: boolean } {
    const phrased = this.paraphrased(question);
    const { hits, total, terms } = this.index().query(expandUnitNames(question), docNumber, Math.max(limit, RERANK_POOL), printedOf(phrased));
    const passage = this.db.prepare('SELECT p.locator, p.text, p.context, p.page, t.role, t.title AS textTitle, t.notice_id AS noticeId FROM passages p JOIN texts t ON t.id = p.text_id WHERE p.id = ?');
    type Row = { locator: string; text: string; context: string; page: number | null; role: GazetteText['role']; textTitle: string; noticeId: number };
    const rows = new Map(hits.map((h) => [h.id, passage.get(h.id) as Row]));
    const reranked = rerank(question, questionWants(question), hits.map((h) => ({ ...h, text: rows.get(h.id)!.text, context: rows.get(h.id)!.context })), phrased);
    const ranked = reranked.slice(0, limit);
    const results = ranked.map((h) => {
      const p = rows.get(h.id)!;
      const citation = citationIn(this.noticeById(p.noticeId), { role: p.role, title: p.textTitle }, p.locator, p.page, bestSentence(p.text, terms));
      return { text: p.text, score: Math.round(h.score * 1000) / 1000, citation };
    });
    return { results, total, closeCall: isCloseCall(reranked) };
  }

  verifyQuote(quote: string, docNumber: string | null): Citation[] {
    return this.quotes().find(quote, docNumber).map((h) => citationIn(this.noticeById(h.text.noticeId), h.text, h.locator, h.page, h.quote));
  }

  private quotes(): QuoteIndex {
    this.quoteIndex ??= new QuoteIndex(this.db, this.index());
    return this.quoteIndex;
  }

  /** Tasks as the store serves them, from rows of the tasks table. */
  private taskRows(where: string, params: unknown[], tail = ''): StoredTask[] {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.notice_id AS noticeId, t.task, t.lead_units AS lead, t.support_units AS support, t.implementing_units AS implementing,
           t.deadline_text AS deadlineText, t.deadline_date AS deadlineDate, t.deadline_kind AS deadlineKind, t.deadline_source AS deadlineSource, t.start_year AS startYear,
           t.text_title AS textTitle, t.text_role AS textRole, t.locator, t.page, t.quote, t.context
         FROM tasks t WHERE ${where} ${tail}`,
      )
      .all(...params) as Record<string, unknown>[];
    return rows.map((r) => ({
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
      // Printed order: tasks are stored notice by notice, in order.
      order: r.id as number,
    }));
  }

  /** How the question asks in other words, read as the index segments it (see search). */
  private paraphrased(question: string): Paraphrase[] {
    // A one-character paraphrase counts where the question uses it as a word (交给, not 交易).
    const alone = new Set(this.index().words(question).filter((w) => w.length === 1));
    return paraphrases(foldCharacters(question), this.thesaurus(), alone);
  }

  /** A task question's paraphrases (烧秸秆 → 秸秆禁烧…), each a part found by the gazette's words for it. */
  private paraphraseParts(question: string): AskedPart[] {
    return this.paraphrased(question).map((p) => ({ variants: p.printed, length: p.asked.length }));
  }

  findTasks(question: string, limit: number): TaskRecord[] {
    const words = taskSubject(question) || question;
    // Index terms, and the question's phrases the corpus spells that jieba split apart (煤改电).
    const terms = [...this.terms(words), ...this.questionWords(words).phrases];
    const paraphrased = this.paraphraseParts(words);
    // The tasks holding the question's rarest words, or the gazette's words for its paraphrases,
    // are read and ranked on their own words.
    const candidates = new Set<number>();
    const df = this.db.prepare('SELECT df FROM task_vocab WHERE term = ?').pluck();
    const segments = this.db.prepare('SELECT df, postings FROM task_postings WHERE term = ?');
    const withTerm = (term: string) => (segments.all(term) as { df: number; postings: Buffer }[]).flatMap((s) => [...taskIds(s.postings, s.df)]);
    const sought = [...terms, ...paraphrased.flatMap((p) => p.variants)];
    const byRarity = [...new Set(sought.flatMap((t) => (this.index().has(t) ? [t] : this.terms(t))))].map((t) => ({ t, n: (df.get(t) as number | undefined) ?? 0 })).filter((x) => x.n > 0);
    byRarity.sort((a, b) => a.n - b.n);
    for (const { t } of byRarity) {
      if (candidates.size >= TASK_CANDIDATES) break;
      for (const id of withTerm(t)) candidates.add(id);
    }
    const tasks = candidates.size ? this.taskRows(`t.id IN (${[...candidates].slice(0, TASK_CANDIDATES).join(',')})`, [], 'ORDER BY t.id') : [];
    let ranked = relevant(rankTasks(tasks, [...ownParts(terms), ...paraphrased])).map((r) => r.task);
    if (!ranked.length) {
      // Nothing in the tasks' own words: look where full-text search finds the question, and take the tasks there.
      const places = this.search(words, 5, null).results;
      ranked = places.flatMap((p) => this.taskRows('t.notice_id = (SELECT id FROM notices WHERE doc_number = ?) AND t.locator = ?', [p.citation.docNumber, p.citation.locator], 'ORDER BY t.id'));
    }
    const seen = new Set<string>();
    return ranked.filter((t) => !seen.has(`${t.citation.docNumber}|${t.citation.locator}|${t.task}`) && !!seen.add(`${t.citation.docNumber}|${t.citation.locator}|${t.task}`)).slice(0, limit);
  }

  listTasks(filter: TaskFilter, page: Page): { tasks: TaskRecord[]; total: number } {
    const where: string[] = ['1'];
    const params: unknown[] = [];
    if (filter.units) {
      const roles = unitRoles(filter.role);
      where.push(`t.id IN (SELECT task_id FROM task_units WHERE unit IN (${filter.units.map(() => '?').join(',')}) AND role IN (${roles.map(() => '?').join(',')}))`);
      params.push(...filter.units, ...roles);
    }
    if (filter.docNumber) {
      where.push('t.notice_id = (SELECT id FROM notices WHERE doc_number = ?)');
      params.push(filter.docNumber);
    }
    if (filter.dueFrom || filter.dueTo) where.push('t.deadline_date IS NOT NULL');
    if (filter.dueFrom) {
      where.push('t.deadline_date >= ?');
      params.push(filter.dueFrom);
    }
    if (filter.dueTo) {
      where.push('t.deadline_date <= ?');
      params.push(filter.dueTo);
    }
    const condition = where.join(' AND ');
    // The count walks the index of the first filter; the page walks the deadline order and stops
    // once it holds a page (by deadline, undated last, then in printed order).
    // A unit's tasks are counted from its index entries, due dates included; others walk the tasks.
    const byUnit = filter.units && !filter.docNumber;
    const dueRange = `${filter.dueFrom ? ' AND due >= ?' : ''}${filter.dueTo ? ' AND due <= ?' : ''}${filter.dueFrom || filter.dueTo ? " AND due <> '9999'" : ''}`;
    const total = byUnit
      ? (this.db
          .prepare(`SELECT COUNT(DISTINCT task_id) FROM task_units WHERE unit IN (${filter.units!.map(() => '?').join(',')}) AND role IN (${unitRoles(filter.role).map(() => '?').join(',')})${dueRange}`)
          .pluck()
          .get(...filter.units!, ...unitRoles(filter.role), ...[filter.dueFrom, filter.dueTo].filter((d) => d !== null)) as number)
      : (this.db.prepare(`SELECT COUNT(*) FROM tasks t WHERE ${condition}`).pluck().get(...params) as number);
    const ids = this.db.prepare(`SELECT t.id FROM tasks t INDEXED BY tasks_by_due WHERE ${condition} ORDER BY t.due, t.id LIMIT ? OFFSET ?`).pluck().all(...params, page.limit, page.offset) as number[];
    const tasks = ids.length ? this.taskRows(`t.id IN (${ids.join(',')})`, [], 'ORDER BY t.due, t.id') : [];
    return { tasks, total };
  }

  units(): string[] {
    // A few hundred names at most, the same for every call on this store.
    this.unitCache ??= this.db.prepare('SELECT DISTINCT unit FROM task_units ORDER BY unit').pluck().all() as string[];
    return this.unitCache;
  }

  appointments(filter: AppointmentFilter, page: Page): { appointments: AppointmentRecord[]; total: number } {
    const where: string[] = ['1'];
    const params: unknown[] = [];
    if (filter.person) {
      where.push("instr(a.person, ?) > 0");
      params.push(filter.person);
    }
    for (const w of filter.positionWords) {
      where.push('instr(a.position, ?) > 0');
      params.push(w);
    }
    if (filter.docNumber) {
      where.push('a.notice_id = (SELECT id FROM notices WHERE doc_number = ?)');
      params.push(filter.docNumber);
    }
    const condition = where.join(' AND ');
    const total = this.db.prepare(`SELECT COUNT(*) FROM appointments a WHERE ${condition}`).pluck().get(...params) as number;
    const rows = this.db
      .prepare(
        `SELECT a.notice_id AS noticeId, a.person, a.action, a.position, a.basis, a.probation_kind AS kind, a.probation_length AS length, a.probation_start AS start,
           a.probation_end AS end, a.probation_quote AS probationQuote, a.locator, a.page, a.quote
         FROM appointments a WHERE ${condition} ORDER BY a.id LIMIT ? OFFSET ?`,
      )
      .all(...params, page.limit, page.offset) as Record<string, string | number | null>[];
    const appointments = rows.map((r) => {
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
    return { appointments, total };
  }

  people(limit: number): string[] {
    return this.db.prepare('SELECT DISTINCT person FROM appointments ORDER BY id LIMIT ?').pluck().all(limit) as string[];
  }
}

/** The roles a unit filter asks for: lead, support (配合 and 落实), or any. */
function unitRoles(role: TaskFilter['role']): string[] {
  return role === 'lead' ? ['lead'] : role === 'support' ? ['support', 'implementing'] : ['lead', 'support', 'implementing'];
}

/** The task ids of a task postings segment (ids, then weights, as postings.ts writes them). */
function taskIds(blob: Buffer, n: number): Int32Array {
  const b = blob.byteOffset % 4 === 0 ? blob : Buffer.from(new Uint8Array(blob));
  return new Int32Array(b.buffer, b.byteOffset, n);
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
