// The words of a passage that answer a question, for the text a model reads: the sentence that
// carries the asked-for figure, date or unit, a list's items under their lead-in, a table row's
// matching cells. Every piece shown is a verbatim span of the passage; gaps between pieces are
// marked with …, and a piece is never cut before the figure it was chosen for.
import { answersKind, kindsOf, type QuestionWants } from './question.js';
import { foldCharacters } from './text.js';

export interface FocusQuestion {
  /** The question's content words, folded as the passage is (search terms, paraphrases). */
  terms: string[];
  /** How telling each term is, by its place in `terms` (a rare word more than one most passages hold); its length when not given. */
  weights?: number[];
  /** Terms of one group (a word and the gazette's words for it) count once, the heaviest held; each its own when not given. */
  groups?: number[];
  wants: QuestionWants;
}

export interface FocusOptions {
  /** Characters shown at most (the … marks not counted). */
  maxChars: number;
  /** A piece matching this share of the best piece's words is shown too, where room is left. */
  alsoShare: number;
}

/**
 * Sentences, list items and table cells: a piece ends after 。；！？ (with the bracket or quote
 * that closes on it: …落实。］), or after a lead-in's ： before its first item.
 */
const PIECE_END = /(?<=[。；！？;])(?![）)］\]」』”])|(?<=[：:])(?=\s*(?:（[一二三四五六七八九十]+）|\d{1,2}[.．、]|[一二三四五六七八九十]+、))/;
/** A lead-in: the piece before a list (…应符合以下条件：). */
const LEAD_IN = /[：:]$/;
/** A passage's own heading, its first piece: a numbered title of a few words (2.实行多测合一。 第十条 …的确定。). */
const HEADING = /^(?:第[一二三四五六七八九十百零〇]+[条章节]\s*|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d{1,2}[.．、])[^，,；;。：:]{1,30}。?$/;
/** The note that closes an item and names who does it (［市自然资源局牵头，…］, （责任单位：…）). */
const RESPONSIBILITY_NOTE = /^[（(［[【][^（(［[【]*?(?:牵头|负责|责任单位)/;
/** Whether a text's first bracket closes in it. */
function closes(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (/[（(［[【]/.test(ch)) depth++;
    else if (/[）)］\]】]/.test(ch) && --depth === 0) return true;
  }
  return false;
}
/** A table row as corpus/tables.ts prints it: its cells under the table's column names (序号：3；流域：黄河；…). */
const TABLE_ROW = /^序号[：:]/;
/** Where a row's next cell starts: a ； before a column's name and its ： (a cell's own ； runs on: …13座建构建筑；配套敷设…). */
const CELL_END = /(?<=[；;])(?=[^；;：:。，,]{1,20}[：:])/;
/** The names of the columns a table row prints its cells under (序号：3；流域：黄河；… → 序号, 流域, …); none for other text. */
export function rowColumns(text: string): string[] {
  if (!TABLE_ROW.test(text)) return [];
  return text.split(CELL_END).flatMap((cell) => /^([^：:；;]+)[：:]/.exec(cell)?.[1] ?? []);
}
/** The fewest characters of a long cell worth showing around its best clause. */
const CELL_WINDOW = 40;
/** A row's cell shown whatever the question, where room is left: short enough to be a name, a figure or a date. */
const SHORT_CELL = 24;
interface Piece {
  text: string;
  start: number;
  /** How much of the question it matches: the weight of the question's words it holds. */
  score: number;
  /** Whether it states what is asked (a figure of the asked measure, a date, a unit, a place…) beside a word of the question (not a lone character). */
  answers: boolean;
}

const piece = (text: string, start: number): Piece => ({ text, start, score: 0, answers: false });

function scored(p: Piece, q: FocusQuestion): Piece {
  // Read as the question's terms are (folded, lower case); extraction spaces inside words (第三污水 处理厂) do not hide a word.
  const key = foldCharacters(p.text).toLowerCase().replace(/\s+/g, '');
  const held = new Map<number, number>();
  let word = false;
  q.terms.forEach((t, i) => {
    if (!t || !key.includes(t)) return;
    word ||= t.length > 1;
    const group = q.groups?.[i] ?? i;
    held.set(group, Math.max(held.get(group) ?? 0, q.weights?.[i] ?? t.length));
  });
  let score = 0;
  for (const w of held.values()) score += w;
  if (!word) return { ...p, score, answers: false };
  // A preamble (为进一步…，根据…，制定本办法) holds the topic's words and whoever issues the text; it
  // answers only why the text was made.
  const kinds = kindsOf(p.text, { ...q.wants, purpose: true });
  return { ...p, score, answers: kinds.purpose ? q.wants.purpose : answersKind(q.wants, kinds) };
}

/** A piece that states what is asked comes first; among those, the one matching more of the question. */
const better = (a: Piece, b: Piece | null): boolean => a.score > 0 && (!b || (Number(a.answers) - Number(b.answers) || a.score - b.score) > 0);

/**
 * A span of `max` characters of a piece longer than that: from just before its clause (between
 * commas, or sentences of a table's cell) that best answers, so the figure and what leads up to it stand together.
 */
function window(p: Piece, q: FocusQuestion, max: number): { text: string; start: number } {
  if (p.text.length <= max) return p;
  let best: Piece | null = null;
  let before: Piece | null = null;
  let previous: Piece | null = null;
  let at = 0;
  for (const clause of p.text.split(/(?<=[，,；;。])/)) {
    const c = scored(piece(clause, at), q);
    if (better(c, best)) [best, before] = [c, previous];
    previous = c;
    at += clause.length;
  }
  // A short clause just before (9月30日前，建立…) is what leads up to the best one: it starts the window.
  const lead = before && before.text.length <= LEAD_CLAUSE ? before.start : (best?.start ?? 0);
  let from = Math.max(0, Math.min(lead, p.text.length - max));
  let to = from + max;
  // A figure, a date or a code (9月30日, DN600, 24921.14) is never cut: the window takes it whole.
  while (from > 0 && FIGURE.test(p.text[from - 1]) && FIGURE.test(p.text[from])) from--;
  while (to < p.text.length && FIGURE.test(p.text[to - 1]) && FIGURE.test(p.text[to])) to++;
  return { text: p.text.slice(from, to), start: p.start + from };
}

/** The longest clause read as leading up to the one after it. */
const LEAD_CLAUSE = 12;
/** The characters of a figure, a date or a code, one run of them never cut. */
const FIGURE = /[0-9０-９.．%％A-Za-z+\-—年月日号]/;

/**
 * The words of `text` that answer `q`, within `maxChars`: its best piece; the lead-in of a list
 * item, or a matched lead-in's first items; for a 谁 question, the note naming who does the item;
 * the passage's heading; other pieces nearly as good; all in the passage's order.
 * Null when nothing in the text matches the question (the caller shows the passage's opening).
 */
export function answeringWords(text: string, q: FocusQuestion, { maxChars, alsoShare }: FocusOptions): string | null {
  const rows = rowAnswer(text, q, maxChars);
  if (rows) return rows;
  const all: Piece[] = [];
  let start = 0;
  // A note naming who does an item is one piece to its closing bracket, its ； inside
  // (（牵头单位：…；配合单位：…；完成时限：…。）): who leads is not shown without who supports.
  let open: Piece | null = null;
  for (const t of text.split(PIECE_END)) {
    if (open) open.text += t;
    else if (t) all.push(piece(t, start));
    start += t.length;
    const last = all[all.length - 1];
    open = last && RESPONSIBILITY_NOTE.test(last.text.trim()) && !closes(last.text) ? last : null;
  }
  for (let k = 0; k < all.length; k++) all[k] = scored(all[k], q);
  const best = all.reduce<Piece | null>((b, p) => (better(p, b) ? p : b), null);
  if (!best) return null;
  const chosen = new Set<Piece>([best]);
  // Who does an item is said once, in its closing note, whatever words the note shares with the
  // question: for a 谁 question it is kept, the best piece windowed to leave it room.
  const note = q.wants.units ? [...all].reverse().find((p) => p !== best && RESPONSIBILITY_NOTE.test(p.text.trim())) : undefined;
  const bestMax = note && note.text.length <= maxChars / 2 ? maxChars - note.text.length : maxChars;
  let room = maxChars - Math.min(best.text.length, bestMax);
  const take = (p: Piece | undefined): boolean => {
    if (!p || chosen.has(p) || p.text.length > room) return false;
    chosen.add(p);
    room -= p.text.length;
    return true;
  };
  take(note);
  const index = all.indexOf(best);
  if (LEAD_IN.test(best.text)) {
    // A lead-in that matched is followed by its items, in order, as many as fit.
    for (const p of all.slice(index + 1)) if (!take(p)) break;
  } else {
    // A list item is read under its lead-in; asked for several things (哪些), with the other items, in order.
    const leadIn = all
      .slice(0, index)
      .reverse()
      .find((p) => LEAD_IN.test(p.text));
    take(leadIn);
    if (leadIn && q.wants.list) for (const p of all.slice(all.indexOf(leadIn) + 1)) if (p !== best && !take(p)) break;
  }
  // A passage's heading says what the answer is about (2.实行多测合一。).
  if (HEADING.test(all[0].text.trim())) take(all[0]);
  for (const p of all.filter((x) => x.score >= alsoShare * best.score && x.answers >= best.answers).sort((a, b) => b.score - a.score)) take(p);
  let out = '';
  let end = 0;
  for (const p of [...chosen].sort((a, b) => a.start - b.start)) {
    const s = p === best ? window(p, q, bestMax) : p;
    out += s.start > end ? `…${s.text.trimStart()}` : s.text;
    end = s.start + s.text.length;
  }
  return end < text.length ? `${out.trimEnd()}…` : out;
}

/**
 * A table's best row for the question, its cells under their column names: the whole row when it
 * fits, else the cells that match or state what is asked, then its short cells (names, figures,
 * dates), in the row's order. Null when the text prints no row or none matches.
 */
function rowAnswer(text: string, q: FocusQuestion, maxChars: number): string | null {
  const rows: Piece[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (TABLE_ROW.test(line)) rows.push(scored(piece(line, start), q));
    start += line.length + 1;
  }
  const best = rows.reduce<Piece | null>((b, p) => (better(p, b) ? p : b), null);
  if (!best) return null;
  let shown = best.text;
  if (best.text.length > maxChars) {
    const cells: Piece[] = [];
    let at = 0;
    for (const c of best.text.split(CELL_END)) {
      cells.push(scored(piece(c, at), q));
      at += c.length;
    }
    let room = maxChars;
    const keep = new Set<Piece>();
    const spans: { text: string; start: number }[] = [];
    // The cells that state what is asked: the row is the record the question names, so a cell of the
    // asked kind (责任单位 for 谁, a date for 何时) answers by itself, whatever words it shares; then
    // the cells that match, best first; then short ones. Shown in the row's order.
    const kinded = cells.filter((x) => x.answers || (x.text.length <= 2 * SHORT_CELL && answersKind(q.wants, kindsOf(x.text, q.wants))));
    const matched = cells.filter((x) => x.answers || x.score > 0).sort((a, b) => b.score - a.score);
    for (const c of [...kinded, ...matched, ...cells.filter((x) => x.text.length <= SHORT_CELL)]) {
      if (keep.has(c)) continue;
      if (c.text.length <= room) {
        keep.add(c);
        spans.push(c);
        room -= c.text.length;
        continue;
      }
      // A matching cell too long to show whole: its column's name, and the words around its best clause.
      const name = /^[^：:]*[：:]/.exec(c.text)?.[0] ?? '';
      const max = Math.min(room - name.length, Math.floor(maxChars / 2));
      if (!matched.includes(c) || max < CELL_WINDOW) continue;
      const body = window(piece(c.text.slice(name.length), c.start + name.length), q, max);
      keep.add(c);
      spans.push({ text: name, start: c.start }, body);
      room -= name.length + body.text.length;
    }
    let end = 0;
    shown = '';
    for (const c of spans.sort((x, y) => x.start - y.start)) {
      shown += (c.start > end ? '…' : '') + c.text;
      end = c.start + c.text.length;
    }
    if (end < best.text.length) shown += '…';
  }
  return `${best.start > 0 ? '…' : ''}${shown}${best.start + best.text.length < text.length ? '…' : ''}`;
}
