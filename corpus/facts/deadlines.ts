// The deadline engine: a deadline as the gazette writes it (2019年5月24日前, 10月底, 年底前,
// 15个工作日内, 每月25日前, 每季度末…) → a date, with the rule that got there in Chinese.
import { addDays, CALENDAR_COVERAGE, day, daysBetween, WEEKDAY_CN, workingDaysBetween } from '../calendar.js';
import { foldWidth, isoDate, parseNumber } from '../text.js';

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

/** A deadline that cannot be computed from what was given: the field to fix, and an accepted form. */
export class DeadlineInputError extends Error {
  constructor(
    readonly field: 'expression' | 'referenceDate' | 'asOf',
    readonly zh: string,
    readonly en: string,
    readonly example: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

const CN_NUM = /[零〇一二两三四五六七八九十百]+(?=个|工作日|日|天|月|年|号|季度|周)/g;

/** Full-width digits, Chinese numerals before a unit, no spaces: 十五 个工作日 → 15个工作日. */
function normalizeExpression(expression: string): string {
  return foldWidth(expression)
    .replace(/\s+/g, '')
    .replace(CN_NUM, (m) => String(parseNumber(m)));
}

/** Last day of a month (1-based): day 0 of the next month. */
function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function fmt(date: string): string {
  return `${date}（${WEEKDAY_CN[day(date).weekday]}）`;
}

function outside(dates: string[]): number[] {
  return [...new Set(dates.map((d) => Number(d.slice(0, 4))).filter((y) => y < CALENDAR_COVERAGE.from || y > CALENDAR_COVERAGE.to))].sort();
}

interface Parsed {
  date: string | null;
  kind: DeadlineKind;
  rule: string;
  /** Days whose working status the answer relied on, for the coverage check. */
  span: string[];
}

/** The year an expression means: written out, 次年/当年 relative to the reference date, or the reference date's own. */
function yearOf(written: string | undefined, relative: string | undefined, ref: string | null): { year: number; note: string } {
  if (written) return { year: Number(written), note: '' };
  if (!ref) {
    throw new DeadlineInputError('referenceDate', '期限未写年份，需提供 referenceDate（如通知日期）确定年份', 'the deadline has no year; give referenceDate (e.g. the notice date) to supply it', '2019-04-30');
  }
  const refYear = Number(ref.slice(0, 4));
  if (relative && /次年|来年|明年/.test(relative)) return { year: refYear + 1, note: `“${relative}”指参考日期 ${ref} 的下一年` };
  return { year: refYear, note: `未写年份，取参考日期 ${ref} 所在年份` };
}

function requireReference(ref: string | null, what: string): string {
  if (!ref) {
    throw new DeadlineInputError('referenceDate', `“${what}”是相对期限，需提供 referenceDate（起算日）`, `"${what}" is a relative period; give referenceDate, the day it runs from`, '2019-04-26');
  }
  return ref;
}

function checkedDate(year: number, month: number, dayOfMonth: number, text: string): string {
  const d = isoDate(year, month, dayOfMonth);
  if (!d) throw new DeadlineInputError('expression', `“${text}”不是真实存在的日期`, `"${text}" is not a real date`, '2019年5月24日前');
  return d;
}

function parse(expression: string, ref: string | null, base: string, baseNote: string): Parsed {
  const t = normalizeExpression(expression);
  let m: RegExpExecArray | null;

  if ((m = /每(?:个)?月(\d{1,2})[日号]/.exec(t))) {
    const n = Number(m[1]);
    if (n < 1 || n > 31) throw new DeadlineInputError('expression', `每月${n}日不存在`, `day ${n} of a month does not exist`, '每月25日前');
    let [y, mo] = [Number(base.slice(0, 4)), Number(base.slice(5, 7))];
    const inMonth = (yy: number, mm: number) => isoDate(yy, mm, Math.min(n, Number(monthEnd(yy, mm).slice(8))))!;
    let date = inMonth(y, mo);
    if (date < base) {
      [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
      date = inMonth(y, mo);
    }
    return { date, kind: 'recurring_monthly', rule: `每月${n}日前为周期性期限，取${baseNote}当日或之后最近的一次：${fmt(date)}。`, span: [date] };
  }

  if (/每(?:个)?季度/.test(t)) {
    const y = Number(base.slice(0, 4));
    const ends = [3, 6, 9, 12].map((mm) => monthEnd(y, mm));
    const date = ends.find((e) => e >= base) ?? monthEnd(y + 1, 3);
    return { date, kind: 'recurring_quarterly', rule: `每季度末为周期性期限，取${baseNote}当日或之后最近的季度末：${fmt(date)}。`, span: [date] };
  }

  if ((m = /(\d+)个?工作日/.exec(t))) {
    const n = Number(m[1]);
    const from = requireReference(ref, m[0]);
    if (n < 1 || n > 3650) throw new DeadlineInputError('expression', '工作日数应在 1 到 3650 之间', 'the number of working days must be 1–3650', '15个工作日内');
    const span: string[] = [];
    const skipped = new Map<string, string[]>();
    const madeUp: string[] = [];
    let weekends = 0;
    let d = from;
    for (let counted = 0; counted < n; ) {
      d = addDays(d, 1);
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
    return { date: d, kind: 'working_days', rule: parts.filter(Boolean).join('；').replace('；第', '。第'), span };
  }

  // N个月 / 半年 / N周 from the reference date: the same day that many months on, or 7 days a week.
  if ((m = /(?<![\d.])(\d+)个月|(?<![上下])半年(?:内|以内|之内)|(?<![\d.])(\d+)(?:个)?(?:周|星期)(?:内|以内|之内)?/.exec(t)) && !/月\d+[日号]/.test(t)) {
    const from = requireReference(ref, m[0]);
    let end: string;
    if (m[2]) end = addDays(from, Number(m[2]) * 7);
    else {
      const months = m[1] ? Number(m[1]) : 6;
      const [y, mo, d] = from.split('-').map(Number);
      const lastDay = new Date(Date.UTC(y, mo - 1 + months + 1, 0)).getUTCDate();
      end = new Date(Date.UTC(y, mo - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
    }
    let date = end;
    while (!day(date).working) date = addDays(date, 1);
    const shift = date === end ? '该日为工作日。' : `该日为休息日，期限顺延至下一个工作日${fmt(date)}。`;
    const span = m[2] ? `${m[2]}周（${Number(m[2]) * 7}天）` : `${m[1] ?? 6}个月`;
    return { date, kind: 'calendar_days', rule: `自参考日期 ${from} 起${span}后为${fmt(end)}；${shift}`, span: [end, date] };
  }

  if ((m = /(?<![月\d.])(\d+)(?:个)?[日天](?:内|以内|之内)?(?![前起])/.exec(t)) && !/月\d+[日号]/.test(t)) {
    const n = Number(m[1]);
    const from = requireReference(ref, m[0]);
    const end = addDays(from, n);
    let date = end;
    const rested: string[] = [];
    while (!day(date).working) {
      rested.push(day(date).holiday ?? WEEKDAY_CN[day(date).weekday]);
      date = addDays(date, 1);
    }
    const shift = date === end ? '该日为工作日。' : `该日为休息日（${[...new Set(rested)].join('、')}），期限顺延至下一个工作日${fmt(date)}。`;
    return { date, kind: 'calendar_days', rule: `自参考日期 ${from} 起加${n}个自然日为${fmt(end)}；${shift}`, span: [end, date] };
  }

  // A period 11月1日至次年3月31日: its deadline is the end.
  const period = /至((?:\d{4}年|次年|来年|明年|当年)?\d{1,2}月\d{1,2}[日号])/.exec(t);
  const dateText = period ? period[1] : t;
  if ((m = /(?:(\d{4})年|(次年|来年|明年|当年|今年|本年))?(?<!\d)(\d{1,2})月(\d{1,2})[日号]/.exec(dateText))) {
    if (!period && /[日号](?:起|开始)/.test(t)) {
      return { date: null, kind: 'unknown', rule: `“${expression}”是起始日期（…起），不是完成期限。`, span: [] };
    }
    const { year, note } = yearOf(m[1], m[2], ref);
    const date = checkedDate(year, Number(m[3]), Number(m[4]), m[0]);
    const rule = [period ? `期间截止于${m[0]}` : `写明的日期${m[0]}即为期限`, note].filter(Boolean).join('，');
    return { date, kind: 'date', rule: `${rule}：${fmt(date)}。`, span: [date] };
  }

  if ((m = /(?:(\d{4})年|(次年|来年|明年|当年|今年|本年))?(?<!\d)(\d{1,2})(月)?[底末]/.exec(t))) {
    const month = Number(m[3]);
    if (month < 1 || month > 12) throw new DeadlineInputError('expression', `没有${month}月`, `there is no month ${month}`, '10月底前');
    const { year, note } = yearOf(m[1], m[2], ref);
    const date = monthEnd(year, month);
    const typo = m[4] ? '' : `原文“${m[0]}”缺“月”字，按“${month}月底”理解`;
    return { date, kind: 'end_of_month', rule: `${[typo, `${month}月底即该月最后一天`, note].filter(Boolean).join('，')}：${fmt(date)}。`, span: [date] };
  }

  if ((m = /(?:(\d{4})年)?(?<!\d)(\d{1,2})月(?:前|之前|以前)/.exec(t))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new DeadlineInputError('expression', `没有${month}月`, `there is no month ${month}`, '7月前');
    const { year, note } = yearOf(m[1], undefined, ref);
    const date = addDays(checkedDate(year, month, 1, m[0]), -1);
    return { date, kind: 'end_of_month', rule: `${[`“${month}月前”即${month}月1日之前，截止于上月最后一天`, note].filter(Boolean).join('，')}：${fmt(date)}。`, span: [date] };
  }

  if ((m = /(?:(\d{4})年)?(?:第([1-4])季度|([上下])半年)/.exec(t))) {
    const { year, note } = yearOf(m[1], undefined, ref);
    const month = m[2] ? Number(m[2]) * 3 : m[3] === '上' ? 6 : 12;
    const date = monthEnd(year, month);
    const what = m[2] ? `第${m[2]}季度末` : `${m[3]}半年末`;
    return { date, kind: m[2] ? 'end_of_quarter' : 'end_of_year', rule: `${[`${what}即${month}月最后一天`, note].filter(Boolean).join('，')}：${fmt(date)}。`, span: [date] };
  }

  if ((m = /(?:(\d{4})年|(次年|来年|明年|当年|今年|本年))?(?:年底|年末|年内|底前|底)/.exec(t)) && (m[1] || m[2] || /年底|年末|年内/.test(m[0]))) {
    const { year, note } = yearOf(m[1], m[2], ref);
    const date = `${year}-12-31`;
    return { date, kind: 'end_of_year', rule: `${['年底即12月31日', note].filter(Boolean).join('，')}：${fmt(date)}。`, span: [date] };
  }

  if ((m = /^(?:于|在)?(\d{4})年(\d{1,2})月(?:前|内|以内|完成)?$/.exec(t))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new DeadlineInputError('expression', `没有${month}月`, `there is no month ${month}`, '2019年6月');
    const date = monthEnd(Number(m[1]), month);
    return { date, kind: 'end_of_month', rule: `只写到月份，按该月最后一天计：${fmt(date)}。`, span: [date] };
  }

  if ((m = /^(?:于|在)?(\d{4})年(?:前|内|以内|完成)?$/.exec(t))) {
    const date = `${m[1]}-12-31`;
    return { date, kind: 'end_of_year', rule: `只写到年份，按该年12月31日计：${fmt(date)}。`, span: [date] };
  }

  return {
    date: null,
    kind: 'unknown',
    rule: `“${expression}”中没有可计算的日期、期限或周期（可识别的写法如：2019年5月24日前、10月底前、年底前、15个工作日内、30日内、每月25日前、每季度末）。`,
    span: [],
  };
}

/** Resolves a deadline expression; asOf adds the time left. Throws DeadlineInputError for input that cannot be resolved. */
export function resolveDeadline(expression: string, opts: DeadlineOptions = {}): Deadline {
  const ref = opts.referenceDate ?? null;
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const base = opts.asOf ?? ref ?? today;
  const baseNote = opts.asOf ? `asOf（${opts.asOf}）` : ref ? `参考日期（${ref}）` : `今天（${today}）`;
  const p = parse(expression, ref, base, baseNote);
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

// Deadline phrases as they occur in running text, for the ingest report.
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
