// The GazetteReader over the SQLite store: notices, texts, outline nodes, tasks and appointments
// by plain queries over plain rows, each answer with its citation; questions (search, tasks,
// quotations) go to the search layer (GazetteSearch) over this store's port. No MCP here.
import Database from 'better-sqlite3';
import type { DeadlineKind } from '../domain/deadlines.js';
import { resolveDocumentRef, type DocumentCatalog } from '../domain/document-ref.js';
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
  type TextTitle,
} from '../domain/reader.js';
import type { Repeal } from '../domain/validity.js';
import type { SearchOptionsOverride } from '../search/options.js';
import { GazetteSearch } from '../search/search.js';
import { BoundedCache } from '../search/bounded-cache.js';
import { SqliteSearchStore } from './sqlite-search-store.js';

const NOTICE_COLUMNS = 'n.id, n.doc_number AS docNumber, n.title, n.issuer, n.date, n.recipients, n.public_note AS publicNote, n.page, n.unplaced';
/** Notices kept by id between calls (the citations of one answer name a few). */
const NOTICE_CACHE = 1_000;
/** Prepared statements kept by a reader (a unit filter's SQL varies with how many units it names). */
const STATEMENTS_KEPT = 200;
const TEXT_COLUMNS = 'id, notice_id AS noticeId, role, title, kind, label, text, valid_from AS validFrom, valid_until AS validUntil, repeals';

export class SqliteGazette implements GazetteReader, DocumentCatalog {
  private readonly db: Database.Database;
  /** Search, quotations and task ranking (search/), over this store's rows and postings. */
  readonly searcher: GazetteSearch;
  private readonly byId = new BoundedCache<number, Notice>(NOTICE_CACHE);
  /** Notices by 文号, and 文号 of none (null): every answer's citations and notes look theirs up. */
  private readonly byNumber = new BoundedCache<string, Notice | null>(NOTICE_CACHE);
  private unitCache: string[] | null = null;
  private noticeCache: Notice[] | null = null;
  private issueCache: IssueInfo[] | null = null;
  private titleCache: Map<number, TextTitle[]> | null = null;
  /** Statements by their SQL: preparing one costs more than most of the queries run with it. */
  private readonly statements = new BoundedCache<string, Database.Statement>(STATEMENTS_KEPT);

  /** `options`: ranking options other than the defaults (evals sweep them). */
  constructor(dbPath: string, options: SearchOptionsOverride = {}) {
    this.db = new Database(dbPath, { readonly: true, fileMustExist: true });
    this.searcher = new GazetteSearch(new SqliteSearchStore(this.db), options);
  }

  close(): void {
    this.db.close();
  }

  /** A statement prepared once per reader; the SQL of a filter varies with its fields, so the kept ones are bounded. */
  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  notices(): Notice[] {
    this.noticeCache ??= this.statement(
      `SELECT ${NOTICE_COLUMNS} FROM notices n JOIN issues i ON i.id = n.issue_id ORDER BY i.source, n.ord`,
    ).all() as Notice[];
    return this.noticeCache;
  }

  notice(docNumber: string): Notice | null {
    if (this.byNumber.has(docNumber)) return this.byNumber.get(docNumber)!;
    const n = (this.statement(`SELECT ${NOTICE_COLUMNS} FROM notices n WHERE n.doc_number = ?`).get(docNumber) as Notice | undefined) ?? null;
    this.byNumber.set(docNumber, n);
    return n;
  }

  private noticeById(id: number): Notice {
    let n = this.byId.get(id);
    if (!n) {
      n = this.statement(`SELECT ${NOTICE_COLUMNS} FROM notices n WHERE n.id = ?`).get(id) as Notice;
      this.byId.set(id, n);
    }
    return n;
  }

  texts(notice: Notice): GazetteText[] {
    const rows = this.statement(`SELECT ${TEXT_COLUMNS} FROM texts WHERE notice_id = ? ORDER BY ord`).all(notice.id) as (Omit<GazetteText, 'repeals'> & {
      repeals: string;
    })[];
    return rows.map((r) => ({ ...r, repeals: JSON.parse(r.repeals) as Repeal[] }));
  }

  textTitles(notice: Notice): TextTitle[] {
    // The columns before `text` in the row, of this notice's rows alone: no body, and no scan of every text.
    return this.statement('SELECT id, role, title, kind FROM texts WHERE notice_id = ? ORDER BY ord').all(notice.id) as TextTitle[];
  }

  titles(notice: Notice): TextTitle[] {
    if (!this.titleCache) {
      this.titleCache = new Map();
      for (const t of this.statement('SELECT id, notice_id AS noticeId, role, title, kind FROM texts ORDER BY notice_id, ord').all() as (TextTitle & {
        noticeId: number;
      })[]) {
        const list = this.titleCache.get(t.noticeId) ?? [];
        list.push({ id: t.id, role: t.role, title: t.title, kind: t.kind });
        this.titleCache.set(t.noticeId, list);
      }
    }
    return this.titleCache.get(notice.id) ?? [];
  }

  outline(text: GazetteText): OutlineEntry[] {
    return this.statement('SELECT locator, heading, depth FROM nodes WHERE text_id = ? ORDER BY ord').all(text.id) as OutlineEntry[];
  }

  paragraphs(text: GazetteText): { locator: string; text: string; page: number | null }[] {
    return this.statement('SELECT locator, text, page_from AS page FROM paragraphs WHERE text_id = ? ORDER BY ord').all(text.id) as {
      locator: string;
      text: string;
      page: number | null;
    }[];
  }

  clause(text: GazetteText, locator: string): Clause | null {
    const node = this.statement('SELECT locator, heading, text, page_from AS pageFrom FROM nodes WHERE text_id = ? AND locator = ?').get(text.id, locator) as
      | Omit<Clause, 'citation'>
      | undefined;
    return node ? { ...node, citation: citationIn(this.noticeById(text.noticeId), text, node.locator, node.pageFrom, node.text) } : null;
  }

  issues(): IssueInfo[] {
    // Counted once per version: every answer names the corpus it comes from (a GROUP BY over every notice).
    this.issueCache ??= this.statement(
      'SELECT i.title, i.source, COUNT(n.id) AS notices, MIN(n.date) AS "from", MAX(n.date) AS "to" FROM issues i LEFT JOIN notices n ON n.issue_id = i.id GROUP BY i.id ORDER BY i.id',
    ).all() as IssueInfo[];
    return this.issueCache;
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
    const cover = [
      n.issuer,
      n.title,
      n.docNumber,
      '',
      n.recipients ? `${n.recipients}：` : '',
      own,
      '',
      n.issuer,
      n.date ?? '',
      n.publicNote ? `（${n.publicNote}）` : '',
    ];
    const issued = texts.filter((t) => t.role !== 'notice').map((t) => `\n${t.role === 'attachment' && t.label ? `${t.label}\n` : ''}${t.title}\n\n${t.text}`);
    return [...cover, ...issued].join('\n');
  }

  questionWords(question: string): { phrases: string[]; unknown: string[] } {
    return this.searcher.questionWords(question);
  }

  /** Loads the search index now rather than on the first question. */
  warmUp(): void {
    this.searcher.warmUp();
  }

  search(question: string, limit: number, docNumber: string | null): { results: SearchHit[]; total: number; closeCall: boolean } {
    const { hits, total, closeCall } = this.searcher.passages(question, limit, docNumber);
    const results = hits.map(({ passage: p, score, quote, answer }) => ({
      text: p.text,
      answer,
      score: Math.round(score * 1000) / 1000,
      citation: citationIn(this.noticeById(p.noticeId), { role: p.role, title: p.textTitle }, p.locator, p.page, quote),
    }));
    return { results, total, closeCall };
  }

  verifyQuote(quote: string, docNumber: string | null): Citation[] {
    return this.searcher.findQuote(quote, docNumber).map((h) => citationIn(this.noticeById(h.text.noticeId), h.text, h.locator, h.page, h.quote));
  }

  /** The tasks of these ids, in the order given. */
  private tasksIn(ids: number[]): TaskRecord[] {
    if (!ids.length) return [];
    // The ids as one JSON array: one prepared statement whatever their number.
    const rows = this.statement(
      `SELECT id, notice_id AS noticeId, task, lead_units AS lead, support_units AS support, implementing_units AS implementing,
         deadline_text AS deadlineText, deadline_date AS deadlineDate, deadline_kind AS deadlineKind, deadline_source AS deadlineSource, start_year AS startYear,
         text_title AS textTitle, text_role AS textRole, locator, page, quote
       FROM tasks WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as TaskRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const r = byId.get(id)!;
      return {
        task: r.task,
        leadUnits: JSON.parse(r.lead) as string[],
        supportUnits: JSON.parse(r.support) as string[],
        implementingUnits: JSON.parse(r.implementing) as string[],
        deadline: r.deadlineText ? { text: r.deadlineText, date: r.deadlineDate, kind: r.deadlineKind, source: r.deadlineSource } : null,
        startYear: r.startYear,
        citation: citationIn(this.noticeById(r.noticeId), { role: r.textRole, title: r.textTitle }, r.locator, r.page, r.quote),
      };
    });
  }

  findTasks(question: string, limit: number): TaskRecord[] {
    return this.tasksIn(this.searcher.tasks(question, limit).map((t) => t.id));
  }

  listTasks(filter: TaskFilter, page: Page): { tasks: TaskRecord[]; total: number } {
    const where: string[] = ['1'];
    const params: unknown[] = [];
    if (filter.units) {
      const roles = unitRoles(filter.role);
      where.push(
        `t.id IN (SELECT task_id FROM task_units WHERE unit IN (${filter.units.map(() => '?').join(',')}) AND role IN (${roles.map(() => '?').join(',')}))`,
      );
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
      ? (this.statement(
          `SELECT COUNT(DISTINCT task_id) FROM task_units WHERE unit IN (${filter.units!.map(() => '?').join(',')}) AND role IN (${unitRoles(filter.role)
            .map(() => '?')
            .join(',')})${dueRange}`,
        )
          .pluck()
          .get(...filter.units!, ...unitRoles(filter.role), ...[filter.dueFrom, filter.dueTo].filter((d) => d !== null)) as number)
      : (this.statement(`SELECT COUNT(*) FROM tasks t WHERE ${condition}`)
          .pluck()
          .get(...params) as number);
    return {
      tasks: this.tasksIn(
        byUnit
          ? this.unitPage(filter, dueRange, page)
          : (this.statement(`SELECT t.id FROM tasks t INDEXED BY tasks_by_due WHERE ${condition} ORDER BY t.due, t.id LIMIT ? OFFSET ?`)
              .pluck()
              .all(...params, page.limit, page.offset) as number[]),
      ),
      total,
    };
  }

  /**
   * A page of a unit filter's tasks by deadline, from the unit index alone: each (unit, role) is
   * a range of it in (due, task) order, so the first offset + limit of each hold the page, merged
   * and deduplicated. (Walking every task in deadline order for a unit's few took 30 ms at 1,000×.)
   */
  private unitPage(filter: TaskFilter, dueRange: string, page: Page): number[] {
    const pairs = filter.units!.flatMap((unit) => unitRoles(filter.role).map((role) => [unit, role]));
    const dues = [filter.dueFrom, filter.dueTo].filter((d) => d !== null);
    const each = `SELECT * FROM (SELECT task_id, due FROM task_units WHERE unit = ? AND role = ?${dueRange} ORDER BY due, task_id LIMIT ?)`;
    return this.statement(`SELECT task_id FROM (${pairs.map(() => each).join(' UNION ')}) ORDER BY due, task_id LIMIT ? OFFSET ?`)
      .pluck()
      .all(...pairs.flatMap((pair) => [...pair, ...dues, page.offset + page.limit]), page.limit, page.offset) as number[];
  }

  units(): string[] {
    // A few hundred names at most, the same for every call on this store.
    this.unitCache ??= this.statement('SELECT DISTINCT unit FROM task_units ORDER BY unit').pluck().all() as string[];
    return this.unitCache;
  }

  appointments(filter: AppointmentFilter, page: Page): { appointments: AppointmentRecord[]; total: number } {
    const where: string[] = ['1'];
    const params: unknown[] = [];
    if (filter.person) {
      where.push('instr(a.person, ?) > 0');
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
    // As the records read below: a probation is set when its kind is (NULL and '' are none).
    if (filter.withProbation) where.push("a.action = 'appoint' AND a.probation_kind <> ''");
    const condition = where.join(' AND ');
    const total = this.statement(`SELECT COUNT(*) FROM appointments a WHERE ${condition}`)
      .pluck()
      .get(...params) as number;
    const rows = this.statement(
      `SELECT a.notice_id AS noticeId, a.person, a.action, a.position, a.basis, a.probation_kind AS kind, a.probation_length AS length, a.probation_start AS start,
           a.probation_end AS end, a.probation_quote AS probationQuote, a.locator, a.page, a.quote
         FROM appointments a WHERE ${condition} ORDER BY a.id LIMIT ? OFFSET ?`,
    ).all(...params, page.limit, page.offset) as Record<string, string | number | null>[];
    const appointments = rows.map((r) => {
      const notice = this.noticeById(r.noticeId as number);
      return {
        person: r.person as string,
        action: r.action as 'appoint' | 'remove',
        position: r.position as string,
        basis: JSON.parse(r.basis as string) as string[],
        probation: r.kind
          ? { kind: r.kind as string, length: r.length as string, start: r.start as string, end: r.end as string, quote: r.probationQuote as string }
          : null,
        docNumber: notice.docNumber,
        date: notice.date,
        citation: citationIn(notice, { role: 'notice', title: notice.title }, r.locator as string, (r.page as number | null) ?? null, r.quote as string),
      };
    });
    return { appointments, total };
  }

  people(limit: number): string[] {
    return this.statement('SELECT DISTINCT person FROM appointments ORDER BY id LIMIT ?').pluck().all(limit) as string[];
  }
}

/** A row of the tasks table, as tasksIn reads it. */
interface TaskRow {
  id: number;
  noticeId: number;
  task: string;
  lead: string;
  support: string;
  implementing: string;
  deadlineText: string | null;
  deadlineDate: string | null;
  deadlineKind: DeadlineKind;
  deadlineSource: TaskDeadline['source'];
  startYear: string | null;
  textTitle: string;
  textRole: GazetteText['role'];
  locator: string;
  page: number | null;
  quote: string;
}

/** The roles a unit filter asks for: lead, support (配合 and 落实), or any. */
function unitRoles(role: TaskFilter['role']): string[] {
  return role === 'lead' ? ['lead'] : role === 'support' ? ['support', 'implementing'] : ['lead', 'support', 'implementing'];
}
