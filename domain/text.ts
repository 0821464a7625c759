// Plain-text helpers shared by the corpus pipeline, the store and the tools: character widths,
// extraction spaces, Chinese numerals and dates.
import { RADICAL_FOLD } from './radicals.js';

/** Characters set in a full-width cell: CJK ideographs, kana, full-width forms and CJK punctuation, “”‘’—…·. */
export function isWide(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe6f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x2014 ||
    c === 0x2026 ||
    c === 0xb7
  );
}

/** Display width of a line: wide characters count 1, others ½. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch) ? 1 : 0.5;
  return w;
}

/**
 * Removes the spaces a PDF extraction puts around CJK text ("2019 年 4 月", "领 域 政 府").
 * Chinese prose has no spaces, so any whitespace run touching a wide character is an artefact;
 * a space between two Latin tokens ("ISO 9001") is kept, collapsed to one.
 */
export function dropCjkSpaces(s: string): string {
  return s
    .replace(/[ \t\u00A0\u3000]+/g, ' ')
    .trim()
    .replace(/ (?=(.))/gu, (sp, next: string, offset: number, whole: string) => {
      const prev = whole[offset - 1] ?? '';
      return isWide(prev) || isWide(next) ? '' : sp;
    });
}

/**
 * Width of a printed line in full-width cells. Extraction spaces stand for the thin gaps print puts
 * around Latin text (¼ cell); the gap after 第N条 is a full cell.
 */
export function printedWidth(raw: string): number {
  const gaps = (raw.match(/ /g) ?? []).length;
  return displayWidth(raw.replace(/ /g, '')) + gaps * 0.25 + (/^第\S{1,6}[条章] /.test(raw) ? 0.75 : 0);
}

/** The text ends a sentence: 。！？；：… possibly inside closing quotes or brackets. */
export function endsSentence(text: string): boolean {
  return /[。！？；：…][）)］\]」』”’》]*$/.test(text);
}

/** A line that opens with a mark that only ever follows words (，。、；：）…) carries on the line before it. */
export function continuesLine(text: string): boolean {
  return /^[，。、；：！？）］」』”’》,.;:!?)\]]/.test(text.trimStart());
}

/** Like endsSentence, and a closing bracket counts too: a parenthesised note ends where it closes. */
export function endsClause(text: string): boolean {
  return endsSentence(text) || /[）)］\]]$/.test(text);
}

/**
 * Characters that stand for others in text extracted from a PDF or typed in Chinese word
 * processors: radicals that fonts map glyphs to (⼈ for 人, ⺠ for 民, ⻔ for 门: Kangxi Radicals and
 * the CJK Radicals Supplement, see RADICAL_FOLD) and compatibility ideographs, the small and
 * half-width forms of the marks (﹔﹐﹙﹚､｡), the ratio sign ∶ typed as a colon, and the horizontal bar ― that fonts give for a dash. The small
 * mathematical signs (﹦) are text and stay.
 */
const STAND_IN = /[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\ufe50-\ufe5e\uff61-\uff64\u2236\u2015]/g;
/**
 * A soft hyphen after a digit, before a digit or at the end of its line (2019\u00ad / 2020): a
 * printed hyphen, not a hyphenation point (numbers are never hyphenated). PDF fonts encode the
 * hyphen glyph as U+00AD (WinAnsi's 0xAD is named "hyphen"), and print shows a soft hyphen just
 * where a line ends; taken for nothing, 2019-2020 wrapped after its hyphen read as 20192020.
 */
const DIGIT_HYPHEN = String.raw`(?<=[0-9\uff10-\uff19])\u00ad(?=[ \t\u3000]*(?:$|[\r\n\f\v\u2028\u2029\u0085]|[0-9\uff10-\uff19]))`;
const PRINTED_HYPHEN = new RegExp(DIGIT_HYPHEN, 'g');
/** Format characters that print nothing (soft hyphen, zero-width space and joiners, direction marks, BOM); a soft hyphen between digits prints (DIGIT_HYPHEN). */
export const INVISIBLE = new RegExp(String.raw`(?!${DIGIT_HYPHEN})[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]`, 'g');

/**
 * What a stand-in stands for, one character for one: a radical what a simplified-Chinese font
 * draws it as, in its standard simplified form (RADICAL_FOLD: ⼾ is 户, not NFKC's traditional 戶;
 * a radical with no such character stays); ∶, which has no compatibility mapping, a colon; the
 * rest by Unicode's compatibility mapping.
 */
function standsFor(c: string): string {
  if (c === '∶') return ':';
  if (c === '―') return '—'; // the dash glyph some PDF fonts map to the horizontal bar
  const code = c.charCodeAt(0);
  if (code >= 0x2e80 && code <= 0x2fdf) return RADICAL_FOLD[c] ?? c;
  const n = c.normalize('NFKC');
  return n.length === 1 ? n : c;
}

/** Every character foldCharacters may change: full-width letters and digits, stand-ins, soft hyphens and invisible characters. */
const FOLDED =
  /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\ufe50-\ufe5e\uff61-\uff64\u2236\u2015\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/;

/**
 * The one character folding the corpus and every question, quotation and draft go through, one
 * character for one (offsets into the text stay valid): full-width ASCII letters and digits to
 * half-width (the contract treats them as equal), stand-ins to what they stand for, a soft hyphen
 * between digits to the hyphen it prints, and invisible characters to spaces, which every
 * comparison ignores.
 */
export function foldCharacters(s: string): string {
  // Most text holds none of them: it is returned as it is, without the four passes (search folds every candidate sentence).
  if (!FOLDED.test(s)) return s;
  return s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(STAND_IN, standsFor)
    .replace(PRINTED_HYPHEN, '-')
    .replace(INVISIBLE, ' ');
}

const FULL_PUNCTUATION: Record<string, string> = { '(': '（', ')': '）', ':': '：', ';': '；', ',': '，', '?': '？', '!': '！', '[': '［', ']': '］' };

/** ASCII brackets, colons, semicolons, commas, ? and ! as the full-width marks Chinese text prints. */
export function foldPunctuation(s: string): string {
  return s.replace(/[():;,?![\]]/g, (c) => FULL_PUNCTUATION[c]);
}

/** The form two texts are compared in: letters, digits and punctuation of one width, no whitespace. */
export function matchKey(s: string): string {
  return foldPunctuation(foldCharacters(s)).replace(/\s+/g, '');
}

/** matchKey of a text, with where each of its characters stands in the text (to quote the source's own words back). */
export function keyWithOffsets(s: string): { key: string; at: number[] } {
  const folded = foldPunctuation(foldCharacters(s));
  const chars: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    if (/\s/.test(folded[i])) continue;
    chars.push(folded[i]);
    at.push(i);
  }
  return { key: chars.join(''), at };
}

const OPENING = new Set(['（', '［', '(', '[']);
const CLOSING = new Set(['）', '］', ')', ']']);

/** How many brackets are still open after `text`, starting from `depth` (a stray closer opens nothing). */
export function bracketDepth(text: string, depth = 0): number {
  for (const ch of text) {
    if (OPENING.has(ch)) depth++;
    else if (CLOSING.has(ch) && depth > 0) depth--;
  }
  return depth;
}

/** Brackets open after a line, and how many characters since the outermost one opened. */
export function bracketsAfter(raw: string, before: { depth: number; chars: number }): { depth: number; chars: number } {
  const depth = bracketDepth(raw, before.depth);
  if (depth === 0) return { depth: 0, chars: 0 };
  const open = raw.search(/[（［]/);
  return { depth, chars: before.depth > 0 ? before.chars + raw.length : raw.length - Math.max(0, open) };
}

/**
 * How many characters a bracket may stay open and still be a note whose end wrapped onto the next
 * line (…完成时限：2019 年底。 / ）): twice the longest note of the bundled issue (151). Past that it
 * was never closed, and the lines after it stand on their own.
 */
export const NOTE_MAX_CHARS = 300;

/**
 * Joins wrapped lines of prose: nothing between them, unless two Latin words meet. Built in one
 * pass over the lines, so a long paragraph costs no more than its length.
 */
export function joinWrapped(lines: string[]): string {
  const latin = (ch: string | undefined) => !!ch && /[A-Za-z]/.test(ch);
  const out: string[] = [];
  let last: string | undefined;
  for (const line of lines) {
    if (!line) continue;
    if (latin(last) && latin(line[0])) out.push(' ');
    out.push(line);
    last = line[line.length - 1];
  }
  return out.join('');
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses 五, 十五, 二十七, 一百零五, or Arabic digits (half or full width); NaN when it is neither. */
export function parseNumber(s: string): number {
  const t = foldCharacters(s.trim());
  if (/^\d+$/.test(t)) return Number(t);
  if (t === '' || !/^[零〇一二两三四五六七八九十百千]+$/.test(t)) return Number.NaN;
  let total = 0;
  let digit = -1;
  for (const ch of t) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch];
    } else {
      const unit = CN_UNITS[ch];
      total += (digit === -1 ? 1 : digit) * unit;
      digit = -1;
    }
  }
  if (digit !== -1) total += digit;
  return total;
}

const CN_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 27 → 二十七, the way article and section numbers are printed. */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`cannot write ${n} in Chinese numerals`);
  if (n < 10) return CN_NUMERALS[n];
  if (n < 20) return `十${n % 10 ? CN_NUMERALS[n % 10] : ''}`;
  if (n < 100) return `${CN_NUMERALS[Math.floor(n / 10)]}十${n % 10 ? CN_NUMERALS[n % 10] : ''}`;
  const rest = n % 100;
  const head = `${CN_NUMERALS[Math.floor(n / 100)]}百`;
  if (rest === 0) return head;
  return rest < 10 ? `${head}零${CN_NUMERALS[rest]}` : head + (rest < 20 ? '一' : '') + toChineseNumber(rest);
}

const DATE_CN = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const DATE_NUMERALS = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;

/**
 * `2019 年 4 月 30 日` or `二〇一九年四月三十日` → `2019-04-30`; null when it is not such a date
 * or not a real day.
 */
export function parseChineseDate(s: string): string | null {
  const t = matchKey(s);
  const m = DATE_CN.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const c = DATE_NUMERALS.exec(t);
  if (!c) return null;
  const year = Number([...c[1]].map((ch) => CN_DIGITS[ch]).join(''));
  return isoDate(year, parseNumber(c[2]), parseNumber(c[3]));
}

/** YYYY-MM-DD for a real calendar day, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** The days any input or computed date may fall on: the calendar arithmetic is exact and finite inside it. */
export const DATE_RANGE = { from: '1900-01-01', to: '2100-12-31' } as const;

export function inDateRange(date: string): boolean {
  return date >= DATE_RANGE.from && date <= DATE_RANGE.to;
}

/** A title without the status printed after it in brackets: …实施办法（试行） names 实施办法. */
export function titleSubject(title: string): string {
  return title.replace(/[（(][^）)]*[）)]$/, '');
}
