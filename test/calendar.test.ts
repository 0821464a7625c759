// Calendar feeds of the bundled issue, parsed by an independent iCalendar parser (Mozilla's
// ical.js): every dated task deadline and every probation end once, on its day, cited; reminders
// on working days of the official calendar; UIDs that survive a rebuild; recurring deadlines as RRULEs.
import ICAL from 'ical.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dueDigest,
  feedOf,
  monthBeforeOnWorkingDay,
  probationEventCount,
  probationFeed,
  taskFeed,
  workingDaysBefore,
  type FeedSpec,
} from '../domain/calendar-feed.js';
import { day, workingDaysBetween } from '../domain/calendar.js';
import type { GazetteReader, TaskRecord } from '../domain/reader.js';
import { ingestCorpus } from '../ingest/ingest.js';
import { emptyGazette } from '../server/no-corpus.js';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import { renderIcs } from '../tools/ical.js';
import { call, SEED_DIR, seedContext } from './support/seed.js';

const ctx = seedContext();
const gazette = ctx.gazette;

interface Parsed {
  uid: string;
  date: string;
  summary: string;
  description: string;
  categories: string[];
  /** The reminder's moment in Beijing time (YYYY-MM-DDTHH:MM), or its relative trigger. */
  alarm: string;
  rrule: string | null;
}

function parse(ics: string): { name: string; description: string; events: Parsed[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const start = v.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.isDate).toBe(true);
    const [alarm] = v.getAllSubcomponents('valarm');
    const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Time | ICAL.Duration;
    const beijing = trigger instanceof ICAL.Time ? new Date(trigger.toJSDate().getTime() + 8 * 3600_000).toISOString().slice(0, 16) : trigger.toString();
    const rrule = v.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    return {
      uid: String(v.getFirstPropertyValue('uid')),
      date: start.toString(),
      summary: String(v.getFirstPropertyValue('summary')),
      description: String(v.getFirstPropertyValue('description')),
      categories: v.getFirstProperty('categories')!.getValues().map(String),
      alarm: beijing,
      rrule: rrule ? rrule.toString() : null,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), description: String(calendar.getFirstPropertyValue('x-wr-caldesc')), events };
}

const ics = (spec: FeedSpec, reader: GazetteReader = gazette) => renderIcs(feedOf(reader, spec));
const allTasks = (): TaskRecord[] =>
  gazette.listTasks({ units: null, role: 'any', docNumber: null, dueFrom: null, dueTo: null }, { offset: 0, limit: 10_000 }).tasks;

/** The tasks list_tasks gives for a filter, every page. */
function listed(args: Record<string, unknown>): TaskRecord[] {
  const out: TaskRecord[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const r = call(ctx, 'list_tasks', { ...args, offset, limit: 200 });
    const s = r.structuredContent as { tasks: TaskRecord[]; nextOffset: number | null };
    out.push(...s.tasks);
    offset = s.nextOffset;
  }
  return out;
}

const histogram = (dates: string[]) => Object.fromEntries([...new Set(dates)].sort().map((d) => [d, dates.filter((x) => x === d).length]));

describe('task deadline feeds', () => {
  it('holds exactly the dated lead tasks of 住建局, each once on its deadline, cited, with its role', () => {
    const feed = parse(ics({ kind: 'tasks', unit: '住建局', role: 'lead', remindWorkingDays: 3 }));
    const tasks = listed({ unit: '住建局', role: 'lead' });
    expect(tasks).toHaveLength(48);
    const dated = tasks.filter((t) => t.deadline?.date);
    expect(feed.events).toHaveLength(19);
    expect(new Set(feed.events.map((e) => e.uid)).size).toBe(19);
    expect(histogram(feed.events.map((e) => e.date))).toEqual({ '2019-08-30': 9, '2019-09-30': 3, '2019-10-31': 2, '2019-12-30': 3, '2019-12-31': 2 });
    expect(histogram(feed.events.map((e) => e.date))).toEqual(histogram(dated.map((t) => t.deadline!.date!)));
    // Each task is the summary of exactly one event on its own deadline, with its citation and quote.
    for (const t of dated) {
      const mine = feed.events.filter(
        (e) => e.summary === `[牵头] ${t.task}` && e.description.includes(`${t.citation.docNumber} · 《${t.citation.title}》 · ${t.citation.locator}`),
      );
      expect(mine, t.task).toHaveLength(1);
      expect(mine[0].date).toBe(t.deadline!.date);
      expect(mine[0].description).toContain(`完成时限：${t.deadline!.text}（${t.deadline!.date}）`);
      expect(mine[0].description).toContain(`第${t.citation.page}页：“${t.citation.quote}”`);
      expect(mine[0].categories).toEqual(['任务期限', '牵头']);
    }
    expect(feed.name).toBe('市住房和城乡建设局牵头任务期限');
    expect(feed.description).toBe('市住房和城乡建设局牵头的任务共 48 项：19 项有完成时限，列为全天日程，提前 3 个工作日提醒；29 项未写明完成时限，未列入。');
    const first = feed.events.find((e) => e.summary.startsWith('[牵头] 精简审批环节：取消建筑节能设计审查备案'))!;
    expect(first.description).toBe(
      [
        '任务：精简审批环节：取消建筑节能设计审查备案和勘察设计合同、施工合同、监理合同等备案事项',
        '牵头单位：市住房和城乡建设局',
        '配合单位：各县（区）人民政府',
        '完成时限：2019年8月30日前（2019-08-30）',
        '提醒：提前 3 个工作日（2019-08-27）',
        '出处：卫政办发〔2019〕68号 · 《中卫市工程建设项目审批制度改革实施方案》 · 附件 序号2 · 第28页：“市住房和城乡建设局”',
      ].join('\n'),
    );
    expect(first.alarm).toBe('2019-08-27T09:00');
  });

  it('holds every dated task of the corpus once, and counts the undated ones it leaves out', () => {
    const tasks = allTasks();
    expect(tasks).toHaveLength(232);
    const feed = parse(ics({ kind: 'tasks', unit: null, role: 'any', remindWorkingDays: 3 }));
    expect(feed.events).toHaveLength(101);
    expect(new Set(feed.events.map((e) => e.uid)).size).toBe(101);
    expect(histogram(feed.events.map((e) => e.date))).toEqual(histogram(tasks.filter((t) => t.deadline?.date).map((t) => t.deadline!.date!)));
    expect(feed.description).toBe('全部的任务共 232 项：101 项有完成时限，列为全天日程，提前 3 个工作日提醒；131 项未写明完成时限，未列入。');
    expect(feed.events.every((e) => e.categories.join() === '任务期限')).toBe(true);
  });

  it('tells a unit’s roles apart: 配合或落实, 落实 alone, any', () => {
    const count = (role: 'support' | 'implement' | 'any', unit = '住建局') => parse(ics({ kind: 'tasks', unit, role, remindWorkingDays: 3 })).events;
    expect(count('support')).toHaveLength(listed({ unit: '住建局', role: 'support' }).filter((t) => t.deadline?.date).length);
    expect(count('support')).toHaveLength(7);
    expect(count('any')).toHaveLength(26);
    expect(count('implement')).toHaveLength(0);
    const counties = count('implement', '各县（区）人民政府');
    expect(counties.length).toBeGreaterThan(0);
    expect(counties.every((e) => e.categories.join() === '任务期限,落实' && e.summary.startsWith('[落实] '))).toBe(true);
  });

  it('sets each reminder N working days before, on a working day of the official calendar', () => {
    for (const remind of [1, 3, 10]) {
      const feed = parse(ics({ kind: 'tasks', unit: null, role: 'any', remindWorkingDays: remind }));
      for (const e of feed.events) {
        const on = e.alarm.slice(0, 10);
        expect(e.alarm.slice(11)).toBe('09:00');
        expect(day(on).working, `${on} for ${e.date}`).toBe(true);
        expect(workingDaysBetween(on, e.date) - (day(e.date).working ? 1 : 0)).toBe(remind - 1);
      }
    }
    const reminders = parse(ics({ kind: 'tasks', unit: null, role: 'any', remindWorkingDays: 3 })).events.map((e) => `${e.alarm.slice(0, 10)}>${e.date}`);
    // 4-28 is a make-up working Sunday (劳动节), 9-29 one for 国庆; 6-30 is a Sunday.
    expect([...new Set(reminders)].sort()).toEqual([
      '2019-04-26>2019-04-30',
      '2019-05-21>2019-05-24',
      '2019-06-26>2019-06-30',
      '2019-08-27>2019-08-30',
      '2019-09-26>2019-09-30',
      '2019-10-28>2019-10-31',
      '2019-12-25>2019-12-30',
      '2019-12-26>2019-12-31',
    ]);
    expect(workingDaysBefore('2019-10-08', 3)).toBe('2019-09-27');
    expect(workingDaysBefore('2019-10-14', 2)).toBe('2019-10-11');
    expect(monthBeforeOnWorkingDay('2020-10-04')).toBe('2020-09-04');
    expect(monthBeforeOnWorkingDay('2020-11-01')).toBe('2020-09-30');
  });

  it('writes the same feed, UIDs and all, from a database rebuilt from the same corpus', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'gazette-rebuild-')), 'gazette.db');
    ingestCorpus(SEED_DIR, db);
    const rebuilt = new SqliteGazette(db);
    try {
      for (const spec of [
        { kind: 'tasks', unit: null, role: 'any', remindWorkingDays: 3 },
        { kind: 'tasks', unit: '住建局', role: 'lead', remindWorkingDays: 3 },
        { kind: 'probation', unit: null, person: null },
      ] as FeedSpec[]) {
        expect(ics(spec, rebuilt)).toBe(ics(spec));
        expect(parse(ics(spec, rebuilt)).events.map((e) => e.uid)).toEqual(parse(ics(spec)).events.map((e) => e.uid));
      }
    } finally {
      rebuilt.close();
    }
  });
});

describe('probation feeds', () => {
  const appointments = gazette.appointments({ person: null, positionWords: [], docNumber: null }, { offset: 0, limit: 100 }).appointments;

  it('holds every probation end of the 16 appointment records once, on its last day, a month’s reminder on a working day', () => {
    expect(appointments).toHaveLength(16);
    const withProbation = appointments.filter((a) => a.probation);
    expect(withProbation.map((a) => a.person)).toEqual(['田力', '于涛', '雍建军', '王建虎', '田风明', '杨宝翟', '李彬', '董兴华', '张建华']);
    const feed = parse(ics({ kind: 'probation', unit: null, person: null }));
    expect(feed.events.map((e) => [e.summary, e.date, e.alarm, e.categories.join()])).toEqual([
      ['田力 任职试用期满（市政府办公室副主任）', '2020-09-04', '2020-08-04T09:00', '试用期满,任职试用期'],
      ['于涛 任职试用期满（市公安局特警支队支队长）', '2020-09-04', '2020-08-04T09:00', '试用期满,任职试用期'],
      ['雍建军 任职试用期满（市公安局特警支队政委）', '2020-09-04', '2020-08-04T09:00', '试用期满,任职试用期'],
      ['王建虎 任职试用期满（市禁毒委员会办公室专职副主任）', '2020-09-04', '2020-08-04T09:00', '试用期满,任职试用期'],
      ['田风明 任职试用期满（海原甘盐池种羊场副场长）', '2020-09-04', '2020-08-04T09:00', '试用期满,任职试用期'],
      ['杨宝翟 任职试用期满（市工业和信息化局副局长）', '2020-09-26', '2020-08-26T09:00', '试用期满,任职试用期'],
      ['李彬 任职试用期满（市云计算和大数据发展局副局长）', '2020-09-26', '2020-08-26T09:00', '试用期满,任职试用期'],
      ['董兴华 调任试用期满（宁夏中卫工业园区管委会副主任）', '2020-09-26', '2020-08-26T09:00', '试用期满,调任试用期'],
      ['张建华 任职试用期满（宁夏中卫工业园区管委会副主任）', '2020-09-26', '2020-08-26T09:00', '试用期满,任职试用期'],
    ]);
    expect(feed.events.map((e) => e.date)).toEqual(withProbation.map((a) => a.probation!.end));
    expect(new Set(feed.events.map((e) => e.uid)).size).toBe(9);
    for (const [k, e] of feed.events.entries()) {
      const a = withProbation[k];
      expect(e.description).toContain(
        `出处：${a.citation.docNumber} · 《${a.citation.title}》 · ${a.citation.locator} · 第${a.citation.page}页：“${a.citation.quote}”`,
      );
      expect(e.description).toContain(`试用期：${a.probation!.kind}${a.probation!.length}，${a.probation!.start} 至 ${a.probation!.end}`);
    }
    expect(feed.description).toBe('全部任免记录 16 条，其中任职 11 条；9 条定有试用期，期满日列为全天日程，提前一个月提醒；其余未定试用期，未列入。');
  });

  it('narrows to a person or to the posts of a unit (short names too)', () => {
    const who = (spec: FeedSpec) => parse(ics(spec)).events.map((e) => e.summary.split(' ')[0]);
    expect(who({ kind: 'probation', unit: null, person: '董兴华' })).toEqual(['董兴华']);
    expect(who({ kind: 'probation', unit: '工信局', person: null })).toEqual(['杨宝翟']);
    expect(who({ kind: 'probation', unit: '公安局', person: null })).toEqual(['于涛', '雍建军']);
    expect(who({ kind: 'probation', unit: '工业园区', person: null })).toEqual(['董兴华', '张建华']);
    expect(who({ kind: 'probation', unit: null, person: '黄飞虎' })).toEqual([]);
    expect(probationFeed(gazette, { kind: 'probation', unit: null, person: '黄飞虎' }).description).toBe(
      '黄飞虎的任免记录 2 条，其中任职 1 条；0 条定有试用期，期满日列为全天日程，提前一个月提醒；其余未定试用期，未列入。',
    );
  });

  it('counts a feed’s events without reading its records, as many as the feed holds', () => {
    const counts = [null, '田力', '董兴华 同志', '黄飞虎', '张'].map((person) => [
      probationEventCount(gazette, person),
      probationFeed(gazette, { kind: 'probation', unit: null, person }).events.length,
    ]);
    expect(counts).toEqual([
      [9, 9],
      [1, 1],
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
  });
});

describe('recurring deadlines', () => {
  const citation = {
    docNumber: '某府办发〔2020〕7号',
    title: '某某市垃圾分类实施方案',
    issuer: '某某市人民政府办公室',
    date: '2020-03-02',
    locator: '三、（二）',
    page: 6,
    quote: '每月25日前报送进展情况',
  };
  const task = (text: string, date: string, kind: 'recurring_monthly' | 'recurring_quarterly'): TaskRecord => ({
    task: `报送进展（${text}）`,
    leadUnits: ['市城市管理局'],
    supportUnits: [],
    implementingUnits: ['各区人民政府'],
    deadline: { text, date, kind, source: 'note' },
    startYear: null,
    citation,
  });
  const tasks = [task('每月25日前', '2020-03-25', 'recurring_monthly'), task('每季度末', '2020-03-31', 'recurring_quarterly')];
  const reader: GazetteReader = {
    ...emptyGazette(),
    units: () => ['市城市管理局', '各区人民政府'],
    listTasks: (_f, page) => ({ tasks: tasks.slice(page.offset, page.offset + page.limit), total: tasks.length }),
  };

  it('become RRULEs whose occurrences fall on the deadlines the engine reads, each reminded before', () => {
    const text = ics({ kind: 'tasks', unit: '城市管理局', role: 'lead', remindWorkingDays: 3 }, reader);
    const feed = parse(text);
    expect(feed.events.map((e) => [e.date, e.rrule, e.alarm])).toEqual([
      // Three working days before Wednesday 03-25 is Friday 03-20, before Tuesday 03-31 Thursday
      // 03-26: 5 days, less 9 hours for 09:00, before each occurrence.
      ['2020-03-25', 'FREQ=MONTHLY;BYMONTHDAY=25', '-P4DT15H'],
      ['2020-03-31', 'FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1', '-P4DT15H'],
    ]);
    const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    const next = (k: number, n: number) => {
      const it = new ICAL.Event(vevents[k]).iterator();
      return Array.from({ length: n }, () => it.next()!.toString());
    };
    expect(next(0, 3)).toEqual(['2020-03-25', '2020-04-25', '2020-05-25']);
    expect(next(1, 4)).toEqual(['2020-03-31', '2020-06-30', '2020-09-30', '2020-12-31']);
  });

  it('are never overdue in the digest: the next occurrence is what is due', () => {
    const feed = taskFeed(reader, { kind: 'tasks', unit: null, role: 'any', remindWorkingDays: 3 });
    const { overdue, dueSoon } = dueDigest(feed.events, '2020-05-26', 40);
    expect(overdue).toEqual([]);
    expect(dueSoon.map((i) => [i.date, i.workingDaysLeft, i.event.asWritten])).toEqual([
      ['2020-06-25', 21, '每月25日前'],
      ['2020-06-30', 24, '每季度末'],
    ]);
  });
});

describe('due digest', () => {
  it('puts what is overdue first, then what falls due soon, with working days left', () => {
    const feed = taskFeed(gazette, { kind: 'tasks', unit: '住建局', role: 'lead', remindWorkingDays: 3 });
    const { overdue, dueSoon } = dueDigest(feed.events, '2019-09-03', 30);
    expect(overdue.map((i) => [i.date, i.workingDaysLeft, i.daysLeft])).toEqual(Array(9).fill(['2019-08-30', -2, -4]));
    expect(dueSoon.map((i) => [i.date, i.workingDaysLeft, i.daysLeft])).toEqual(Array(3).fill(['2019-09-30', 19, 27]));
    // 国庆: 2019-09-30 to 2019-10-31 holds 7 days off and a make-up Saturday (10-12): 19 working days.
    expect(dueDigest(feed.events, '2019-09-30', 31).dueSoon.map((i) => [i.date, i.workingDaysLeft])).toEqual([
      ['2019-09-30', 0],
      ['2019-09-30', 0],
      ['2019-09-30', 0],
      ['2019-10-31', 19],
      ['2019-10-31', 19],
    ]);
  });
});

describe('the tools say when a calendar exists for their filter', () => {
  it('list_tasks names the unit’s calendar, its resource and its command', () => {
    const r = call(ctx, 'list_tasks', { unit: '住建局' });
    expect((r.structuredContent as { calendar: unknown }).calendar).toEqual({
      events: 19,
      command: 'gazette calendar --unit 住建局 --role lead',
      uri: 'gazette://calendar/%E5%B8%82%E4%BD%8F%E6%88%BF%E5%92%8C%E5%9F%8E%E4%B9%A1%E5%BB%BA%E8%AE%BE%E5%B1%80',
    });
    expect(r.text).toContain(
      '日历：19 项有日期的完成时限可订阅为日历（iCalendar），资源 gazette://calendar/市住房和城乡建设局，或命令 gazette calendar --unit 住建局 --role lead。',
    );
    const support = call(ctx, 'list_tasks', { unit: '住建局', role: 'support' }).structuredContent as { calendar: unknown };
    expect(support.calendar).toEqual({ events: 7, command: 'gazette calendar --unit 住建局 --role support' });
    expect((call(ctx, 'list_tasks', {}).structuredContent as { calendar: unknown }).calendar).toEqual({ events: 101, command: 'gazette calendar --role lead' });
  });

  it('list_appointments names the probation calendar when a record has a probation', () => {
    const r = call(ctx, 'list_appointments', { person: '田力' });
    expect((r.structuredContent as { calendar: unknown }).calendar).toEqual({ events: 1, command: 'gazette calendar --probation --person 田力' });
    expect(r.text).toContain('日历：1 个试用期满日可订阅为日历（iCalendar），命令 gazette calendar --probation --person 田力。');
    expect((call(ctx, 'list_appointments', { person: '黄飞虎' }).structuredContent as { calendar?: unknown }).calendar).toBeUndefined();
  });
});
