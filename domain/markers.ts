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
}

/** Rank of each marker type: a lower rank encloses a higher one. */
export const RANK: Record<MarkerType, number> = { chapter: 0, article: 1, section: 2, item: 3, point: 4, subpoint: 5 };

const CN = '[一二三四五六七八九十百零〇两]+';
const PATTERNS: { type: MarkerType; re: RegExp }[] = [
  // 第一章 总 则 / 第四条 市本级…: printed with a space after the marker, which tells a heading
  // from a wrapped line that merely starts with "第十二条规定…".
  { type: 'chapter', re: new RegExp(`^第(${CN}|\\d+)章(?:\\s+|$)(.*)$`) },
  { type: 'article', re: new RegExp(`^第(${CN}|\\d+)条(?:\\s+|$)(.*)$`) },
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
  for (const { type, re } of PATTERNS) {
    const m = re.exec(raw);
    if (!m) continue;
    const n = /[\u2460-\u2473]/.test(m[1]) ? m[1].charCodeAt(0) - 0x245f : parseNumber(m[1]);
    if (!Number.isFinite(n) || n < 1) return null;
    return { type, n, label: markerLabel(type, n), rest: m[2] ?? '' };
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
