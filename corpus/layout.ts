// Layout repair, step 1: the extracted text of one gazette issue → printed lines with their page,
// page furniture (running headers, page numbers, section banners) taken out.
import { endsSentence, foldCharacters, INVISIBLE, isWide, printedWidth } from '../domain/text.js';

export interface Line {
  /** 1-based line number in the source file. */
  lineNo: number;
  /** The line as extracted, trimmed, with whitespace runs collapsed. */
  raw: string;
  /** Printed page number, or null when the issue prints none we could read. */
  page: number | null;
  /** The line opens a new printed page (a place where the reading order may jump). */
  pageStart: boolean;
  /** Pages counted from the start of the file, known even where printed numbers are not. */
  pageIndex: number;
  /** Printed characters before this line (spaces aside): a distance that needs no page breaks. */
  at: number;
  /** Printed with an indent: a page start in some extractions, a paragraph in others; either way the reading order may jump here. */
  indented: boolean;
  /**
   * Known from a PDF's positions: the line opens a paragraph or stands alone (true), or carries
   * on the line before it, wrapped (false). Absent where only text was read.
   */
  opens?: boolean;
  /** Known from a PDF's positions: centred or right-aligned, a line standing alone (文号, a title, a date). */
  centred?: boolean;
  /** Known from a PDF's positions: how far (in characters) the line stops short of its column's right margin. */
  endsShort?: number;
}

export interface Furniture {
  lineNo: number;
  page: number | null;
  kind: 'running-header' | 'page-number' | 'banner';
  text: string;
}

/** A line holding characters no printed page holds (see UNREADABLE). */
export interface Unreadable {
  lineNo: number;
  page: number | null;
  chars: string[];
}

export interface IssueLayout {
  lines: Line[];
  furniture: Furniture[];
  unreadable: Unreadable[];
  /** Lines printing several table cells side by side (pdftotext -layout): each cell's words are cut across lines. */
  spreadCells: { lineNo: number; page: number | null }[];
  /**
   * Lines about twice as wide as the column they stand in (extracted text only): pdftotext, unless
   * -raw, joins a line that ended in a hyphen to the next and drops the hyphen, so a minus or a
   * range dash may be missing where the two met.
   */
  joinedLines: { lineNo: number; page: number | null }[];
  /** Name of the gazette issue as its running header prints it, when there is one. */
  issueTitle: string | null;
  /** True when page numbers were calibrated from printed page numbers. */
  pagesKnown: boolean;
}

// "11- -" (two dashes: a line "2019-" is a wrapped year), "- 11 -", "— 11 —", "·11·", "第 11 页", "第 11 页 共 80 页": a page number alone on its
// line. A bare number is not one: a flattened table prints its 序号 cells so.
const PAGE_NUMBER =
  /^[-—–－\s]*(\d{1,4})(?:\s*[-—–－]){2,}\s*$|^[-—–－]+\s*(\d{1,4})\s*[-—–－\s]*$|^第\s*(\d{1,4})\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?$|^[·•]\s*(\d{1,4})\s*[·•]$/;
// 《中卫市人民政府公报》 2019.NO.4【中卫市人民政府办公室文件】: the running header names the issue.
const RUNNING_HEADER = /^(《?[^》\s]{2,30}公报》?)\s*(\d{4}\s*[.．]?\s*(?:NO|No|no)[.．]?\s*\d+|\d{4}\s*年\s*第\s*\d+\s*期)/;
const BANNER = /^【[^】]{2,24}】$/;
/**
 * Characters no printed page holds: glyphs the extractor could not map to text (the private use
 * area, U+FFFD) and control characters. Where they stand, printed characters are missing; they are
 * kept as extracted and reported, never dropped in silence.
 */
/**
 * Chinese words, then two gaps of six spaces or more between words: cells of a table row printed
 * side by side, as -layout aligns them (letter-spaced type sets words three spaces apart).
 */
const SPREAD_CELLS = /[\u4e00-\u9fff][^ \u3000]*(?:[ \u3000]{6,}[^ \u3000]+){2,}/;
const UNREADABLE = /[\ue000-\uf8ff\ufffd\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/**
 * Two or more Chinese characters standing alone, one space apart: letter-spaced type (a red
 * header's 中 卫 市 人 民 政 府, a heading's 总 则, a justified cell's 信 息), read as the words it
 * prints. Words several spaces apart (table cells) keep their gap.
 */
const LETTER_SPACED = /(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff])+(?![\u4e00-\u9fff])/g;

const FULL_WIDTH: Record<string, string> = { '(': '（', ')': '）', '[': '［', ']': '］', ':': '：', ';': '；', ',': '，', '?': '？', '!': '！' };

/**
 * A line as every rule reads it: its characters folded as every question's are (foldCharacters:
 * widths, radicals, stand-in marks), characters that print nothing dropped, letter-spaced words
 * closed up, and the ASCII brackets, colons, semicolons, commas, ? and ! that OCR and Word
 * converters put into Chinese text made the full-width marks the gazette prints. Between two
 * ASCII letters or digits (10:30, 1,000, A?/O) a mark is Latin and stays. (A 文号's year brackets
 * are made one where lines are joined, since a 文号 may wrap: normalizeDocNumbersIn.)
 */
export function foldExtraction(line: string): string {
  const ascii = /[A-Za-z0-9]/;
  // Invisible characters go before the folding would make them spaces: inside a word they are nothing.
  return foldCharacters(line.replace(INVISIBLE, ''))
    .replace(LETTER_SPACED, (run) => run.replace(/[ \u3000]/g, ''))
    .replace(/[()[\]]/g, (c) => FULL_WIDTH[c])
    .replace(/[:;,?!]/g, (c, at: number, whole: string) => (ascii.test(whole[at - 1] ?? '') && ascii.test(whole[at + 1] ?? '') ? c : FULL_WIDTH[c]));
}

/** A line as printed, before it is told apart as text or furniture (see finishLayout). */
export interface PrintedItem {
  /** As extracted: what the unreadable-character check reads. */
  text: string;
  pageIndex: number;
  pageStart: boolean;
  /** 1-based line number in the source; counted in order when absent. */
  lineNo?: number;
  /** Furniture already known (by its place on the page); else its words tell (classifyFurniture). */
  furniture?: Furniture['kind'];
  indented?: boolean;
  /** What the PDF's positions tell of the line. */
  position?: Pick<Line, 'opens' | 'centred' | 'endsShort'>;
}

/** A line as every rule reads it, spaces collapsed: '' for a line that prints nothing. */
export function printedText(raw: string): string {
  return foldExtraction(raw)
    .replace(/[\s\u3000\f]+/g, ' ')
    .trim();
}

/** Which furniture a printed line is by its words alone (a page number, a running header, a banner), or null. */
export function classifyFurniture(trimmed: string): Furniture['kind'] | null {
  if (PAGE_NUMBER.test(trimmed)) return 'page-number';
  if (RUNNING_HEADER.test(trimmed)) return 'running-header';
  return BANNER.test(trimmed) ? 'banner' : null;
}

/**
 * Splits an issue into lines. This extraction writes every printed line followed by a blank line,
 * and starts each new page with a line indented by a space straight after the previous line, or
 * with a form feed; a printed page number ends its page too. Two columns printed side by side
 * (pdftotext -layout, see readSideBySide) are read column by column first; `columnsRead` says
 * that has been done.
 */
export function readLayout(text: string, columnsRead = false): IssueLayout {
  const columns = columnsRead ? null : readSideBySide(text);
  if (columns) return atSourceLines(readLayout(columns.text, true), columns.lineNos);
  if (!columnsRead) refuseUnsplitColumns(text);
  const physical = text.split(LINE_END);
  // The indented-line page signature belongs to double-spaced extractions (a blank line after
  // every printed line); in a single-spaced one an indent only opens a paragraph.
  const doubleSpaced = isDoubleSpaced(physical);
  const items: PrintedItem[] = [];
  let pageIndex = 0;
  let breakPending = false;
  let nextStartsPage = false;
  let prevNonEmpty = false;
  let linesOnPage = 0;

  physical.forEach((rawLine, i) => {
    if (rawLine.includes('\f')) breakPending = true;
    const trimmed = printedText(rawLine);
    if (trimmed === '') {
      prevNonEmpty = false;
      return;
    }
    const line = foldExtraction(rawLine.replace(/\f/g, ''));
    if (doubleSpaced && prevNonEmpty && /^[ \t\u3000]/.test(line)) breakPending = true;
    prevNonEmpty = true;
    // A new page needs something printed on the one before: a page number, then a form feed
    // (two signals of one break) open one page, not two.
    if (breakPending && linesOnPage > 0) {
      pageIndex++;
      linesOnPage = 0;
      nextStartsPage = true;
    }
    breakPending = false;
    const furniture = classifyFurniture(trimmed);
    if (furniture) {
      items.push({ text: rawLine, pageIndex, pageStart: false, lineNo: i + 1, furniture });
      if (furniture === 'page-number') breakPending = true; // the page number is the last thing printed on its page
      return;
    }
    items.push({ text: rawLine, pageIndex, pageStart: nextStartsPage, lineNo: i + 1, indented: /^[ \t\u3000]/.test(line) });
    linesOnPage++;
    nextStartsPage = false;
  });
  const layout = finishLayout(items);
  return { ...layout, joinedLines: text.includes('\f') ? joinedLines(layout.lines) : [] };
}

/** A joined line is two full lines of its column, less the hyphen: about twice as wide as one. */
const JOINED_WIDTH = 1.8;
/** How many lines on either side show the column's width, and how many of them must agree on it. */
const COLUMN_NEIGHBOURS = 6;
const COLUMN_AGREEING = 3;

/**
 * Lines that are two printed lines joined (see IssueLayout.joinedLines), in text whose pages end
 * in form feeds as pdftotext prints them: about twice as wide as the full lines around them on
 * their page, and ending at the margin mid-sentence as the second of the two did. A full line runs
 * on (no sentence end); the column's width is theirs when three of them agree on it, so titles,
 * cells, salutations and one-line paragraphs are left alone.
 */
function joinedLines(lines: Line[]): { lineNo: number; page: number | null }[] {
  const widths = lines.map((l) => printedWidth(l.raw));
  const runsOn = lines.map((l, i) => widths[i] >= 10 && !endsSentence(l.raw));
  const joined: { lineNo: number; page: number | null }[] = [];
  lines.forEach((line, i) => {
    if (!/[，。；]/.test(line.raw) || !runsOn[i] || /[）)”]$/.test(line.raw)) return;
    const near: number[] = [];
    for (let j = Math.max(0, i - COLUMN_NEIGHBOURS); j <= Math.min(lines.length - 1, i + COLUMN_NEIGHBOURS); j++) {
      if (j !== i && runsOn[j] && lines[j].pageIndex === line.pageIndex) near.push(widths[j]);
    }
    const column = Math.max(0, ...near);
    if (near.filter((w) => w >= 0.9 * column).length >= COLUMN_AGREEING && widths[i] > JOINED_WIDTH * column)
      joined.push({ lineNo: line.lineNo, page: line.page });
  });
  return joined;
}

/**
 * Printed lines, each on its page, → the issue's lines and furniture, with the characters no
 * printed page holds reported and pages numbered as printed: from the page numbers the issue
 * prints, else (a PDF) by their order in the file.
 */
export function finishLayout(items: PrintedItem[], source: { pageCount?: number } = {}): IssueLayout {
  const lines: Line[] = [];
  const furniture: Furniture[] = [];
  const footers: { pageIndex: number; printed: number }[] = [];
  const lineAt: number[] = [];
  const furnitureAt: number[] = [];
  const unreadable: (Unreadable & { pageIndex: number })[] = [];
  const spread: { lineNo: number; pageIndex: number }[] = [];
  let issueTitle: string | null = null;
  let at = 0;
  items.forEach((item, k) => {
    const lineNo = item.lineNo ?? k + 1;
    const bad = item.text.match(UNREADABLE);
    if (bad) unreadable.push({ lineNo, page: null, pageIndex: item.pageIndex, chars: bad });
    if (SPREAD_CELLS.test(item.text)) spread.push({ lineNo, pageIndex: item.pageIndex });
    const trimmed = printedText(item.text);
    if (trimmed === '') return;
    const kind = item.furniture ?? null;
    if (kind) {
      furniture.push({ lineNo, page: null, kind, text: trimmed });
      furnitureAt.push(item.pageIndex);
      const number = PAGE_NUMBER.exec(trimmed);
      if (kind === 'page-number' && number) footers.push({ pageIndex: item.pageIndex, printed: Number(number.slice(1).find((n) => n !== undefined)) });
      if (kind === 'running-header' && !issueTitle && RUNNING_HEADER.test(trimmed)) issueTitle = trimmed.replace(/【.*$/, '').replace(/\s+/g, ' ').trim();
      return;
    }
    lines.push({ lineNo, raw: trimmed, page: null, pageStart: item.pageStart, pageIndex: item.pageIndex, at, indented: !!item.indented, ...item.position });
    at += trimmed.replace(/ /g, '').length;
    lineAt.push(item.pageIndex);
  });
  const pageOf = footers.length || source.pageCount === undefined ? calibratePages(footers) : (pageIndex: number) => pageIndex + 1;
  lines.forEach((l, k) => (l.page = pageOf(lineAt[k])));
  furniture.forEach((f, k) => (f.page = pageOf(furnitureAt[k])));
  return {
    lines,
    furniture,
    unreadable: unreadable.map(({ lineNo, pageIndex, chars }) => ({ lineNo, page: pageOf(pageIndex), chars })),
    spreadCells: spread.map(({ lineNo, pageIndex }) => ({ lineNo, page: pageOf(pageIndex) })),
    joinedLines: [],
    issueTitle,
    pagesKnown: footers.length > 0 || source.pageCount !== undefined,
  };
}

/**
 * Page indexes count page starts from the first line; printed page numbers tell where that count
 * stands in the issue. Each page takes the offset of the nearest printed number, so one misread
 * number only shifts its own neighbourhood.
 */
function calibratePages(footers: { pageIndex: number; printed: number }[]): (pageIndex: number) => number | null {
  if (footers.length === 0) return () => null;
  return (pageIndex) => {
    let best = footers[0];
    for (const f of footers) {
      if (Math.abs(f.pageIndex - pageIndex) < Math.abs(best.pageIndex - pageIndex)) best = f;
    }
    return pageIndex + (best.printed - best.pageIndex);
  };
}

function isDoubleSpaced(physical: string[]): boolean {
  let lines = 0;
  let afterBlank = 0;
  physical.forEach((l, i) => {
    if (!l.trim()) return;
    lines++;
    if (i > 0 && !physical[i - 1].trim()) afterBlank++;
  });
  return lines > 0 && afterBlank / lines >= 0.5;
}

/** Line ends as any tool writes them: CRLF, CR, Unicode's line and paragraph separators, NEL, and the vertical tab of a Word line break. */
const LINE_END = /\r\n?|[\n\u2028\u2029\u0085\v]/;

/** Two columns set side by side: the lines of the left column, then the right, page by page, and each one's source line. */
export interface SideBySide {
  text: string;
  /** 1-based source line of each line of `text` (a left and a right half share theirs). */
  lineNos: number[];
}

/** The share of lines with a gap whose gap stands at the gutter, for a split to be trusted. */
const GUTTER_AGREEMENT = 0.8;
/** Lines of Chinese with a wide gap inside them: past this share, two columns were printed side by side. */
const SIDE_BY_SIDE_SHARE = 0.25;

/**
 * Two columns printed side by side whose gutter wanders (pdftotext -layout on a page of narrow
 * columns) cannot be read in order: refused with the cause and the fix, never read as one column
 * of shuffled halves.
 */
function refuseUnsplitColumns(text: string): void {
  const chinese = text.split(LINE_END).filter((l) => HAN.test(l));
  // Two halves of prose, each a good part of a line: a table's short cells, several gaps to a line, are no columns.
  const halves = (l: string) => {
    const parts = l.trim().split(/[ \u3000]{3,}/);
    return parts.length === 2 && parts.every((p) => (p.match(/[\u4e00-\u9fff]/g) ?? []).length >= 6);
  };
  const gapped = chinese.filter(halves).length;
  if (chinese.length >= 20 && gapped >= SIDE_BY_SIDE_SHARE * chinese.length) {
    throw new Error(
      `两栏并排排版，无法按阅读顺序读出（${gapped}/${chinese.length} 行左右两栏并在一行）：请改用 PDF 文件本身，或不加 -layout 的 pdftotext / two columns printed side by side (pdftotext -layout) in ${gapped} of ${chinese.length} lines, not separable into reading order: ingest the PDF itself, or pdftotext without -layout`,
    );
  }
}

/** How far along a line a position is: in characters, or in terminal cells (a wide character two), as -layout pads. */
const POSITION_UNITS: ((s: string) => number)[] = [(s) => s.length, (s) => s.length + [...s].filter(isWide).length];
/** The gutter between side-by-side columns: at least this many spaces, with Chinese on both sides. */
const GUTTER_MIN = 4;
/** How far a line's gutter may stand from the page's (a column's first character may be set a little off). */
const GUTTER_SLACK = 2;
const HAN = /[\u4e00-\u9fff]/;
const GAP = new RegExp(`[ \\u3000]{${GUTTER_MIN},}`, 'g');

/**
 * Two columns printed side by side, as `pdftotext -layout` prints a two-column page: each line is
 * "left-column text      right-column text", the right column starting at one position down the
 * page. Known by many lines (ten at least, and three in ten of those printing anything) with a gap
 * of GUTTER_MIN spaces or more ending at one position (± GUTTER_SLACK), Chinese on both sides,
 * both columns mostly full lines (wrapped prose, not the short cells of a table). Read as each
 * page's left column, then its right column; a line across both (a running header, a page number,
 * a title set over the columns) is read where it stands, between the column runs before and after
 * it. Pages stay where the form feeds put them. Null when the text is not so printed.
 */
export function readSideBySide(text: string): SideBySide | null {
  const physical = text.split(LINE_END).map((l) => l.replace(/[ \t\u3000]+$/, ''));
  const printing = physical.filter((l) => l.replace(/\f/g, '').trim()).length;
  // The gutter in characters or in cells, whichever more lines agree on.
  let found: { unit: (s: string) => number; gutter: number; rows: { left: number; right: number }[] } | null = null;
  for (const unit of POSITION_UNITS) {
    const gutter = findGutter(physical, unit);
    const rows = gutter === null ? [] : gutterLines(physical, unit, gutter);
    if (gutter !== null && rows.length > (found?.rows.length ?? 0)) found = { unit, gutter, rows };
  }
  if (!found) return null;
  const { rows } = found;
  if (rows.length < 10 || rows.length < 0.3 * printing) return null;
  // One gutter down every page: where the gaps wander (narrow columns, pdftotext -layout), no split is sure.
  const gapped = physical.filter((l) => gapsOf(l, found!.unit).length > 0).length;
  if (rows.length < GUTTER_AGREEMENT * gapped) return null;
  // Prose columns are mostly full lines; a table's gaps have short cells beside them.
  const full = (widths: number[]) => {
    const sorted = [...widths].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] >= 0.5 * sorted[Math.floor(sorted.length * 0.9)];
  };
  if (!full(rows.map((r) => r.left)) || !full(rows.map((r) => r.right))) return null;
  return splitColumns(physical, found.unit, found.gutter);
}

/** Gaps of GUTTER_MIN spaces or more with Chinese on both sides: where each line's right-hand text starts, and the widths beside the gap. */
function gapsOf(line: string, unit: (s: string) => number): { end: number; left: number; right: number }[] {
  const out: { end: number; left: number; right: number }[] = [];
  for (const m of line.matchAll(GAP)) {
    const before = line.slice(0, m.index).replace(/\f/g, '');
    const after = line.slice(m.index + m[0].length);
    if (!before.trim() || !HAN.test(before) || !HAN.test(after)) continue;
    out.push({ end: unit(line.slice(0, m.index + m[0].length).replace(/\f/g, '')), left: unit(before.trim()), right: unit(after) });
  }
  return out;
}

/** The position most lines' gaps end at, give or take GUTTER_SLACK, or null when no line has a gap. */
function findGutter(physical: string[], unit: (s: string) => number): number | null {
  const ends = new Map<number, number>();
  for (const line of physical) for (const end of new Set(gapsOf(line, unit).map((g) => g.end))) ends.set(end, (ends.get(end) ?? 0) + 1);
  let best: number | null = null;
  let most = 0;
  for (const end of ends.keys()) {
    let n = 0;
    for (let d = -GUTTER_SLACK; d <= GUTTER_SLACK; d++) n += ends.get(end + d) ?? 0;
    if (n > most || (n === most && best !== null && end < best)) [best, most] = [end, n];
  }
  return best;
}

/** The lines whose gap ends at the gutter, with the widths of the text either side. */
function gutterLines(physical: string[], unit: (s: string) => number, gutter: number): { left: number; right: number }[] {
  return physical.flatMap((line) =>
    gapsOf(line, unit)
      .filter((g) => Math.abs(g.end - gutter) <= GUTTER_SLACK)
      .slice(0, 1),
  );
}

/** Each page's lines: runs of two-column lines read left column first; a line across the gutter read where it stands. */
function splitColumns(physical: string[], unit: (s: string) => number, gutter: number): SideBySide {
  const out: { text: string; lineNo: number }[] = [];
  let left: { text: string; lineNo: number }[] = [];
  let right: { text: string; lineNo: number }[] = [];
  let pageBreak = false;
  const emit = (line: { text: string; lineNo: number }) => {
    out.push(pageBreak ? { text: `\f${line.text}`, lineNo: line.lineNo } : line);
    pageBreak = false;
  };
  const flush = () => {
    for (const line of [...left, ...right]) emit(line);
    left = [];
    right = [];
  };
  // An indent inside a column is kept: it opens a paragraph.
  const indent = (at: number) => ' '.repeat(Math.max(0, Math.round(at - gutter)));
  physical.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.includes('\f')) {
      flush();
      pageBreak = true;
    }
    const line = raw.replace(/\f/g, '');
    if (!line.trim()) return;
    const lead = line.length - line.trimStart().length;
    // The gap that covers the gutter: the left column's text ends before it, the right's starts at it (or indented past it).
    for (const m of line.slice(lead).matchAll(/[ \u3000]{2,}/g)) {
      const start = unit(line.slice(0, lead + m.index));
      const end = unit(line.slice(0, lead + m.index + m[0].length));
      if (start > gutter || end < gutter - GUTTER_SLACK) continue;
      left.push({ text: line.slice(0, lead + m.index), lineNo });
      right.push({ text: indent(end) + line.slice(lead + m.index + m[0].length), lineNo });
      return;
    }
    const startsAt = unit(line.slice(0, lead));
    if (startsAt >= gutter - GUTTER_SLACK) right.push({ text: indent(startsAt) + line.slice(lead), lineNo });
    else if (unit(line) < gutter - GUTTER_SLACK && !classifyFurniture(printedText(line))) left.push({ text: line, lineNo });
    else {
      // Across both columns, or page furniture: it stands between what comes before and after it.
      flush();
      emit({ text: line, lineNo });
    }
  });
  flush();
  return { text: out.map((l) => l.text).join('\n'), lineNos: out.map((l) => l.lineNo) };
}

/** A layout read from re-assembled lines, its line numbers put back to the source's. */
function atSourceLines(layout: IssueLayout, lineNos: number[]): IssueLayout {
  const at = (lineNo: number) => lineNos[lineNo - 1] ?? lineNo;
  return {
    ...layout,
    lines: layout.lines.map((l) => ({ ...l, lineNo: at(l.lineNo) })),
    furniture: layout.furniture.map((f) => ({ ...f, lineNo: at(f.lineNo) })),
    unreadable: layout.unreadable.map((u) => ({ ...u, lineNo: at(u.lineNo) })),
    spreadCells: layout.spreadCells.map((u) => ({ ...u, lineNo: at(u.lineNo) })),
    joinedLines: layout.joinedLines.map((u) => ({ ...u, lineNo: at(u.lineNo) })),
  };
}
