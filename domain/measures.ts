// Numbers with units and calendar dates as Chinese official texts write them: one grammar for the
// explainer's 执行标准 and for the draft checker, which compares a draft's figures with the source's.
//   55% / 百分之五十五, 500—1000元, 5万元 (= 50000元), 10个工作日 / 十个工作日, 一年, 53.29万亩
//   2019年5月24日 / 二〇一九年五月二十四日 / 2019-05-24, 2019年5月, 2019年底, 5月24日
import { foldCharacters, parseNumber } from './text.js';

/** What a unit measures, and its scale in that measure's base unit (万元 = 10000 元). */
interface UnitRule {
  unit: string;
  measure: string;
  scale: number;
  /** Written with Chinese numerals too (十个工作日, 一年), not only with digits. */
  inWords?: boolean;
}

// Longest spelling first, so that 个工作日 is not read as 日 and 万元 not as 元.
export const MEASURE_UNITS: UnitRule[] = [
  { unit: '个百分点', measure: 'points', scale: 1, inWords: true },
  { unit: '%', measure: 'percent', scale: 1 },
  { unit: '亿元', measure: 'money', scale: 1e8, inWords: true },
  { unit: '万元', measure: 'money', scale: 1e4, inWords: true },
  { unit: '元', measure: 'money', scale: 1 },
  { unit: '个工作日', measure: 'workdays', scale: 1, inWords: true },
  { unit: '工作日', measure: 'workdays', scale: 1, inWords: true },
  { unit: '个月', measure: 'months', scale: 1, inWords: true },
  { unit: '小时', measure: 'hours', scale: 1, inWords: true },
  { unit: '周岁', measure: 'age', scale: 1, inWords: true },
  { unit: '岁', measure: 'age', scale: 1, inWords: true },
  { unit: '周', measure: 'weeks', scale: 1, inWords: true },
  { unit: '日', measure: 'days', scale: 1, inWords: true },
  { unit: '天', measure: 'days', scale: 1, inWords: true },
  { unit: '年', measure: 'years', scale: 1, inWords: true },
  { unit: '倍', measure: 'times', scale: 1, inWords: true },
  { unit: '次', measure: 'occasions', scale: 1, inWords: true },
  { unit: '万人', measure: 'people', scale: 1e4 },
  { unit: '人', measure: 'people', scale: 1 },
  { unit: '名', measure: 'people', scale: 1 },
  { unit: '万户', measure: 'households', scale: 1e4 },
  { unit: '户', measure: 'households', scale: 1 },
  { unit: '万亩', measure: 'mu', scale: 1e4 },
  { unit: '亩', measure: 'mu', scale: 1 },
  { unit: '万公顷', measure: 'hectares', scale: 1e4 },
  { unit: '公顷', measure: 'hectares', scale: 1 },
  { unit: '平方公里', measure: 'km2', scale: 1 },
  { unit: '平方米', measure: 'm2', scale: 1 },
  { unit: '万立方米', measure: 'm3', scale: 1e4 },
  { unit: '立方米', measure: 'm3', scale: 1 },
  { unit: '公里', measure: 'km', scale: 1 },
  { unit: '千米', measure: 'km', scale: 1 },
  { unit: '万吨', measure: 'tonnes', scale: 1e4 },
  { unit: '吨', measure: 'tonnes', scale: 1 },
  { unit: '厘米', measure: 'm', scale: 0.01 },
  { unit: '毫米', measure: 'm', scale: 0.001 },
  { unit: '米', measure: 'm', scale: 1 },
  { unit: '辆', measure: 'vehicles', scale: 1 },
  { unit: '座', measure: 'structures', scale: 1 },
  { unit: '台', measure: 'machines', scale: 1 },
  { unit: '套', measure: 'sets', scale: 1 },
  { unit: '所', measure: 'institutions', scale: 1 },
  { unit: '家', measure: 'firms', scale: 1 },
  { unit: '项', measure: 'items', scale: 1 },
];

const ESC = (s: string) => s.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');
const UNITS = MEASURE_UNITS.map((u) => ESC(u.unit)).join('|');
const WORD_UNITS = MEASURE_UNITS.filter((u) => u.inWords)
  .map((u) => ESC(u.unit))
  .join('|');
const DIGITS = '\\d+(?:\\.\\d+)?';
const WORDS = '[零〇一二两三四五六七八九十百千]+';
const RANGE = '\\s*[-—–~～至到]\\s*';

// Digits with any unit, but not those of a name (PM2.5年均, PM10, DN600); Chinese numerals with the units they are written with, but not an
// ordinal (第十五日) nor the 一 of a word (统一、唯一、进一步、一次性); 百分之N.
const NOT_NUMERAL_BEFORE = '(?<![第零〇一二两三四五六七八九十百千统唯进同之逐每万单划专合])';
const MEASURE_IN_TEXT = new RegExp(
  `(?<![\\d.A-Za-z])(${DIGITS})(?:${RANGE}(${DIGITS}))?\\s*(${UNITS}|％)(?![目])|${NOT_NUMERAL_BEFORE}(${WORDS})(?:${RANGE}(${WORDS}))?(${WORD_UNITS})(?![性目])|百分之(${WORDS}|${DIGITS})`,
  'g',
);

export interface Measure {
  /** As written. */
  text: string;
  index: number;
  measure: string;
  /** Value in the measure's base unit; a range as low-high. */
  value: string;
}

function numberOf(n: string): number {
  return /\d/.test(n) ? Number(n) : parseNumber(n);
}

/** Every number with a unit in a text, dates left out. */
export function findMeasures(text: string): Measure[] {
  const folded = foldCharacters(text);
  const dates = findDates(folded);
  const inDate = (i: number, end: number) => dates.some((d) => i < d.index + d.text.length && end > d.index);
  const out: Measure[] = [];
  for (const m of folded.matchAll(MEASURE_IN_TEXT)) {
    const index = m.index;
    if (inDate(index, index + m[0].length)) continue;
    let low: string;
    let high: string | undefined;
    let unit: string;
    if (m[7] !== undefined) [low, unit] = [m[7], '%'];
    else if (m[1] !== undefined) [low, high, unit] = [m[1], m[2], m[3] === '％' ? '%' : m[3]];
    else [low, high, unit] = [m[4], m[5], m[6]];
    const rule = MEASURE_UNITS.find((u) => u.unit === unit)!;
    const a = numberOf(low) * rule.scale;
    const b = high === undefined ? null : numberOf(high) * rule.scale;
    if (!Number.isFinite(a) || (b !== null && !Number.isFinite(b))) continue;
    // A four-digit number before 年 is a year, not a period (2019—2021年).
    if (rule.measure === 'years' && /\d{4}/.test(low)) continue;
    out.push({
      text: text.slice(index, index + m[0].length),
      index,
      measure: rule.measure,
      value: b === null ? String(+a.toFixed(6)) : `${+a.toFixed(6)}-${+b.toFixed(6)}`,
    });
  }
  return out;
}

export interface DateMention {
  text: string;
  index: number;
  /** What it names, as far as it says: year, month, day (null where it does not say). */
  year: number | null;
  month: number | null;
  day: number | null;
}

const CN_YEAR_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

// Most specific first; a later pattern never takes characters an earlier one took.
const DATE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [number | null, number | null, number | null] }[] = [
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g, read: (m) => [+m[1], +m[2], +m[3]] },
  {
    re: /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/g,
    read: (m) => [Number([...m[1]].map((c) => CN_YEAR_DIGITS[c]).join('')), parseNumber(m[2]), parseNumber(m[3])],
  },
  { re: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, read: (m) => [+m[1], +m[2], +m[3]] },
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:底|末)/g, read: (m) => [+m[1], +m[2], lastDay(+m[1], +m[2])] },
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月/g, read: (m) => [+m[1], +m[2], null] },
  { re: /(\d{4})\s*年\s*(?:年底|底|末)/g, read: (m) => [+m[1], 12, 31] },
  { re: /(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日/g, read: (m) => [null, +m[1], +m[2]] },
  // A year a period starts from (自2019年起), not a bare year.
  { re: /(\d{4})\s*年(?=起|以来)/g, read: (m) => [+m[1], null, null] },
  // A month's end without its year (6月底前): a deadline within the text's own year.
  { re: /(?<![\d年])(\d{1,2})\s*月\s*(?:底|末)/g, read: (m) => [null, +m[1], null] },
];

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every date a text names, from a full day down to a month or a year's end; bare years are not dates. */
export function findDates(text: string): DateMention[] {
  const folded = foldCharacters(text);
  const taken: [number, number][] = [];
  const out: DateMention[] = [];
  for (const { re, read } of DATE_PATTERNS) {
    for (const m of folded.matchAll(re)) {
      const [from, to] = [m.index, m.index + m[0].length];
      if (taken.some(([a, b]) => from < b && to > a)) continue;
      const [year, month, day] = read(m as RegExpExecArray);
      if (month !== null && (month < 1 || month > 12)) continue;
      if (day !== null && (day < 1 || day > 31)) continue;
      taken.push([from, to]);
      out.push({ text: text.slice(from, to), index: from, year, month, day });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Two dates agree where both say something: 5月24日 agrees with 2019年5月24日, 2019年6月 does not. */
export function sameDate(a: DateMention, b: DateMention): boolean {
  const agree = (x: number | null, y: number | null) => x === null || y === null || x === y;
  return agree(a.year, b.year) && agree(a.month, b.month) && agree(a.day, b.day) && (a.month !== null || a.year === b.year);
}

/** A date as YYYY-MM-DD when it names a day. */
export function isoOf(d: DateMention): string | null {
  return d.year !== null && d.month !== null && d.day !== null ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : null;
}
