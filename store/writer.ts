// The SQLite store: one file holding every notice, its texts, outline nodes and paragraphs, plus
// the ingest report. It is always written whole into a temp file and swapped in, so a reader
// never sees half a corpus and a failed ingest leaves the last good file in place.
import Database from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IssueDoc } from '../corpus/issue.js';
import type { OutlineNode, Paragraph } from '../corpus/outline.js';
import { endsSentence, titleSubject } from '../domain/text.js';
import { writeSearchIndex } from './search/index.js';

/** Bump when the schema or the parsing changes, so stored databases are rebuilt. */
export const STORE_VERSION = '9';

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE issues (id INTEGER PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT NOT NULL, title TEXT);
CREATE TABLE notices (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL REFERENCES issues(id), ord INTEGER NOT NULL,
  doc_number TEXT NOT NULL UNIQUE, title TEXT NOT NULL, issuer TEXT NOT NULL, date TEXT,
  recipients TEXT, public_note TEXT, page INTEGER,
  unplaced INTEGER NOT NULL DEFAULT 0);
CREATE TABLE texts (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices(id), ord INTEGER NOT NULL,
  role TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, label TEXT, text TEXT NOT NULL,
  valid_from TEXT, valid_until TEXT, repeals TEXT NOT NULL DEFAULT '[]');
CREATE TABLE nodes (
  id INTEGER PRIMARY KEY, text_id INTEGER NOT NULL REFERENCES texts(id), ord INTEGER NOT NULL,
  parent_id INTEGER REFERENCES nodes(id), locator TEXT NOT NULL, type TEXT NOT NULL,
  heading TEXT NOT NULL, depth INTEGER NOT NULL, own_text TEXT NOT NULL, text TEXT NOT NULL,
  page_from INTEGER, page_to INTEGER);
CREATE INDEX nodes_by_locator ON nodes(text_id, locator);
CREATE TABLE paragraphs (
  id INTEGER PRIMARY KEY, text_id INTEGER NOT NULL REFERENCES texts(id), ord INTEGER NOT NULL,
  locator TEXT NOT NULL, text TEXT NOT NULL, page_from INTEGER, page_to INTEGER);
CREATE INDEX paragraphs_by_text ON paragraphs(text_id, ord);
CREATE TABLE passages (
  id INTEGER PRIMARY KEY, text_id INTEGER NOT NULL REFERENCES texts(id),
  locator TEXT NOT NULL, text TEXT NOT NULL, page INTEGER,
  context TEXT NOT NULL, length REAL NOT NULL DEFAULT 0);
CREATE TABLE search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, postings BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices(id), ord INTEGER NOT NULL,
  task TEXT NOT NULL, lead_units TEXT NOT NULL, support_units TEXT NOT NULL, implementing_units TEXT NOT NULL,
  deadline_text TEXT, deadline_date TEXT, deadline_kind TEXT, deadline_source TEXT, start_year TEXT,
  text_title TEXT NOT NULL, text_role TEXT NOT NULL, locator TEXT NOT NULL, page INTEGER,
  quote TEXT NOT NULL, context TEXT NOT NULL);
CREATE INDEX tasks_by_deadline ON tasks(deadline_date);
CREATE TABLE task_units (task_id INTEGER NOT NULL REFERENCES tasks(id), unit TEXT NOT NULL, role TEXT NOT NULL);
CREATE INDEX task_units_by_unit ON task_units(unit, role);
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices(id), ord INTEGER NOT NULL,
  person TEXT NOT NULL, action TEXT NOT NULL, position TEXT NOT NULL, basis TEXT NOT NULL,
  probation_kind TEXT, probation_length TEXT, probation_start TEXT, probation_end TEXT, probation_quote TEXT,
  locator TEXT NOT NULL, page INTEGER, quote TEXT NOT NULL);
CREATE INDEX appointments_by_person ON appointments(person);
CREATE TABLE report (
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL, src_line INTEGER,
  page INTEGER, message TEXT NOT NULL);
`;

/** A paragraph that is only a heading ("二、主要任务"): its words rank the passages under it instead. */
function isHeadingOnly(text: string): boolean {
  return text.length <= 30 && !endsSentence(text) && !text.includes('。');
}

// A node this short is quoted whole, with its items: 第四条 and its four 情形 answer one question.
const WHOLE_NODE_CHARS = 300;

/**
 * Search passages: outline nodes, small enough to quote and never crossing texts. A short node is
 * one passage; a long one gives its own paragraphs and then its children. Text before the first
 * heading is searched paragraph by paragraph.
 */
function passagesOf(outline: OutlineNode[], paragraphs: Paragraph[]): { locator: string; text: string; page: number | null }[] {
  const out: { locator: string; text: string; page: number | null }[] = [];
  const nodeLocators = new Set<string>();
  const walk = (nodes: OutlineNode[]) => {
    for (const node of nodes) {
      nodeLocators.add(node.locator);
      // A lead-in (…报酬标准：) means nothing without its items: the node stays whole up to twice the length.
      const leadIn = /[：:]$/.test(node.ownText.trim());
      if (node.text.length <= WHOLE_NODE_CHARS || (leadIn && node.text.length <= 2 * WHOLE_NODE_CHARS)) {
        if (!isHeadingOnly(node.text)) out.push({ locator: node.locator, text: node.text, page: node.pageFrom });
        node.children.forEach((c) => markAll(c));
        continue;
      }
      if (node.ownText && !isHeadingOnly(node.ownText)) out.push({ locator: node.locator, text: node.ownText, page: node.pageFrom });
      walk(node.children);
    }
  };
  const markAll = (node: OutlineNode): void => {
    nodeLocators.add(node.locator);
    node.children.forEach(markAll);
  };
  walk(outline);
  for (const p of paragraphs) {
    if (!nodeLocators.has(p.locator) && !isHeadingOnly(p.text)) out.push({ locator: p.locator, text: p.text, page: p.pageFrom });
  }
  return out;
}

export interface ReportRow {
  source: string;
  kind: string;
  srcLine: number | null;
  page: number | null;
  message: string;
}

/**
 * Writes a database issue by issue into a temp file, then swaps it in whole: nothing of an issue
 * stays in memory once it is written, so a large corpus streams through.
 */
export class StoreWriter {
  private noticeOrd = 0;
  private readonly ins: Record<string, Database.Statement>;

  private constructor(
    private readonly db: Database.Database,
    private readonly tmp: string,
    private readonly dbPath: string,
  ) {
    const prep = (sql: string) => db.prepare(sql);
    this.ins = {
      meta: prep('INSERT INTO meta (key, value) VALUES (?, ?)'),
      issue: prep('INSERT INTO issues (source, sha256, title) VALUES (?, ?, ?)'),
      notice: prep('INSERT INTO notices (issue_id, ord, doc_number, title, issuer, date, recipients, public_note, page, unplaced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      text: prep('INSERT INTO texts (notice_id, ord, role, title, kind, label, text, valid_from, valid_until, repeals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      node: prep('INSERT INTO nodes (text_id, ord, parent_id, locator, type, heading, depth, own_text, text, page_from, page_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      paragraph: prep('INSERT INTO paragraphs (text_id, ord, locator, text, page_from, page_to) VALUES (?, ?, ?, ?, ?, ?)'),
      report: prep('INSERT INTO report (source, kind, src_line, page, message) VALUES (?, ?, ?, ?, ?)'),
      passage: prep('INSERT INTO passages (text_id, locator, text, page, context) VALUES (?, ?, ?, ?, ?)'),
      task: prep(
        `INSERT INTO tasks (notice_id, ord, task, lead_units, support_units, implementing_units, deadline_text, deadline_date, deadline_kind,
           deadline_source, start_year, text_title, text_role, locator, page, quote, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      taskUnit: prep('INSERT INTO task_units (task_id, unit, role) VALUES (?, ?, ?)'),
      appointment: prep(
        `INSERT INTO appointments (notice_id, ord, person, action, position, basis, probation_kind, probation_length, probation_start, probation_end,
           probation_quote, locator, page, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  static open(dbPath: string): StoreWriter {
    const tmp = `${dbPath}.tmp-${process.pid}-${Date.now()}`;
    let db: Database.Database;
    try {
      mkdirSync(dirname(dbPath), { recursive: true });
      db = new Database(tmp);
    } catch (err) {
      throw new Error(`cannot write a database in ${dirname(dbPath)}: ${(err as Error).message}`);
    }
    try {
      // A private temp file: nothing to roll back to, so the journal stays in memory and no
      // -journal file is left if the build is killed (OFF is refused by defensive builds).
      db.pragma('journal_mode = MEMORY');
      db.pragma('synchronous = OFF');
      db.exec(SCHEMA);
      db.exec('BEGIN');
      return new StoreWriter(db, tmp, dbPath);
    } catch (err) {
      db.close();
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  addReport(r: ReportRow): void {
    this.ins.report.run(r.source, r.kind, r.srcLine, r.page, r.message);
  }

  addIssue(doc: IssueDoc, sha256: string): void {
    const { ins } = this;
    const issueId = ins.issue.run(doc.source, sha256, doc.issueTitle).lastInsertRowid;
    for (const r of doc.routes) ins.report.run(doc.source, r.kind, r.lineNo, r.page, r.message);
    for (const u of doc.unplaced) ins.report.run(doc.source, `unplaced:${u.kind}`, u.lineNo, u.page, u.message);
    for (const n of doc.notices) {
      const noticeId = ins.notice.run(issueId, this.noticeOrd++, n.docNumber, n.title, n.issuer, n.date, n.recipients, n.publicNote, n.page, n.unplaced.length).lastInsertRowid;
      for (const u of n.unplaced) ins.report.run(doc.source, `unplaced:${u.kind}`, u.lineNo, u.page, u.message);
      for (const w of n.warnings) ins.report.run(doc.source, `warning:${w.kind}`, w.lineNo, w.page, w.message);
      n.tasks.forEach((task, ord) => {
        const d = task.deadline;
        const taskId = ins.task.run(
          noticeId, ord, task.task, JSON.stringify(task.leadUnits), JSON.stringify(task.supportUnits), JSON.stringify(task.implementingUnits),
          d?.text ?? null, d?.date ?? null, d?.kind ?? null, d?.source ?? null, task.startYear, task.textTitle, task.textRole, task.locator, task.page, task.quote, task.context,
        ).lastInsertRowid;
        for (const [role, units] of [['lead', task.leadUnits], ['support', task.supportUnits], ['implementing', task.implementingUnits]] as const) {
          for (const unit of units) ins.taskUnit.run(taskId, unit, role);
        }
      });
      n.appointments.forEach((a, ord) => {
        const pr = a.probation;
        ins.appointment.run(noticeId, ord, a.person, a.action, a.position, JSON.stringify(a.basis), pr?.kind ?? null, pr?.length ?? null, pr?.start ?? null, pr?.end ?? null, pr?.quote ?? null, a.locator, a.page, a.quote);
      });
      const texts = [{ ...n.body, title: n.title, validFrom: null, validUntil: null, repeals: [] }, ...n.parts];
      texts.forEach((t, ord) => {
        const textId = ins.text.run(noticeId, ord, t.role, t.title, t.kind, t.label, t.text, t.validFrom, t.validUntil, JSON.stringify(t.repeals)).lastInsertRowid;
        let nodeOrd = 0;
        const headings = new Map<string, string>();
        const walk = (nodes: OutlineNode[], parent: number | bigint | null, above: string) => {
          for (const node of nodes) {
            const id = ins.node.run(textId, nodeOrd++, parent, node.locator, node.type, node.heading, node.depth, node.ownText, node.text, node.pageFrom, node.pageTo).lastInsertRowid;
            const chain = `${above} ${node.heading}`;
            headings.set(node.locator, chain);
            walk(node.children, id, chain);
          }
        };
        // The context names the text by its subject: a status in brackets (（试行）) is left out.
        const title = titleSubject(t.role === 'part' ? t.title : n.title);
        walk(t.outline, null, title);
        t.paragraphs.forEach((p, k) => ins.paragraph.run(textId, k, p.locator, p.text, p.pageFrom, p.pageTo));
        for (const p of passagesOf(t.outline, t.paragraphs)) ins.passage.run(textId, p.locator, p.text, p.page, `${n.docNumber} ${headings.get(p.locator) ?? title}`);
      });
    }
  }

  /** Builds the search index, writes the meta data and swaps the new database in. */
  commit(meta: Record<string, string>): void {
    try {
      writeSearchIndex(this.db);
      for (const [key, value] of Object.entries({ ...meta, store_version: STORE_VERSION })) this.ins.meta.run(key, value);
      this.db.exec('COMMIT');
      this.db.close();
      renameSync(this.tmp, this.dbPath);
    } catch (err) {
      this.abandon();
      throw err;
    }
  }

  /** Drops the half-written database; the last good one stays. */
  abandon(): void {
    if (this.db.open) this.db.close();
    rmSync(this.tmp, { force: true });
  }
}

/** Writes a complete database from issues already parsed (tests, small corpora). */
export function writeDatabase(dbPath: string, issues: { doc: IssueDoc; sha256: string }[], extraReport: ReportRow[], meta: Record<string, string>): void {
  const writer = StoreWriter.open(dbPath);
  try {
    for (const { doc, sha256 } of issues) writer.addIssue(doc, sha256);
    for (const r of extraReport) writer.addReport(r);
  } catch (err) {
    writer.abandon();
    throw err;
  }
  writer.commit(meta);
}

/** Reads a stored value from the meta table, or null when the file is missing or not ours. */
export function readMeta(dbPath: string, key: string): string | null {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
      return row?.value ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
