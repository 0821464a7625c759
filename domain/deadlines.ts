// The deadline engine: a deadline as the gazette writes it (2019年5月24日前, 10月底, 年底前,
// 15个工作日内, 每月25日前, 每季度末…) → a date, with the rule that got there in Chinese.
// Expressions are read by an ordered table of named rules; the first that matches decides.
// Every date in or out lies inside DATE_RANGE and every count is capped, so each loop is finite.
import { addDays, CALENDAR_COVERAGE, day, daysBetween, WEEKDAY_CN, workingDaysBetween } from './calendar.js';
import { InputError } from './errors.js';
import { DATE_RANGE, foldCharacters, inDateRange, isoDate, parseNumber } from './text.js';

export type DeadlineKind =
  | 'date'
  | 'end_of_month'
  | 'end_of_quarter'
  | 'end_of_year'
  | 'working_days'
  | 'calendar_days'
  | 'recurring_monthly'
  | 'recurring_quarterly'
  | 'unknown';

export const DEADLINE_KINDS: readonly DeadlineKind[] = [
  'date',
  'end_of_month',
  'end_of_quarter',
  'end_of_year',
  'working_days',
  'calendar_days',
  'recurring_monthly',
  'recurring_quarterly',
  'unknown',
];

export interface Deadline {
  date: string | null;
  kind: DeadlineKind;
  rule: string;
  warning?: string;
  daysRemaining?: number;
  workingDaysRemaining?: number;
  overdue?: boolean;
}

export interface DeadlineOptions {
  /** Start of relative periods, and the year of year-less dates. */
  referenceDate?: string | null;
  /** Today, for the time left; also the base of recurring deadlines. */
  asOf?: string | null;
  /** Today's date when asOf is not given (injected so tests and ingest are reproducible). */
  today?: string;
}

/** The largest counts a relative period may name: ten years of each unit. */
export const PERIOD_LIMITS = { workingDays: 2600, days: 3650, weeks: 520, months: 120 } as const;

const CN_NUM = /[零〇一二两三四五六七八九十百千]+(?=个|工作日|日|天|月|年|号|季度|周)/g;

/** Full-width digits, Chinese numerals before a unit, no spaces: 十五 个工作日 → 15个工作日. */
function normalizeExpression(expression: string): string {
  return foldCharacters(expression)
    .replace(/\s+/g, '')
    .replace(CN_NUM, (m) => String(parseNumber(m)));
}

function inputError(zh: string, en: string, example: string, field = 'expression'): InputError {
  return new InputError(field, zh, en, example);
}

function checkYear(year: number): number {
  const [from, to] = [Number(DATE_RANGE.from.slice(0, 4)), Number(DATE_RANGE.to.slice(0, 4))];
  if (year < from || year > to) throw inputError(`年份应在 ${from} 到 ${to} 之间`, `years must be ${from}–${to}`, '2019年5月24日前');
  return year;
}

/** Last day of a month (1-based): day 0 of the next month. */
function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(checkYear(year), month, 0)).toISOString().slice(0, 10);
}

function fmt(date: string): string {
  return `${date}（${WEEKDAY_CN[day(date).weekday]}）`;
}

/** Years from the first to the last of `dates` that the holiday calendar does not cover. */
function outside(dates: string[]): number[] {
  if (!dates.length) return [];
  const years = dates.map((d) => Number(d.slice(0, 4)));
  const out: number[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) if (y < CALENDAR_COVERAGE.from || y > CALENDAR_COVERAGE.to) out.push(y);
  return out;
}

const UNIT_EN: Record<string, string> = { 工作日: 'working days', 天: 'days', 周: 'weeks', 月: 'months' };

/** A count a period names, within its cap. */
function count(text: string, max: number, unit: keyof typeof UNIT_EN, example: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1 || n > max)
    throw inputError(`${unit}数应在 1 到 ${max} 之间`, `the number of ${UNIT_EN[unit]} must be 1–${max}`, example);
  return n;
}

/** The first day on or after `date` that is a working day (at most a few weeks on: holidays are short). */
function nextWorkingDay(date: string): { date: string; rested: string[] } {
  const rested: string[] = [];
  let d = date;
  while (!day(d).working) {
    rested.push(day(d).holiday ?? WEEKDAY_CN[day(d).weekday]);
    d = addDays(d, 1);
  }
  return { date: d, rested };
}

interface Reading {
  date: string | null;
  kind: DeadlineKind;
  rule: string;
  /** Days whose working status the answer relied on, for the coverage check. */
  span: string[];
}

interface Context {
  ref: string | null;
  /** The day recurring deadlines count from (asOf, else referenceDate, else today), and how to name it. */
  base: string;
  baseNote: string;
  expression: string;
}

/** The year an expression means: written out, 次年/当年 relative to the reference date, or the reference date's own. */
function yearOf(written: string | undefined, relative: string | undefined, ref: string | null): { year: number; note: string } {
  if (written) return { year: checkYear(Number(written)), note: '' };
  if (!ref)
    throw inputError(
      '期限未写年份，需提供 referenceDate（如通知日期）确定年份',
      'the deadline has no year; give referenceDate (e.g. the notice date) to supply it',
      '2019-04-30',
      'referenceDate',
    );
  const refYear = Number(ref.slice(0, 4));
  if (relative && /次年|来年|明年/.test(relative)) return { year: checkYear(refYear + 1), note: `“${relative}”指参考日期 ${ref} 的下一年` };
  return { year: refYear, note: `未写年份，取参考日期 ${ref} 所在年份` };
}

function requireReference(ref: string | null, what: string): string {
  if (!ref)
    throw inputError(
      `“${what}”是相对期限，需提供 referenceDate（起算日）`,
      `"${what}" is a relative period; give referenceDate, the day it runs from`,
      '2019-04-26',
      'referenceDate',
    );
  return ref;
}

function checkedDate(year: number, month: number, dayOfMonth: number, text: string): string {
  const d = isoDate(checkYear(year), month, dayOfMonth);
  if (!d) throw inputError(`“${text}”不是真实存在的日期`, `"${text}" is not a real date`, '2019年5月24日前');
  return d;
}

function checkedMonth(month: number, example: string): number {
  if (month < 1 || month > 12) throw inputError(`没有${month}月`, `there is no month ${month}`, example);
  return month;
}

/** The same day `months` months on, or the month's last day when it is shorter. */
function addMonths(from: string, months: number): string {
  const [y, mo, d] = from.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, mo - 1 + months + 1, 0)).getUTCDate();
  const out = new Date(Date.UTC(y, mo - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
  if (!inDateRange(out))
    throw inputError(`期限超出 ${DATE_RANGE.from} 至 ${DATE_RANGE.to}`, `the deadline falls outside ${DATE_RANGE.from}–${DATE_RANGE.to}`, '3个月内');
  return out;
}

function plusDays(from: string, n: number, example: string): string {
  try {
    return addDays(from, n);
  } catch {
    throw inputError(`期限超出 ${DATE_RANGE.from} 至 ${DATE_RANGE.to}`, `the deadline falls outside ${DATE_RANGE.from}–${DATE_RANGE.to}`, example);
  }
}

/** A calendar period ends on its last day, or on the next working day when that is a rest day. */
function periodEnd(from: string, end: string, span: string): Reading {
  const { date, rested } = nextWorkingDay(end);
  const shift = date === end ? '该日为工作日。' : `该日为休息日（${[...new Set(rested)].join('、')}），期限顺延至下一个工作日${fmt(date)}。`;
  return { date, kind: 'calendar_days', rule: `自参考日期 ${from} 起${span}为${fmt(end)}；${shift}`, span: [end, date] };
}

interface Rule {
  name: string;
  pattern: RegExp;
  /** A further condition on the whole (normalized) expression. */
  unless?: RegExp;
  /** The reading, or null when the match turns out not to be this form (the next rule tries). */
  read: (m: RegExpExecArray, c: Context) => Reading | null;
}

/** Deadline forms, most specific first. Adding a form means adding a row here and a test. */
export const DEADLINE_RULES: Rule[] = [
  {
    name: '每月N日前 (recurring monthly)',
    pattern: /每(?:个)?月(\d{1,2})[日号]/,
    read: (m, c) => {
      const n = Number(m[1]);
      if (n < 1 || n > 31) throw inputError(`每月${n}日不存在`, `day ${n} of a month does not exist`, '每月25日前');
      const inMonth = (yy: number, mm: number) => isoDate(yy, mm, Math.min(n, Number(monthEnd(yy, mm).slice(8))))!;
      let [y, mo] = [Number(c.base.slice(0, 4)), Number(c.base.slice(5, 7))];
      let date = inMonth(y, mo);
      if (date < c.base) {
        [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
        date = inMonth(y, mo);
      }
      return { date, kind: 'recurring_monthly', rule: `每月${n}日前为周期性期限，取${c.baseNote}当日或之后最近的一次：${fmt(date)}。`, span: [date] };
    },
  },
  {
    name: '每季度末 (recurring quarterly)',
    pattern: /每(?:个)?季度/,
    read: (_m, c) => {
      const y = Number(c.base.slice(0, 4));
      const date = [3, 6, 9, 12].map((mm) => monthEnd(y, mm)).find((e) => e >= c.base) ?? monthEnd(y + 1, 3);
      return { date, kind: 'recurring_quarterly', rule: `每季度末为周期性期限，取${c.baseNote}当日或之后最近的季度末：${fmt(date)}。`, span: [date] };
    },
  },
  {
    name: 'N个工作日 (working days)',
    pattern: /(\d+)个?工作日/,
    read: (m, c) => {
      const from = requireReference(c.ref, m[0]);
      const n = count(m[1], PERIOD_LIMITS.workingDays, '工作日', '15个工作日内');
      const span: string[] = [];
      const skipped = new Map<string, string[]>();
      const madeUp: string[] = [];
      let weekends = 0;
      let d = from;
      // At most n working days on: n plus the weekends and holidays between, well inside DATE_RANGE's reach.
      for (let counted = 0; counted < n; ) {
        d = plusDays(d, 1, '15个工作日内');
        span.push(d);
        const info = day(d);
        if (info.working) {
          counted++;
          if (info.makeUpFor) madeUp.push(`${d}（${WEEKDAY_CN[info.weekday]}，${info.makeUpFor}调休上班）`);
        } else if (info.holiday) {
          skipped.set(info.holiday, [...(skipped.get(info.holiday) ?? []), d]);
        } else weekends++;
      }
      const holidays = [...skipped].map(([name, days]) => `${name}假期${days[0]}至${days[days.length - 1]}共${days.length}天`);
      const parts = [
        `自参考日期 ${from} 起算（当日不计），按国务院办公厅公布的节假日安排数满${n}个工作日`,
        `跳过周末${weekends}天${holidays.length ? `及${holidays.join('、')}` : ''}`,
        madeUp.length ? `调休上班日计为工作日：${madeUp.join('、')}` : '',
        `第${n}个工作日为${fmt(d)}。`,
      ];
      return { date: d, kind: 'working_days', rule: parts.filter(Boolean).join('；').replace('；第', '。第'), span: [span[0], d] };
    },
  },
  {
    name: 'N个月 (months)',
    pattern: /(?<![\d.])(\d+)个月/,
    unless: /月\d+[日号]/,
    read: (m, c) => {
      const from = requireReference(c.ref, m[0]);
      const n = count(m[1], PERIOD_LIMITS.months, '月', '3个月内');
      return periodEnd(from, addMonths(from, n), `${n}个月后`);
    },
  },
  {
    name: '半年内 (half a year)',
    pattern: /(?<![上下])半年(?:内|以内|之内)/,
    read: (m, c) => {
      const from = requireReference(c.ref, m[0]);
      return periodEnd(from, addMonths(from, 6), '6个月后');
    },
  },
  {
    name: 'N周 (weeks)',
    pattern: /(?<![\d.])(\d+)(?:个)?(?:周|星期)(?:内|以内|之内)?/,
    unless: /月\d+[日号]/,
    read: (m, c) => {
      const from = requireReference(c.ref, m[0]);
      const n = count(m[1], PERIOD_LIMITS.weeks, '周', '两周内');
      return periodEnd(from, plusDays(from, n * 7, '两周内'), `${n}周（${n * 7}天）后`);
    },
  },
  {
    name: 'N日/N天 (calendar days)',
    pattern: /(?<![月\d.])(\d+)(?:个)?[日天](?:内|以内|之内)?(?![前起])/,
    unless: /月\d+[日号]/,
    read: (m, c) => {
      const from = requireReference(c.ref, m[0]);
      const n = count(m[1], PERIOD_LIMITS.days, '天', '30日内');
      return periodEnd(from, plusDays(from, n, '30日内'), `加${n}个自然日`);
    },
  },
  {
    name: '…至次年3月31日 (the end of a period)',
    pattern: /至(?:(\d{4})年|(次年|来年|明年|当年))?(\d{1,2})月(\d{1,2})[日号]/,
    read: (m, c) => {
      const { year, note } = yearOf(m[1], m[2], c.ref);
      const date = checkedDate(year, Number(m[3]), Number(m[4]), m[0].slice(1));
      return { date, kind: 'date', rule: `${[`期间截止于${m[0].slice(1)}`, note].filter(Boolean).join('，')}：${fmt(date)}。`, span: [date] };
    },
  },
  {
    name: '…起 (a start, not a deadline)',
    pattern: /\d{1,2}月\d{1,2}[日号](?:起|开始)/,
    read: (_m, c) => ({ date: null, kind: 'unknown', rule: `“${c.expression}”是起始日期（…起），不是完成期限。`, span: [] }),
  },
  {
    name: 'X月X日 (a stated day)',
    pattern: /(?:(\d{4})年|(次年|来年|明年|当年|今年|本年))?(?<!\d)(\d{1,2})月(\d{1,2})[日号]/,
    read: (m, c) => {
      const { year, note } = yearOf(m[1], m[2], c.ref);
      const date = checkedDate(year, Number(m[3]), Number(m[4]), m[0]);
      return { date, kind: 'date', rule: `${[`写明的日期${m[0]}即为期限`, note].filter(Boolean).join('，')}：${fmt(date)}。`, span: [date] };
    },
  },
  {
    name: 'X月底 (end of a month; 6底 read as 6月底)',
    pattern: /(?:(\d{4})年|(次年|来年|明年|当年|今年|本年))?(?<!\d)(\d{1,2})(月)?[底末]/,
    read: (m, c) => {
      const month = checkedMonth(Number(m[3]), '10月底前');
      const { year, note } = yearOf(m[1], m[2], c.ref);
      const date = monthEnd(year, month);
      const typo = m[4] ? '' : `原文“${m[0]}”缺“月”字，按“${month}月底”理解`;
      return { date, kind: 'end_of_month', rule: `${[typo, `${month}月底即该月最后一天`, note].filter(Boolean).join('，')}：${fmt(date)}。`, span: [date] };
    },
  },
  {
    name: 'X月前 (before a month)',
    pattern: /(?:(\d{4})年)?(?<!\d)(\d{1,2})月(?:前|之前|以前)/,
    read: (m, c) => {
      const month = checkedMonth(Number(m[2]), '7月前');
      const { year, note } = yearOf(m[1], undefined, c.ref);
      const date = plusDays(checkedDate(year, month, 1, m[0]), -1, '7月前');
      return {
        date,
        kind: 'end_of_month',
        rule: `${[`“${month}月前”即${month}月1日之前，截止于上月最后一天`, note].filter(Boolean).join('，')}：${fmt(date)}。`,
        span: [date],
      };
    },
  },
  {
    name: '第N季度 / 上半年 / 下半年',
    pattern: /(?:(\d{4})年)?(?:第([1-4])季度|([上下])半年)/,
    read: (m, c) => {
      const { year, note } = yearOf(m[1], undefined, c.ref);
      const month = m[2] ? Number(m[2]) * 3 : m[3] === '上' ? 6 : 12;
      const date = monthEnd(year, month);
      const what = m[2] ? `第${m[2]}季度末` : `${m[3]}半年末`;
      return {
        date,
        kind: m[2] ? 'end_of_quarter' : 'end_of_year',
        rule: `${[`${what}即${month}月最后一天`, note].filter(Boolean).join('，')}：${fmt(date)}。`,
        span: [date],
      };
    },
  },
  {
    name: '年底 (end of a year)',
    pattern: /(?:(\d{4})年|(次年|来年|明年|当年|今年|本年))?(?:年底|年末|年内|底前|底)/,
    read: (m, c) => {
      if (!m[1] && !m[2] && !/年底|年末|年内/.test(m[0])) return null; // a bare 底 names no year
      const { year, note } = yearOf(m[1], m[2], c.ref);
      const date = `${year}-12-31`;
      return { date, kind: 'end_of_year', rule: `${['年底即12月31日', note].filter(Boolean).join('，')}：${fmt(date)}。`, span: [date] };
    },
  },
  {
    name: 'YYYY年M月 (a month only)',
    pattern: /^(?:于|在)?(\d{4})年(\d{1,2})月(?:前|内|以内|完成)?$/,
    read: (m) => {
      const date = monthEnd(Number(m[1]), checkedMonth(Number(m[2]), '2019年6月'));
      return { date, kind: 'end_of_month', rule: `只写到月份，按该月最后一天计：${fmt(date)}。`, span: [date] };
    },
  },
  {
    name: 'YYYY年 (a year only)',
    pattern: /^(?:于|在)?(\d{4})年(?:前|内|以内|完成)?$/,
    read: (m) => {
      const date = `${checkYear(Number(m[1]))}-12-31`;
      return { date, kind: 'end_of_year', rule: `只写到年份，按该年12月31日计：${fmt(date)}。`, span: [date] };
    },
  },
];

function notADeadline(c: Context): Reading {
  return {
    date: null,
    kind: 'unknown',
    rule: `“${c.expression}”中没有可计算的日期、期限或周期（可识别的写法如：2019年5月24日前、10月底前、年底前、15个工作日内、30日内、每月25日前、每季度末）。`,
    span: [],
  };
}

function read(t: string, c: Context): Reading {
  for (const rule of DEADLINE_RULES) {
    const m = rule.pattern.exec(t);
    const reading = m && !rule.unless?.test(t) ? rule.read(m, c) : null;
    if (reading) return reading;
  }
  return notADeadline(c);
}

/** Resolves a deadline expression; asOf adds the time left. Throws InputError for input that cannot be resolved. */
export function resolveDeadline(expression: string, opts: DeadlineOptions = {}): Deadline {
  const ref = opts.referenceDate ?? null;
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  for (const [field, value] of [
    ['referenceDate', ref],
    ['asOf', opts.asOf],
  ] as const) {
    if (value && !inDateRange(value))
      throw inputError(`日期应在 ${DATE_RANGE.from} 至 ${DATE_RANGE.to} 之间`, `dates must be ${DATE_RANGE.from}–${DATE_RANGE.to}`, '2019-04-26', field);
  }
  const base = opts.asOf ?? ref ?? today;
  const baseNote = opts.asOf ? `asOf（${opts.asOf}）` : ref ? `参考日期（${ref}）` : `今天（${today}）`;
  const p = read(normalizeExpression(expression), { ref, base, baseNote, expression });
  const result: Deadline = { date: p.date, kind: p.kind, rule: p.rule };
  const years = outside(p.span);
  if (years.length) {
    result.warning = `节假日数据只覆盖${CALENDAR_COVERAGE.from}–${CALENDAR_COVERAGE.to}年；${years.join('、')}年按仅周末休息计算，未计法定节假日与调休。`;
    result.rule += `（注意：${result.warning}）`;
  }
  if (p.date && opts.asOf) {
    result.daysRemaining = daysBetween(opts.asOf, p.date);
    result.workingDaysRemaining = p.date >= opts.asOf ? workingDaysBetween(opts.asOf, p.date) : -workingDaysBetween(p.date, opts.asOf);
    result.overdue = opts.asOf > p.date;
    if (outside([opts.asOf, p.date]).length && !result.warning) {
      result.warning = `节假日数据只覆盖${CALENDAR_COVERAGE.from}–${CALENDAR_COVERAGE.to}年；剩余工作日按仅周末休息计算。`;
    }
  }
  return result;
}

// Deadline phrases as they occur in running text, for the ingest report and a task's own words.
const IN_TEXT = [
  /(?:于\s*)?(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月?\s*底|年?\s*底|\d{1,2}\s*月)\s*(?:前|之前|以前)/g,
  /每(?:个)?月\s*\d{1,2}\s*[日号]\s*前/g,
  /每季度末/g,
  /(?:不超过\s*)?[\d一二三四五六七八九十]+\s*个\s*工作日\s*(?:内|以内)?/g,
  /[\d一二三四五六七八九十]+\s*[日天]\s*(?:内|以内)/g,
  /(?:次年|来年)\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g,
];

/** Every distinct deadline phrase in a text, as written (spaces removed). */
export function deadlinePhrases(text: string): string[] {
  const found = new Set<string>();
  for (const re of IN_TEXT) for (const m of text.matchAll(re)) found.add(m[0].replace(/\s+/g, ''));
  return [...found];
}
