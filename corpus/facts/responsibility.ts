// Responsibility notes as the gazette writes them, read into lead, support and implementing units:
//   ［牵头单位：…；配合单位：…；各县（区）人民政府负责落实；完成时限：…。］
//   （市水务局牵头，市自然资源局参与。）   （…按照职责分别负责；完成时限：…。）
//   （责任单位：市自然资源局牵头，…配合）  ［责任单位：…］
import { dropCjkSpaces } from '../text.js';

export interface ResponsibilityNote {
  /** The note as printed, brackets included. */
  text: string;
  /** Where the note starts and ends in the paragraph it was found in. */
  start: number;
  end: number;
  leadUnits: string[];
  supportUnits: string[];
  /** Units that carry the task out on the ground (…负责落实, 落实单位). */
  implementingUnits: string[];
  /** 完成时限 as written, or null. */
  deadline: string | null;
  /** 以下均需X落实，不再列出: X implements every task after this note. */
  scopeImplementing: string[];
}

// A unit name that is not a municipal department keeps its own prefix: 各县（区）人民政府,
// 中卫工业园区管委会, 国网中卫供电公司, 宁夏沙坡头旅游产业集团有限责任公司, 沙坡头区人民政府.
const NOT_MUNICIPAL = /^(市|各|中卫|宁夏|国网|自治区|沙坡头|中宁|海原|县|区|乡|镇|相关|有关|其他)/;
const MUNICIPAL_SUFFIX = /(局|委员会|办公室|委|中心|院|部|厅)$/;

/** One unit name: spaces gone, the 市 that a list elides restored for municipal departments. */
export function normalizeUnit(name: string): string {
  const n = dropCjkSpaces(name)
    .replace(/\s+/g, '')
    .replace(/^(?:和|及|以及|由)/, '')
    .replace(/(?:按照?职责(?:分工)?)?(?:分别)?负责$/, '')
    .replace(/(?:等单位|等部门|等)$/, '');
  // 市场监督管理局 starts with 市 but is not prefixed: the 市 of 市场 is part of the name.
  const prefixed = NOT_MUNICIPAL.test(n) && !/^市场/.test(n);
  return !prefixed && MUNICIPAL_SUFFIX.test(n) && !/管委会$/.test(n) ? `市${n}` : n;
}

export const UNIT_JOIN = /(局|委员会|人民政府|政府|公司|部门|中心|办公室|室|管委会|负责)(?=市|各|中卫|国网|宁夏)/g;

/** 市发展和改革委员会、工业和信息化局、自然资源局 → three normalized names. */
export function unitList(list: string): string[] {
  let names = list
    .replace(/[。.]$/, '')
    // A unit name ending where the next begins, with no 、 between (…供电公司各部门), is two names.
    .replace(UNIT_JOIN, '$1、')
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  // 沙坡头区、中宁县、海原县人民政府: the last name's 人民政府 belongs to each county.
  const last = names[names.length - 1] ?? '';
  if (/[县区]人民政府$/.test(last)) names = names.map((n) => (/^[^（(]+[县区]$/.test(n) ? `${n}人民政府` : n));
  return [...new Set(names.map(normalizeUnit).filter((n) => n.length >= 2))];
}

// What makes a bracketed span a responsibility note.
const NOTE_WORDS = /牵头|配合|参与|责任单位|分别负责|负责落实|落实单位|完成时限/;
const OPENERS: Record<string, string> = { '（': '）', '(': ')', '［': '］', '[': ']' };

/** Every responsibility note in a paragraph, outermost brackets only. */
export function findNotes(paragraph: string): ResponsibilityNote[] {
  const notes: ResponsibilityNote[] = [];
  for (let i = 0; i < paragraph.length; i++) {
    const close = OPENERS[paragraph[i]];
    if (!close) continue;
    let depth = 0;
    let j = i;
    for (; j < paragraph.length; j++) {
      if (paragraph[j] === paragraph[i]) depth++;
      else if (paragraph[j] === close && --depth === 0) break;
    }
    if (j >= paragraph.length) continue;
    const text = paragraph.slice(i, j + 1);
    if (NOTE_WORDS.test(text) && /局|委|政府|部门|单位|公司|办公室|管委会/.test(text)) {
      const note = parseNote(text.slice(1, -1));
      if (note) notes.push({ ...note, text, start: i, end: j + 1 });
    }
    i = j;
  }
  return notes;
}

type Parsed = Omit<ResponsibilityNote, 'text' | 'start' | 'end'>;

/** Reads the inside of a note; null when it names no responsible unit. */
export function parseNote(inner: string): Parsed | null {
  const out: Parsed = { leadUnits: [], supportUnits: [], implementingUnits: [], deadline: null, scopeImplementing: [] };
  const body = dropCjkSpaces(inner);
  // Clauses end at ；。 and at a comma that opens the next labelled clause (…，配合单位：…).
  const clauses = body.split(/[；;。]|[，,](?=(?:牵头单位|配合单位|落实单位|责任单位|完成时限)[：:])/).map((c) => c.trim()).filter(Boolean);
  for (const clause of clauses) {
    let m: RegExpExecArray | null;
    if ((m = /^牵头单位[：:](.+)$/.exec(clause))) out.leadUnits.push(...unitList(m[1]));
    else if ((m = /^配合单位[：:](.+)$/.exec(clause))) out.supportUnits.push(...unitList(m[1]));
    else if ((m = /^落实单位[：:](.+)$/.exec(clause))) out.implementingUnits.push(...unitList(m[1]));
    else if ((m = /^完成时限[：:](.+)$/.exec(clause))) out.deadline = m[1].trim();
    else if ((m = /^以下均需(.+?)落实$/.exec(clause))) out.scopeImplementing.push(...unitList(m[1]));
    else if (/^不再列出$/.test(clause)) continue;
    else readFreeForm(clause.replace(/^责任单位[：:]/, ''), out, /^责任单位/.test(clause));
  }
  // 以下均需…落实，不再列出 is one clause when the comma joins its two halves.
  const scope = /以下均需(.+?)落实/.exec(body);
  if (scope && !out.scopeImplementing.length) out.scopeImplementing.push(...unitList(scope[1]));
  return out.leadUnits.length || out.supportUnits.length || out.implementingUnits.length ? out : null;
}

/** 市水务局牵头，市自然资源局参与，沙坡头区…人民政府负责落实 / …按职责分别负责 / a bare 责任单位 list. */
function readFreeForm(clause: string, out: Parsed, responsibleList: boolean): void {
  const parts = clause.split(/[，,](?![^（(]*[）)])/).map((p) => p.trim()).filter(Boolean);
  let matched = false;
  for (const part of parts) {
    if (/^以下均需/.test(part) || part === '不再列出') continue;
    let m: RegExpExecArray | null;
    if ((m = /^(.+?)(?:按照职责|按职责)(?:分工)?(?:分别)?负责$|^(.+?)分别负责$/.exec(part))) {
      out.leadUnits.push(...unitList(m[1] ?? m[2]));
      matched = true;
    } else if ((m = /^(.+?)(?:分别)?牵头/.exec(part))) {
      // "X牵头" and "X牵头负责<what>": the units are what comes before 牵头.
      out.leadUnits.push(...unitList(m[1]));
      matched = true;
    } else if ((m = /^(.+?)(?:等单位|等部门|等)?(?:参与|配合)/.exec(part))) {
      out.supportUnits.push(...unitList(m[1]));
      matched = true;
    } else if ((m = /^(.+?)(?:负责)?落实$/.exec(part))) {
      out.implementingUnits.push(...unitList(m[1]));
      matched = true;
    } else if (responsibleList) {
      // 责任单位 followed by a plain list: every unit named is responsible.
      out.leadUnits.push(...unitList(part));
      matched = true;
    }
  }
  if (!matched && responsibleList) out.leadUnits.push(...unitList(clause));
}
