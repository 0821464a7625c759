// The layout zoo: the same issue re-printed the way other PDF extractors print it. Only the layout
// changes, never a word: line ends, blank lines, page breaks and page furniture, where lines
// wrap, bracket and punctuation widths, spaces between Chinese and digits. The original's own
// parse is the oracle for what a paragraph is, so every prose paragraph can be re-wrapped while
// the page cuts, lifted headers and interleaved columns that make the layout hard stay where the
// print had them.
import { readLayout, type IssueLayout, type Line } from '../corpus/layout.js';
import { proseParagraphs, type ProseParagraph } from '../corpus/outline.js';
import { routeIssue, type RoutedText } from '../corpus/routing.js';
import { isWide } from '../domain/text.js';

export interface LayoutOptions {
  /** Blank line after every printed line (as the bundled extraction), or none. */
  spacing: 'double' | 'single';
  /** How a new page shows: an indented first line, a form feed, or not at all. */
  pageBreak: 'indent' | 'formfeed' | 'none';
  /** Re-wrap every prose paragraph at this many full-width cells a line. */
  width?: number;
  /** A note's closing bracket, or its last words, wrapped onto a line of their own. */
  orphans?: boolean;
  /** Brackets, colons, semicolons and commas half-width on every other line. */
  halfWidth?: boolean;
  /** Spaces between Chinese and digits removed on even lines and added on odd ones. */
  digitSpaces?: boolean;
  /** A page number (— N —, 第 N 页, 第 N 页 共 M 页, ·N· in turn) and a running header at every page break. */
  furniture?: boolean;
  /** Zero-width spaces and soft hyphens between Chinese characters, one gap in 20. */
  invisible?: boolean;
  /** Short lines (titles, issuers, table cells) letter-spaced: one space between characters, three between words. */
  letterSpaced?: boolean;
  crlf?: boolean;
  /** On every other line, stand-ins for the marks: ∶ for ：, the small forms ﹔﹐﹙﹚, half-width ､. */
  lookalikes?: boolean;
  /** Characters that have a Kangxi radical of the same shape printed as that radical (⼀ for 一), as PDF fonts map them. */
  radicals?: boolean;
  /** Lines ended by U+2028, as some converters from Word write them. */
  lineSeparators?: boolean;
}

export interface LayoutVariant {
  name: string;
  description: string;
  options: LayoutOptions;
}

export const VARIANTS: LayoutVariant[] = [
  { name: 'original', description: 'as extracted', options: { spacing: 'double', pageBreak: 'indent' } },
  { name: 'crlf', description: 'CRLF line ends', options: { spacing: 'double', pageBreak: 'indent', crlf: true } },
  { name: 'single-spaced', description: 'no blank lines, page starts still indented', options: { spacing: 'single', pageBreak: 'indent' } },
  { name: 'single-flat', description: 'no blank lines and no page signals at all', options: { spacing: 'single', pageBreak: 'none' } },
  { name: 'form-feeds', description: 'single-spaced, pages split by form feeds', options: { spacing: 'single', pageBreak: 'formfeed' } },
  { name: 'rewrap-14', description: 'prose re-wrapped at 14 cells', options: { spacing: 'double', pageBreak: 'indent', width: 14 } },
  { name: 'rewrap-30', description: 'prose re-wrapped at 30 cells, single-spaced', options: { spacing: 'single', pageBreak: 'indent', width: 30 } },
  {
    name: 'orphans',
    description: 'closing brackets and the last words of notes on lines of their own',
    options: { spacing: 'double', pageBreak: 'indent', orphans: true },
  },
  {
    name: 'half-width',
    description: 'half-width brackets, colons, semicolons and commas on every other line',
    options: { spacing: 'double', pageBreak: 'indent', halfWidth: true },
  },
  {
    name: 'digit-spaces',
    description: 'spaces between Chinese and digits removed and added',
    options: { spacing: 'double', pageBreak: 'indent', digitSpaces: true },
  },
  {
    name: 'furniture',
    description: 'page numbers (— N —, 第 N 页, 第 N 页 共 M 页, ·N·) and 年第N期 running headers on every page',
    options: { spacing: 'single', pageBreak: 'none', furniture: true },
  },
  {
    name: 'lookalikes',
    description: 'on every other line ∶ for ：, small-form ﹔﹐﹙﹚ and half-width ､ for ；，（）、',
    options: { spacing: 'double', pageBreak: 'indent', lookalikes: true },
  },
  {
    name: 'radicals',
    description: 'characters printed as the Kangxi radicals of the same shape (⼀ for 一, ⼈ for 人)',
    options: { spacing: 'double', pageBreak: 'indent', radicals: true },
  },
  {
    name: 'line-separators',
    description: 'lines ended by U+2028 instead of a newline',
    options: { spacing: 'double', pageBreak: 'indent', lineSeparators: true },
  },
  {
    name: 'invisible',
    description: 'zero-width spaces and soft hyphens scattered between Chinese characters',
    options: { spacing: 'double', pageBreak: 'indent', invisible: true },
  },
  {
    name: 'letter-spaced',
    description: 'lines of up to 16 characters (titles, issuers, table cells) letter-spaced',
    options: { spacing: 'double', pageBreak: 'indent', letterSpaced: true },
  },
  {
    name: 'everything',
    description: 'all of it at once, re-wrapped at 19 cells',
    options: {
      spacing: 'single',
      pageBreak: 'formfeed',
      width: 19,
      orphans: true,
      halfWidth: true,
      digitSpaces: true,
      furniture: true,
      invisible: true,
      letterSpaced: true,
      lookalikes: true,
      radicals: true,
      crlf: true,
    },
  },
];

interface PrintedLine {
  text: string;
  /** The line opens a printed page (its number is that of the page before it plus one). */
  pageStart: boolean;
  pageBefore: number | null;
}

function cells(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch) ? 1 : 0.5;
  return w;
}

/** Splits prose into lines of `width` cells; the last line may be short. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (cells(line + ch) > width && line) {
      out.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) out.push(line);
  return out;
}

/** A printed line as prose: extraction spaces around Chinese dropped, the gap after 第N条 kept. */
function proseOf(raw: string): string {
  const article = /^(第\S{1,6}[条章])\s+(.*)$/.exec(raw);
  const drop = (s: string) => s.replace(/\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+/g, '');
  return article ? `${article[1]} ${drop(article[2])}` : drop(raw);
}

const NOTE_END = /[）］]$/;

/** Re-prints the lines of one prose paragraph, split into runs by the page cuts between them. */
function rewrapParagraph(runs: Line[][], opts: LayoutOptions): string[][] {
  const out: string[][] = [];
  let carry = '';
  runs.forEach((run, k) => {
    const last = k === runs.length - 1;
    const text = carry + run.map((l) => proseOf(l.raw)).reduce((a, b) => (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b), '');
    carry = '';
    if (!opts.width) {
      out.push(run.map((l) => l.raw));
      return;
    }
    const lines = wrap(text, opts.width);
    // A run cut by a page break ends on a full line: what does not fill it moves past the cut.
    if (!last && lines.length && cells(lines[lines.length - 1]) < opts.width) carry = lines.pop()!;
    out.push(lines);
  });
  if (carry) out[out.length - 1].push(...wrap(carry, opts.width!));
  return out;
}

/** The closing bracket of a note alone on the last line, or its last words with it. */
function orphan(lines: string[], which: number): string[] {
  const last = lines[lines.length - 1];
  if (!last || !NOTE_END.test(last) || !/牵头|配合|负责|完成时限|责任单位/.test(lines.slice(-3).join(''))) return lines;
  const cut = which % 2 === 0 ? last.length - 1 : Math.max(1, last.length - 4);
  return [...lines.slice(0, -1), last.slice(0, cut), last.slice(cut)].filter(Boolean);
}

/** Each character that a Kangxi radical stands for, and that radical. */
const RADICAL_OF = new Map(Array.from({ length: 0x2fd6 - 0x2f00 }, (_, k) => String.fromCharCode(0x2f00 + k)).map((r) => [r.normalize('NFKC'), r]));

function radicals(line: string): string {
  return [...line].map((c) => RADICAL_OF.get(c) ?? c).join('');
}

function lookalikes(line: string): string {
  return line.replace(/[：；，（）、]/g, (c) => ({ '：': '∶', '；': '﹔', '，': '﹐', '（': '﹙', '）': '﹚', '、': '､' })[c]!);
}

function halfWidth(line: string): string {
  return line.replace(
    /[（）：；，［］〔〕]/g,
    (c) => ({ '（': '(', '）': ')', '：': ':', '；': ';', '，': ',', '［': '[', '］': ']', '〔': '[', '〕': ']' })[c]!,
  );
}

/** How extractors print a page number, one format a page in turn. */
const PAGE_NUMBERS = [(n: number) => `— ${n} —`, (n: number) => `第 ${n} 页`, (n: number) => `第 ${n} 页 共 200 页`, (n: number) => `·${n}·`];

/** Invisible characters at every 20th gap between two Chinese characters, a zero-width space and a soft hyphen in turn. */
function invisible(line: string, seen: { gaps: number }): string {
  return line.replace(/(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g, () => (++seen.gaps % 20 === 0 ? (seen.gaps % 40 === 0 ? '\u00ad' : '\u200b') : ''));
}

/** A short line letter-spaced as a title or a narrow cell is: its words three spaces apart, their characters one. */
function letterSpaced(line: string): string {
  if (line.trim().length > 16) return line;
  return line.replace(/ +/g, '   ').replace(/(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g, ' ');
}

function digitSpaces(line: string, add: boolean): string {
  if (!add) return line.replace(/(?<=\d)\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+(?=\d)/g, '');
  return line.replace(/(?<=\d)(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=\d)/g, ' ');
}

/** An extracted issue as its own parse reads it: which prose paragraph each printed line belongs to. */
export interface ParagraphRuns {
  layout: IssueLayout;
  /** Prose paragraphs by the line numbers of their lines (tables are no prose). */
  paragraphOf: Map<number, ProseParagraph>;
  /** Lines some text holds (not notice headers, signatures or titles). */
  inText: Set<number>;
  /** Runs of consecutive lines of one paragraph on one page; other lines stand alone. */
  runs: Line[][];
}

export function paragraphRuns(original: string): ParagraphRuns {
  const layout = readLayout(original);
  const routed = routeIssue(layout.lines);
  const paragraphOf = new Map<number, ProseParagraph>();
  const inText = new Set<number>();
  const visit = (t: RoutedText) => {
    for (const l of t.lines) inText.add(l.lineNo);
    if (!t.tableKey) for (const p of proseParagraphs(t.lines)) for (const l of p.lines) paragraphOf.set(l.lineNo, p);
    t.attachments.forEach(visit);
  };
  for (const n of routed.notices) [n.body, ...n.parts].forEach(visit);
  const runs: Line[][] = [];
  for (const line of layout.lines) {
    const prev = runs[runs.length - 1];
    const para = paragraphOf.get(line.lineNo);
    if (prev && para && !line.pageStart && paragraphOf.get(prev[prev.length - 1].lineNo) === para) prev.push(line);
    else runs.push([line]);
  }
  return { layout, paragraphOf, inText, runs };
}

/** Re-prints an extracted issue in another layout; only the layout changes, never a word. */
export function reprint(original: string, opts: LayoutOptions): string {
  const { layout, paragraphOf: paragraphs, runs } = paragraphRuns(original);
  const paragraphOf = new Map([...paragraphs].map(([lineNo, p]) => [lineNo, p.lines]));
  // Each paragraph's runs are re-wrapped together, so text can move across the cuts between them.
  const printed = new Map<Line[], string[]>();
  const byParagraph = new Map<Line[], Line[][]>();
  for (const run of runs) {
    const para = paragraphOf.get(run[0].lineNo);
    if (!para)
      printed.set(
        run,
        run.map((l) => l.raw),
      );
    else byParagraph.set(para, [...(byParagraph.get(para) ?? []), run]);
  }
  let noteCount = 0;
  for (const paraRuns of byParagraph.values()) {
    const wrapped = rewrapParagraph(paraRuns, opts);
    if (opts.orphans) wrapped[wrapped.length - 1] = orphan(wrapped[wrapped.length - 1], noteCount++);
    paraRuns.forEach((run, k) => printed.set(run, wrapped[k]));
  }

  const pageBefore = new Map<Line, number | null>(layout.lines.map((l, k) => [l, k > 0 ? layout.lines[k - 1].page : null]));
  const lines: PrintedLine[] = [];
  const furnitureAt = new Map(layout.furniture.map((f) => [f.lineNo, f]));
  let source = 0;
  for (const run of runs) {
    // Furniture printed before this run stays where it was; a running header on the run's page
    // is the first thing on that page, so the page break goes before it.
    const opens = run[0].pageStart;
    let broken = false;
    for (; source < run[0].lineNo; source++) {
      const f = furnitureAt.get(source);
      if (!f) continue;
      const first = opens && !broken && f.kind !== 'page-number' && f.page === run[0].page;
      if (first) broken = true;
      lines.push({ text: f.text, pageStart: first, pageBefore: first ? pageBefore.get(run[0])! : null });
    }
    source = run[run.length - 1].lineNo + 1;
    printed.get(run)!.forEach((text, k) => {
      const start = k === 0 && opens && !broken;
      lines.push({ text, pageStart: start, pageBefore: start ? pageBefore.get(run[0])! : null });
    });
  }

  const out: string[] = [];
  /** Lines that open a page: the double-spaced extraction prints them straight after the line before. */
  const opensPage = new Set<number>();
  const gaps = { gaps: 0 };
  lines.forEach((l, k) => {
    let text = l.text;
    if (opts.letterSpaced) text = letterSpaced(text);
    if (opts.invisible) text = invisible(text, gaps);
    if (opts.halfWidth && k % 2 === 1) text = halfWidth(text);
    if (opts.lookalikes && k % 2 === 0) text = lookalikes(text);
    if (opts.radicals) text = radicals(text);
    if (opts.digitSpaces) text = digitSpaces(text, k % 2 === 1);
    if (l.pageStart) {
      if (opts.furniture) {
        if (l.pageBefore !== null) out.push(PAGE_NUMBERS[l.pageBefore % PAGE_NUMBERS.length](l.pageBefore));
        out.push('中卫市人民政府公报 2019 年第 4 期');
      }
      if (opts.pageBreak === 'indent') {
        text = ` ${text}`;
        opensPage.add(out.length);
      }
      if (opts.pageBreak === 'formfeed') text = `\f${text}`;
    }
    out.push(text);
  });
  const eol = opts.lineSeparators ? '\u2028' : opts.crlf ? '\r\n' : '\n';
  return out.map((l, k) => (opts.spacing === 'double' && !opensPage.has(k + 1) ? `${l}${eol}${eol}` : `${l}${eol}`)).join('');
}

export function variant(name: string): LayoutVariant {
  const v = VARIANTS.find((x) => x.name === name);
  if (!v) throw new Error(`no layout variant ${name}; known: ${VARIANTS.map((x) => x.name).join(', ')}`);
  return v;
}
