// Every call is bounded: each class of input that could make a loop or a count run away is
// refused in words, or capped, and answers at once. (Timing goals live in the bench; here, that
// the answer comes, and what it says.)
import { describe, expect, it } from 'vitest';
import { addDays, day, workingDaysBetween } from '../domain/calendar.js';
import { DEFAULT_SEARCH_OPTIONS } from '../search/options.js';
import { queryTerms } from '../search/terms.js';
import { call, seedContext } from './support/seed.js';

const ctx = seedContext();

describe('far dates', () => {
  it.each([
    [{ expression: '15个工作日内', referenceDate: '9999-01-01' }, /referenceDate.*1900-01-01 至 2100-12-31/s],
    [{ expression: '年底前', referenceDate: '2019-04-30', asOf: '9999-12-31' }, /asOf.*1900-01-01 至 2100-12-31/s],
    [{ expression: '3650个工作日', referenceDate: '2019-01-01' }, /工作日数应在 1 到 2600 之间/],
    [{ expression: '2600个工作日', referenceDate: '2100-01-01' }, /期限超出 1900-01-01 至 2100-12-31/],
    [{ expression: '9998年12月31日前', asOf: '0100-01-01' }, /asOf/],
    [{ expression: '9998年12月31日前' }, /年份应在 1900 到 2100 之间/],
    [{ expression: '3个月内', referenceDate: '2100-12-31' }, /期限超出/],
    [{ expression: '每月30日前', asOf: '2100-12-31' }, /年份应在 1900 到 2100 之间/],
  ])('%j is refused in words', (args, message) => {
    const r = call(ctx, 'compute_deadline', args);
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(message);
    expect(r.text).toMatch(/Invalid/);
  });

  it('counts working days across two centuries by arithmetic, as a day-by-day count does', () => {
    const r = call(ctx, 'compute_deadline', { expression: '2100年12月31日前', asOf: '1900-01-01' });
    expect(r.isError).toBeFalsy();
    let working = 0;
    for (let k = 1; k <= 73_413; k++) if (day(addDays('1900-01-01', k)).working) working++;
    expect(r.structuredContent).toMatchObject({ date: '2100-12-31', daysRemaining: 73_413, workingDaysRemaining: working, overdue: false });
    expect(workingDaysBetween('2019-04-26', '2019-05-20')).toBe(15);
  });
});

describe('counts and numbers past any document', () => {
  it.each([
    ['compute_deadline', { expression: '99999999天内', referenceDate: '2019-01-01' }, /天数应在 1 到 3650 之间/],
    ['compute_deadline', { expression: '9999个月内', referenceDate: '2019-01-01' }, /月数应在 1 到 120 之间/],
    ['cite_clause', { document: '法律顾问管理办法', clause: '第99999999999999999999条' }, /条款号应在 1 到 999 之间/],
    ['search_gazette', { query: '湿地', limit: 1e9 }, /limit.*不能大于 50/s],
    ['list_tasks', { limit: 100_000 }, /limit.*不能大于 200/s],
    ['find_lead_unit', { task: '秸秆', limit: -1 }, /limit.*不能小于 1/s],
  ])('%s %j is refused in words', (tool, args, message) => {
    const r = call(ctx, tool, args);
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(message);
  });
});

describe('long inputs with many terms', () => {
  let x = 11;
  const noise = Array.from({ length: 500 }, () => String.fromCharCode(0x4e00 + ((x = (x * 1103515245 + 12345) & 0x7fffffff) % 0x5000))).join('');

  it('a question is searched with at most a fixed number of its terms', () => {
    const vocabulary = new Set(Array.from(noise.matchAll(/../g), (m) => m[0]));
    expect(queryTerms(noise, vocabulary).length).toBe(DEFAULT_SEARCH_OPTIONS.question.maxTerms);
  });

  it.each([
    ['search_gazette', { query: noise }],
    ['find_lead_unit', { task: noise }],
    ['verify_quote', { quote: '湿地'.repeat(2500) }],
    ['list_tasks', { unit: '局'.repeat(60) }],
    ['get_document', { document: '办法'.repeat(100) }],
  ])('%s answers a 500–5000 character input', (tool, args) => {
    const r = call(ctx, tool, args);
    expect(r.text.length).toBeGreaterThan(0);
  });
});
