// Layout repair from a PDF's own positions: the glyph runs of each page → printed lines in
// reading order, with what positions tell and text loses. Page furniture is what stands above or
// below the body on page after page; columns are found by the gutter no line crosses; a paragraph
// starts where a line is indented (首行缩进), stands further below the line before it than lines
// do, or follows a line that stopped short of the margin, so a line that wraps is never read as a
// new item, whatever it starts with; centred and right-aligned lines (文号, titles, signatures,
// dates) stand alone; a ruled table is read cell by cell, row by row.
import { joinWrapped } from '../domain/text.js';
import { classifyFurniture, finishLayout, printedText, type Furniture, type IssueLayout, type PrintedItem } from './layout.js';

/** A run of glyphs as the PDF places it: baseline y measured down from the page's top, in points. */
export interface PdfRun {
  s: string;
  x: number;
  y: number;
  w: number;
  /** Font size on the page: the height of an em. */
  size: number;
}

/** A ruled line the page paints (a table's border), y measured down from the page's top. */
export interface PdfRule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  width: number;
  height: number;
  runs: PdfRun[];
  /** Ruled lines: where they form a grid, a table whose cells are read whole, row by row. */
  rules?: PdfRule[];
}

/** How the layout is read; the defaults suit gazettes typeset in one or two columns. */
export interface PdfLayoutOptions {
  /** A gap between two runs of a line wider than this many ems prints as a space. */
  spaceGap: number;
  /** Runs whose baselines lie within this many ems are one line. */
  baselineTolerance: number;
  /** A first line indented by at least this many ems (and at most maxIndent) opens a paragraph. */
  minIndent: number;
  maxIndent: number;
  /** A line ending at least this many ems before the right margin ends its paragraph. */
  shortBy: number;
  /** A line indented and stopping short by amounts within this many ems of each other is centred. */
  centreSlack: number;
  /** A line further below the one before it than this many times the column's usual line pitch opens a paragraph (spacing between paragraphs). */
  paragraphGap: number;
}

export const PDF_LAYOUT_DEFAULTS: PdfLayoutOptions = {
  spaceGap: 0.45,
  baselineTolerance: 0.4,
  minIndent: 1.2,
  maxIndent: 3.5,
  shortBy: 1.2,
  centreSlack: 1.6,
  paragraphGap: 1.25,
};

interface PhysicalLine {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  page: number;
  /** Which column of its page the line stands in (0 for a single column; -1 spans the gutter). */
  column: number;
  columns: number;
  /** A line of a ruled table's cell, in the table's reading order: it stands alone. */
  cell?: boolean;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/** Runs of one baseline, left to right, joined; a gap wider than spaceGap ems prints as a space. */
function joinRuns(runs: PdfRun[], opts: PdfLayoutOptions): { text: string; x0: number; x1: number } {
  runs.sort((a, b) => a.x - b.x);
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    if (text && r.x - end > opts.spaceGap * r.size && !/\s$/.test(text) && !/^\s/.test(r.s)) text += ' ';
    text += r.s;
    end = Math.max(end, r.x + r.w);
  }
  return { text, x0: runs[0].x, x1: end };
}

function groupLines(runs: PdfRun[], opts: PdfLayoutOptions): PdfRun[][] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: PdfRun[][] = [];
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0].y - r.y) <= opts.baselineTolerance * Math.max(r.size, last[0].size)) last.push(r);
    else lines.push([r]);
  }
  return lines;
}

/**
 * The gutter between two columns: an empty band of x, in the middle half of the text's width,
 * that no run crosses, with text on both sides and the left column's lines ending against it,
 * justified. A table whose cells leave a gap, or a page of short lines, is not two columns.
 */
function findGutter(runs: PdfRun[], opts: PdfLayoutOptions): number | null {
  if (runs.length < 20) return null;
  const em = median(runs.map((r) => r.size));
  const minX = Math.min(...runs.map((r) => r.x));
  const maxX = Math.max(...runs.map((r) => r.x + r.w));
  const span = maxX - minX;
  const bins = new Uint32Array(Math.ceil(span) + 2);
  for (const r of runs) for (let x = Math.floor(r.x - minX); x < Math.ceil(r.x + r.w - minX); x++) bins[x]++;
  let best: { from: number; to: number } | null = null;
  let start = -1;
  for (let x = Math.floor(span * 0.25); x <= Math.ceil(span * 0.75); x++) {
    const empty = bins[x] === 0;
    if (empty && start < 0) start = x;
    if ((!empty || x === Math.ceil(span * 0.75)) && start >= 0) {
      if (!best || x - start > best.to - best.from) best = { from: start, to: x };
      start = -1;
    }
  }
  if (!best || best.to - best.from < 0.8 * em) return null;
  const cut = minX + (best.from + best.to) / 2;
  const chars = (rs: PdfRun[]) => rs.reduce((n, r) => n + r.s.length, 0);
  const leftRuns = runs.filter((r) => r.x + r.w <= cut);
  const rightRuns = runs.filter((r) => r.x >= cut);
  if (chars(leftRuns) < chars(runs) * 0.2 || chars(rightRuns) < chars(runs) * 0.2) return null;
  const ends = groupLines(leftRuns, opts).map((l) => Math.max(...l.map((r) => r.x + r.w)));
  const justified = ends.filter((x1) => minX + best!.from - x1 <= 1.5 * em).length;
  return ends.length >= 5 && justified >= ends.length * 0.5 ? cut : null;
}

/** A page's body lines in reading order: each column top to bottom. */
function bodyLines(runs: PdfRun[], index: number, cut: number | null, opts: PdfLayoutOptions): PhysicalLine[] {
  const make = (group: PdfRun[], column: number, columns: number): PhysicalLine => {
    const { text, x0, x1 } = joinRuns(group, opts);
    return { text, x0, x1, y: group[0].y, size: median(group.map((r) => r.size)), page: index, column, columns };
  };
  if (cut === null) return groupLines(runs, opts).map((g) => make(g, 0, 1));
  const sides: PdfRun[][] = [[], [], []];
  for (const r of runs) sides[r.x + r.w <= cut ? 0 : r.x >= cut ? 1 : 2].push(r);
  // A run crossing the gutter (a wide table, a heading across both columns) is read where it stands.
  const across = groupLines(sides[2], opts).map((g) => make(g, -1, 2));
  const columns = [0, 1].map((k) => groupLines(sides[k], opts).map((g) => make(g, k, 2)));
  const top = Math.min(...columns.flat().map((l) => l.y));
  return [...across.filter((l) => l.y < top), ...columns.flat(), ...across.filter((l) => l.y >= top)];
}

/**
 * The lines at a page's top or foot that are page furniture: printed as furniture (a page
 * number, a running header, by the text's own rules), or the same words at the same height on
 * page after page. Per page: which of its baseline groups are furniture, and which kind.
 */
function furnitureOf(pages: PdfRun[][][], opts: PdfLayoutOptions): Map<number, Furniture['kind']>[] {
  const edges = (groups: PdfRun[][]) => [...new Set([0, 1, groups.length - 2, groups.length - 1].filter((k) => k >= 0 && k < groups.length))];
  const shape = (g: PdfRun[]) => `${Math.round(g[0].y / 3)}:${joinRuns(g, opts).text.replace(/\d+/g, '#').replace(/\s+/g, '')}`;
  const seen = new Map<string, number>();
  for (const groups of pages) for (const s of new Set(edges(groups).map((k) => shape(groups[k])))) seen.set(s, (seen.get(s) ?? 0) + 1);
  const repeated = (g: PdfRun[]) => pages.length >= 3 && (seen.get(shape(g)) ?? 0) >= Math.max(3, pages.length * 0.4);
  return pages.map((groups) => {
    const kinds = new Map<number, Furniture['kind']>();
    for (const k of edges(groups)) {
      const kind = classifyFurniture(printedText(joinRuns(groups[k], opts).text)) ?? (repeated(groups[k]) ? 'running-header' : null);
      if (kind) kinds.set(k, kind);
    }
    return kinds;
  });
}

/** A grid of ruled lines: the x of its column borders and the y of its row borders. */
interface Grid {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  cols: number[];
  rows: number[];
}

/** Values within `slack` of each other, as one (their first). */
function distinct(values: number[], slack: number): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1] > slack) out.push(v);
  return out;
}

/**
 * The ruled tables of a page: rules that touch one another, with three column borders or more
 * and two row borders or more. A box drawn round a paragraph, or a header's underline, is none.
 */
function gridsOf(rules: PdfRule[]): Grid[] {
  const touch = (a: PdfRule, b: PdfRule) => a.x0 <= b.x1 + 2 && b.x0 <= a.x1 + 2 && a.y0 <= b.y1 + 2 && b.y0 <= a.y1 + 2;
  const groups: PdfRule[][] = [];
  for (const r of rules) {
    const joined = groups.filter((g) => g.some((q) => touch(q, r)));
    const merged = [r, ...joined.flat()];
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups.flatMap((g) => {
    const vertical = g.filter((r) => r.x1 - r.x0 < r.y1 - r.y0);
    const horizontal = g.filter((r) => r.x1 - r.x0 >= r.y1 - r.y0);
    const cols = distinct(
      vertical.map((r) => (r.x0 + r.x1) / 2),
      2,
    );
    const rows = distinct(
      horizontal.map((r) => (r.y0 + r.y1) / 2),
      2,
    );
    if (cols.length < 3 || rows.length < 2) return [];
    return [
      {
        x0: Math.min(...g.map((r) => r.x0)),
        y0: Math.min(...g.map((r) => r.y0)),
        x1: Math.max(...g.map((r) => r.x1)),
        y1: Math.max(...g.map((r) => r.y1)),
        cols,
        rows,
      },
    ];
  });
}

/** Where a run stands in a grid: its row and column band, or null outside it. */
function cellOf(grid: Grid, r: PdfRun): { row: number; col: number } | null {
  const cx = r.x + r.w / 2;
  const cy = r.y - r.size * 0.35;
  if (cx < grid.x0 || cx > grid.x1 || cy < grid.y0 || cy > grid.y1) return null;
  return { row: grid.rows.filter((y) => y < cy).length, col: grid.cols.filter((x) => x < cx).length };
}

/**
 * A ruled table read as its cells, row by row and in each row cell by cell, each cell one line
 * however it wraps (its lines joined as a paragraph's are): a row is a row, and a cell is whole.
 * Merged cells (a 工作任务 spanning rows) are read in the row their words stand in.
 */
function tableLines(grid: Grid, runs: PdfRun[], index: number, opts: PdfLayoutOptions): PhysicalLine[] {
  const cells = new Map<string, PdfRun[]>();
  for (const r of runs) {
    const at = cellOf(grid, r)!;
    const key = `${String(at.row).padStart(4, '0')}/${String(at.col).padStart(4, '0')}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  return [...cells.keys()].sort().map((key) => {
    const lines = groupLines(cells.get(key)!, opts).map((g) => joinRuns(g, opts));
    const text = joinWrapped(lines.map((l) => l.text));
    return {
      text,
      x0: lines[0].x0,
      x1: Math.max(...lines.map((l) => l.x1)),
      y: grid.y0,
      size: median(cells.get(key)!.map((r) => r.size)),
      page: index,
      column: 0,
      columns: 1,
      cell: true,
    };
  });
}

/** The body's left and right margins and usual line pitch of each kind of column, over the whole issue. */
function margins(lines: PhysicalLine[]): Map<string, { left: number; right: number; em: number; pitch: number }> {
  const out = new Map<string, { left: number; right: number; em: number; pitch: number }>();
  const slots = new Map<string, PhysicalLine[]>();
  for (const l of lines) slots.set(`${l.columns}/${l.column}`, [...(slots.get(`${l.columns}/${l.column}`) ?? []), l]);
  for (const [slot, ls] of slots) {
    const counts = new Map<number, number>();
    for (const l of ls) counts.set(Math.round(l.x0), (counts.get(Math.round(l.x0)) ?? 0) + 1);
    const left = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    const rights = ls.map((l) => l.x1).sort((a, b) => a - b);
    const em = median(ls.map((l) => l.size));
    const gaps = ls
      .slice(1)
      .flatMap((l, k) => (l.page === ls[k].page && l.column === ls[k].column && l.y > ls[k].y && l.y - ls[k].y < 3 * em ? [l.y - ls[k].y] : []));
    // Lines of one paragraph stand closest: where paragraphs are spaced and short, most gaps are wider.
    const pitch = gaps.sort((a, b) => a - b)[Math.floor(gaps.length * 0.2)] ?? Infinity;
    out.set(slot, { left, right: rights[Math.floor(rights.length * 0.9)], em, pitch });
  }
  return out;
}

/** An issue's pages, as a PDF places their glyphs → the printed lines every rule reads, each with its page. */
export function readPdfLayout(pages: PdfPage[], options: Partial<PdfLayoutOptions> = {}): IssueLayout {
  const opts = { ...PDF_LAYOUT_DEFAULTS, ...options };
  // Ruled tables are read cell by cell; the rest of a page line by line.
  const grids = pages.map((p) => gridsOf(p.rules ?? []));
  const printed = pages.map((p) => p.runs.filter((r) => r.s.trim() !== ''));
  const inTable = printed.map((runs, i) => runs.map((r) => grids[i].findIndex((g) => cellOf(g, r) !== null)));
  const groups = printed.map((runs, i) =>
    groupLines(
      runs.filter((_, k) => inTable[i][k] < 0),
      opts,
    ),
  );
  const furniture = furnitureOf(groups, opts);
  const bodies = groups.map((g, i) => g.filter((_, k) => !furniture[i].has(k)).flat());
  // Columns belong to the whole issue's typesetting: pages are split at a gutter only where most
  // pages with text have one, so the empty band of a table page never splits it.
  // Where they do, a page whose own gutter is unclear (a table, a short last page) is split at
  // the issue's gutter unless its text crosses it.
  const cuts = bodies.map((runs) => findGutter(runs, opts));
  const found = cuts.filter((c): c is number => c !== null);
  const twoColumns = found.length > bodies.filter((runs) => runs.length >= 20).length / 2;
  const gutter = median(found);
  const crosses = (runs: PdfRun[]) => runs.filter((r) => r.x < gutter && r.x + r.w > gutter).length;
  const cutOf = (runs: PdfRun[], i: number) => (!twoColumns ? null : (cuts[i] ?? (crosses(runs) <= runs.length * 0.05 ? gutter : null)));
  const body = bodies.map((runs, i) => {
    const tableRuns = (t: number) => printed[i].filter((_, k) => inTable[i][k] === t);
    const cut = cutOf(runs, i);
    // A page split into columns reads its tables' words with the column they stand in.
    if (cut !== null) return bodyLines([...runs, ...printed[i].filter((_, k) => inTable[i][k] >= 0)], i, cut, opts);
    const lines = bodyLines(runs, i, null, opts);
    grids[i].forEach((grid, t) => {
      const at = lines.findIndex((l) => l.y > grid.y0);
      lines.splice(at < 0 ? lines.length : at, 0, ...tableLines(grid, tableRuns(t), i, opts));
    });
    return lines;
  });
  const edges = margins(body.flat().filter((l) => !l.cell));
  const items: PrintedItem[] = [];
  const indentOf = (l: PhysicalLine) => {
    const m = edges.get(`${l.columns}/${l.column}`)!;
    return (l.x0 - m.left) / m.em;
  };
  // Where paragraphs are indented, a line at the margin carries on the one before it even across a
  // page or column; where none is, only spacing tells, and spacing is not seen across a page.
  const prose = body.flat().filter((l) => !l.cell);
  const usesIndent = prose.filter((l) => indentOf(l) >= opts.minIndent && indentOf(l) <= opts.maxIndent).length >= prose.length * 0.02;
  let prev: { full: boolean; alone: boolean; line: PhysicalLine } | null = null;
  body.forEach((lines, index) => {
    const marks = [...furniture[index]].map(([k, kind]) => ({ text: joinRuns(groups[index][k], opts).text, kind, top: k <= 1 }));
    const furnitureItem = (f: (typeof marks)[number]): PrintedItem => ({ text: f.text, pageIndex: index, pageStart: false, furniture: f.kind });
    items.push(...marks.filter((f) => f.top).map(furnitureItem));
    lines.forEach((l, k) => {
      if (l.cell) {
        items.push({ text: l.text, pageIndex: index, pageStart: k === 0, position: { opens: true, centred: false } });
        prev = { full: false, alone: true, line: l };
        return;
      }
      const m = edges.get(`${l.columns}/${l.column}`)!;
      const indent = indentOf(l);
      const short = (m.right - l.x1) / m.em;
      const centred = indent >= opts.minIndent && short >= opts.minIndent && Math.abs(indent - short) <= opts.centreSlack;
      const rightAligned = short < opts.shortBy && indent > opts.maxIndent;
      const alone = centred || rightAligned;
      const indented = !alone && indent >= opts.minIndent && indent <= opts.maxIndent;
      const sameColumn = !!prev && prev.line.page === l.page && prev.line.column === l.column;
      const spaced = sameColumn && l.y - prev!.line.y > opts.paragraphGap * m.pitch;
      const opens = !prev || alone || prev.alone || indented || spaced || !prev.full ? true : sameColumn || usesIndent ? false : undefined;
      items.push({
        text: l.text,
        pageIndex: index,
        pageStart: k === 0,
        position: { opens, centred: alone, endsShort: Math.max(0, Math.round(short * 100) / 100) },
      });
      prev = { full: short < opts.shortBy, alone, line: l };
    });
    items.push(...marks.filter((f) => !f.top).map(furnitureItem));
  });
  return finishLayout(items, { pageCount: pages.length });
}
