// Layout repair, step 3c: table rows whose cells wrap over several printed lines each, cell after
// cell (a ruled table read cell by cell: 44号, 49号, 68号, 85号 of the bundled issue), cut into
// their cells. Nothing marks where a cell ends; the print's own structure does:
//  - a column has one width: every line of a cell but its last fills it, and no line is wider;
//  - a cell holds whole words: it neither opens with a mark that follows words (，、）) nor ends
//    with one that leads on (、（《), its brackets close, a figure keeps its unit (2019 | 年);
//  - a column holds one kind of value, named by its header: amounts under 投资（万元）, dates
//    under 时限 and 年度, unit names (…局, …委员会, …政府) under 单位, places under 地点;
//  - a value the column prints in other rows (政策吹风会、…) is a cell of that column.
// A row's lines are cut where these fit best; a block of rows printed column by column (6 / 7,
// then each column's cells one under another) is cut the same way, k cells a column, or one where
// a merged cell spans the block. A row whose best cut still breaks the print's structure is not
// guessed at: it reads as printed, and is reported.
import { displayWidth, dropCjkSpaces, matchKey } from '../domain/text.js';
import { UNIT_BOUNDARY } from '../domain/unit-name.js';

/** A cell's words as one string: its wrapped lines joined, no space kept but between two ASCII letters or digits. */
export function joinCell(parts: string[]): string {
  let out = '';
  for (const raw of parts) {
    const p = dropCjkSpaces(raw);
    if (!p) continue;
    if (out && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(p)) out += ' ';
    out += p;
  }
  return out;
}

const AMOUNT = /^\d+(?:\.\d+)?$/;
const DATE = /^(?=.*\d)(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:前|底前|底|以前|之前)?$/;
/** A time limit said in words (实时公开, …之日起20个工作日内予以公开). */
const WHEN = /^(?:实时|即时|及时|定期|长期|随时|常年)(?:公开|更新|发布)?$|[日天月]内(?:予以|上网)?公开$/;
/** How a unit's name ends (市水务局, 市卫生健康委员会, 各县（区）人民政府, 市残联, 各相关部门按职责分别负责). */
const UNIT_END = /(?:局|会|委|政府|公司|部门|中心|办公室|室|办|联|院|厅|负责|县|区)$/;
const PLACE = /^[\u4e00-\u9fff]{1,6}[县区市镇乡]$/;
const RUN_TOGETHER = new RegExp(UNIT_BOUNDARY.source);
/**
 * Unit names, one or several a 、 or ， apart, each ending as a unit's name does (a bracketed note
 * after it aside: 各县（区）人民政府（管委会）); never a sentence, never two names run together.
 */
const UNITS = {
  test: (cell: string): boolean =>
    !/[。；：]/.test(cell) && !RUN_TOGETHER.test(cell) && cell.split(/[、，,]/).every((name) => UNIT_END.test(name.replace(/[（(][^）)]*[）)]$/, ''))),
};

/** What a column's cells look like, by its printed name. */
const COLUMN_KINDS: { column: RegExp; cell: { test: (cell: string) => boolean } }[] = [
  { column: /投资|金额|资金|万元/, cell: AMOUNT },
  { column: /时限|年度|日期|期限/, cell: { test: (cell: string) => DATE.test(cell) || WHEN.test(cell) } },
  { column: /单位|主体/, cell: UNITS },
  { column: /地点|县区|地市|城市/, cell: PLACE },
];

/** A column of amounts (计划投资（万元）): where a table's total falls. */
export function isAmountColumn(name: string): boolean {
  return COLUMN_KINDS[0].column.test(name);
}

/** Costs of what breaks the print's structure, in one place. */
const COST = {
  /** A column printing nothing in a row; in a column that often prints nothing (备注), and in a block of rows printed column by column (a merged cell printed once). */
  empty: 2.5,
  emptyOften: 1,
  /** Per line a cell falls short of the fewest lines its column's cells take in rows of their own (a narrow column's cell cut short). */
  fewLines: 2,
  /** A cut inside a printed line (two cells side by side) rather than at its end. */
  inLine: 0.3,
  /** Per full-width cell a line stops short of its column's width where its cell goes on. */
  short: 0.8,
  /** A cell ending on a line that fills its column (its words likely go on). */
  fullEnd: 1,
  /** Per full-width cell a line is wider than its column. */
  wide: 2,
  /** A cell opening with a mark that follows words, or ending with one that leads on, or with brackets left open. */
  broken: 3,
  /** A one-character cell: a word cut at a cell's edge far more often than a cell. */
  lone: 2,
  /** A cell of its column's kind, and one that is not (an amount or a date under another column). */
  kindFits: -1,
  kindMisfits: 2,
  /** A value the column prints in other rows. */
  seen: -1.5,
  /** A cell ending as its column's cells do; one holding that ending inside (two cells read as one: 灾害事故救援领域公共文化体育领域). */
  endingFits: -0.5,
  endingInside: 3,
};
/** A cell whose cost holds this much of `broken` or `wide` is not taken: the row reads as printed. */
const UNALIGNED = COST.broken;
/** The characters of a shared ending a column's cells are told by. */
const ENDING = 2;
/** No cell runs longer than this many lines. */
const MAX_LINES = 40;

interface Token {
  text: string;
  /** The printed line (of the block's lines as given) the token stands in: a PDF line re-wrapped is one printed line read as several. */
  source: number;
  /** The text without extraction spaces, as a cell prints it. */
  clean: string;
  /** matchKey of clean: a cell's key is its tokens' keys run together (matchKey folds character by character), but where a soft hyphen is (SOFT_HYPHEN). */
  key: string;
  line: number;
  width: number;
  balance: [number, number, number];
}

/** A line's width in a narrow cell: Chinese marks are set half-width there (Word squeezes them), other characters as displayWidth. */
function cellWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[（）〔〕《》“”‘’「」【】、，。；：]/.test(ch) ? 0.5 : displayWidth(ch);
  return w;
}

/**
 * A row's printed words: cut at spaces and where Chinese meets digits or Latin (an extraction prints
 * a space there or none), each with its line. Cells stand side by side in one line only where each
 * is a word or two (3300 中宁县 2019 年); a longer line is one piece of one cell.
 */
function tokenize(lines: PrintedLine[]): Token[] {
  const out: Token[] = [];
  lines.forEach(({ text: l, source }, line) => {
    const pieces = l
      .split(/\s+/)
      .flatMap((word) => word.match(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’—…·]+|[^\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’—…·]+/g) ?? []);
    const token = (text: string): Token => ({
      text,
      source,
      clean: dropCjkSpaces(text),
      key: matchKey(dropCjkSpaces(text)),
      line,
      width: cellWidth(text.replace(/ /g, '')),
      balance: bracketBalance(text),
    });
    if (pieces.length > SIDE_BY_SIDE) out.push(token(pieces.join(' ')));
    else for (const text of pieces) out.push(token(text));
  });
  return out;
}

/** Where a PDF line wrapped inside a table line: a space between cells, or nothing (a word cut at the margin). */
export const WRAP = '\u0001';
/** As WRAP, where the line stopped short of the margin: most likely a space between cells. */
export const WRAP_SPACE = '\u0002';
const WRAPS = /([\u0001\u0002])/;
const WRAPS_ALL = /[\u0001\u0002]/g;
/** How much wider than the table's widest column a re-wrapped line may read (a squeezed mark or two). */
const WRAP_SLACK = 1.5;

/**
 * A block's lines cut at WRAPS (`mark`: the mark before a part) as the table's printed lines: a part
 * after a mark joins the line before it where no cell `opens` with it and the two fit within
 * `widest`, else stands as a line of its own.
 */
function rejoin(parts: (PrintedLine & { mark: string | null })[], widest: number, opens: Set<number>): PrintedLine[] {
  const out: PrintedLine[] = [];
  parts.forEach(({ text, source, mark }, k) => {
    const last = out[out.length - 1];
    if (mark && last && !opens.has(k) && cellWidth(`${last.text}${text}`.replace(/ /g, '')) <= widest + WRAP_SLACK) {
      const space = mark === WRAP_SPACE && /[A-Za-z0-9]$/.test(last.text) && /^[A-Za-z0-9]/.test(text) ? ' ' : '';
      last.text = `${last.text}${space}${text}`;
    } else out.push({ text, source });
  });
  return out;
}

/** The most pieces a line holding several cells prints. */
const SIDE_BY_SIDE = 10;

export interface ColumnModel {
  /** Printed column names, 序号 aside. */
  names: (string | null)[];
  /** Each column's width in full-width cells, where known (the lines its cells wrap at). */
  widths: (number | null)[];
  /** What each column's cells look like, by its name (COLUMN_KINDS), where known. */
  kinds: ({ test: (cell: string) => boolean } | null)[];
  /** Values each column prints in more than one row. */
  seen: Set<string>[];
  /** Items (a cell's words between 、 and ，) each column prints in more than one cell. */
  items: Set<string>[];
  /** Columns that print nothing in many rows. */
  emptyOften: boolean[];
  /** The fewest lines a column's cell takes in rows of their own, where known. */
  fewestLines: (number | null)[];
  /** How most of a column's cells end (…领域, …媒体等), where they share an ending. */
  endings: (string | null)[];
}

interface Cut {
  cost: number;
  /** Whether a cell breaks the print's structure (a word cut across cells, a line wider than its column). */
  broken: boolean;
}

/** Cuts of one start, by their end, as two arrays (not an object a cut: a table's cutting weighs up millions). */
interface Cuts {
  cost: number[];
  broken: boolean[];
}

/** Marks a cell never opens with (they follow words), and marks it never ends with (they lead on). */
const OPENS_BROKEN = /^[，。、；：！？）》」』”,.;:!?)\]]/;
const ENDS_BROKEN = /[、，（《「『“([—+/-]$/;
/** A figure's unit or a date's rest: never the start of a cell after the figure. */
const AFTER_FIGURE = /^(?:年|月|日|万|亿|个|元|米|公里|千米|平方|立方|座|台|套|户|处|家|人|名|%|％|倍|亩|吨|天|小时|号)/;
/** A list (、，) whose last item is one character (新闻发布会、在 / 线访谈): a word cut across cells. */
const LONE_ITEM_END = /[、，][\u4e00-\u9fff]$/;
/** A list whose first item is one character: the end of a word begun in the cell before. */
const LONE_ITEM_START = /^[\u4e00-\u9fff][、，]/;

/**
 * A cell of a column of one kind (unit names, dates) that opens with an item the column before it
 * prints in other cells, or ends with one the column after it prints, its rest of the column's kind
 * (音频视频市教育局 under 解读单位, where 解读方式 prints 音频视频): two cells run together.
 */
function runsInto(keyOf: () => string, column: number, model: ColumnModel): boolean {
  const kind = model.kinds[column];
  if (!kind || !(model.items[column - 1]?.size || model.items[column + 1]?.size)) return false;
  const key = keyOf();
  const joined = (v: string, rest: string) =>
    !kind.test(v) && v.length >= 3 && !model.items[column].has(v) && /^[^、，；。（）]/.test(rest) && /[^、，；。（）]$/.test(rest) && kind.test(rest);
  for (const v of model.items[column - 1] ?? []) if (key.startsWith(v) && joined(v, key.slice(v.length))) return true;
  for (const v of model.items[column + 1] ?? []) if (key.endsWith(v) && joined(v, key.slice(0, -v.length))) return true;
  return false;
}

/** Cells longer than this are read as text: no amount, date or unit list is. */
const KIND_MAX = 120;

/** Brackets a token opens less those it closes, per kind: a cell's must come to nothing. */
function bracketBalance(text: string): [number, number, number] {
  let round = 0;
  let book = 0;
  let quote = 0;
  for (const ch of text) {
    if (ch === '（' || ch === '(') round++;
    else if (ch === '）' || ch === ')') round--;
    else if (ch === '《') book++;
    else if (ch === '》') book--;
    else if (ch === '“') quote++;
    else if (ch === '”') quote--;
  }
  return [round, book, quote];
}

/** A soft hyphen folds by the characters around it (foldCharacters): a text holding one is keyed whole. */
const SOFT_HYPHEN = '\u00ad';

/** The costs of every cell of `column` that starts at token `a`, by its end (index b - a - 1), up to MAX_LINES lines. */
function cellCosts(tokens: Token[], a: number, column: number, model: ColumnModel): Cuts {
  const out: Cuts = { cost: [], broken: [] };
  const kind = model.kinds[column];
  const seen = model.seen[column];
  const widths: number[] = [];
  let widest = 0;
  let summed = { few: Number.NaN, width: Number.NaN, lines: 0, cost: 0, broken: 0 };
  let text = '';
  // The text's last two characters: the tests of how a cell ends read them, never the whole text (a long string built piece by piece is copied whole to be read).
  let tail = '';
  let key = '';
  let softHyphen = false;
  // matchKey(text), worked out only where a cost asks for it (a long cell's, once per token, is most of the cutter's time).
  const textKey = () => (softHyphen ? matchKey(text) : key);
  let round = 0;
  let book = 0;
  let quote = 0;
  // Breaks fixed by where the cell starts: a figure's unit or a date's rest cut from it.
  const before = a > 0 ? tokens[a - 1].text : '';
  // The cell's opening words (a figure and its unit are two tokens).
  const first = tokens[a].clean + (tokens[a + 1]?.clean ?? '');
  const startBreaks =
    Number(OPENS_BROKEN.test(first) || LONE_ITEM_START.test(first)) +
    Number(/[年月]$/.test(before) && /^\d{1,2}[月日]/.test(first)) +
    Number(/[\d.]$/.test(before) && AFTER_FIGURE.test(first));
  for (let b = a + 1; b <= tokens.length && tokens[b - 1].line - tokens[a].line < MAX_LINES; b++) {
    const t = tokens[b - 1];
    if (b === a + 1 || t.line !== tokens[b - 2].line) widths.push(0);
    widths[widths.length - 1] += t.width;
    widest = Math.max(widest, widths[widths.length - 1]);
    const space = text && /[A-Za-z0-9]$/.test(tail) && /^[A-Za-z0-9]/.test(t.clean) ? ' ' : '';
    text += space + t.clean;
    tail = (tail + space + t.clean).slice(-2);
    key += t.key;
    softHyphen ||= t.clean.includes(SOFT_HYPHEN);
    round += t.balance[0];
    book += t.balance[1];
    quote += t.balance[2];
    const width = model.widths[column] ?? widest;
    const few = Math.max(0, (model.fewestLines[column] ?? 0) - widths.length) * COST.fewLines;
    // The lines before the last cost what they cost for the cell before this one, while `few` and the width
    // hold: only lines finished since are added, in print order (the same sum to the bit as summed afresh).
    if (few !== summed.few || width !== summed.width) summed = { few, width, lines: 0, cost: few, broken: 0 };
    for (; summed.lines < widths.length - 1; summed.lines++) {
      const w = widths[summed.lines];
      summed.cost += Math.max(0, width - w - 1) * COST.short;
      summed.cost += Math.max(0, w - width - 0.5) * COST.wide;
      // A line a character or two wider is the print squeezing its marks; more is another column's.
      if (w - width >= 2) summed.broken += COST.broken;
    }
    const last = widths[widths.length - 1];
    let cost = summed.cost + Math.max(0, last - width - 0.5) * COST.wide;
    let broken = summed.broken + (last - width >= 2 ? COST.broken : 0);
    const next = tokens[b];
    // A cell whose last line fills its column most often goes on in the next line, unless it ends a sentence
    // (a PDF re-wrapping the table may have taken a line's last words up to the line before: 审批流 / 程。).
    if (model.widths[column] !== null && next && next.line !== t.line && widths[widths.length - 1] >= width - 0.25 && !/[。；]$/.test(tail))
      cost += COST.fullEnd;
    if (next && next.line === t.line) cost += COST.inLine;
    const breaks =
      startBreaks +
      Number(ENDS_BROKEN.test(tail) || LONE_ITEM_END.test(tail)) +
      Number(round !== 0) +
      Number(book !== 0) +
      Number(quote !== 0) +
      Number(runsInto(textKey, column, model));
    cost += breaks * COST.broken;
    broken += breaks * COST.broken;
    if (text.length === 1 && /[\u4e00-\u9fff]/.test(text)) cost += COST.lone;
    const short = text.length <= KIND_MAX;
    if (kind) cost += short && kind.test(text) ? COST.kindFits : COST.kindMisfits;
    else if (short && (AMOUNT.test(text) || DATE.test(text))) cost += COST.kindMisfits;
    if (seen.size && short && seen.has(textKey())) cost += COST.seen;
    const ending = model.endings[column];
    if (ending && text.endsWith(ending)) cost += COST.endingFits;
    // Held before the cell's last character (the first place it is held is the earliest to end).
    const inside = ending ? text.indexOf(ending) : -1;
    if (inside >= 0 && inside + ending!.length < text.length) cost += COST.endingInside;
    out.cost.push(cost);
    out.broken.push(broken >= UNALIGNED);
  }
  return out;
}

/** One block cut into cells: per column, the values it prints (k of them, or fewer), and whether a cut breaks the print. */
export interface CutBlock {
  values: string[][];
  lines: string[][][];
  /** Per column, the printed line (of the block's lines as given) each value starts in. */
  starts: number[][];
  /** The lines (as the cutter read them) a value opens at their start. */
  opens: Set<number>;
  broken: boolean;
}

/** A line as the cutter reads it: its words, and which of the block's printed lines it is (or is part of). */
interface PrintedLine {
  text: string;
  source: number;
}

/**
 * The cheapest cut of a block's lines into `k` cells a column, column after column, where a
 * column may print fewer (a merged cell, an empty one). A `lead` block (a row's sub-item after its
 * first) prints nothing, at no cost, in the columns before its first cell: cells merged over the
 * row's sub-items, printed with the first.
 */
function cutBlock(lines: PrintedLine[], k: number, model: ColumnModel, lead = false): CutBlock {
  const tokens = tokenize(lines);
  const T = tokens.length;
  const columns = model.names.length;
  const slots = k * columns;
  // Costs per column and start, read once.
  const memo: (Cuts | undefined)[] = new Array(columns * (T + 1)).fill(undefined);
  const emptyCut = (c: number): Cut => ({ cost: model.emptyOften[c] ? COST.emptyOften : COST.empty, broken: false });
  const costsFrom = (c: number, a: number): Cuts => (memo[c * (T + 1) + a] ??= cellCosts(tokens, a, c, model));
  const cost = (c: number, a: number, b: number): Cut => {
    if (a === b) return emptyCut(c);
    const cuts = costsFrom(c, a);
    return { cost: cuts.cost[b - a - 1], broken: cuts.broken[b - a - 1] };
  };
  // best[s][p]: slots before s cover the tokens before p.
  const best: { cost: number; from: number }[][] = Array.from({ length: slots + 1 }, () => Array.from({ length: T + 1 }, () => ({ cost: Infinity, from: -1 })));
  best[0][0] = { cost: 0, from: -1 };
  for (let s = 0; s < slots; s++) {
    const c = Math.floor(s / k);
    for (let p = 0; p <= T; p++) {
      const here = best[s][p].cost;
      if (here === Infinity) continue;
      // Cells start and end at token edges; a cell may be empty (in a block, a merged cell printed once).
      const empty = here + (lead && p === 0 ? 0 : k > 1 ? COST.emptyOften : emptyCut(c).cost);
      if (empty < best[s + 1][p].cost) best[s + 1][p] = { cost: empty, from: p };
      const from = p < T ? costsFrom(c, p).cost : [];
      for (let q = p + 1; q <= T && tokens[q - 1].line - tokens[p].line < MAX_LINES; q++) {
        const v = here + from[q - p - 1];
        if (v < best[s + 1][q].cost) best[s + 1][q] = { cost: v, from: p };
      }
    }
  }
  const spans: [number, number][] = [];
  let q = T;
  for (let s = slots; s > 0; s--) {
    const p = best[s][q].from;
    spans.unshift([p, q]);
    q = p;
  }
  const values: string[][] = Array.from({ length: columns }, () => []);
  const cellLines: string[][][] = Array.from({ length: columns }, () => []);
  const starts: number[][] = Array.from({ length: columns }, () => []);
  const opens = new Set<number>();
  let broken = false;
  spans.forEach(([a, b], s) => {
    if (a === b) return;
    const c = Math.floor(s / k);
    broken ||= cost(c, a, b).broken;
    values[c].push(joinCell(tokens.slice(a, b).map((t) => t.text)));
    starts[c].push(tokens[a].source);
    if (a === 0 || tokens[a].line !== tokens[a - 1].line) opens.add(tokens[a].line);
    const byLine: string[] = [];
    for (let t = a; t < b; t++) {
      if (t === a || tokens[t].line !== tokens[t - 1].line) byLine.push('');
      byLine[byLine.length - 1] += tokens[t].text;
    }
    cellLines[c].push(byLine);
  });
  return { values, lines: cellLines, starts, opens, broken };
}

/**
 * Blocks of a table cut into cells, twice: once with each cell measured against itself, then with
 * each column's width (the width its cells' inner lines wrap at) and the values it repeats, as the
 * first reading shows them.
 */
export function cutBlocks(blocks: { k: number; lines: string[]; lead?: boolean }[], names: (string | null)[]): CutBlock[] {
  // A column's kind holds where the table prints a value of it somewhere (a 时限 column of 实时公开 holds no dates).
  const words = blocks.flatMap((b) => b.lines.flatMap((l) => [dropCjkSpaces(l.replace(WRAPS_ALL, '')), ...l.split(/[\s\u0001\u0002]+/)]));
  const kinds = names
    .map((n) => COLUMN_KINDS.find((k) => k.column.test(n ?? ''))?.cell ?? null)
    .map((kind) => (kind && words.some((w) => kind.test(w)) ? kind : null));
  const fresh = (): ColumnModel => ({
    names,
    widths: names.map(() => null),
    kinds: [...kinds],
    seen: names.map(() => new Set()),
    items: names.map(() => new Set()),
    emptyOften: names.map(() => false),
    fewestLines: names.map(() => null),
    endings: names.map(() => null),
  });
  let model = fresh();
  // A PDF line that wrapped at the page's column (WRAP marks) is a printed line of the table re-wrapped
  // (its last words on a line of their own), or two printed lines, the first filling the page's column.
  // Read first as parts, each a line; then a part joins the line before it where no cell opens with it
  // and the two fit in the table's widest column (a printed line is never wider than its column), and
  // the lines so printed are read as text's are.
  const apart = blocks.map((b) =>
    b.lines.flatMap((l, source) => l.split(WRAPS).flatMap((text, k, all) => (k % 2 ? [] : [{ text, source, mark: k ? all[k - 1] : null }]))),
  );
  let lines: PrintedLine[][] = apart;
  if (apart.some((parts) => parts.some((p) => p.mark))) {
    const first = blocks.map((b, k) => cutBlock(apart[k], b.k, model, b.lead));
    learn(first);
    const widest = Math.max(0, ...model.widths.map((w) => w ?? 0));
    lines = apart.map((parts, k) => rejoin(parts, widest, first[k].opens));
    model = fresh();
  }
  let cuts = blocks.map((b, k) => cutBlock(lines[k], b.k, model, b.lead));
  for (let pass = 0; pass < 2; pass++) {
    learn(cuts);
    cuts = blocks.map((b, k) => cutBlock(lines[k], b.k, model, b.lead));
  }
  return cuts;

  function learn(first: CutBlock[]): void {
    names.forEach((_, c) => {
      const all: number[] = [];
      let wrapped = 0;
      const counts = new Map<string, number>();
      for (const cut of first)
        for (const cell of cut.lines[c]) {
          all.push(...cell.map((l) => cellWidth(l)));
          wrapped += cell.length - 1;
        }
      for (const cut of first) for (const v of cut.values[c]) counts.set(matchKey(v), (counts.get(matchKey(v)) ?? 0) + 1);
      all.sort((a, b) => a - b);
      // The width the column's lines fill: as wide as most of its lines (a stray cut in the first reading aside);
      // a column whose cells never wrap (a cell a line) has no width to hold them to.
      model.widths[c] = all.length && wrapped >= 3 ? all[Math.floor(all.length * 0.75)] : null;
      model.seen[c] = new Set([...counts].filter(([, n]) => n > 1).map(([v]) => v));
      const items = new Map<string, number>();
      for (const [v, n] of counts) for (const item of v.split(/[、，]/)) items.set(item, (items.get(item) ?? 0) + n);
      model.items[c] = new Set([...items].filter(([, n]) => n > 1).map(([v]) => v));
      const singles = first.filter((_, k) => blocks[k].k === 1);
      // A sub-item prints nothing, by design, in the columns merged over its row: no sign of a column often empty.
      const own = first.filter((_, k) => blocks[k].k === 1 && !blocks[k].lead);
      model.emptyOften[c] = own.filter((cut) => !cut.values[c].length).length >= Math.max(2, own.length / 4);
      const lineCounts = singles.flatMap((cut) => cut.lines[c].map((cell) => cell.length)).sort((a, b) => a - b);
      model.fewestLines[c] = lineCounts.length >= 3 ? lineCounts[Math.floor(lineCounts.length * 0.1)] : null;
      const values = first.flatMap((cut) => cut.values[c]);
      // The ending most of the column's cells share (…领域): where one cell holds it inside, two are read as one.
      const ends = new Map<string, number>();
      for (const v of values) if (v.length > ENDING) ends.set(v.slice(-ENDING), (ends.get(v.slice(-ENDING)) ?? 0) + 1);
      const [end, n] = [...ends].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      model.endings[c] = values.length >= 4 && n >= 0.75 * values.length ? end : null;
    });
  }
}
