// The appointments register of both 任免 notices of 2019.NO.4, person by person, as printed.
import { describe, expect, it } from 'vitest';
import { extractAppointments, periodEnd } from '../corpus/facts/appointments.js';
import { parseIssue } from '../corpus/issue.js';
import { notice, seedIssue } from './support/seed.js';

const issue = seedIssue();
const register = (doc: string) =>
  notice(issue, doc).appointments.map((a) => [
    a.person,
    a.action,
    a.position,
    a.probation ? `${a.probation.kind}${a.probation.length} ${a.probation.start}~${a.probation.end}` : null,
  ]);

describe('appointments register', () => {
  it('卫政干发〔2019〕14号, complete', () => {
    expect(register('卫政干发〔2019〕14号')).toEqual([
      ['黄飞虎', 'appoint', '市政府副秘书长', null],
      ['黄飞虎', 'remove', '市政府办公室副主任', null],
      ['田力', 'appoint', '市政府办公室副主任', '任职试用期一年 2019-09-05~2020-09-04'],
      ['于涛', 'appoint', '市公安局特警支队支队长', '任职试用期一年 2019-09-05~2020-09-04'],
      ['雍建军', 'appoint', '市公安局特警支队政委', '任职试用期一年 2019-09-05~2020-09-04'],
      ['王建虎', 'appoint', '市禁毒委员会办公室专职副主任', '任职试用期一年 2019-09-05~2020-09-04'],
      ['田风明', 'appoint', '海原甘盐池种羊场副场长', '任职试用期一年 2019-09-05~2020-09-04'],
    ]);
    expect(notice(issue, '卫政干发〔2019〕14号').appointments[0].basis).toEqual(['卫党干字〔2019〕107号']);
  });

  it('卫政干发〔2019〕15号, complete, with 调任 and 任职 probation', () => {
    expect(register('卫政干发〔2019〕15号')).toEqual([
      ['杨宝翟', 'appoint', '市工业和信息化局副局长', '任职试用期一年 2019-09-27~2020-09-26'],
      ['李彬', 'appoint', '市云计算和大数据发展局副局长', '任职试用期一年 2019-09-27~2020-09-26'],
      ['张龙', 'appoint', '宁夏中卫工业园区管委会常务副主任', null],
      ['董兴华', 'appoint', '宁夏中卫工业园区管委会副主任', '调任试用期一年 2019-09-27~2020-09-26'],
      ['张建华', 'appoint', '宁夏中卫工业园区管委会副主任', '任职试用期一年 2019-09-27~2020-09-26'],
      ['马如兴', 'remove', '中卫工业园区管委会常务副主任', null],
      ['马建才', 'remove', '市工业和信息化局副局长', null],
      ['韩国平', 'remove', '中卫工业园区管委会副主任', null],
      ['蔡国龙', 'remove', '中卫工业园区管委会副主任', null],
    ]);
    expect(notice(issue, '卫政干发〔2019〕15号').appointments[0].basis).toEqual(['卫党干字〔2019〕111号', '卫党干字〔2019〕117号', '卫党干字〔2019〕120号']);
  });

  it('finds no appointment anywhere else (a 联系人 or a 法律顾问 is not one)', () => {
    const elsewhere = issue.notices.filter((n) => !n.docNumber.startsWith('卫政干发')).flatMap((n) => n.appointments);
    expect(elsewhere).toEqual([]);
    expect(issue.notices.flatMap((n) => n.unplaced.filter((u) => u.kind === 'appointment'))).toEqual([]);
    expect(issue.audit.appointment).toEqual({ found: 17, placed: 17 });
  });

  it('ends a probation the day before the same date one period later', () => {
    expect(periodEnd('2019-09-05', 12)).toBe('2020-09-04');
    expect(periodEnd('2020-02-29', 12)).toBe('2021-02-27');
    expect(periodEnd('2019-08-31', 6)).toBe('2020-02-28');
    expect(periodEnd('2019-01-01', 6)).toBe('2019-06-30');
  });

  it('reports, rather than guesses, when the names listed and the count summed disagree', () => {
    const text = [
      '某某市人民政府\n',
      '关于张三等同志职务任免的通知\n',
      '某政干发〔2020〕3 号\n',
      '各区人民政府，市政府各部门：\n',
      '市人民政府决定：\n',
      '张三同志任市财政局副局长；\n',
      '李四同志任市商务局副局长。\n',
      '张三、李四 3 名同志任职试用期为六个月，试用期从本通知下发之日起计算。\n',
      '某某市人民政府\n',
      '2020 年 3 月 31 日\n',
      '（此件公开发布）\n',
    ].join('\n');
    const doc = parseIssue(text, 'x.txt').notices[0];
    const { appointments, unplaced, count } = extractAppointments(doc);
    expect(appointments.map((a) => [a.person, a.probation])).toEqual([
      ['张三', null],
      ['李四', null],
    ]);
    expect(unplaced.map((u) => [u.kind, u.lineNo])).toEqual([['appointment', 15]]);
    expect(unplaced[0].message).toContain('names 2 persons but says 3');
    expect(count).toEqual({ found: 3, placed: 2 });
  });
});
