// Who leads what: every responsibility note in a notice's texts, attached to the text it follows,
// and every row of a task table (牵头单位 / 责任单位 / 解读单位 / 完成时限 / 开工年度 columns).
import { resolveDeadline } from '../../domain/deadlines.js';
import { normalizeDocNumbersIn } from '../../domain/doc-number.js';
import { InputError } from '../../domain/errors.js';
import { NOTE_LABEL } from '../../domain/markers.js';
import type { TaskDeadline, TaskRecord } from '../../domain/reader.js';
import { dropCjkSpaces } from '../../domain/text.js';
import { UNIT_BOUNDARY, UNIT_START, unitList } from '../../domain/unit-name.js';
import { walkOutline, type BuiltText, type NoticeTexts, type OutlineNode } from '../outline.js';
import type { AuditCount, Unplaced } from '../audit.js';
import { bracketPairs, findNotes, isNoteText } from './responsibility.js';

/** A task as extracted: the record the reader serves, less the citation the store builds from what follows. */
export interface Task extends Omit<TaskRecord, 'citation'> {
  /** Title and role of the text the task is in, its locator, page and a verbatim quote. */
  textTitle: string;
  textRole: 'notice' | 'part' | 'attachment';
  locator: string;
  page: number | null;
  quote: string;
  /** The words the task stands for: the sentence(s) before its note, or its table row. */
  context: string;
}

const SENTENCE_END = /[。；！？]/;

/** The first sentence of a text, without its outline marker, at most 120 characters. */
function firstSentence(text: string): string {
  const body = text.replace(/^(?:第\S{1,6}条\s*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、])/, '').trim();
  const end = body.search(SENTENCE_END);
  const s = end >= 0 ? body.slice(0, end) : body;
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

function resolve(text: string, notice: NoticeTexts, source: TaskDeadline['source']): TaskDeadline {
  try {
    const d = resolveDeadline(text, { referenceDate: notice.date, today: notice.date ?? undefined });
    return { text, date: d.date, kind: d.kind, source };
  } catch (err) {
    if (err instanceof InputError) return { text, date: null, kind: 'unknown', source };
    throw err;
  }
}

// A deadline stated in the task's own words: 2019年12月底前完成, 于2019年6月30日前全部完成.
const TEXT_DEADLINE = /((?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日|底)|年底|年年底)前)(?:，)?(?:全面|全部|基本)?(?:完成|建成)/g;

/**
 * The deadline a task's own words state: every phrase in them names the same day (2019年12月底前
 * and 2019年年底前 both mean 2019-12-31), else none — two different days are not one deadline.
 */
function deadlineInText(text: string, notice: NoticeTexts): TaskDeadline | null {
  const found = [...dropCjkSpaces(text).matchAll(TEXT_DEADLINE)].map((m) => resolve(m[1], notice, 'text'));
  if (!found.length) return null;
  const sameDay = found.every((d) => d.date !== null && d.date === found[0].date);
  const sameWords = found.every((d) => d.text === found[0].text);
  return sameDay || sameWords ? found[0] : null;
}

/** Tasks of one notice, in printed order, and the notes or rows that could not be read. */
export interface TaskExtraction {
  tasks: Task[];
  /** Notes and table rows that name a responsibility but could not be read into a task. */
  unplaced: Unplaced[];
  /** Responsibility markers found (labels, notes, table rows) and how many became tasks. */
  count: AuditCount;
}

export function extractTasks(notice: NoticeTexts): TaskExtraction {
  const out: TaskExtraction = { tasks: [], unplaced: [], count: { found: 0, placed: 0 } };
  for (const text of [notice.body, ...notice.parts]) {
    const title = text.role === 'part' ? text.title : notice.title;
    noteTasks(text, title, notice, out);
    for (const node of walkOutline(text.outline)) {
      if (node.tableHeader) tableTasks(node.tableHeader, node.children, title, text.role, notice, out);
    }
    if (text.tableHeader) tableTasks(text.tableHeader, text.outline, title, text.role, notice, out);
  }
  return out;
}

const LABEL = new RegExp(`${NOTE_LABEL}[：:]`, 'g');
/** A role label, wherever it stands. */
const ROLE_LABEL = new RegExp(NOTE_LABEL);

/**
 * Where a paragraph names a responsibility: each labelled clause (牵头单位：…) and each bracketed
 * note (（市水务局牵头…）), by its position. Every one must fall inside a note read into a task.
 */
function responsibilityMarkers(text: string): number[] {
  const at = new Set<number>();
  for (const m of text.matchAll(LABEL)) at.add(m.index);
  let coveredTo = 0;
  for (const [start, end] of bracketPairs(text)) {
    if (start < coveredTo) continue;
    coveredTo = end;
    if (isNoteText(text.slice(start, end))) at.add(start);
  }
  return [...at];
}

/** Tasks from the notes in prose: each note belongs to the words before it, back to the previous note. */
function noteTasks(text: BuiltText, title: string, notice: NoticeTexts, extraction: TaskExtraction): void {
  const nodes = new Map<string, OutlineNode>();
  for (const n of walkOutline(text.outline)) nodes.set(n.locator, n);
  const out = extraction.tasks;
  const notesInNode = new Map<string, number>();
  let scope: string[] = [];
  let lastChunk = '';
  let lastLocator = '';
  for (const para of text.paragraphs) {
    // A table row read into cells is printed as 列名：值; its notes are read in its printed words
    // (once for rows printed as one block), where a column name is no label.
    const row = nodes.get(para.locator)?.row;
    const printed = row?.cells && (!row.block || row.block[0] === row.numbers[0]) ? normalizeDocNumbersIn(row.lines.join(' ')) : row?.cells ? '' : null;
    const p = printed === null ? para : { ...para, text: printed };
    if (p.locator !== lastLocator) lastChunk = '';
    lastLocator = p.locator;
    let from = 0;
    const notes = findNotes(p.text);
    for (const at of responsibilityMarkers(p.text)) {
      extraction.count.found++;
      if (notes.some((n) => n.start <= at && at < n.end)) extraction.count.placed++;
      else {
        const words = p.text.slice(at, at + 40);
        const why = /^[（［([]/.test(words) ? 'a note that names no unit or role in a form read here' : 'a label outside any bracketed note';
        extraction.unplaced.push({
          kind: 'responsibility',
          lineNo: p.lineFrom,
          page: p.pageFrom,
          message: `${notice.docNumber} ${p.locator || '正文'}: ${why}: ${words}`,
        });
      }
    }
    for (const note of notes) {
      // A unit named with a role label in it (市责任单位市发展和改革委员会) is a label whose colon was lost.
      for (const unit of [...note.leadUnits, ...note.supportUnits, ...note.implementingUnits].filter((u) => ROLE_LABEL.test(u))) {
        extraction.unplaced.push({
          kind: 'responsibility',
          lineNo: p.lineFrom,
          page: p.pageFrom,
          message: `${notice.docNumber} ${p.locator || '正文'}: a unit name holding a role label, read as printed: ${unit}`,
        });
      }
      let chunk = p.text.slice(from, note.start).trim();
      from = note.end;
      // A note opening its own paragraph belongs to the paragraph before it.
      if (!/[\u4e00-\u9fff]/.test(chunk)) chunk = lastChunk;
      lastChunk = chunk;
      const node = nodes.get(p.locator);
      const seen = notesInNode.get(p.locator) ?? 0;
      notesInNode.set(p.locator, seen + 1);
      const task = seen === 0 && node ? firstSentence(node.ownText) : firstSentence(chunk);
      const deadline = note.deadline ? resolve(note.deadline, notice, 'note') : deadlineInText(chunk, notice);
      out.push({
        task: task || firstSentence(chunk),
        leadUnits: note.leadUnits,
        supportUnits: note.supportUnits,
        implementingUnits: note.implementingUnits.length ? note.implementingUnits : scope,
        deadline,
        startYear: null,
        textTitle: title,
        textRole: text.role,
        locator: p.locator,
        page: p.pageFrom,
        quote: note.text,
        context: chunk,
      });
      if (note.scopeImplementing.length) scope = note.scopeImplementing;
    }
    if (from === 0 && /[\u4e00-\u9fff]/.test(p.text)) lastChunk = p.text;
  }
}

const DATE_LINE = /^\d{4}\s*年$/;
const DAY_LINE = /^(\d{1,2}\s*月\s*\d{1,2}\s*日前)\s*(.*)$/;

/** Unit cells run together across printed lines: split them where one name ends and the next begins unseparated. */
function unitCells(lines: string[]): string[] {
  return dropCjkSpaces(lines.join('')).replace(UNIT_BOUNDARY, '$1\u0000').split('\u0000').filter(Boolean);
}

function tableTasks(header: string, rows: OutlineNode[], title: string, role: Task['textRole'], notice: NoticeTexts, extraction: TaskExtraction): void {
  const out = extraction.tasks;
  const h = header.replace(/\s+/g, '');
  const read =
    h.includes('牵头单位') && h.includes('完成时限')
      ? leadTableRow
      : /(解读单位|责任单位)/.test(h) && h.includes('完成时限')
        ? unitBeforeDeadlineRow
        : h.includes('责任单位') && h.includes('开工年度')
          ? projectRow
          : null;
  if (!read) return;
  let name = '';
  for (const row of rows) {
    if (!row.row) continue;
    // Rows printed as one block and told apart share the block's lines: it is read once, at its first row.
    const numbers = row.row.block ?? row.row.numbers;
    if (row.row.block && row.row.numbers[0] !== numbers[0]) continue;
    const result = read(row.row.lines, numbers.length, name);
    extraction.count.found++;
    if (!result) {
      extraction.unplaced.push({
        kind: 'responsibility',
        lineNo: row.lineFrom ?? null,
        page: row.pageFrom,
        message: `${notice.docNumber} ${row.locator}: table row not read into a task: ${row.text.slice(0, 40)}`,
      });
      continue;
    }
    extraction.count.placed++;
    name = result.name ?? name;
    result.rows.forEach((r, k) => {
      const locator = numbers.length > 1 ? row.locator.replace(/序号.*$/, `序号${numbers[k]}`) : row.locator;
      out.push({
        task: normalizeDocNumbersIn(r.task),
        leadUnits: r.lead,
        supportUnits: r.support,
        implementingUnits: [],
        deadline: r.deadline ? resolve(r.deadline, notice, 'table') : null,
        startYear: r.startYear ?? null,
        textTitle: title,
        textRole: role,
        locator,
        // A row of a block told apart is cited on its own page (where its own cells start).
        page: rows.find((x) => x.locator === locator)?.pageFrom ?? row.pageFrom,
        quote: r.quote,
        context: `${r.task} ${dropCjkSpaces(row.text)}`,
      });
    });
  }
}

/** A row's printed lines without its 序号: the number lines, or the number before the first cell. */
function cellLines(lines: string[], count: number): string[] {
  const rest = lines.slice();
  for (let k = 0; k < count && rest.length; k++) {
    if (/^\d{1,3}$/.test(rest[0])) rest.shift();
    else rest[0] = rest[0].replace(/^\d{1,3}\s+/, '');
  }
  return rest;
}

interface RowTask {
  task: string;
  lead: string[];
  support: string[];
  deadline: string | null;
  startYear?: string;
  quote: string;
}

type RowReader = (lines: string[], count: number, lastName: string) => { name?: string; rows: RowTask[] } | null;

/**
 * 序号 | 工作任务 | 具体目标及措施 | 牵头单位 | 责任单位 | 完成时限 | 备注 — rows printed one block each,
 * cells column by column when several rows share a block.
 */
const leadTableRow: RowReader = (lines, count, lastName) => {
  const body = cellLines(lines, count);
  let i = 0;
  const nameParts: string[] = [];
  while (i < body.length && dropCjkSpaces(body[i]).length <= 4 && !/[。，、]/.test(body[i])) nameParts.push(body[i++]);
  const measures: string[] = [];
  let current = '';
  // The unit columns are narrow: a short line naming a unit after a finished measure opens them.
  const opensUnits = (line: string) => UNIT_START.test(dropCjkSpaces(line)) && dropCjkSpaces(line).length <= 12;
  while (i < body.length && !(current === '' && measures.length && opensUnits(body[i]))) {
    current += dropCjkSpaces(body[i++]);
    if (/。$/.test(current)) {
      measures.push(current);
      current = '';
    }
  }
  if (current) measures.push(current);
  const unitLines: string[] = [];
  while (i < body.length && !DATE_LINE.test(body[i]) && !/^\d{4}\s*年\s*\d/.test(body[i])) unitLines.push(body[i++]);
  const deadlines: string[] = [];
  while (i < body.length && deadlines.length < count) {
    const year = body[i].match(/^(\d{4})\s*年/);
    const day = DAY_LINE.exec(year ? body[i].replace(/^\d{4}\s*年\s*/, '') || body[i + 1] || '' : '');
    if (!year || !day) break;
    deadlines.push(`${year[1]}年${dropCjkSpaces(day[1])}`);
    i += body[i].replace(/^\d{4}\s*年\s*/, '') ? 1 : 2;
  }
  const cells = unitCells(unitLines);
  const name = nameParts.length ? dropCjkSpaces(nameParts.join('')) : lastName;
  if (measures.length < count || cells.length !== 2 * count) return null;
  return {
    name,
    rows: Array.from({ length: count }, (_, k) => ({
      task: `${name}：${firstSentence(measures[k])}`,
      lead: unitList(cells[k]),
      support: unitList(cells[count + k]),
      deadline: deadlines[k] ?? null,
      quote: cells[k],
    })),
  };
};

/** 文件名称、文号 | 解读渠道 | 解读方式 | 解读单位 | 完成时限: the unit is the cell just before the date that ends the row. */
const unitBeforeDeadlineRow: RowReader = (lines, count) => {
  // Words a space apart may be two cells an extractor printed on one line (音频视频 市教育局).
  const body = cellLines(lines, count)
    .flatMap((l) => l.split(/\s+/))
    .filter(Boolean);
  const tail = body.join('').match(/(\d{4}年\d{1,2}月\d{1,2}日前)(?:备注：.*)?$/);
  if (!tail) return null;
  // Walk back from the date over the lines that spell one unit name.
  let end = body.length - 1;
  let acc = '';
  while (end >= 0 && !acc.includes(tail[1])) acc = body[end--] + acc;
  let unit = '';
  for (let j = end; j >= 0; j--) {
    unit = body[j] + unit;
    // A list of units wrapped in its cell (市水务局、/市应急管理/局) goes on where the line before ends with 、.
    if (UNIT_START.test(unit) && !/[、，]$/.test(body[j - 1] ?? '')) break;
  }
  if (!UNIT_START.test(unit)) return null;
  const document = body.join('').match(/^(?:\d{1,3})?(《.+?》[（(][^）)]*号[）)])/);
  return {
    rows: [{ task: `${document ? document[1] : body[0]}的政策解读`, lead: unitList(unit), support: [], deadline: tail[1], quote: unit }],
  };
};

/** 项目名称 … 计划投资 | 责任单位 | 开工年度: the unit sits between the investment figure and the start year. */
const projectRow: RowReader = (lines, count) => {
  const text = lines
    .join(' ')
    .replace(/合\s*计\s*[\d.]+\s*$/, '')
    .trim();
  // The last figures of the row: investment(s), then unit name(s) (no digits), then start year(s).
  const m = new RegExp(`((?:[\\d.]+\\s*){${count}})([^\\d]+?)\\s*((?:\\d{4}\\s*年\\s*){${count}})$`).exec(text);
  if (!m) return null;
  const units = count === 1 ? [dropCjkSpaces(m[2])] : m[2].split(/\s+/);
  const years = m[3].match(/\d{4}\s*年/g)!.map((y) => y.replace(/\s+/g, ''));
  const names = dropCjkSpaces(lines.join('')).match(/[\u4e00-\u9fff“”、，]+?(?:工程|项目)/g) ?? [];
  if (units.length !== count || names.length < count) return null;
  return {
    rows: Array.from({ length: count }, (_, k) => ({
      task: names[k].replace(/^(?:黄河|清水河|[\u4e00-\u9fff]{1,3}河)+/, ''),
      lead: unitList(units[k]),
      support: [],
      deadline: null,
      startYear: years[k],
      quote: units[k],
    })),
  };
};
