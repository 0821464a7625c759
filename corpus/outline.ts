// Layout repair, step 3: routed lines → paragraphs → an outline with stable locators.
// Prose is joined line to line without inserting anything; flattened tables become rows where
// the 序号 column shows where a row starts.
import { normalizeDocNumbersIn } from '../domain/doc-number.js';
import { Numbering, parseMarker, RANK, type Marker, type MarkerType } from '../domain/markers.js';
import {
  bracketsAfter,
  continuesLine,
  dropCjkSpaces,
  endsClause,
  endsSentence,
  joinWrapped,
  NOTE_MAX_CHARS,
  printedWidth,
  titleSubject,
} from '../domain/text.js';
import type { Line } from './layout.js';
import { isAttachmentDeclaration, ROW_START, typicalWidth, type RoutedText, type TextRole } from './routing.js';
import { readTable, renderRow, TABLE_TRAILER, type TableRow, totalRow, WRAP, WRAP_SPACE } from './tables.js';

export type NodeType = MarkerType | 'attachment' | 'row';

export interface OutlineNode {
  locator: string;
  type: NodeType;
  heading: string;
  /** Depth in the outline, 0 for top-level nodes. */
  depth: number;
  /** The node's own paragraphs, without its children. */
  ownText: string;
  /** The node with all its children, as printed. */
  text: string;
  pageFrom: number | null;
  pageTo: number | null;
  children: OutlineNode[];
  /**
   * For a table row: its 序号 (several when rows printed as one block could not be told apart),
   * its printed lines (the whole block's, when rows printed together were told apart: `block`
   * then lists the block's 序号), and its cells under the table's column names where they were read.
   */
  row?: { numbers: number[]; lines: string[]; block?: number[]; cells?: { column: string | null; value: string | null }[] };
  /** First source line, where known (table rows). */
  lineFrom?: number;
  /** For an attachment that is a table: its header row as printed. */
  tableHeader?: string;
}

export interface Paragraph {
  text: string;
  pageFrom: number | null;
  pageTo: number | null;
  /** Source lines it was printed on. */
  lineFrom: number;
  lineTo: number;
  /** Locator of the outline node the paragraph belongs to ('' before the first marker). */
  locator: string;
}

export interface BuiltText {
  role: TextRole;
  title: string;
  label: string | null;
  kind: string;
  text: string;
  paragraphs: Paragraph[];
  outline: OutlineNode[];
  attachments: BuiltText[];
  /** Header row as printed, when the text is a flattened table. */
  tableHeader: string | null;
  /** The table's column names as printed, 序号 first (null for a column the header does not name). */
  tableColumns?: (string | null)[];
  /** Outline markers read (one per node), for the ingest's count of what it placed. */
  markers: number;
  /** What the builder could not place: a marker that breaks its text's numbering, a run that is not prose. */
  problems: OutlineProblem[];
}

export interface OutlineProblem {
  /** A marker foreign to its text's numbering, a number the print skips, a run that is not prose. */
  kind: 'foreign' | 'gap' | 'noise' | 'table';
  lineNo: number;
  page: number | null;
  message: string;
}

/** The built texts of one notice: what the fact extractors read. */
export interface NoticeTexts {
  docNumber: string;
  title: string;
  date: string | null;
  /** The notice's own words. */
  body: BuiltText;
  /** The texts it issues and its own attachments, in printed order. */
  parts: BuiltText[];
}

/** Every node of an outline, parents before their children. */
export function* walkOutline(nodes: OutlineNode[]): Generator<OutlineNode> {
  for (const n of nodes) {
    yield n;
    yield* walkOutline(n.children);
  }
}

/** Kind of a text from the end of its title: 实施办法, 办法, 方案, 安排, 规定 …; 附件 for attachments. */
export function textKind(role: TextRole, title: string): string {
  if (role === 'notice') return '通知';
  if (role === 'attachment') return '附件';
  const t = titleSubject(title);
  for (const k of ['实施办法', '办法', '实施方案', '方案', '安排', '规定', '细则', '规划', '意见', '计划', '制度']) {
    if (t.endsWith(k)) return k === '实施方案' ? '方案' : k;
  }
  return '其他';
}

/** The first and last page of some pages (nulls aside), in one pass. */
function spanOf(pages: Iterable<number | null>): { pageFrom: number | null; pageTo: number | null } {
  let pageFrom: number | null = null;
  let pageTo: number | null = null;
  for (const p of pages) {
    if (p === null) continue;
    if (pageFrom === null || p < pageFrom) pageFrom = p;
    if (pageTo === null || p > pageTo) pageTo = p;
  }
  return { pageFrom, pageTo };
}

function pageSpan(lines: Line[]): { pageFrom: number | null; pageTo: number | null; lineFrom: number; lineTo: number } {
  return { ...spanOf(lines.map((l) => l.page)), lineFrom: lines[0]?.lineNo ?? 0, lineTo: lines[lines.length - 1]?.lineNo ?? 0 };
}

// Prose breaks a run of Chinese with a comma or a stop every few dozen characters; a run this
// long with none is not prose (a corrupt page, a pasted block), and is left out and reported.
const NOISE_RUN = 300;

function isNoise(text: string): boolean {
  let run = 0;
  for (const ch of text) {
    if (/[，。、；：！？,.;:!?）)」』”\s]/.test(ch)) run = 0;
    else if (++run > NOISE_RUN) return true;
  }
  return false;
}

/** A printed line without extraction spaces; the gap after a 第N条 / 第N章 heading is printed, so it stays (or is put back). */
function cleanLine(raw: string, marker: Marker | null): string {
  const heading = marker && (marker.type === 'article' || marker.type === 'chapter') ? /^(第\S{1,6}?[条章])\s*(.*)$/.exec(raw) : null;
  return heading ? `${heading[1]} ${dropCjkSpaces(heading[2])}` : dropCjkSpaces(raw.replace(/^(\d{1,3})\s+(?=[.．]\D)/, '$1'));
}

/** First sentence of a marker paragraph, as the node's heading. */
function headingOf(rest: string): string {
  const first = dropCjkSpaces(rest).split(/[。；：]/)[0];
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

/** `tableNames`: the column names the text's tables read so far print, shared by its attachments. */
export function buildText(routed: RoutedText, tableNames: Set<string> = new Set()): BuiltText {
  const built = routed.tableKey ? buildTable(routed, tableNames) : buildProse(routed);
  built.attachments = routed.attachments.map((a) => buildText(a, tableNames));
  for (const a of built.attachments) {
    const node: OutlineNode = {
      locator: a.label ?? '附件',
      type: 'attachment',
      heading: a.title,
      depth: 0,
      ownText: [a.label, a.title].filter(Boolean).join('\n'),
      text: [a.label, a.title, a.text].filter(Boolean).join('\n'),
      ...pageSpanOfNodes(a.outline),
      children: a.outline.map((n) => shiftDepth(n, 1)),
      ...(a.tableHeader ? { tableHeader: a.tableHeader } : {}),
    };
    built.outline.push(node);
    built.text += `\n\n${node.text}`;
    built.markers += a.markers;
    for (const p of a.problems) built.problems.push(p);
    for (const p of a.paragraphs) built.paragraphs.push({ ...p, locator: p.locator || node.locator });
  }
  return built;
}

function shiftDepth(n: OutlineNode, by: number): OutlineNode {
  return { ...n, depth: n.depth + by, children: n.children.map((c) => shiftDepth(c, by)) };
}

function pageSpanOfNodes(nodes: OutlineNode[]): { pageFrom: number | null; pageTo: number | null } {
  return spanOf(nodes.flatMap((n) => [n.pageFrom, n.pageTo]));
}

export interface ProseParagraph {
  lines: Line[];
  marker: Marker | null;
}

/** Paragraphs of routed prose: a marker opens one; so does a line after one that ends a sentence short of the margin. */
export function proseParagraphs(lines: Line[]): ProseParagraph[] {
  const column = typicalWidth(lines);
  const paragraphs: ProseParagraph[] = [];
  let prev: Line | null = null;
  let prevHeading = false;
  // Brackets still open in the current paragraph, and how many characters ago the outermost opened.
  let open = { depth: 0, chars: 0 };
  const numbering = new Numbering();
  let declaring = false;
  for (const line of lines) {
    const prevText = prev ? dropCjkSpaces(prev.raw) : '';
    const prevWidth = prev ? printedWidth(prev.raw) : 0;
    // After a line cut mid-sentence at the margin, the next line carries on ("中宁县第 / 一、第二、…"),
    // unless it opens with a marker that continues the numbering.
    // Where a PDF's positions say whether the line opens a paragraph, they decide.
    const carriesOn = line.opens !== undefined ? !!prev && !line.opens : !!prev && !endsClause(prevText) && prevWidth >= column * 0.9;
    // The numbered titles an 附件： line declares (1.…； 2.…；) are its list, not the text's outline.
    const declared: boolean = declaring && /^\d{1,2}\s*[.．、]/.test(line.raw);
    const parsed: Marker | null = declared ? null : parseMarker(line.raw);
    const marker: Marker | null = !parsed || !numbering.accepts(parsed) || (carriesOn && !numbering.continues(parsed)) ? null : parsed;
    const heading: boolean = !!marker && !endsSentence(dropCjkSpaces(line.raw)) && printedWidth(line.raw) < column * 0.6;
    if (marker) numbering.push(marker, heading);
    else numbering.text();
    // A note whose closing bracket (or last words) wrapped onto this line is not closed yet.
    const inNote = open.depth > 0 && open.chars <= NOTE_MAX_CHARS;
    const opens: boolean =
      !declared &&
      (line.opens !== undefined
        ? !prev || line.opens
        : !(prev && continuesLine(line.raw)) &&
          (!prev || !!marker || prevHeading || isAttachmentDeclaration(line.raw) || (endsSentence(prevText) && prevWidth < column * 0.9 && !inNote)));
    declaring = isAttachmentDeclaration(line.raw) || (declaring && !opens);
    if (opens) {
      paragraphs.push({ lines: [line], marker });
      open = { depth: 0, chars: 0 };
    } else paragraphs[paragraphs.length - 1].lines.push(line);
    open = bracketsAfter(line.raw, open);
    prevHeading = heading;
    prev = line;
  }
  return paragraphs;
}

function buildProse(routed: RoutedText): BuiltText {
  const paragraphs = proseParagraphs(routed.lines);
  // Outline: markers nest by rank; article numbers run on through chapters, so chapters stay out
  // of locators.
  const roots: OutlineNode[] = [];
  const stack: { node: OutlineNode; type: MarkerType }[] = [];
  const seen = new Map<string, number>();
  const out: Paragraph[] = [];
  const problems: OutlineProblem[] = [];
  const numbering = new Numbering();
  let markers = 0;
  for (const p of paragraphs) {
    const text = normalizeDocNumbersIn(joinWrapped(p.lines.map((l, k) => cleanLine(l.raw, k === 0 ? p.marker : null))));
    const first = p.lines[0];
    if (isNoise(text)) {
      const last = p.lines[p.lines.length - 1];
      problems.push({
        kind: 'noise',
        lineNo: first.lineNo,
        page: first.page,
        message: `lines ${first.lineNo}–${last.lineNo}: ${text.length} characters with no punctuation are not prose; left out (${text.slice(0, 12)}…)`,
      });
      continue;
    }
    if (p.marker) {
      markers++;
      const fit = numbering.fit(p.marker);
      if (fit !== 'fits') {
        const where = stack.length ? `${stack[stack.length - 1].node.locator}` : 'its start';
        problems.push({
          kind: fit,
          lineNo: first.lineNo,
          page: first.page,
          message:
            fit === 'gap'
              ? `${p.marker.label} after ${where}: the printed numbering skips a number; read as printed`
              : `${p.marker.label} does not follow the numbering of ${routed.title || routed.role} after ${where}: it may belong to another text`,
        });
      }
      numbering.push(p.marker, false);
      while (stack.length && RANK[stack[stack.length - 1].type] >= RANK[p.marker.type]) stack.pop();
      const parent = stack.filter((d) => d.type !== 'chapter').at(-1);
      const base = p.marker.type === 'chapter' || p.marker.type === 'article' ? p.marker.label : (parent?.node.locator ?? '') + p.marker.label;
      const dup = seen.get(base) ?? 0;
      seen.set(base, dup + 1);
      const node: OutlineNode = {
        locator: dup ? `${base}#${dup + 1}` : base,
        type: p.marker.type,
        heading: headingOf(parseMarker(text)?.rest ?? p.marker.rest),
        depth: stack.length,
        ownText: '',
        text: '',
        pageFrom: null,
        pageTo: null,
        children: [],
      };
      (stack.length ? stack[stack.length - 1].node.children : roots).push(node);
      stack.push({ node, type: p.marker.type });
    } else numbering.text();
    const owner = stack[stack.length - 1]?.node;
    if (owner) owner.ownText += (owner.ownText ? '\n' : '') + text;
    out.push({ text, ...pageSpan(p.lines), locator: owner?.locator ?? '' });
  }
  // Each node's pages: its own paragraphs' and its children's.
  const ownPages = new Map<string, (number | null)[]>();
  for (const p of out) {
    const pages = ownPages.get(p.locator) ?? [];
    pages.push(p.pageFrom, p.pageTo);
    ownPages.set(p.locator, pages);
  }
  const finish = (node: OutlineNode): void => {
    node.children.forEach(finish);
    node.text = [node.ownText, ...node.children.map((c) => c.text)].filter(Boolean).join('\n');
    Object.assign(node, spanOf([...(ownPages.get(node.locator) ?? []), ...node.children.flatMap((c) => [c.pageFrom, c.pageTo])]));
  };
  roots.forEach(finish);

  return {
    role: routed.role,
    title: routed.title,
    label: routed.label,
    kind: textKind(routed.role, routed.title),
    text: out.map((p) => p.text).join('\n'),
    paragraphs: out,
    outline: roots,
    attachments: [],
    tableHeader: null,
    markers,
    problems,
  };
}

/** A character and a mark no printed line opens with. */
const PUSHED = /^[\u4e00-\u9fff][）》」』”、，。；：！？]/;
/** How far (in characters) a line stops short where the print took a character and a mark or two down. */
const PUSHED_SHORT = 3;

/**
 * A PDF's wrapped lines (opens === false) joined back into the lines the table printed, for
 * reading its cells. Where a line wrapped, its positions do not always tell a space between two
 * cells from a word cut at the margin: the join is marked (WRAP, or WRAP_SPACE where the line
 * stopped short of the margin), and the table reader decides.
 */
function printedLines(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    // A line that stopped short of the margin by more than a space's width wrapped at a space.
    // A PDF line opening with a character and a mark no line opens with (等）、), after a line stopping
    // short by about as much, may go on that line: the print took the character down with the mark (禁则).
    const pushed = !!last && l.opens === true && (last.endsShort ?? 0) < PUSHED_SHORT && PUSHED.test(l.raw);
    if (last && (l.opens === false || pushed) && !ROW_START.test(l.raw))
      out[out.length - 1] = {
        ...last,
        raw: `${last.raw}${!pushed && (last.endsShort ?? 0) >= 0.4 ? WRAP_SPACE : WRAP}${l.raw}`,
        endsShort: l.endsShort,
      };
    else out.push(l);
  }
  return out;
}

function buildTable(routed: RoutedText, tableNames: Set<string>): BuiltText {
  const label = routed.label ?? '附件';
  const rows: { nums: number[]; lines: Line[] }[] = [];
  const header: Line[] = [];
  let last = 0;
  let grouping = false;
  for (const line of routed.lines) {
    const m = ROW_START.exec(line.raw);
    if (m && Number(m[1]) === last + 1) {
      last++;
      if (grouping && m[2] === undefined && rows.length && rows[rows.length - 1].lines.length === rows[rows.length - 1].nums.length) {
        // "24 / 25 / 26" printed one under another: one block of rows whose cells follow column by column.
        rows[rows.length - 1].nums.push(last);
        rows[rows.length - 1].lines.push(line);
      } else {
        rows.push({ nums: [last], lines: [line] });
      }
      grouping = m[2] === undefined;
      continue;
    }
    grouping = false;
    (rows.length ? rows[rows.length - 1].lines : header).push(line);
  }
  // What the table prints under its last row: a total (合计), a note (备注：…): not the row's words.
  const lastRow = rows[rows.length - 1];
  const trailerAt = lastRow ? lastRow.lines.findIndex((l, k) => k > 0 && TABLE_TRAILER.test(l.raw)) : -1;
  const trailer = trailerAt > 0 ? lastRow.lines.splice(trailerAt) : [];
  const cells = (lines: Line[]) => normalizeDocNumbersIn(lines.map((l) => l.raw).join(' '));
  const table = readTable(
    printedLines(header),
    rows.map((r) => ({ numbers: r.nums, lines: printedLines(r.lines) })),
    tableNames,
  );
  const problems: OutlineProblem[] = table.problems.map((p) => ({
    kind: 'table' as const,
    lineNo: p.lineNo,
    page: p.page,
    message: `${label} ${routed.title}: ${p.message}`,
  }));
  const outline: OutlineNode[] = [];
  const paragraphs: Paragraph[] = header.length ? [{ text: cells(header), ...pageSpan(header), locator: label }] : [];
  for (const r of rows) {
    // Each 序号 its own row where its cells are known; a block whose cells could not be aligned stays whole.
    // A row of sub-items reads as a row each (序号2（3）), the cells merged over them repeated.
    const each: { nums: number[]; read?: TableRow; item?: number; lines?: string[] }[] = r.nums.every((n) => table.rows.has(n))
      ? r.nums.flatMap((n) => {
          const read = table.rows.get(n)!;
          return read.items?.map((x) => ({ nums: [n], read: x, item: x.item, lines: x.lines })) ?? [{ nums: [n], read }];
        })
      : [{ nums: r.nums }];
    for (const { nums, read, item, lines } of each) {
      const span = nums.length > 1 ? `${nums[0]}-${nums[nums.length - 1]}` : `${nums[0]}${item ? `（${item}）` : ''}`;
      const text = normalizeDocNumbersIn(read ? renderRow(table.columns, read) : cells(r.lines));
      // A row of a block printed column by column is cited where its own cells start.
      const pages = spanOf([...r.lines.map((l) => l.page), read?.page ?? null]);
      if (read?.page) pages.pageFrom = read.page;
      const node: OutlineNode = {
        locator: `${label} 序号${span}`,
        type: 'row' as const,
        heading: text.slice(0, 40),
        depth: 0,
        ownText: text,
        text,
        ...pages,
        children: [],
        row: {
          numbers: nums,
          lines: lines ?? r.lines.map((l) => l.raw),
          ...(r.nums.length > 1 ? { block: r.nums } : {}),
          ...(read ? { cells: read.cells.map((v, c) => ({ column: table.columns[c + 1], value: v })) } : {}),
        },
        lineFrom: r.lines[0].lineNo,
      };
      outline.push(node);
      paragraphs.push({ text, ...pageSpan(r.lines), ...pages, locator: node.locator });
    }
  }
  for (const line of trailer) {
    // A total reads as a row of the table (序号：合计；计划投资（万元）：…) where its figures fall to the amount columns; a note, as printed.
    const total = totalRow(table.columns, line.raw);
    const text = total ?? normalizeDocNumbersIn(dropCjkSpaces(line.raw));
    const node: OutlineNode = {
      locator: `${label} ${total ? '合计' : '注'}`,
      type: 'row' as const,
      heading: text.slice(0, 40),
      depth: 0,
      ownText: text,
      text,
      ...spanOf([line.page]),
      children: [],
      lineFrom: line.lineNo,
    };
    outline.push(node);
    paragraphs.push({ text, ...pageSpan([line]), locator: node.locator });
  }
  return {
    role: routed.role,
    title: routed.title,
    label: routed.label,
    kind: textKind(routed.role, routed.title),
    text: paragraphs.map((p) => p.text).join('\n'),
    paragraphs,
    outline,
    attachments: [],
    tableHeader: cells(header),
    ...(table.columns.length > 1 ? { tableColumns: table.columns } : {}),
    markers: 0,
    problems,
  };
}
