// Deadlines on the official calendar. Every expected date is counted by hand from the State
// Council's holiday notices (国办发明电〔2018〕15号 for 2019, 〔2019〕16号 and the extension
// 〔2020〕1号 for 2020), not from the code.
import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.js';
import { resolveDeadline } from '../domain/deadlines.js';

const at = (expression: string, referenceDate?: string, asOf?: string) => resolveDeadline(expression, { referenceDate, asOf, today: '2026-11-29' });

describe('working days on the PRC calendar', () => {
  it.each([
    // Labour Day 2019: 5月1日–4日 off; Sunday 4月28日 and Sunday 5月5日 worked.
    ['15个工作日内', '2019-04-26', '2019-05-20'],
    ['1个工作日', '2019-04-27', '2019-04-28'],
    ['1个工作日', '2019-05-04', '2019-05-05'],
    // National Day 2019: 10月1日–7日 off; Sunday 9月29日 and Saturday 10月12日 worked.
    ['15 个工作日内', '2019-09-20', '2019-10-16'],
    ['不超过 5 个工作日', '2019-09-27', '2019-10-10'],
    ['1个工作日', '2019-09-28', '2019-09-29'],
    ['1个工作日', '2019-10-11', '2019-10-12'],
    // Spring Festival 2019: 2月4日–10日 off; 2月2日 (Sat) and 2月3日 (Sun) worked.
    ['5个工作日', '2019-01-31', '2019-02-12'],
    // Spring Festival 2020, extended: 1月24日–2月2日 off; Sunday 1月19日 worked; 2月1日 no longer worked.
    ['20个工作日内', '2020-01-10', '2020-02-14'],
    ['3个工作日', '2020-01-23', '2020-02-05'],
    ['1个工作日', '2020-01-31', '2020-02-03'],
    // Chinese numerals and full-width digits.
    ['十五个工作日', '2019-04-26', '2019-05-20'],
    ['二十个工作日内', '2020-01-10', '2020-02-14'],
    ['１５个工作日以内', '2019-04-26', '2019-05-20'],
  ])('%s from %s is %s', (expression, ref, date) => {
    const d = at(expression, ref);
    expect(d).toMatchObject({ date, kind: 'working_days' });
    expect(d.warning).toBeUndefined();
  });

  it('names the holidays skipped and the make-up days counted', () => {
    const { rule } = at('15个工作日内', '2019-04-26');
    expect(rule).toContain('劳动节假期2019-05-01至2019-05-04共4天');
    expect(rule).toContain('2019-04-28（星期日，劳动节调休上班）');
    expect(rule).toContain('2019-05-05（星期日，劳动节调休上班）');
    expect(rule).toContain('当日不计');
  });
});

describe('calendar days', () => {
  it.each([
    ['三十日', '2019-09-06', '2019-10-08'], // 10月6日 falls in National Day: the next working day is 10月8日
    ['7天', '2019-04-24', '2019-05-05'], // 5月1日 is Labour Day; Sunday 5月5日 is a working day
    ['10日内', '2020-01-20', '2020-02-03'], // 1月30日 falls in the extended Spring Festival
    ['30日内', '2019-06-03', '2019-07-03'],
    ['两周内', '2019-04-26', '2019-05-10'],
    ['三个月内', '2019-04-26', '2019-07-26'],
    ['半年内', '2019-04-26', '2019-10-28'], // 10月26日 is a Saturday
  ])('%s from %s is %s', (expression, ref, date) => {
    expect(at(expression, ref)).toMatchObject({ date, kind: 'calendar_days' });
  });
});

describe('dates as printed', () => {
  it.each([
    ['2019年5月24日前', undefined, '2019-05-24', 'date'],
    ['于 2019 年 6 月 30 日前', undefined, '2019-06-30', 'date'],
    ['次年 3 月 31 日', '2019-11-01', '2020-03-31', 'date'],
    ['5月24日前', '2019-05-06', '2019-05-24', 'date'],
    ['2019 年 10 月底', undefined, '2019-10-31', 'end_of_month'],
    ['2019 年 6 底前', undefined, '2019-06-30', 'end_of_month'],
    ['12 月底前', '2019-04-30', '2019-12-31', 'end_of_month'],
    ['2020年2月底', undefined, '2020-02-29', 'end_of_month'],
    ['2019年7月前', undefined, '2019-06-30', 'end_of_month'],
    ['年底前', '2019-04-30', '2019-12-31', 'end_of_year'],
    ['2019 年底', undefined, '2019-12-31', 'end_of_year'],
    ['2019年年底前', undefined, '2019-12-31', 'end_of_year'],
    ['2019年第四季度', undefined, '2019-12-31', 'end_of_quarter'],
    ['2019 年', undefined, '2019-12-31', 'end_of_year'],
  ])('%s (reference %s) is %s', (expression, ref, date, kind) => {
    expect(at(expression, ref)).toMatchObject({ date, kind });
  });

  it('reads the printing slip 6 底 as 6月底 and says so', () => {
    expect(at('2019 年 6 底前').rule).toContain('缺“月”字');
  });
});

describe('recurring deadlines', () => {
  it.each([
    ['每月 25 日前', '2019-05-26', '2019-06-25', 'recurring_monthly'],
    ['每月25日前', '2019-05-25', '2019-05-25', 'recurring_monthly'],
    ['每月31日前', '2019-02-10', '2019-02-28', 'recurring_monthly'],
    ['每季度末', '2019-05-26', '2019-06-30', 'recurring_quarterly'],
    ['每季度末', '2019-12-31', '2019-12-31', 'recurring_quarterly'],
    ['每季度末', '2020-01-01', '2020-03-31', 'recurring_quarterly'],
  ])('%s as of %s is %s', (expression, asOf, date, kind) => {
    expect(at(expression, undefined, asOf)).toMatchObject({ date, kind });
  });
});

describe('time left', () => {
  it('counts days and working days to the deadline', () => {
    // 5月2日–4日 off, 5月5日 worked: 1 + 5 + 5 + 5 working days to 5月24日.
    expect(at('2019年5月24日前', undefined, '2019-05-01')).toMatchObject({ daysRemaining: 23, workingDaysRemaining: 16, overdue: false });
    expect(at('2019年5月24日前', undefined, '2019-06-01')).toMatchObject({ daysRemaining: -8, workingDaysRemaining: -5, overdue: true });
  });
});

describe('what is not a deadline, and what cannot be computed', () => {
  it('says why a text is not a deadline', () => {
    expect(at('长期坚持')).toMatchObject({ date: null, kind: 'unknown' });
    expect(at('2019年11月1日起').rule).toContain('起始日期');
  });

  it('refuses impossible dates and relative periods without a start', () => {
    const fieldOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof InputError ? err.field : 'other';
      }
      return 'none';
    };
    expect(fieldOf(() => at('2019年2月30日前'))).toBe('expression');
    expect(fieldOf(() => at('15个工作日内'))).toBe('referenceDate');
    expect(fieldOf(() => at('12月底前'))).toBe('referenceDate');
    expect(fieldOf(() => at('13月底前', '2019-01-01'))).toBe('expression');
  });

  it('computes from weekends alone outside the calendar’s coverage, and warns', () => {
    const d = at('5个工作日', '2027-04-30');
    expect(d.date).toBe('2027-05-07');
    expect(d.warning).toContain('2027');
    expect(d.rule).toContain('仅周末');
  });
});
