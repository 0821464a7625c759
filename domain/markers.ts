// Outline markers as Chinese official documents print them, from the outermost level in.
import { parseNumber, toChineseNumber } from './text.js';

export type MarkerType = 'chapter' | 'article' | 'section' | 'item' | 'point' | 'subpoint';

export interface Marker {
  type: MarkerType;
  n: number;
  /** The marker as a locator label: 第四条, 二、, （一）, 1., （1）. */
  label: string;
  /** The line's text after the marker. */
  rest: string;
  /**
   * 第N条 or 第N章 printed without the gap after it, as some extractions lose it: as likely a
   * wrapped line that starts "第十二条规定…", so it counts only where it is the next article.
   */
  tight?: boolean;
}

/** Rank of each marker type: a lower rank encloses a higher one. */
export const RANK: Record<MarkerType, number> = { chapter: 0, article: 1, section: 2, item: 3, point: 4, subpoint: 5 };

const CN = '[一二三四五六七八九十百零〇两]+';
const PATTERNS: { type: MarkerType; re: RegExp; tight?: true }[] = [
  // 第一章 总 则 / 第四条 市本级…: printed with a space after the marker, which tells a heading
  // from a wrapped line that merely starts with "第十二条规定…".
  { type: 'chapter', re: new RegExp(`^第(${CN}|\\d+)章(?:\\s+|$)(.*)$`) },
  { type: 'article', re: new RegExp(`^第(${CN}|\\d+)条(?:\\s+|$)(.*)$`) },
  { type: 'chapter', re: new RegExp(`^第(${CN}|\\d+)章([^\\s，。、；：）].*)$`), tight: true },
  { type: 'article', re: new RegExp(`^第(${CN}|\\d+)条([^\\s，。、；：）].*)$`), tight: true },
  { type: 'section', re: new RegExp(`^(${CN})\\s*、\\s*(.*)$`) },
  { type: 'item', re: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*(.*)$`) },
  // "1.", "1．", "1、", "1 ." — but not a decimal such as "0.5 的为…".
  { type: 'point', re: /^([0-9０-９]{1,3})\s*[.．、](?![0-9０-９])\s*(.*)$/ },
  { type: 'subpoint', re: /^[（(]\s*([0-9０-９]{1,3})\s*[）)]\s*(.*)$/ },
  // ①–⑳ sit where （1） would.
  { type: 'subpoint', re: /^([\u2460-\u2473])\s*(.*)$/ },
];

/** The outline marker a printed line starts with, if any. `raw` keeps the extraction's spacing. */
export function parseMarker(raw: string): Marker | null {
  for (const { type, re, tight } of PATTERNS) {
    const m = re.exec(raw);
    if (!m) continue;
    const n = /[\u2460-\u2473]/.test(m[1]) ? m[1].charCodeAt(0) - 0x245f : parseNumber(m[1]);
    // No outline numbers past 999: a larger number at a line start is a figure, not a marker.
    if (!Number.isFinite(n) || n < 1 || n > 999) return null;
    return { type, n, label: markerLabel(type, n), rest: m[2] ?? '', ...(tight ? { tight } : {}) };
  }
  return null;
}

export function markerLabel(type: MarkerType, n: number): string {
  switch (type) {
    case 'chapter':
      return `第${toChineseNumber(n)}章`;
    case 'article':
      return `第${toChineseNumber(n)}条`;
    case 'section':
      return `${toChineseNumber(n)}、`;
    case 'item':
      return `（${toChineseNumber(n)}）`;
    case 'point':
      return `${n}.`;
    case 'subpoint':
      return `（${n}）`;
  }
}

/**
 * Where a text's numbering stands: the last chapter and article, the open path of markers, and
 * how well a new marker continues it. The router asks it which text a marker continues; the
 * outline builder asks it whether a marker at the start of a wrapped line is a marker at all.
 */
export class Numbering {
  private lastArticle = 0;
  private lastChapter = 0;
  private lastSeen: Partial<Record<MarkerType, number>> = {};
  private path: Marker[] = [];
  private afterHeading = false;

  /** How well a marker continues this numbering: 3 exact next number, 2 numbering running on, 1 a new list, 0 no. */
  score(m: Marker): number {
    switch (m.type) {
      case 'chapter':
        return m.n === this.lastChapter + 1 ? 3 : 0;
      case 'article':
        return m.n === this.lastArticle + 1 ? 3 : 0;
      case 'section':
        return this.lastArticle === 0 && m.n === (this.lastSeen.section ?? 0) + 1 ? 3 : 0;
      default: {
        const open = this.path.find((p) => p.type === m.type);
        if (open && m.n === open.n + 1) return 3;
        const deepest = this.path[this.path.length - 1];
        if (m.n === 1 && !open && (!deepest || RANK[deepest.type] < RANK[m.type])) return this.afterHeading ? 3 : 1;
        if (m.n === (this.lastSeen[m.type] ?? 0) + 1) return 2;
        return 0;
      }
    }
  }

  /** Takes a marker into the numbering; `heading` when its line is a heading (a list may follow it). */
  push(marker: Marker, heading: boolean): void {
    this.afterHeading = heading;
    if (marker.type === 'chapter') {
      this.lastChapter = marker.n;
      this.path = [marker];
    } else if (marker.type === 'article') {
      this.lastArticle = marker.n;
      this.path = [...this.path.filter((p) => RANK[p.type] < RANK.article), marker];
    } else {
      while (this.path.length && RANK[this.path[this.path.length - 1].type] >= RANK[marker.type]) this.path.pop();
      this.path.push(marker);
    }
    // Lists number afresh in each article; within a 方案, points may run on across items (1. 2. | 3. 4.).
    if (marker.type === 'chapter' || marker.type === 'article') this.lastSeen = {};
    this.lastSeen[marker.type] = marker.n;
  }

  /**
   * A marker at the start of a line that follows a line cut mid-sentence is taken as a marker
   * only when it continues this numbering (a heading that happens to fill its line, then 3.):
   * otherwise the words carry the sentence on (中宁县第 / 一、第二、…).
   */
  continues(m: Marker): boolean {
    return this.score(m) >= 2;
  }

  /**
   * How a marker sits in this numbering: it fits (continues it or opens a list), it skips a
   * number of the list it continues (a printing slip: （四）, （六）), or it is foreign to it (a
   * number no list here leads to, as when a column of another text was read into this one).
   */
  fit(m: Marker): 'fits' | 'gap' | 'foreign' {
    if (this.score(m) > 0) return 'fits';
    const last =
      m.type === 'article'
        ? this.lastArticle
        : m.type === 'chapter'
          ? this.lastChapter
          : m.type === 'section'
            ? this.lastArticle
              ? -1
              : (this.lastSeen.section ?? 0)
            : (this.path.find((p) => p.type === m.type)?.n ?? -1);
    return last > 0 && m.n > last + 1 && m.n <= last + 3 ? 'gap' : 'foreign';
  }

  /** Whether a marker stands as a marker here: a tight 第N条 only as the very next article. */
  accepts(m: Marker): boolean {
    return !m.tight || this.score(m) === 3;
  }

  /** A line of text (no marker) follows: a list no longer opens right after a heading. */
  text(): void {
    this.afterHeading = false;
  }
}

/** What the units (or words) after a note's label are: 责任单位's lead unless its clause says otherwise (责任单位：X牵头，Y配合). */
export type NoteRole = 'lead' | 'support' | 'implementing' | 'responsible' | 'deadline';

/**
 * The labels a responsibility note's clauses carry (［牵头单位：…；配合单位：…；完成时限：…］), each
 * with the role of what follows it. The one list of them: the note parser, its clause split, the
 * task audit (a label outside any note) and the hidden-marker check all read it, so a new label
 * is one row here.
 */
export const NOTE_LABELS: { label: string; role: NoteRole }[] = [
  { label: '牵头单位', role: 'lead' },
  { label: '配合单位', role: 'support' },
  { label: '落实单位', role: 'implementing' },
  { label: '责任单位', role: 'responsible' },
  { label: '完成时限', role: 'deadline' },
];

/** Any note label, as a pattern to build on: (?:牵头单位|…). */
export const NOTE_LABEL = `(?:${NOTE_LABELS.map((l) => l.label).join('|')})`;
