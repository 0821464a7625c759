// The official PRC working-day calendar: weekends, statutory holidays and the make-up working days
// (调休) of the State Council's yearly notices, from the chinese-days package's data. Its coverage
// is read off the data itself: a year it has no holidays for is a year it does not know.
import { createRequire } from 'node:module';

interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as CalendarData;

/** Chinese name of a holiday entry: "Labour Day,劳动节,5" → 劳动节. */
function nameOf(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

const coveredYears = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
export const CALENDAR_COVERAGE = { from: Math.min(...coveredYears), to: Math.max(...coveredYears) };

export interface Day {
  date: string;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  working: boolean;
  /** Statutory holiday this day belongs to (劳动节), if any. */
  holiday: string | null;
  /** The holiday a weekend day is worked for (调休上班), if any. */
  makeUpFor: string | null;
  /** The calendar knows this day's year; outside it only weekends are known. */
  covered: boolean;
}

export const WEEKDAY_CN = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, n: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

export function day(date: string): Day {
  const weekday = toUtc(date).getUTCDay();
  const covered = coveredYears.has(Number(date.slice(0, 4)));
  const holiday = covered && data.holidays[date] ? nameOf(data.holidays[date]) : null;
  const makeUpFor = covered && data.workdays[date] ? nameOf(data.workdays[date]) : null;
  const weekend = weekday === 0 || weekday === 6;
  return { date, weekday, working: makeUpFor !== null || (!weekend && holiday === null), holiday, makeUpFor, covered };
}

/** Working days after `from` up to and including `to`. */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (day(d).working) n++;
  return n;
}
