// One gazette issue: extracted text → notices with their texts, outlines and facts, and an audit
// of every fact-bearing marker: what was found, what a fact took, and what could not be placed.
import type { NoticeInfo } from '../domain/reader.js';
import { statedRepeals, statedValidity, type Repeal } from '../domain/validity.js';
import { addCounts, emptyCounts, hiddenMarkers, type AuditCounts, type AuditKind, type Unplaced } from './audit.js';
import { extractAppointments, type Appointment } from './facts/appointments.js';
import { strayNoteClosers, unclosedNotes } from './facts/responsibility.js';
import { extractTasks, type Task } from './facts/tasks.js';
import { readLayout, type Furniture, type IssueLayout } from './layout.js';
import { buildText, walkOutline, type BuiltText, type NoticeTexts } from './outline.js';
import { routeIssue, UNPLACED_REPORT_KINDS, type ReportItem, type ReportKind, type RoutedText } from './routing.js';

export interface PartDoc extends BuiltText {
  validFrom: string | null;
  validUntil: string | null;
  /** Texts this one says it replaces (…同时废止). */
  repeals: Repeal[];
}

export interface NoticeDoc extends NoticeInfo, NoticeTexts {
  parts: PartDoc[];
  /** Who leads what, from its responsibility notes and task tables. */
  tasks: Task[];
  /** 任免: who was appointed to or removed from what, with probation periods. */
  appointments: Appointment[];
  /** Fact markers in this notice that no fact took: its answers may be incomplete. */
  unplaced: Unplaced[];
  /** Read as printed, but worth a look (a numbering that skips, a cover without signature). */
  warnings: Unplaced[];
}

export interface IssueDoc {
  source: string;
  issueTitle: string | null;
  pagesKnown: boolean;
  notices: NoticeDoc[];
  furniture: Furniture[];
  /** Reading-order jumps routing made. */
  routes: ReportItem[];
  /** Found and placed, per kind of marker, over the whole issue. */
  audit: AuditCounts;
  /** Unplaced items no notice owns (text before the first notice, a notice without its 文号). */
  unplaced: Unplaced[];
}

const ROUTING_KINDS: Partial<Record<ReportKind, AuditKind>> = { unplaced: 'text', header: 'header', title: 'text', cover: 'header' };

function linesOf(t: RoutedText, into: (lineNo: number) => void): void {
  for (const l of t.lines) into(l.lineNo);
  for (const a of t.attachments) linesOf(a, into);
}

/** Characters named by their code points (U+034F), so that an invisible one shows in a report. */
function codePoints(chars: string): string {
  return [...chars].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/** One issue from its extracted text. */
export function parseIssue(text: string, source: string): IssueDoc {
  return parseLayout(readLayout(text), source);
}

/** One issue from its printed lines, however they were read (text: readLayout; a PDF: readPdfLayout). */
export function parseLayout(layout: IssueLayout, source: string): IssueDoc {
  const routed = routeIssue(layout.lines);
  const audit = emptyCounts();
  addCounts(audit, { header: routed.headers });
  // Which notice each line was routed to, so a report about a line is a report about its notice.
  const owner = new Map<number, string>();
  for (const n of routed.notices) for (const t of [n.body, ...n.parts]) linesOf(t, (lineNo) => owner.set(lineNo, n.header.docNumber));

  const notices = routed.notices.map((n): NoticeDoc => {
    const texts = {
      docNumber: n.header.docNumber,
      title: n.header.title,
      date: n.date,
      body: buildText(n.body),
      parts: n.parts.map((p): PartDoc => {
        const built = buildText(p);
        return { ...built, ...statedValidity(built.text, n.date), repeals: statedRepeals(built.text) };
      }),
    };
    const tasks = extractTasks(texts);
    const appointed = extractAppointments(texts);
    const unplaced: Unplaced[] = [...tasks.unplaced, ...appointed.unplaced];
    const warnings: Unplaced[] = [];
    for (const t of [texts.body, ...texts.parts]) {
      const foreign = t.problems.filter((p) => p.kind === 'foreign').length;
      const noise = t.problems.filter((p) => p.kind === 'noise').length;
      addCounts(audit, {
        outline: { found: t.markers, placed: t.markers - foreign },
        text: { found: t.paragraphs.length + noise, placed: t.paragraphs.length },
      });
      for (const p of t.problems) {
        const item: Unplaced = { kind: p.kind === 'noise' ? 'text' : 'outline', lineNo: p.lineNo, page: p.page, message: `${texts.docNumber} ${p.message}` };
        // A table whose cells could not be told apart is read as printed (its rows whole, without column names): worth a look.
        (p.kind === 'gap' || p.kind === 'table' ? warnings : unplaced).push(item);
      }
    }
    addCounts(audit, { responsibility: tasks.count, appointment: appointed.count });
    return {
      ...texts,
      issuer: n.header.issuers.join('、'),
      recipients: n.recipients,
      publicNote: n.publicNote,
      page: n.header.page,
      tasks: tasks.tasks,
      appointments: appointed.appointments,
      unplaced,
      warnings,
    };
  });

  const unowned: Unplaced[] = [];
  for (const r of routed.report) {
    const kind = ROUTING_KINDS[r.kind];
    if (!kind) continue;
    const item: Unplaced = { kind, lineNo: r.lineNo, page: r.page, message: r.message };
    const notice = notices.find((n) => n.docNumber === (owner.get(r.lineNo) ?? r.message.match(/^(\S+?〔\d{4}〕\d+号)[:\s]/)?.[1]));
    if (!UNPLACED_REPORT_KINDS.has(r.kind)) (notice?.warnings ?? []).push(item);
    else if (notice) notice.unplaced.push(item);
    else unowned.push(item);
    if (kind === 'text' && UNPLACED_REPORT_KINDS.has(r.kind)) audit.text.found++;
  }
  // A table (an attachment titled …表) with words but no row read: an extractor that printed it
  // column by column, or lost its 序号 header, has lost every row's facts.
  for (const n of notices) {
    const texts = (t: BuiltText): BuiltText[] => [t, ...t.attachments.flatMap(texts)];
    for (const t of [n.body, ...n.parts].flatMap(texts)) {
      if (t.role !== 'attachment' || !/表$/.test(t.title) || !t.paragraphs.length || [...walkOutline(t.outline)].some((o) => o.type === 'row')) continue;
      const first = t.paragraphs[0];
      n.unplaced.push({
        kind: 'text',
        lineNo: first.lineFrom,
        page: first.pageFrom,
        message: `${n.docNumber} ${t.label ?? '附件'} ${t.title}: a table whose rows could not be read (no 序号 header with numbered rows): the facts of its rows are missing`,
      });
    }
  }
  // Notes whose opening or closing bracket was lost: each may not have been read as a note.
  for (const n of notices) {
    const texts = (t: BuiltText): BuiltText[] => [t, ...t.attachments.flatMap(texts)];
    for (const t of [n.body, ...n.parts].flatMap(texts)) {
      for (const p of t.paragraphs) {
        for (const before of strayNoteClosers(p.text)) {
          n.unplaced.push({
            kind: 'responsibility',
            lineNo: p.lineFrom,
            page: p.pageFrom,
            message: `${n.docNumber} ${p.locator}: a bracket closed after “${before.slice(-30)}” that never opened: a note whose opening bracket was lost may not have been read`,
          });
        }
        for (const after of unclosedNotes(p.text)) {
          n.unplaced.push({
            kind: 'responsibility',
            lineNo: p.lineFrom,
            page: p.pageFrom,
            message: `${n.docNumber} ${p.locator}: a bracket opened before “${after.slice(0, 30)}” that never closes: a note whose closing bracket was lost may not have been read`,
          });
        }
      }
    }
  }
  // Marker words broken by something no rule reads: the markers they belong to may have been missed.
  for (const n of notices) {
    const lines = layout.lines.filter((l) => owner.get(l.lineNo) === n.docNumber);
    for (const h of hiddenMarkers(lines.map((l) => l.raw))) {
      n.unplaced.push({
        kind: h.kind,
        lineNo: lines[0]?.lineNo ?? null,
        page: lines[0]?.page ?? null,
        message: `${n.docNumber} ${h.count} occurrence(s) of ${h.word} broken by ${h.between.map(codePoints).join(', ')}: the marker(s) they belong to may not have been read`,
      });
    }
  }
  // Lines whose reading is in doubt, said once per notice with the first such line: table cells
  // printed side by side (a row's words may land in the wrong cells), and two printed lines joined
  // with the hyphen between them dropped.
  const doubtful = [
    {
      lines: layout.spreadCells,
      why: "line(s) print table cells side by side (pdftotext -layout): a row's cells are cut across lines and its words may be read into the wrong cells; ingest the PDF itself, or pdftotext without -layout",
    },
    {
      lines: layout.joinedLines,
      why: 'line(s) twice as wide as their column: two printed lines joined, as pdftotext (without -raw) joins a line ending in a hyphen and drops it, so a minus or range dash may be missing there; ingest the PDF itself, or pdftotext -raw',
    },
  ];
  for (const { lines, why } of doubtful) {
    const firstIn = new Map<string | undefined, { lineNo: number; page: number | null; count: number }>();
    for (const l of lines) {
      const docNumber = owner.get(l.lineNo);
      const seen = firstIn.get(docNumber);
      firstIn.set(docNumber, seen ? { ...seen, count: seen.count + 1 } : { ...l, count: 1 });
    }
    for (const [docNumber, at] of firstIn) {
      const item: Unplaced = { kind: 'text', lineNo: at.lineNo, page: at.page, message: `${docNumber ? `${docNumber} ` : ''}${at.count} ${why}` };
      (notices.find((n) => n.docNumber === docNumber)?.unplaced ?? unowned).push(item);
    }
  }
  // Characters the extractor could not read: the facts of the notice they stand in may be incomplete.
  for (const u of layout.unreadable) {
    const docNumber = owner.get(u.lineNo);
    const codes = codePoints([...new Set(u.chars)].join(''));
    const item: Unplaced = {
      kind: 'text',
      lineNo: u.lineNo,
      page: u.page,
      message: `${docNumber ? `${docNumber} ` : ''}${u.chars.length} unreadable character(s) (${codes}): glyphs the extractor could not map, so printed characters are missing here`,
    };
    const notice = notices.find((n) => n.docNumber === docNumber);
    (notice?.unplaced ?? unowned).push(item);
  }
  // Printed order: where each notice's header stands (pages may be unknown; lines never are).
  const headerLine = new Map(routed.notices.map((n) => [n.header.docNumber, n.header.lineNo]));
  notices.sort((a, b) => headerLine.get(a.docNumber)! - headerLine.get(b.docNumber)!);
  return {
    source,
    issueTitle: layout.issueTitle,
    pagesKnown: layout.pagesKnown,
    notices,
    furniture: layout.furniture,
    routes: routed.report.filter((r) => r.kind === 'route'),
    audit,
    unplaced: unowned,
  };
}

/** Every unplaced item of an issue, its notices' and its own, in line order. */
export function allUnplaced(issue: IssueDoc): Unplaced[] {
  return [...issue.unplaced, ...issue.notices.flatMap((n) => n.unplaced)].sort((a, b) => (a.lineNo ?? 0) - (b.lineNo ?? 0));
}
