// The official PRC working-day calendar: weekends, statutory holidays and the make-up working days
// (调休) of the State Council's yearly notices, from the chinese-days package's data. Its coverage
// is read off the data itself: a year it has no holidays for is a year it does not know.
// Every function here takes and returns days inside DATE_RANGE, so each loop is bounded by it.
import { createRequire } from 'node:module';
import { DATE_RANGE, inDateRange } from './text.js';

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

const DAY_MS = 86_400_000;

export function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `n` days after `date`; a result outside DATE_RANGE is a RangeError, never a malformed date. */
export function addDays(date: string, n: number): string {
  const out = fromUtc(toUtc(date).getTime() + n * DAY_MS);
  if (!/^\d{4}-/.test(out) || !inDateRange(out)) throw new RangeError(`${date} + ${n} days is outside ${DATE_RANGE.from}–${DATE_RANGE.to}`);
  return out;
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / DAY_MS);
}

export function day(date: string): Day {
  const weekday = toUtc(date).getUTCDay();
  const covered = coveredYears.has(Number(date.slice(0, 4)));
  const holiday = covered && data.holidays[date] ? nameOf(data.holidays[date]) : null;
  const makeUpFor = covered && data.workdays[date] ? nameOf(data.workdays[date]) : null;
  const weekend = weekday === 0 || weekday === 6;
  return { date, weekday, working: makeUpFor !== null || (!weekend && holiday === null), holiday, makeUpFor, covered };
}

/** Monday–Friday days after `from` up to and including `to`, counted by whole weeks. */
function weekdaysBetween(from: string, to: string): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  let count = Math.floor(days / 7) * 5;
  const start = toUtc(from).getUTCDay();
  for (let k = 1; k <= days % 7; k++) {
    const wd = (start + k) % 7;
    if (wd !== 0 && wd !== 6) count++;
  }
  return count;
}

// The exceptions to Monday–Friday, sorted: a weekday holiday takes a working day away, a make-up
// Saturday or Sunday adds one.
const exceptions = [
  ...Object.keys(data.holidays)
    .filter((d) => day(d).weekday % 6 !== 0)
    .map((d) => ({ date: d, delta: -1 })),
  ...Object.keys(data.workdays)
    .filter((d) => day(d).weekday % 6 === 0)
    .map((d) => ({ date: d, delta: 1 })),
].sort((a, b) => a.date.localeCompare(b.date));

/** Working days after `from` up to and including `to`: weekdays by arithmetic, then the table's exceptions. */
export function workingDaysBetween(from: string, to: string): number {
  let n = weekdaysBetween(from, to);
  for (const e of exceptions) if (e.date > from && e.date <= to) n += e.delta;
  return n;
}
