// The SQLite store: one file holding every notice, its texts, outline nodes and paragraphs, the
// search index, plus the ingest report. The published file is never written: every ingest writes a
// new file beside it (a full build from nothing, an update from a copy) and renames it into place,
// so a reader holds one whole version, and a failed or killed ingest leaves the last good file.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, constants, copyFileSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IssueDoc } from '../corpus/issue.js';
import type { OutlineNode, Paragraph } from '../corpus/outline.js';
import { mineAliases } from '../domain/aliases.js';
import { endsSentence, matchKey, titleSubject } from '../domain/text.js';
import { indexIssue, SEARCH_SCHEMA, SEGMENT_ISSUES, SegmentBuilder, unindexIssue, writeSegment } from './search/postings.js';
import { learnVocabulary, teachVocabulary } from './search/tokens.js';

/** Bump when the schema or the parsing changes, so stored databases are rebuilt. */
export const STORE_VERSION = '26';

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE issues (id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, title TEXT, checksum TEXT, passages INTEGER NOT NULL DEFAULT 0, passage_length REAL NOT NULL DEFAULT 0, texts INTEGER NOT NULL DEFAULT 0, tasks INTEGER NOT NULL DEFAULT 0,
  segment INTEGER, passage_from INTEGER, passage_to INTEGER, task_from INTEGER, task_to INTEGER);
CREATE TABLE notices (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL REFERENCES issues(id), ord INTEGER NOT NULL,
  doc_number TEXT NOT NULL UNIQUE, title TEXT NOT NULL, issuer TEXT NOT NULL, date TEXT,
  recipients TEXT, public_note TEXT, page INTEGER,
  unplaced INTEGER NOT NULL DEFAULT 0);
CREATE TABLE texts (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices(id), ord INTEGER NOT NULL,
  role TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, label TEXT, text TEXT NOT NULL,
  valid_from TEXT, valid_until TEXT, repeals TEXT NOT NULL DEFAULT '[]',
  passage_from INTEGER, passage_to INTEGER);
CREATE INDEX texts_by_notice ON texts(notice_id, ord);
CREATE INDEX texts_by_passages ON texts(passage_from);
CREATE INDEX notices_by_issue ON notices(issue_id, ord);
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
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices(id), ord INTEGER NOT NULL,
  task TEXT NOT NULL, lead_units TEXT NOT NULL, support_units TEXT NOT NULL, implementing_units TEXT NOT NULL,
  deadline_text TEXT, deadline_date TEXT, deadline_kind TEXT, deadline_source TEXT, start_year TEXT,
  text_title TEXT NOT NULL, text_role TEXT NOT NULL, locator TEXT NOT NULL, page INTEGER,
  quote TEXT NOT NULL, context TEXT NOT NULL,
  due TEXT GENERATED ALWAYS AS (COALESCE(deadline_date, '9999')) VIRTUAL);
CREATE INDEX tasks_by_due ON tasks(due, id);
CREATE INDEX tasks_by_notice ON tasks(notice_id, ord);
CREATE TABLE task_units (task_id INTEGER NOT NULL REFERENCES tasks(id), unit TEXT NOT NULL, role TEXT NOT NULL, due TEXT NOT NULL);
CREATE INDEX task_units_by_unit ON task_units(unit, role, due, task_id);
CREATE INDEX task_units_by_task ON task_units(task_id);
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices(id), ord INTEGER NOT NULL,
  person TEXT NOT NULL, action TEXT NOT NULL, position TEXT NOT NULL, basis TEXT NOT NULL,
  probation_kind TEXT, probation_length TEXT, probation_start TEXT, probation_end TEXT, probation_quote TEXT,
  locator TEXT NOT NULL, page INTEGER, quote TEXT NOT NULL);
CREATE INDEX appointments_by_person ON appointments(person);
CREATE INDEX appointments_by_notice ON appointments(notice_id, ord);
CREATE INDEX nodes_by_text ON nodes(text_id, ord);
CREATE INDEX passages_by_text ON passages(text_id);
CREATE TABLE aliases (text_id INTEGER NOT NULL REFERENCES texts(id), full TEXT NOT NULL, short TEXT NOT NULL);
CREATE INDEX aliases_by_text ON aliases(text_id);
CREATE TABLE report (
  id INTEGER PRIMARY KEY, issue_id INTEGER, source TEXT NOT NULL, kind TEXT NOT NULL, src_line INTEGER,
  page INTEGER, message TEXT NOT NULL);
CREATE INDEX report_by_issue ON report(issue_id);
${SEARCH_SCHEMA}`;

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
        // A table row is a fact however short (序号：合计；计划投资（万元）：60611.48), never a heading.
        if (node.type === 'row' || !isHeadingOnly(node.text)) out.push({ locator: node.locator, text: node.text, page: node.pageFrom });
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
  const headings = new Set<string>();
  const collect = (nodes: OutlineNode[]): void => {
    for (const n of nodes) {
      headings.add(n.heading);
      collect(n.children);
    }
  };
  collect(outline);
  for (const p of paragraphs) {
    if (!nodeLocators.has(p.locator) && !isHeadingOnly(p.text)) out.push({ locator: p.locator, text: p.text, page: p.pageFrom });
  }
  // Every word of the text is indexed: a paragraph no passage holds and no heading names (a table's
  // header row) is a passage of its own, so a quotation of it is found.
  let held = out.map((o) => matchKey(o.text)).join('\n');
  const named = [...headings].map(matchKey);
  for (const p of paragraphs) {
    const words = matchKey(p.text);
    if (!words || held.includes(words) || named.some((h) => words.includes(h) && h.length >= words.length - 4)) continue;
    out.push({ locator: p.locator, text: p.text, page: p.pageFrom });
    held += `\n${words}`;
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

/** How a writer changes the store: a new file built from nothing, or a copy of the published one updated. */
export type WriteMode = 'build' | 'update';

/**
 * Writes issues into the store, one at a time, nothing of an issue kept in memory once it is
 * written, into a private file beside the published one (a build's empty, an update's a copy of
 * the published file) that commit renames into place. A reader never sees a file being written.
 */
export class StoreWriter {
  private noticeOrd: number;
  private readonly ins: Record<string, Database.Statement>;
  /** The postings of the issues added since the last segment was written. */
  private segment = new SegmentBuilder();

  private constructor(
    private readonly db: Database.Database,
    private readonly mode: WriteMode,
    private readonly tmp: string,
    private readonly dbPath: string,
    private readonly unlock: () => void,
  ) {
    const prep = (sql: string) => db.prepare(sql);
    this.noticeOrd = ((db.prepare('SELECT MAX(ord) FROM notices').pluck().get() as number | null) ?? -1) + 1;
    this.ins = {
      meta: prep('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      issue: prep('INSERT INTO issues (source, sha256, title) VALUES (?, ?, ?)'),
      checksum: prep('UPDATE issues SET checksum = ? WHERE id = ?'),
      notice: prep(
        'INSERT INTO notices (issue_id, ord, doc_number, title, issuer, date, recipients, public_note, page, unplaced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      text: prep('INSERT INTO texts (notice_id, ord, role, title, kind, label, text, valid_from, valid_until, repeals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      textPassages: prep('UPDATE texts SET passage_from = ?, passage_to = ? WHERE id = ?'),
      node: prep(
        'INSERT INTO nodes (text_id, ord, parent_id, locator, type, heading, depth, own_text, text, page_from, page_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      paragraph: prep('INSERT INTO paragraphs (text_id, ord, locator, text, page_from, page_to) VALUES (?, ?, ?, ?, ?, ?)'),
      report: prep('INSERT INTO report (issue_id, source, kind, src_line, page, message) VALUES (?, ?, ?, ?, ?, ?)'),
      passage: prep('INSERT INTO passages (text_id, locator, text, page, context) VALUES (?, ?, ?, ?, ?)'),
      task: prep(
        `INSERT INTO tasks (notice_id, ord, task, lead_units, support_units, implementing_units, deadline_text, deadline_date, deadline_kind,
           deadline_source, start_year, text_title, text_role, locator, page, quote, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      taskUnit: prep('INSERT INTO task_units (task_id, unit, role, due) VALUES (?, ?, ?, ?)'),
      appointment: prep(
        `INSERT INTO appointments (notice_id, ord, person, action, position, basis, probation_kind, probation_length, probation_start, probation_end,
           probation_quote, locator, page, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      learned: prep('INSERT OR IGNORE INTO learned_words (word) VALUES (?)'),
      alias: prep('INSERT INTO aliases (text_id, full, short) VALUES (?, ?, ?)'),
    };
  }

  /** A new store built from nothing, published by commit. */
  static create(dbPath: string): StoreWriter {
    return StoreWriter.open(dbPath, 'build');
  }

  /**
   * Next month's issue: a copy of the published file (a reflink where the file system has them),
   * updated and published by commit. Words learned from the issues already stored are taught to
   * the segmenter first, so new issues are cut as the old ones were.
   */
  static update(dbPath: string): StoreWriter {
    return StoreWriter.open(dbPath, 'update');
  }

  private static open(dbPath: string, mode: WriteMode): StoreWriter {
    const tmp = `${dbPath}.tmp-${process.pid}-${Date.now()}`;
    let unlock: () => void;
    try {
      mkdirSync(dirname(dbPath), { recursive: true });
      unlock = lockWriters(dbPath);
    } catch (err) {
      throw new Error(`cannot write a database in ${dirname(dbPath)}: ${(err as Error).message}`);
    }
    let db: Database.Database | null = null;
    try {
      if (mode === 'update') copyFileSync(dbPath, tmp, constants.COPYFILE_FICLONE);
      db = new Database(tmp);
      // A private file until it is published: nothing to roll back to, so the journal stays in
      // memory and a killed ingest leaves only the temp file (removed by the next one); the file
      // is synced once, before it is published.
      db.pragma('journal_mode = MEMORY');
      db.pragma('synchronous = OFF');
      if (mode === 'build') db.exec(SCHEMA);
      else teachVocabulary(db.prepare('SELECT word FROM learned_words').pluck().all() as string[]);
      db.exec('BEGIN');
      return new StoreWriter(db, mode, tmp, dbPath, unlock);
    } catch (err) {
      db?.close();
      rmSync(tmp, { force: true });
      unlock();
      throw err;
    }
  }

  /** The issues stored, by file name, with the hash of the content each was read from. */
  stored(): Map<string, { id: number; sha256: string }> {
    const rows = this.db.prepare('SELECT id, source, sha256 FROM issues').all() as { id: number; source: string; sha256: string }[];
    return new Map(rows.map((r) => [r.source, { id: r.id, sha256: r.sha256 }]));
  }

  /** The 文号 already stored, and the file each came from (a reprint elsewhere is not stored twice). */
  docNumbers(): Map<string, string> {
    const rows = this.db.prepare('SELECT n.doc_number AS docNumber, i.source FROM notices n JOIN issues i ON i.id = n.issue_id').all() as {
      docNumber: string;
      source: string;
    }[];
    return new Map(rows.map((r) => [r.docNumber, r.source]));
  }

  /** Files of issues that held a reprint of another issue's 文号 (read again when that issue changes). */
  sourcesWithDuplicates(): string[] {
    return this.db.prepare("SELECT DISTINCT i.source FROM report r JOIN issues i ON i.id = r.issue_id WHERE r.kind = 'duplicate'").pluck().all() as string[];
  }

  /** A report row for the corpus as a whole (a skipped file), or for an issue. */
  addReport(r: ReportRow, issueId: number | null = null): void {
    this.ins.report.run(issueId, r.source, r.kind, r.srcLine, r.page, r.message);
  }

  /** Replaces the rows for the corpus as a whole (files skipped), which every ingest states afresh. */
  clearCorpusReport(): void {
    this.db.prepare('DELETE FROM report WHERE issue_id IS NULL').run();
  }

  /** Removes one issue: its notices and everything under them, its report and its part of the index. */
  removeIssue(issueId: number): void {
    unindexIssue(this.db, issueId);
    const notices = 'SELECT id FROM notices WHERE issue_id = ?';
    const texts = `SELECT id FROM texts WHERE notice_id IN (${notices})`;
    const tasks = `SELECT id FROM tasks WHERE notice_id IN (${notices})`;
    for (const sql of [
      `DELETE FROM task_units WHERE task_id IN (${tasks})`,
      `DELETE FROM tasks WHERE notice_id IN (${notices})`,
      `DELETE FROM appointments WHERE notice_id IN (${notices})`,
      `DELETE FROM passages WHERE text_id IN (${texts})`,
      `DELETE FROM aliases WHERE text_id IN (${texts})`,
      `DELETE FROM paragraphs WHERE text_id IN (${texts})`,
      `DELETE FROM nodes WHERE text_id IN (${texts})`,
      `DELETE FROM texts WHERE notice_id IN (${notices})`,
      'DELETE FROM notices WHERE issue_id = ?',
      'DELETE FROM report WHERE issue_id = ?',
      'DELETE FROM issues WHERE id = ?',
    ]) {
      this.db.prepare(sql).run(issueId);
    }
  }

  /** Stores one parsed issue and indexes it; returns its id. */
  addIssue(doc: IssueDoc, sha256: string, duplicates: ReportRow[] = []): number {
    const { ins } = this;
    const issueId = Number(ins.issue.run(doc.source, sha256, doc.issueTitle).lastInsertRowid);
    for (const r of duplicates) this.addReport(r, issueId);
    for (const r of doc.routes) ins.report.run(issueId, doc.source, r.kind, r.lineNo, r.page, r.message);
    for (const u of doc.unplaced) ins.report.run(issueId, doc.source, `unplaced:${u.kind}`, u.lineNo, u.page, u.message);
    for (const n of doc.notices) {
      const noticeId = ins.notice.run(
        issueId,
        this.noticeOrd++,
        n.docNumber,
        n.title,
        n.issuer,
        n.date,
        n.recipients,
        n.publicNote,
        n.page,
        n.unplaced.length,
      ).lastInsertRowid;
      for (const u of n.unplaced) ins.report.run(issueId, doc.source, `unplaced:${u.kind}`, u.lineNo, u.page, u.message);
      for (const w of n.warnings) ins.report.run(issueId, doc.source, `warning:${w.kind}`, w.lineNo, w.page, w.message);
      n.tasks.forEach((task, ord) => {
        const d = task.deadline;
        const taskId = ins.task.run(
          noticeId,
          ord,
          task.task,
          JSON.stringify(task.leadUnits),
          JSON.stringify(task.supportUnits),
          JSON.stringify(task.implementingUnits),
          d?.text ?? null,
          d?.date ?? null,
          d?.kind ?? null,
          d?.source ?? null,
          task.startYear,
          task.textTitle,
          task.textRole,
          task.locator,
          task.page,
          task.quote,
          task.context,
        ).lastInsertRowid;
        for (const [role, units] of [
          ['lead', task.leadUnits],
          ['support', task.supportUnits],
          ['implementing', task.implementingUnits],
        ] as const) {
          // The deadline beside the unit, so a unit's tasks are counted by due date from one index.
          for (const unit of units) ins.taskUnit.run(taskId, unit, role, d?.date ?? '9999');
        }
      });
      n.appointments.forEach((a, ord) => {
        const pr = a.probation;
        ins.appointment.run(
          noticeId,
          ord,
          a.person,
          a.action,
          a.position,
          JSON.stringify(a.basis),
          pr?.kind ?? null,
          pr?.length ?? null,
          pr?.start ?? null,
          pr?.end ?? null,
          pr?.quote ?? null,
          a.locator,
          a.page,
          a.quote,
        );
      });
      const texts = [{ ...n.body, title: n.title, validFrom: null, validUntil: null, repeals: [] }, ...n.parts];
      texts.forEach((t, ord) => {
        const textId = ins.text.run(
          noticeId,
          ord,
          t.role,
          t.title,
          t.kind,
          t.label,
          t.text,
          t.validFrom,
          t.validUntil,
          JSON.stringify(t.repeals),
        ).lastInsertRowid;
        for (const a of mineAliases(t.text)) ins.alias.run(textId, a.full, a.short);
        let nodeOrd = 0;
        const headings = new Map<string, string>();
        const walk = (nodes: OutlineNode[], parent: number | bigint | null, above: string) => {
          for (const node of nodes) {
            const id = ins.node.run(
              textId,
              nodeOrd++,
              parent,
              node.locator,
              node.type,
              node.heading,
              node.depth,
              node.ownText,
              node.text,
              node.pageFrom,
              node.pageTo,
            ).lastInsertRowid;
            const chain = `${above} ${node.heading}`;
            headings.set(node.locator, chain);
            walk(node.children, id, chain);
          }
        };
        // The context names the text by its subject: a status in brackets (（试行）) is left out.
        const title = titleSubject(t.role === 'part' ? t.title : n.title);
        walk(t.outline, null, title);
        t.paragraphs.forEach((p, k) => ins.paragraph.run(textId, k, p.locator, p.text, p.pageFrom, p.pageTo));
        // A text's passages take consecutive ids: the index finds them all by their range.
        const ids = passagesOf(t.outline, t.paragraphs).map((p) =>
          Number(ins.passage.run(textId, p.locator, p.text, p.page, `${n.docNumber} ${headings.get(p.locator) ?? title}`).lastInsertRowid),
        );
        if (ids.length) ins.textPassages.run(ids[0], ids[ids.length - 1], textId);
      });
    }
    // The segmenter learns the issue's own unit names and recurring pairs before it is indexed.
    const passages = this.db
      .prepare('SELECT p.text FROM passages p JOIN texts t ON t.id = p.text_id JOIN notices n ON n.id = t.notice_id WHERE n.issue_id = ? ORDER BY p.id')
      .pluck();
    for (const word of learnVocabulary(passages.iterate(issueId) as Iterable<string>)) ins.learned.run(word);
    indexIssue(this.db, issueId, this.segment);
    // A build writes a segment every SEGMENT_ISSUES issues; an update writes its issues as one.
    if (this.mode === 'build' && this.segment.issues.length >= SEGMENT_ISSUES) this.flushSegment();
    this.ins.checksum.run(issueChecksum(this.db, issueId), issueId);
    return issueId;
  }

  private flushSegment(): void {
    writeSegment(this.db, this.segment);
    this.segment = new SegmentBuilder();
  }

  /** Writes the meta data and publishes the file: readers see the new version whole, or the old one. */
  commit(meta: Record<string, string>): void {
    try {
      this.flushSegment();
      for (const [key, value] of Object.entries({ ...meta, store_version: STORE_VERSION })) this.ins.meta.run(key, value);
      this.db.exec('COMMIT');
      this.db.close();
      // On disk before it is named: a crash after the rename must not publish a torn file.
      const fd = openSync(this.tmp, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(this.tmp, this.dbPath);
      this.unlock();
    } catch (err) {
      this.abandon();
      throw err;
    }
  }

  /** Drops what this writer did; the published file stays as it was. */
  abandon(): void {
    if (this.db.open) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.close();
    }
    rmSync(this.tmp, { force: true });
    this.unlock();
  }
}

/** The tables holding an issue's text and facts, each with the rows of one issue in a stable order. */
const ISSUE_ROWS: [string, string][] = (() => {
  const notices = 'SELECT id FROM notices WHERE issue_id = ?';
  const texts = `SELECT id FROM texts WHERE notice_id IN (${notices})`;
  const tasks = `SELECT id FROM tasks WHERE notice_id IN (${notices})`;
  return [
    ['issues', 'SELECT source, sha256, title FROM issues WHERE id = ?'],
    ['notices', 'SELECT * FROM notices WHERE issue_id = ? ORDER BY id'],
    ['texts', `SELECT * FROM texts WHERE notice_id IN (${notices}) ORDER BY id`],
    ['nodes', `SELECT * FROM nodes WHERE text_id IN (${texts}) ORDER BY id`],
    ['paragraphs', `SELECT * FROM paragraphs WHERE text_id IN (${texts}) ORDER BY id`],
    ['passages', `SELECT * FROM passages WHERE text_id IN (${texts}) ORDER BY id`],
    ['aliases', `SELECT * FROM aliases WHERE text_id IN (${texts}) ORDER BY rowid`],
    ['tasks', `SELECT * FROM tasks WHERE notice_id IN (${notices}) ORDER BY id`],
    ['task_units', `SELECT * FROM task_units WHERE task_id IN (${tasks}) ORDER BY rowid`],
    ['appointments', `SELECT * FROM appointments WHERE notice_id IN (${notices}) ORDER BY id`],
    ['report', 'SELECT * FROM report WHERE issue_id = ? ORDER BY id'],
  ];
})();

/**
 * The hash of an issue's stored text and facts, row by row. SQLite's own checks see pages, not
 * values: a byte changed inside a row (53.29 read as 93.29) passes them and only this finds it.
 */
export function issueChecksum(db: Database.Database, issueId: number): string {
  const h = createHash('sha256');
  for (const [table, sql] of ISSUE_ROWS) {
    h.update(`${table}\n`);
    for (const row of db.prepare(sql).raw().iterate(issueId)) h.update(`${JSON.stringify(row)}\n`);
  }
  return h.digest('hex');
}

/**
 * One writer at a time per database: two ingests that each copied the published file would each
 * publish without the other's issues. A lock left by a process that is gone is taken over.
 */
function lockWriters(dbPath: string): () => void {
  const lock = `${dbPath}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (holder && processAlive(holder)) throw new Error(`another ingest (process ${holder}) is writing ${dbPath}; try again when it has finished`);
      rmSync(lock, { force: true });
    }
  }
}

/** Whether a process runs (one we may not signal runs too). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a complete database from issues already parsed (tests, small corpora). */
export function writeDatabase(dbPath: string, issues: { doc: IssueDoc; sha256: string }[], extraReport: ReportRow[], meta: Record<string, string>): void {
  const writer = StoreWriter.create(dbPath);
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
