// Layout repair, step 1: the extracted text of one gazette issue → printed lines with their page,
// page furniture (running headers, page numbers, section banners) taken out.
import { foldCharacters, INVISIBLE } from '../domain/text.js';

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
  /** Name of the gazette issue as its running header prints it, when there is one. */
  issueTitle: string | null;
  /** True when page numbers were calibrated from printed page numbers. */
  pagesKnown: boolean;
}

// "11- -", "- 11 -", "— 11 —", "·11·", "第 11 页", "第 11 页 共 80 页": a page number alone on its
// line. A bare number is not one: a flattened table prints its 序号 cells so.
const PAGE_NUMBER = /^[-—–－\s]*(\d{1,4})[-—–－\s]+$|^[-—–－]+\s*(\d{1,4})\s*[-—–－\s]*$|^第\s*(\d{1,4})\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?$|^[·•]\s*(\d{1,4})\s*[·•]$/;
// 《中卫市人民政府公报》 2019.NO.4【中卫市人民政府办公室文件】: the running header names the issue.
const RUNNING_HEADER = /^(《?[^》\s]{2,30}公报》?)\s*(\d{4}\s*[.．]?\s*(?:NO|No|no)[.．]?\s*\d+|\d{4}\s*年\s*第\s*\d+\s*期)/;
const BANNER = /^【[^】]{2,24}】$/;
/**
 * Characters no printed page holds: glyphs the extractor could not map to text (the private use
 * area, U+FFFD) and control characters. Where they stand, printed characters are missing; they are
 * kept as extracted and reported, never dropped in silence.
 */
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

/**
 * Splits an issue into lines. This extraction writes every printed line followed by a blank line,
 * and starts each new page with a line indented by a space straight after the previous line, or
 * with a form feed; a printed page number ends its page too.
 */
export function readLayout(text: string): IssueLayout {
  // Line ends as any tool writes them: CRLF, CR, Unicode's line and paragraph separators, NEL, and the vertical tab of a Word line break.
  const physical = text.split(/\r\n?|[\n\u2028\u2029\u0085\v]/);
  // The indented-line page signature belongs to double-spaced extractions (a blank line after
  // every printed line); in a single-spaced one an indent only opens a paragraph.
  const doubleSpaced = isDoubleSpaced(physical);
  const lines: Line[] = [];
  const furniture: Furniture[] = [];
  const footers: { pageIndex: number; printed: number }[] = [];
  let issueTitle: string | null = null;
  let pageIndex = 0;
  let breakPending = false;
  let nextStartsPage = false;
  let prevNonEmpty = false;
  let at = 0;
  let linesOnPage = 0;
  const lineAt: number[] = []; // pageIndex of each kept line / furniture item, resolved to numbers later
  const furnitureAt: number[] = [];
  const unreadable: (Unreadable & { pageIndex: number })[] = [];

  physical.forEach((rawLine, i) => {
    const bad = rawLine.match(UNREADABLE);
    if (bad) unreadable.push({ lineNo: i + 1, page: null, pageIndex, chars: bad });
    let line = foldExtraction(rawLine);
    if (line.includes('\f')) {
      breakPending = true;
      line = line.replace(/\f/g, '');
    }
    const trimmed = line.replace(/[\s\u3000]+/g, ' ').trim();
    if (trimmed === '') {
      prevNonEmpty = false;
      return;
    }
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

    const pageNumber = PAGE_NUMBER.exec(trimmed);
    const header = RUNNING_HEADER.exec(trimmed);
    if (pageNumber || header || BANNER.test(trimmed)) {
      const kind = pageNumber ? 'page-number' : header ? 'running-header' : 'banner';
      furniture.push({ lineNo: i + 1, page: null, kind, text: trimmed });
      furnitureAt.push(pageIndex);
      if (pageNumber) {
        footers.push({ pageIndex, printed: Number(pageNumber.slice(1).find((n) => n !== undefined)) });
        breakPending = true; // the page number is the last thing printed on its page
      }
      if (header && !issueTitle) issueTitle = trimmed.replace(/【.*$/, '').replace(/\s+/g, ' ').trim();
      return;
    }
    lines.push({ lineNo: i + 1, raw: trimmed, page: null, pageStart: nextStartsPage, pageIndex, at, indented: /^[ \t\u3000]/.test(line) });
    linesOnPage++;
    at += trimmed.replace(/ /g, '').length;
    nextStartsPage = false;
    lineAt.push(pageIndex);
  });

  const pageOf = calibratePages(footers);
  lines.forEach((l, k) => (l.page = pageOf(lineAt[k])));
  furniture.forEach((f, k) => (f.page = pageOf(furnitureAt[k])));
  return { lines, furniture, unreadable: unreadable.map(({ lineNo, pageIndex, chars }) => ({ lineNo, page: pageOf(pageIndex), chars })), issueTitle, pagesKnown: footers.length > 0 };
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
