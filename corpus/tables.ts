// Layout repair, step 3b: a flattened table's rows → cells under the table's own printed column
// names. The 序号 column tells where a row starts (outline.ts); here each row's printed lines are
// cut into its cells, however the extraction printed them:
//  - a row a line, cells a space apart (43号 附件1–3), the line wrapped or not (a PDF's or an
//    extractor's narrow column cuts a row inside a word or at a space: the reading of the header
//    and of every row that agree on the count of cells is taken);
//  - several rows printed as one block column by column (43号 附件4–5): the 序号 lines, then each
//    column's cells one under another; a merged cell printed once for several rows is repeated
//    where it holds one value for all of them;
//  - a merged cell printed once, in the first row it spans (43号 附件2's 清水河), is repeated in
//    the rows that lack it.
// Cells wrapped over several lines each, cell after cell (44号, 49号, 68号, 85号, a ruled table
// read cell by cell), are not told apart here: those rows read as printed, and the table is
// reported in its notice. What cannot be aligned is said, never guessed.
import { dropCjkSpaces, matchKey } from '../domain/text.js';
import type { Line } from './layout.js';
import { cutBlocks, isAmountColumn, joinCell, WRAP_SPACE } from './table-cells.js';

export { WRAP, WRAP_SPACE } from './table-cells.js';

/** One row as read: its 序号 and a cell per column (null where the table printed none). */
export interface TableRow {
  number: number;
  cells: (string | null)[];
  /** A row of a block printed column by column: the page its first cell of its own starts on. */
  page?: number;
  /**
   * A row whose cells from one column on list sub-items （1）…（n）, each with cells of its own:
   * each sub-item as a row (its number `item`, its printed lines), the cells merged over them
   * repeated in each; `cells` holds those merged cells alone.
   */
  items?: (TableRow & { item: number; lines: string[] })[];
}

export interface ReadTable {
  /** Printed column names, 序号 first; null for a column whose name the header does not print. */
  columns: (string | null)[];
  /** Rows by 序号; a block whose cells could not be aligned is absent (and listed in problems). */
  rows: Map<number, TableRow>;
  problems: { numbers: number[]; lineNo: number; page: number | null; message: string }[];
}

/** A block of printed lines that starts with one or more 序号 (outline.ts's row blocks). */
export interface RowBlock {
  numbers: number[];
  lines: Line[];
}

const SECTION = /^[一二三四五六七八九十]+、/;

/**
 * A text with WRAP marks read every way they can be (nothing or a space at each), the likeliest
 * first: a WRAP read as nothing, a WRAP_SPACE as a space.
 */
function readings(text: string, space = ' '): Reading[] {
  const pieces = text.split(/([\u0001\u0002])/);
  const marks = (pieces.length - 1) / 2;
  if (marks === 0) return [{ text, surprise: 0 }];
  if (marks > 5) return [{ text: pieces.map((p, k) => (k % 2 ? (p === WRAP_SPACE ? space : '') : p)).join(''), surprise: 0 }];
  const out: Reading[] = [];
  for (let mask = 0; mask < 1 << marks; mask++) {
    let t = pieces[0];
    let surprise = 0;
    for (let m = 0; m < marks; m++) {
      const bit = (mask >> m) & 1;
      if ((pieces[2 * m + 1] === WRAP_SPACE) !== !!bit) surprise++;
      t += (bit ? space : '') + pieces[2 * m + 2];
    }
    out.push({ text: t, surprise });
  }
  return out.sort((a, b) => a.surprise - b.surprise);
}

interface Reading {
  text: string;
  /** How many marks it reads against their likelihood. */
  surprise: number;
}

const ROW_LEAD = /^(\d{1,3})(?:\s*(.*))?$/;
/** A figure's unit or a date's word printed a space after its digits: one cell, not two. */
const MEASURE_AFTER = /^(年|月|日|万|亿|个|元|米|公里|千米|平方|立方|座|台|套|处|家|人|名|%|％|倍|亩|吨|天|小时)/;

/** The words of a line a space apart, with a figure and its unit (2019 年, 4 万) kept together. */
function tokens(raw: string): string[] {
  const out: string[] = [];
  for (const t of raw.split(/\s+/).filter(Boolean)) {
    const last = out[out.length - 1];
    if (last !== undefined && ((/[\d.]$/.test(last) && MEASURE_AFTER.test(t)) || /^[/+\-—、，,）)]/.test(t) || /[/+\-—（(]$/.test(last)))
      out[out.length - 1] = `${last} ${t}`;
    else out.push(t);
  }
  return out;
}

/**
 * The column names a table's header prints, 序号 first. A name wrapped in its narrow cell
 * (序/号, 建设/地点, 重点公/开事项, 计划投资/（万元）) is printed over two lines, or as two short
 * words a space apart (公开 时限): they are joined. A heading row (一、统一审批流程) is no name.
 */
export function headerColumns(header: string[]): string[] {
  const lines = header.map((l) => l.trim()).filter((r) => r && !SECTION.test(r));
  const names: string[] = [];
  let fragment = false;
  // Two short words a space apart are one name cut by the cell (公开 时限), in one line or where the line wrapped (监督 / 渠道).
  const halves = (last: string | undefined, w: string) =>
    last !== undefined && last !== '序号' && last.length === 2 && w.length === 2 && names.length > 1 && !/^序/.test(w);
  let wrappedAfterWords = false;
  for (const raw of lines) {
    const words = raw.split(/\s+/).filter(Boolean);
    if (words.length === 1) {
      const w = words[0];
      const last = names[names.length - 1];
      if (last !== undefined && (/^[（(]/.test(w) || (fragment && w.length <= 3 && !/^序号$/.test(last)) || (wrappedAfterWords && halves(last, w)))) {
        names[names.length - 1] = last + w;
        fragment = false;
        wrappedAfterWords = false;
        continue;
      }
      names.push(w);
      fragment = w.length <= 3 && w !== '序号';
      wrappedAfterWords = false;
      continue;
    }
    fragment = false;
    wrappedAfterWords = true;
    for (const w of words) {
      const last = names[names.length - 1];
      if (halves(last, w)) names[names.length - 1] = last + w;
      else names.push(w);
    }
  }
  if (names[0] === '序' && names[1] === '号') names.splice(0, 2, '序号');
  // 序号 run together with the names after it (序号水体名称…).
  if (/^序号\S/.test(names[0] ?? '')) names.splice(0, 1, '序号', names[0].slice(2));
  return names.map((n) => dropCjkSpaces(n));
}

/** Cells of one row printed on one line, a space apart (the 序号 already taken off). */
function spacedCells(rest: string): string[] {
  return tokens(rest).map((t) => joinCell([t]));
}

/** How column names end: where names printed together can be cut. */
const NAME_ENDS = [
  '名称',
  '文号',
  '地市',
  '县区',
  '城市',
  '地点',
  '流域',
  '断面',
  '功能',
  '属性',
  '目标',
  '类型',
  '类别',
  '级别',
  '单位',
  '时限',
  '渠道',
  '方式',
  '内容',
  '事项',
  '年度',
  '备注',
  '规模',
  '主体',
  '措施',
  '任务',
  '（万元）',
];

/**
 * Names printed together cut into n names (0: at every end) where column names end (never before a bracket: 监测断面
 * （点位）名称 is one name); of the cuts that give n names, the one whose shortest name is longest.
 */
function cutNames(run: string, n: number): string[] | null {
  const at = new Set<number>();
  for (const end of NAME_ENDS)
    for (let i = run.indexOf(end); i >= 0; i = run.indexOf(end, i + 1)) {
      // A name ending in brackets (公开方式（渠道）) ends after them.
      const after = i + end.length + (/^[）)]/.test(run.slice(i + end.length)) ? 1 : 0);
      if (after < run.length && !/^[（(及和与或、，]/.test(run.slice(after))) at.add(after);
    }
  const cuts = [...at].sort((a, b) => a - b);
  if (n === 0) n = cuts.length + 1;
  if (cuts.length < n - 1 || cuts.length > 16) return null;
  let best: { names: string[]; shortest: number } | null = null;
  const pick = (from: number, chosen: number[]): void => {
    if (chosen.length === n - 1) {
      const bounds = [0, ...chosen, run.length];
      const names = bounds.slice(1).map((b, k) => run.slice(bounds[k], b));
      const shortest = Math.min(...names.map((x) => x.length));
      if (!best || shortest > best.shortest) best = { names, shortest };
      return;
    }
    for (let k = from; k < cuts.length; k++) pick(k + 1, [...chosen, cuts[k]]);
  };
  pick(0, []);
  return best ? (best as { names: string[] }).names : null;
}

/** The 序号 off a block's lines: the number lines, or the number before the first cell. */
function withoutNumbers(block: RowBlock): { raw: string; page: number | null }[] {
  const rest = block.lines.map((l) => ({ raw: l.raw.trim(), page: l.page }));
  for (let k = 0; k < block.numbers.length && rest.length; k++) {
    const m = ROW_LEAD.exec(rest[0].raw);
    if (!m || Number(m[1]) !== block.numbers[k]) break;
    if (m[2]) rest[0] = { ...rest[0], raw: m[2] };
    else rest.shift();
  }
  return rest.filter((l) => !SECTION.test(l.raw) && l.raw !== '');
}

/** Values a column holds elsewhere in the table: a column-by-column block is cut where its values fit. */
function columnAffinity(value: string, known: Set<string> | undefined): number {
  if (!known?.size) return 0;
  const key = matchKey(value);
  if (known.has(key)) return 3;
  for (const k of known) if (k.slice(-1) === key.slice(-1)) return 1;
  return 0;
}

/**
 * A block of k rows printed column by column: every column's cells one under another, k of them,
 * or fewer where a merged cell spans rows (printed once). Returns the rows' cells, or why not.
 */
function columnBlock(values: string[], k: number, count: number, known: Map<number, Set<string>>): { cells: string[][] } | { problem: string } {
  if (values.length === k * count) {
    return { cells: Array.from({ length: k }, (_, r) => Array.from({ length: count }, (_, c) => joinCell([values[c * k + r]]))) };
  }
  if (values.length > k * count || values.length < count) return { problem: `${values.length} printed cells for ${k} rows of ${count} columns` };
  // Some columns print fewer than k cells (merged): choose the sizes where each value fits its
  // column best (values seen in that column in the table's other rows), the shortfall where the
  // columns' own values agree.
  let best: { score: number; sizes: number[]; ties: number } = { score: -Infinity, sizes: [], ties: 0 };
  const sizes: number[] = [];
  const walk = (c: number, at: number, score: number): void => {
    if (c === count) {
      if (at !== values.length) return;
      if (score > best.score) best = { score, sizes: [...sizes], ties: 1 };
      else if (score === best.score) best.ties++;
      return;
    }
    for (let s = 1; s <= k; s++) {
      if (at + s > values.length) break;
      const cells = values.slice(at, at + s);
      let sc = cells.reduce((t, v) => t + columnAffinity(v, known.get(c)), 0);
      // A merged cell holds one value: the cells of a short column agree, or it is no merged one.
      if (s < k && new Set(cells.map(matchKey)).size > 1) sc -= 2;
      if (s < k && new Set(cells.map(matchKey)).size === 1) sc += 1;
      sizes.push(s);
      walk(c + 1, at + s, score + sc);
      sizes.pop();
    }
  };
  walk(0, 0, 0);
  if (best.ties !== 1) return { problem: `${values.length} printed cells for ${k} rows of ${count} columns: which column holds a merged cell cannot be told` };
  const cells: string[][] = Array.from({ length: k }, () => []);
  let at = 0;
  for (let c = 0; c < count; c++) {
    const s = best.sizes[c];
    const col = values.slice(at, at + s).map((v) => joinCell([v]));
    at += s;
    if (s < k && new Set(col.map(matchKey)).size > 1)
      return { problem: `column ${c + 2} prints ${s} cells for ${k} rows (a merged cell): which rows each spans cannot be told` };
    for (let r = 0; r < k; r++) cells[r].push(s === k ? col[r] : col[0]);
  }
  return { cells };
}

/**
 * A table's rows read into cells under its header's column names. Every row gets as many cells as
 * the table has columns (序号 aside); where the header names fewer columns than the rows print,
 * the unnamed ones are the first (a merged cell whose name the header does not print).
 */
export function readTable(header: Line[], blocks: RowBlock[], knownNames: Set<string> = new Set()): ReadTable {
  const rows = new Map<number, TableRow>();
  const problems: ReadTable['problems'] = [];
  const unnumbered = blocks.map(withoutNumbers);
  const printed = unnumbered.map((ls) => ls.map((l) => l.raw));
  const singles = blocks.map((b, k) => ({ b, k })).filter(({ b }) => b.numbers.length === 1);
  // A row a line, or a cell a line: the words a space apart are the cells, as many as the header
  // names (one more where a merged cell's name is not printed, one fewer where a row shares the
  // merged cell printed in the row above). Where a PDF wrapped a line, the reading of the header
  // and of each row that agree on the count of cells is taken.
  const spacedOf = (body: string[]) => spacedCells(body.join(' '));
  // A row's printed lines: one line wrapped (a cell cut at the margin, or a space between cells),
  // or, printed column by column, a cell a line.
  const rowReadings = printed.map((body, k) =>
    blocks[k].numbers.length > 1
      ? readings(body.join('\n')).map((r) => ({ ...r, lines: r.text.split('\n') }))
      : readings(body.join(WRAP_SPACE)).map((r) => ({ ...r, lines: [r.text] })),
  );
  // A header line of several words wrapped: the next line goes on with its last word (水质 / 目标), or with the next name.
  const headerText = header.map((l) => l.raw.trim()).reduce((t, l, k, all) => (k === 0 ? l : t + (/\s/.test(all[k - 1]) ? WRAP_SPACE : '\n') + l), '');
  const balanced = (names: string[]) => names.every((n) => (n.match(/[（(]/g) ?? []).length === (n.match(/[）)]/g) ?? []).length);
  const allReadings = readings(headerText, '\n').map((r) => {
    const names = headerColumns(r.text.split('\n'));
    return { names: names[0] === '序号' ? names.slice(1) : names, surprise: r.surprise };
  });
  // A header whose names run together (序号水体名称所在地市…): cut where column names end, as many as the rows print.
  const counts = new Set(
    rowReadings
      .flatMap((alts, k) =>
        blocks[k].numbers.length > 1 ? alts.map((r) => r.lines.length / blocks[k].numbers.length) : alts.map((r) => spacedOf(r.lines).length),
      )
      .filter((c) => Number.isInteger(c) && c >= 2),
  );
  for (const h of [...allReadings]) {
    if (!h.names.some((x) => x.length > 12)) continue;
    for (const c of counts)
      for (const n of [c, c - 1]) {
        const cut = cutNames(h.names.join(''), n);
        if (cut) allReadings.push({ names: cut, surprise: h.surprise + 2 });
      }
  }
  // A name never stops inside its brackets (监测断面（点 / 位）名称 is one name).
  const headerReadings = allReadings.some((h) => balanced(h.names)) ? allReadings.filter((h) => balanced(h.names)) : allReadings;
  // A cell of one Chinese character is a word cut at the margin far more often than a cell.
  const oddCells = (cells: string[]) => cells.filter((c) => /^[\u4e00-\u9fff]$/.test(c)).length;
  const MISS = 100;
  /**
   * The reading of the header and of every row that fits best: n named columns, plus one the
   * header does not name where a row prints a merged cell (its first) that the rows after it
   * share. Cost: marks read against their likelihood, one-character cells, rows that fit not.
   */
  const choose = (n: number, unnamed: boolean) => {
    let cost = 0;
    let missed = 0;
    let widened = false;
    let shared = false;
    let first = true;
    const picked = rowReadings.map((alts, k) => {
      if (blocks[k].numbers.length > 1) {
        const fit = alts.find((r) => r.lines.length === blocks[k].numbers.length * (n + (unnamed ? 1 : 0)));
        // A block whose cells do not fill the columns (a merged cell) says less: it weighs in, but less than a row.
        cost += fit ? fit.surprise : MISS / 4;
        return fit?.lines ?? alts[0].lines;
      }
      const wanted = unnamed ? (first ? [n + 1] : [n + 1, n]) : [n];
      first = false;
      let best: { lines: string[]; cost: number } | null = null;
      for (const r of alts) {
        const cells = spacedOf(r.lines);
        if (!wanted.includes(cells.length)) continue;
        const c = r.surprise + oddCells(cells);
        if (!best || c < best.cost) best = { lines: r.lines, cost: c };
      }
      if (!best) {
        cost += MISS;
        missed++;
        return alts[0].lines;
      }
      if (unnamed && spacedOf(best.lines).length === n + 1) widened = true;
      if (unnamed && spacedOf(best.lines).length === n) shared = true;
      cost += best.cost;
      return best.lines;
    });
    // A column the header does not name is a merged cell: printed in one row, shared by the next.
    return { cost: unnamed && !(widened && shared) ? Infinity : cost, picked, missed };
  };
  let best = { named: headerReadings[0].names, unnamed: false, cost: Infinity, missed: 0, picked: rowReadings.map((alts) => alts[0].lines) };
  for (const h of headerReadings) {
    if (h.names.length < 2) continue;
    for (const unnamed of [false, true]) {
      const c = choose(h.names.length, unnamed);
      // Names the other tables print (监测断面（点位）名称) tell a wrapped name from two.
      const unknown = knownNames.size ? h.names.filter((x) => !knownNames.has(matchKey(x))).length : 0;
      const total = c.cost + h.surprise + 2 * unknown;
      if (total < best.cost) best = { named: h.names, unnamed, cost: total, missed: c.missed, picked: c.picked };
    }
  }
  let named = best.named;
  const bodies = best.picked;
  // Rows a line each (cells a space apart) where every row fits; else the cells are not told apart here.
  // (A cell a line, words never a space apart, is how a ruled table reads cell by cell; so are
  // cells wrapped over lines, which are not told apart here: both stay as printed.)
  const spaced =
    singles.length > 0 &&
    best.missed === 0 &&
    singles.every(({ k }) => 3 * printed[k].filter((l) => spacedCells(l.replace(/[\u0001\u0002]/g, ' ')).length >= 2).length >= printed[k].length);
  // Names run together over rows whose cells wrap (no row tells how many): cut wherever a name ends.
  // (Not where a part is a bare ending, 断面|功能, or opens with a closing bracket.) A name of one
  // character is the end of the name before it, wrapped at the margin (完成时 / 限).
  if (!spaced)
    named = named
      .reduce<string[]>((out, n) => {
        if (n.length === 1 && out.length) out[out.length - 1] += n;
        else out.push(n);
        return out;
      }, [])
      .flatMap((n) => {
        const parts = cutNames(n, 0);
        return parts?.every((x, k) => x.length >= 2 && !/^[）)]/.test(x) && (k === 0 || !NAME_ENDS.includes(x))) ? parts : [n];
      });
  const count = named.length + (best.unnamed ? 1 : 0);
  const columns: (string | null)[] = ['序号', ...(best.unnamed ? [null] : []), ...named];
  const failed = (b: RowBlock, message: string) => problems.push({ numbers: b.numbers, lineNo: b.lines[0].lineNo, page: b.lines[0].page, message });

  // Values each column holds in rows read unambiguously, for the blocks printed column by column.
  const known = new Map<number, Set<string>>();
  const remember = (cells: (string | null)[]) =>
    cells.forEach((v, c) => {
      if (v) known.set(c, (known.get(c) ?? new Set()).add(matchKey(v)));
    });
  let previous: (string | null)[] | null = null;
  const fromRow = (k: number): (string | null)[] | null => {
    if (!spaced) return null;
    const cells = spacedOf(bodies[k]);
    // A merged cell printed in the first row it spans leaves the next rows short of it.
    const missing = count - cells.length;
    if (missing < 0 || (missing > 0 && !previous)) return null;
    return [...(previous ?? []).slice(0, missing), ...cells];
  };
  blocks.forEach((b, k) => {
    if (b.numbers.length !== 1) return;
    const cells = fromRow(k);
    previous = cells;
    if (!cells) return;
    rows.set(b.numbers[0], { number: b.numbers[0], cells });
    remember(cells);
  });
  // Blocks printed column by column: those whose cells fill every column first, so that the others
  // can tell a merged cell by the values each column holds.
  const grouped = blocks.map((b, k) => ({ b, k })).filter(({ b }) => b.numbers.length > 1);
  const exact = (g: { b: RowBlock; k: number }) => bodies[g.k].length === g.b.numbers.length * count;
  for (const { b, k } of [...grouped.filter(exact), ...grouped.filter((g) => !exact(g))]) {
    const read = columnBlock(bodies[k], b.numbers.length, count, known);
    if ('problem' in read) {
      failed(b, `序号${b.numbers[0]}-${b.numbers[b.numbers.length - 1]}, printed column by column: ${read.problem}; the rows are kept together`);
      continue;
    }
    read.cells.forEach((cells, r) => {
      rows.set(b.numbers[r], { number: b.numbers[r], cells });
      remember(cells);
    });
  }
  // Rows whose cells wrap over several lines each, cell after cell: cut by the print's structure.
  // (Their rows print far more lines than cells; a block a cell a line that does not add up is reported below.)
  // (A ruled table read cell by cell prints a cell a line, its rows at least as many lines as cells.)
  const lineCount = (k: number) => printed[k].flatMap((l) => l.split(/[\u0001\u0002]/)).length;
  const wrapsCells =
    blocks.some((b, k) => lineCount(k) > 1.5 * b.numbers.length * count) || (singles.length > 0 && singles.every(({ k }) => lineCount(k) >= count));
  if (!spaced && wrapsCells && rows.size < blocks.reduce((n, b) => n + b.numbers.length, 0)) {
    problems.length = 0;
    readWrapped(blocks, unnumbered, columns, rows, failed);
    return { columns, rows, problems };
  }
  const unread = singles.filter(({ b }) => !rows.has(b.numbers[0])).map(({ b }) => b.numbers[0]);
  if (unread.length) {
    const first = blocks.find((b) => b.numbers[0] === unread[0])!;
    failed(
      first,
      `the cells of 序号${unread.join('、')} could not be told apart (${unread.length === singles.length ? 'cells wrapped over several lines, or not one a line' : 'not as many cells as the header names'}); those rows read as printed, without column names`,
    );
  }
  // A table read whole tells the next ones of the issue how their names print.
  if (rows.size && !problems.length) for (const x of named) knownNames.add(matchKey(x));
  return { columns, rows, problems };
}

/**
 * Rows whose cells wrap over several lines each, cell after cell (table-cells.ts). A block of rows
 * printed column by column gets a cell a column each where the column prints one per row, the
 * one it prints where a merged cell spans them; a merged first cell printed in the row above is
 * repeated. What cannot be aligned is reported.
 */
function readWrapped(
  blocks: RowBlock[],
  unnumbered: { raw: string; page: number | null }[][],
  columns: (string | null)[],
  rows: Map<number, TableRow>,
  failed: (b: RowBlock, message: string) => void,
): void {
  const names = columns.slice(1);
  // A row whose cells from one column on list sub-items, each with cells of its own (85号 附件1's
  // 序号2: six results, each its own time limit, channel and units), is cut a sub-item a row, the
  // cells before the first sub-item (merged over them all) printed with it. Where the sub-items do
  // not read so (a cell listing （1）（2） inside, the row's other cells after it), the row is cut whole.
  const itemsAt = blocks.map((b, k) => (b.numbers.length === 1 ? subItems(unnumbered[k]) : null));
  const partsOf = (split: boolean) =>
    blocks.flatMap((b, k) => {
      const lines = unnumbered[k].map((l) => l.raw);
      const at = split ? itemsAt[k] : null;
      if (!at) return [{ block: k, k: b.numbers.length, lines, from: 0 }];
      return at.map((from, i) => ({ block: k, k: 1, lines: lines.slice(i ? from : 0, at[i + 1] ?? lines.length), from: i ? from : 0, lead: i > 0 }));
    });
  // A PDF line the page wrapped (its positions say it goes on) keeps its marks: the cutter reads where it wrapped.
  let parts = partsOf(true);
  let cuts = cutBlocks(parts, names);
  // The column the sub-items open: the first sub-item's cell opens with （1）, each other's first cell with its number.
  const itemColumn = (k: number): number | null => {
    const own = parts.map((p, i) => ({ p, cut: cuts[i] })).filter(({ p }) => p.block === k);
    const first = own[0].cut.values.findIndex((v) => v.length === 1 && SUB_ITEM.exec(v[0])?.[1] === '1');
    const fits = own.every(({ cut }, i) => {
      const opens = cut.values.findIndex((v) => v.length > 0);
      return (i === 0 || opens === first) && Number(SUB_ITEM.exec(cut.values[first]?.[0] ?? '')?.[1]) === i + 1 && !cut.broken;
    });
    return first >= 0 && fits ? first : null;
  };
  const itemColumns = blocks.map((_, k) => (itemsAt[k] ? itemColumn(k) : null));
  if (itemsAt.some((at, k) => at && itemColumns[k] === null)) {
    parts = partsOf(false);
    cuts = cutBlocks(parts, names);
    itemColumns.fill(null);
  }
  // A table is read whole or not at all: where one row's cut breaks the print, the cuts of the
  // others rest on a model of its columns that row shows wrong, and the table reads as printed.
  // So does a cell that is two cells of its column read as one: the same words twice (实时公开实时公开), or,
  // where a block of rows prints fewer cells than rows, one holding more than a value the column prints alone in a row.
  const alone = names.map((_, c) => new Set(cuts.flatMap((cut, i) => (parts[i].k === 1 ? cut.values[c] : []))));
  const doubled = (v: string) => v.length >= 4 && v.length % 2 === 0 && v.slice(0, v.length / 2) === v.slice(v.length / 2);
  const misread = (i: number) =>
    cuts[i].values.some(
      (vs, c) => vs.some(doubled) || (vs.length < parts[i].k && vs.some((v) => [...alone[c]].some((a) => a.length >= 2 && v !== a && v.includes(a)))),
    );
  const unaligned = [
    ...new Set(parts.flatMap((p, i) => ((cuts[i].broken || misread(i)) && !blocks[p.block].numbers.every((n) => rows.has(n)) ? [p.block] : []))),
  ].map((k) => blocks[k]);
  if (unaligned.length) {
    const spans = unaligned.map((b) => (b.numbers.length > 1 ? `${b.numbers[0]}-${b.numbers[b.numbers.length - 1]}` : `${b.numbers[0]}`));
    failed(
      unaligned[0],
      `cells wrapped over several lines each: the cells of 序号${spans.join('、')} could not be aligned (a word would be cut across cells, a line be wider than its column, or two cells of a column read as one); the table's rows read as printed, without column names`,
    );
    return;
  }
  let previous: (string | null)[] | null = null;
  blocks.forEach((b, k) => {
    if (b.numbers.every((n) => rows.has(n))) return;
    const j = itemColumns[k];
    if (j !== null) {
      const own = parts.map((p, i) => ({ p, cut: cuts[i] })).filter(({ p }) => p.block === k);
      const merged = own[0].cut.values.slice(0, j).map((v) => v[0] ?? null);
      const items = own.map(({ p, cut }, i) => ({
        number: b.numbers[0],
        item: i + 1,
        cells: cut.values.map((v, c) => (c < j ? merged[c] : (v[0] ?? null))),
        lines: p.lines,
        ...(unnumbered[k][p.from]?.page != null ? { page: unnumbered[k][p.from].page! } : {}),
      }));
      rows.set(b.numbers[0], { number: b.numbers[0], cells: [...merged, ...names.slice(j).map(() => null)], items });
      previous = items[items.length - 1].cells;
      return;
    }
    const cut = cuts[parts.findIndex((p) => p.block === k)];
    const span = b.numbers.length > 1 ? `序号${b.numbers[0]}-${b.numbers[b.numbers.length - 1]}` : `序号${b.numbers[0]}`;
    const n = b.numbers.length;
    const unsure = cut.values.flatMap((v, c) => (v.length > 1 && v.length < n ? [names[c] ?? `column ${c + 2}`] : []));
    if (unsure.length)
      failed(
        b,
        `${span}, printed column by column: ${unsure.join('、')} print fewer cells than rows (merged cells): which rows each spans cannot be told; each row shows them all`,
      );
    const own = cut.values.findIndex((v) => v.length === n);
    for (let r = 0; r < n; r++) {
      const cells = cut.values.map((v) => (v.length === n ? v[r] : v.length === 1 ? v[0] : v.length ? v.join('／') : null));
      // A merged first cell is printed in the first row it spans.
      if (cells[0] === null && previous) cells[0] = previous[0];
      // A row of a block starts where its first cell of its own does: a merged cell's page is the block's.
      const page = n > 1 && own >= 0 ? unnumbered[k][cut.starts[own][r]]?.page : null;
      rows.set(b.numbers[r], { number: b.numbers[r], cells, ...(page != null ? { page } : {}) });
      previous = cells;
    }
  });
}

/** A sub-item's opening: （1）, （2）… */
const SUB_ITEM = /^[（(](\d{1,2})[）)]/;

/** The lines a row's sub-items （1）…（n） open, n ≥ 2, numbered in order; null where it lists none. */
function subItems(lines: { raw: string }[]): number[] | null {
  const at: number[] = [];
  lines.forEach((l, i) => {
    if (Number(SUB_ITEM.exec(l.raw)?.[1]) === at.length + 1) at.push(i);
  });
  return at.length >= 2 ? at : null;
}

/** A line under a table's last row that is no part of it: a total, a note. */
export const TABLE_TRAILER = /^(?:合\s*计|总\s*计|备\s*注\s*[：:]|注\s*[：:])/;

/** A total line (合 计 60611.48) as a row, its figures under the table's amount columns; null where they do not fall one to one. */
export function totalRow(columns: (string | null)[], raw: string): string | null {
  const m = /^(合\s*计|总\s*计)\s*(.*)$/.exec(raw.trim());
  if (!m) return null;
  const figures = m[2].split(/\s+/).filter(Boolean);
  const amounts = columns.filter((c): c is string => !!c && isAmountColumn(c));
  if (!figures.length || figures.length !== amounts.length || !figures.every((f) => /^\d+(?:\.\d+)?$/.test(f))) return null;
  return [`${columns[0] ?? '序号'}：${dropCjkSpaces(m[1])}`, ...amounts.map((c, k) => `${c}：${figures[k]}`)].join('；');
}

/** A row as text: 序号：3；流域：黄河；项目名称：…, each cell under its printed column name. */
export function renderRow(columns: (string | null)[], row: TableRow): string {
  const parts = [`${columns[0] ?? '序号'}：${row.number}`];
  row.cells.forEach((v, c) => {
    if (!v) return;
    const name = columns[c + 1];
    parts.push(name ? `${name}：${v}` : v);
  });
  return parts.join('；');
}
