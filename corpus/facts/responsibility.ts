// Responsibility notes as the gazette writes them, read into lead, support and implementing units:
//   ［牵头单位：…；配合单位：…；各县（区）人民政府负责落实；完成时限：…。］
//   （市水务局牵头，市自然资源局参与。）   （…按照职责分别负责；完成时限：…。）
//   （责任单位：市自然资源局牵头，…配合）  ［责任单位：…］
// A note's clauses are read by LABELLED_CLAUSES, then by FREE_FORM_PARTS; a new form is a new row.
import { NOTE_LABEL, NOTE_LABELS, type NoteRole } from '../../domain/markers.js';
import { dropCjkSpaces } from '../../domain/text.js';
import { unitList } from '../../domain/unit-name.js';

export interface NoteReading {
  leadUnits: string[];
  supportUnits: string[];
  /** Units that carry the task out on the ground (…负责落实, 落实单位). */
  implementingUnits: string[];
  /** 完成时限 as written, or null. */
  deadline: string | null;
  /** 以下均需X落实，不再列出: X implements every task after this note. */
  scopeImplementing: string[];
}

export interface ResponsibilityNote extends NoteReading {
  /** The note as printed, brackets included. */
  text: string;
  /** Where the note starts and ends in the paragraph it was found in. */
  start: number;
  end: number;
}

/** The words of a note's free form (FREE_FORM_PARTS): X牵头, X配合, X参与, X按职责分别负责, X负责落实. */
const FREE_FORM_WORDS = ['牵头', '配合', '参与', '分别负责', '负责落实'];

/** Words that make a bracketed span a responsibility note (a label or a free-form word), and words that name a unit in it. */
export const NOTE_WORDS = new RegExp([...NOTE_LABELS.map((l) => l.label), ...FREE_FORM_WORDS].join('|'));
const UNIT_WORDS = /局|委|政府|部门|单位|公司|办公室|管委会/;
const OPENERS: Record<string, string> = { '（': '）', '(': ')', '［': '］', '[': ']' };

/** A bracketed span is a note when it names a responsibility and a unit. */
export function isNoteText(text: string): boolean {
  return NOTE_WORDS.test(text) && UNIT_WORDS.test(text);
}

/**
 * Every matched bracket pair of a text, [start, end) each, in order of their start. One pass with a
 * stack: a closing bracket closes the nearest opener of its kind, and openers left inside it were
 * never closed. An unclosed bracket costs nothing, so the scan stays linear.
 */
export function bracketPairs(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  const open: { at: number; close: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (OPENERS[ch]) {
      // Printed notes nest two deep at most; a deeper run of openers is noise, never closed.
      if (open.length === 32) open.shift();
      open.push({ at: i, close: OPENERS[ch] });
    } else if (ch === '）' || ch === ')' || ch === '］' || ch === ']') {
      const k = open.findLastIndex((o) => o.close === ch);
      if (k < 0) continue;
      pairs.push([open[k].at, i + 1]);
      open.length = k;
    }
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** Every responsibility note in a paragraph, outermost brackets only. */
export function findNotes(paragraph: string): ResponsibilityNote[] {
  const notes: ResponsibilityNote[] = [];
  let coveredTo = 0;
  for (const [start, end] of bracketPairs(paragraph)) {
    if (start < coveredTo) continue; // inside a pair already seen
    coveredTo = end;
    const text = paragraph.slice(start, end);
    if (!isNoteText(text)) continue;
    const note = parseNote(text.slice(1, -1));
    if (note) notes.push({ ...note, text, start, end });
  }
  return notes;
}

/** Adds items to a list one by one (a spread would put every item on the call stack). */
function extend(list: string[], items: string[]): void {
  for (const item of items) list.push(item);
}

interface ClauseRule {
  name: string;
  pattern: RegExp;
  apply: (m: RegExpExecArray, out: NoteReading) => void;
}

/** Where the words after a label go; 责任单位's are read part by part in parseNote. */
const LABELLED: Record<Exclude<NoteRole, 'responsible'>, (words: string, out: NoteReading) => void> = {
  lead: (words, out) => extend(out.leadUnits, unitList(words)),
  support: (words, out) => extend(out.supportUnits, unitList(words)),
  implementing: (words, out) => extend(out.implementingUnits, unitList(words)),
  deadline: (words, out) => (out.deadline = words.trim()),
};

/** Clauses of a note that carry their own label, in the order they are tried: one per NOTE_LABELS row, then the scope clause. */
export const LABELLED_CLAUSES: ClauseRule[] = [
  ...NOTE_LABELS.flatMap(({ label, role }): ClauseRule[] =>
    role === 'responsible' ? [] : [{ name: `${label}：…`, pattern: new RegExp(`^${label}[：:](.+)$`), apply: (m, out) => LABELLED[role](m[1], out) }],
  ),
  { name: '以下均需…落实', pattern: /^以下均需(.+?)落实$/, apply: (m, out) => extend(out.scopeImplementing, unitList(m[1])) },
  { name: '不再列出', pattern: /^不再列出$/, apply: () => undefined },
];

/** Parts of an unlabelled clause (split at commas outside brackets), in the order they are tried. */
export const FREE_FORM_PARTS: ClauseRule[] = [
  { name: '以下均需… (scope, read for the whole note)', pattern: /^以下均需|^不再列出$/, apply: () => undefined },
  {
    name: 'X按职责分别负责',
    pattern: /^(.+?)(?:按照职责|按职责)(?:分工)?(?:分别)?负责$|^(.+?)分别负责$/,
    apply: (m, out) => extend(out.leadUnits, unitList(m[1] ?? m[2])),
  },
  // "X牵头" and "X牵头负责<what>": the units are what comes before 牵头.
  { name: 'X牵头', pattern: /^(.+?)(?:分别)?牵头/, apply: (m, out) => extend(out.leadUnits, unitList(m[1])) },
  { name: 'X参与 / X配合', pattern: /^(.+?)(?:等单位|等部门|等)?(?:参与|配合)/, apply: (m, out) => extend(out.supportUnits, unitList(m[1])) },
  { name: 'X负责落实', pattern: /^(.+?)(?:负责)?落实$/, apply: (m, out) => extend(out.implementingUnits, unitList(m[1])) },
];

function applyFirst(rules: ClauseRule[], text: string, out: NoteReading): ClauseRule | null {
  for (const rule of rules) {
    const m = rule.pattern.exec(text);
    if (m) {
      rule.apply(m, out);
      return rule;
    }
  }
  return null;
}

/** Clauses end at ；。 and at a comma that opens the next labelled clause (…，配合单位：…). */
const CLAUSE_END = new RegExp(`[；;。]|[，,](?=${NOTE_LABEL}[：:])`);
/** A clause headed by a label whose units lead unless its parts say otherwise (责任单位：…). */
const RESPONSIBLE = `(?:${NOTE_LABELS.filter((l) => l.role === 'responsible')
  .map((l) => l.label)
  .join('|')})`;
const RESPONSIBLE_HEAD = new RegExp(`^${RESPONSIBLE}`);
const RESPONSIBLE_LABEL = new RegExp(`^${RESPONSIBLE}[：:]`);

/** Reads the inside of a note; null when it names no responsible unit. */
export function parseNote(inner: string): NoteReading | null {
  const out: NoteReading = { leadUnits: [], supportUnits: [], implementingUnits: [], deadline: null, scopeImplementing: [] };
  const body = dropCjkSpaces(inner);
  const clauses = body
    .split(CLAUSE_END)
    .map((c) => c.trim())
    .filter(Boolean);
  for (const clause of clauses) {
    if (applyFirst(LABELLED_CLAUSES, clause, out)) continue;
    const responsibleList = RESPONSIBLE_HEAD.test(clause);
    const parts = clause
      .replace(RESPONSIBLE_LABEL, '')
      .split(/[，,](?![^（(]*[）)])/)
      .map((p) => p.trim())
      .filter(Boolean);
    let matched = false;
    for (const part of parts) {
      const rule = applyFirst(FREE_FORM_PARTS, part, out);
      if (rule && rule !== FREE_FORM_PARTS[0]) matched = true;
      // 责任单位 followed by a plain list: every unit named is responsible.
      else if (!rule && responsibleList) {
        extend(out.leadUnits, unitList(part));
        matched = true;
      }
    }
    if (!matched && responsibleList) extend(out.leadUnits, unitList(clause.replace(RESPONSIBLE_LABEL, '')));
  }
  // 以下均需…落实，不再列出 is one clause when the comma joins its two halves.
  const scope = /以下均需(.+?)落实/.exec(body);
  if (scope && !out.scopeImplementing.length) extend(out.scopeImplementing, unitList(scope[1]));
  return out.leadUnits.length || out.supportUnits.length || out.implementingUnits.length ? out : null;
}

/** How far before a stray closing bracket the words of a note are looked for (a note runs to a few sentences). */
const NOTE_REACH = 120;

/**
 * Where a paragraph opens a bracket before the words of a note and never closes it: a note whose
 * closing bracket the extraction lost. Returns the text after each such opener.
 */
export function unclosedNotes(paragraph: string): string[] {
  const open: number[] = [];
  [...paragraph].forEach((c, i) => {
    if (c === '（' || c === '(') open.push(i);
    else if ((c === '）' || c === ')') && open.length) open.pop();
  });
  return open.map((i) => paragraph.slice(i, i + NOTE_REACH)).filter((after) => NOTE_WORDS.test(after));
}

/**
 * Where a paragraph closes a bracket it never opened after the words of a note (…市水务局牵头，
 * 各县（区）负责落实。）: a note whose opening bracket the extraction lost, so it may not have been
 * read as one. Returns the text before each such closer.
 */
export function strayNoteClosers(paragraph: string): string[] {
  const out: string[] = [];
  let depth = 0;
  [...paragraph].forEach((c, i) => {
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') {
      if (depth > 0) depth--;
      else {
        const before = paragraph.slice(Math.max(0, i - NOTE_REACH), i);
        if (NOTE_WORDS.test(before)) out.push(before);
      }
    }
  });
  return out;
}
