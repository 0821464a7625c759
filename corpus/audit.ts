// Accounting for every fact-bearing marker: a 文号 line, a 第X条 or （一）/一、 marker, a
// responsibility note (牵头单位：…, （X牵头…）), a 任/免/试用期 clause, and prose itself. What
// no extracted fact took is unplaced, with its line and the reason, never silently dropped.
import { NOTE_LABELS } from '../domain/markers.js';

export type AuditKind = 'header' | 'outline' | 'responsibility' | 'appointment' | 'text';

export const AUDIT_KINDS: Record<AuditKind, string> = {
  header: '文号（通知头）',
  outline: '条款编号（第X条、一、（一））',
  responsibility: '责任分工（牵头、配合、落实、完成时限）',
  appointment: '任免（任、免去、试用期）',
  text: '正文段落',
};

export interface Unplaced {
  kind: AuditKind;
  /** Source line, where the item has one. */
  lineNo: number | null;
  page: number | null;
  message: string;
}

/** How many markers of a kind were found, and how many an extracted fact took. */
export interface AuditCount {
  found: number;
  placed: number;
}

export type AuditCounts = Record<AuditKind, AuditCount>;

export function emptyCounts(): AuditCounts {
  return {
    header: { found: 0, placed: 0 },
    outline: { found: 0, placed: 0 },
    responsibility: { found: 0, placed: 0 },
    appointment: { found: 0, placed: 0 },
    text: { found: 0, placed: 0 },
  };
}

export function addCounts(into: AuditCounts, from: Partial<AuditCounts>): void {
  for (const [kind, c] of Object.entries(from) as [AuditKind, AuditCount][]) {
    into[kind].found += c.found;
    into[kind].placed += c.placed;
  }
}

/**
 * The words fact markers are made of, as a check that needs no marker pattern: each is counted in
 * a notice's printed lines twice, once as read and once with everything but Chinese characters
 * taken out. An occurrence found only the second way has something between its characters (牵|头,
 * 试·用期) that no rule reads, so the marker it belongs to may have been missed: it is reported
 * rather than lost in silence. Words that punctuation between two words seldom makes (…减免，去年…
 * would make 免去, so it is not one).
 */
export const MARKER_WORDS: { word: string; kind: AuditKind }[] = [
  ...responsibilityWords(['牵头', '配合']).map((word) => ({ word, kind: 'responsibility' as const })),
  { word: '试用期', kind: 'appointment' },
];

/** The free-form words given and every note label (NOTE_LABELS) that does not hold one of them, which finds it already (牵头 finds 牵头单位). */
function responsibilityWords(free: string[]): string[] {
  return [...free, ...NOTE_LABELS.map((l) => l.label).filter((label) => !free.some((w) => label.includes(w)))];
}

const CHINESE = /[\u4e00-\u9fff]/;

/** Occurrences of each marker word that only a Chinese-only reading of the lines finds, with what stood between its characters. */
export function hiddenMarkers(lines: string[]): { word: string; kind: AuditKind; count: number; between: string[] }[] {
  const read = lines.join('').replace(/\s+/g, '');
  const chinese = [...read].filter((c) => CHINESE.test(c)).join('');
  const count = (text: string, word: string) => text.split(word).length - 1;
  const out: { word: string; kind: AuditKind; count: number; between: string[] }[] = [];
  for (const { word, kind } of MARKER_WORDS) {
    const hidden = count(chinese, word) - count(read, word);
    if (hidden <= 0) continue;
    // What stands between the characters where the word is broken.
    const broken = new RegExp([...word].join('([^\\u4e00-\\u9fff]+)?'), 'g');
    const between = new Set<string>();
    for (const m of read.matchAll(broken)) for (const g of m.slice(1)) if (g) between.add(g);
    out.push({ word, kind, count: hidden, between: [...between] });
  }
  return out;
}
