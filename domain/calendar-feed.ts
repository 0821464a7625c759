// Deadlines where people act: the tasks of a unit (or of the whole corpus) and the probation ends
// of appointees as calendar events, and the digest of what is overdue or due soon. Plain data in
// and out; tools/ical.ts writes the events as iCalendar. Reminders are counted back in working
// days on the same holiday calendar the deadline engine uses.
import { createHash } from 'node:crypto';
import { addDays, day, daysBetween, workingDaysBetween } from './calendar.js';
import { resolveDeadline } from './deadlines.js';
import { InputError } from './errors.js';
import type { AppointmentRecord, Citation, GazetteReader, TaskRecord } from './reader.js';
import { foldCharacters } from './text.js';
import { closestUnits, matchUnits, unitQuery } from './unit-name.js';

export type FeedRole = 'lead' | 'support' | 'implement' | 'any';
export const FEED_ROLES: readonly FeedRole[] = ['lead', 'support', 'implement', 'any'];
export const ROLE_LABEL: Record<Exclude<FeedRole, 'any'>, string> = { lead: '牵头', support: '配合', implement: '落实' };
/** What a feed of each role holds, in its name. */
const ROLE_SCOPE: Record<FeedRole, string> = { lead: '牵头', support: '配合或落实', implement: '落实', any: '参与' };

export const TASK_CATEGORY = '任务期限';
export const PROBATION_CATEGORY = '试用期满';
/** Working days before a task deadline that its reminder falls, unless asked otherwise. */
export const DEFAULT_REMIND_WORKING_DAYS = 3;
/** The most working days a reminder may be set before (half a year of them). */
export const MAX_REMIND_WORKING_DAYS = 130;
/** Hour of the day (Beijing time) a reminder rings. */
export const REMIND_HOUR = 9;

export type FeedSpec =
  | { kind: 'tasks'; unit: string | null; role: FeedRole; remindWorkingDays: number }
  | { kind: 'probation'; unit: string | null; person: string | null };

/** A recurring deadline (每月25日前, 每季度末) as a recurrence rule. */
export type Recurrence = { freq: 'MONTHLY'; byMonthDay: number } | { freq: 'YEARLY'; byMonth: number[]; byMonthDay: -1 };

export interface FeedEvent {
  uid: string;
  /** The all-day event's day: the deadline, or the last day of probation (the first occurrence when recurring). */
  date: string;
  summary: string;
  /** Every fact, one a line, the citation last. */
  description: string;
  categories: string[];
  /** The day the reminder rings, a working day; for a recurring event, its first occurrence's. */
  remindOn: string;
  /** Calendar days from the reminder to the event, for a recurring event's relative trigger. */
  remindDaysBefore: number;
  recurrence: Recurrence | null;
  /** The deadline as written, or the probation as written (任职试用期一年). */
  asWritten: string;
  /** The unit's role in the task (unit feeds), else null. */
  role: Exclude<FeedRole, 'any'> | null;
  /** When the feed data last changed: the notice date (DTSTAMP), so a rebuild writes the same feed. */
  stamp: string;
  citation: Citation;
}

export interface Feed {
  /** Calendar name: 市住房和城乡建设局 牵头任务期限. */
  name: string;
  /** What the feed holds and what it leaves out (X-WR-CALDESC). */
  description: string;
  events: FeedEvent[];
  /** Tasks the filter selects whose deadline has no date (未写明): left out, counted in the description. */
  undated: number;
  /** The unit names the query matched, when a unit was asked for. */
  units: string[] | null;
}

/** A stable identity: the same fact gives the same UID in every build, so a calendar updates rather than duplicates it. */
function uidOf(...parts: string[]): string {
  return `${createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 32)}@gazette-mcp`;
}

/** The working day `n` working days before `date` (the date itself not counted). */
export function workingDaysBefore(date: string, n: number): string {
  let d = date;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, -1);
    if (day(d).working) counted++;
  }
  return d;
}

/** The same day a month earlier (the month's last day when shorter), or the working day before it when it is a rest day. */
export function monthBeforeOnWorkingDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  let out = new Date(Date.UTC(y, m - 2, Math.min(d, last))).toISOString().slice(0, 10);
  while (!day(out).working) out = addDays(out, -1);
  return out;
}

/** 卫政办发〔2019〕68号 · 《title》 · 附件 序号2 · 第60页：“quote” */
export function citationLine(c: Citation): string {
  const where = [c.docNumber, `《${c.title}》`, c.locator, c.page !== null ? `第${c.page}页` : ''].filter(Boolean).join(' · ');
  return `${where}：“${c.quote}”`;
}

/** The recurrence a recurring deadline's words name, or null. */
export function recurrenceOf(deadline: TaskRecord['deadline']): Recurrence | null {
  if (!deadline) return null;
  if (deadline.kind === 'recurring_monthly') {
    const m = /每(?:个)?月\s*(\d{1,2})\s*[日号]/.exec(foldCharacters(deadline.text));
    return m ? { freq: 'MONTHLY', byMonthDay: Number(m[1]) } : null;
  }
  return deadline.kind === 'recurring_quarterly' ? { freq: 'YEARLY', byMonth: [3, 6, 9, 12], byMonthDay: -1 } : null;
}

/** The unit names a query stands for; none is an InputError naming the closest. */
export function resolveUnits(gazette: GazetteReader, unit: string): string[] {
  const known = gazette.units();
  const units = matchUnits(unit, known);
  if (units.length) return units;
  const near = closestUnits(unit, known);
  throw new InputError('unit', `任务分工中没有“${unitQuery(unit)}”`, `no unit "${unitQuery(unit)}" in the task assignments`, near[0] ?? '住建局');
}

/** The unit's role in a task, the strongest first; null when it has none. */
function roleIn(task: TaskRecord, units: string[]): Exclude<FeedRole, 'any'> | null {
  const has = (list: string[]) => list.some((u) => units.includes(u));
  return has(task.leadUnits) ? 'lead' : has(task.supportUnits) ? 'support' : has(task.implementingUnits) ? 'implement' : null;
}

/** Every task a unit and role select (or every task), in deadline order. */
function tasksFor(gazette: GazetteReader, units: string[] | null, role: FeedRole): TaskRecord[] {
  const filter = { units, role: role === 'implement' ? 'support' : role, docNumber: null, dueFrom: null, dueTo: null } as const;
  const { total } = gazette.listTasks(filter, { offset: 0, limit: 0 });
  const { tasks } = gazette.listTasks(filter, { offset: 0, limit: total });
  // `support` is 配合 or 落实, as list_tasks reads it; `implement` is 落实 alone.
  return units && role === 'implement' ? tasks.filter((t) => roleIn(t, units) === 'implement') : tasks;
}

const unitsLine = (label: string, units: string[]) => (units.length ? `${label}：${units.join('、')}` : '');

function taskEvent(t: TaskRecord, units: string[] | null, remind: number, seen: Map<string, number>): FeedEvent {
  const deadline = t.deadline!;
  const date = deadline.date!;
  const role = units ? roleIn(t, units) : null;
  const remindOn = workingDaysBefore(date, remind);
  const key = [t.citation.docNumber, t.citation.locator, t.task].join('|');
  // Two tasks with the same words under one locator keep apart by their printed order.
  const nth = (seen.get(key) ?? 0) + 1;
  seen.set(key, nth);
  const description = [
    `任务：${t.task}`,
    unitsLine('牵头单位', t.leadUnits),
    unitsLine('配合单位', t.supportUnits),
    unitsLine('落实单位', t.implementingUnits),
    `完成时限：${deadline.text}（${date}）`,
    `提醒：提前 ${remind} 个工作日（${remindOn}）`,
    `出处：${citationLine(t.citation)}`,
  ];
  return {
    uid: uidOf('task', t.citation.docNumber, t.citation.locator, t.task, String(nth)),
    date,
    summary: role ? `[${ROLE_LABEL[role]}] ${t.task}` : `${t.task}（${t.leadUnits.join('、') || '牵头单位未写明'}牵头）`,
    description: description.filter(Boolean).join('\n'),
    categories: role ? [TASK_CATEGORY, ROLE_LABEL[role]] : [TASK_CATEGORY],
    remindOn,
    remindDaysBefore: daysBetween(remindOn, date),
    recurrence: recurrenceOf(deadline),
    asWritten: deadline.text,
    role,
    stamp: t.citation.date ?? date,
    citation: t.citation,
  };
}

/** The feed of a unit's task deadlines for a role, or of every task: one event per dated deadline. */
export function taskFeed(gazette: GazetteReader, spec: Extract<FeedSpec, { kind: 'tasks' }>): Feed {
  const units = spec.unit === null ? null : resolveUnits(gazette, spec.unit);
  const tasks = tasksFor(gazette, units, spec.role);
  const dated = tasks.filter((t) => t.deadline?.date);
  const seen = new Map<string, number>();
  const events = dated.map((t) => taskEvent(t, units, spec.remindWorkingDays, seen));
  const who = units ? `${units.join('、')}${ROLE_SCOPE[spec.role]}` : '全部';
  const undated = tasks.length - dated.length;
  return {
    name: `${who}任务期限`,
    description: `${who}的任务共 ${tasks.length} 项：${events.length} 项有完成时限，列为全天日程，提前 ${spec.remindWorkingDays} 个工作日提醒；${undated} 项未写明完成时限，未列入。`,
    events,
    undated,
    units,
  };
}

/** Whether an appointment's post belongs to one of the units (its name, or the words asked, in the post). */
function postOf(a: AppointmentRecord, names: string[]): boolean {
  return names.some((n) => a.position.includes(n));
}

function probationEvent(a: AppointmentRecord): FeedEvent {
  const p = a.probation!;
  const remindOn = monthBeforeOnWorkingDay(p.end);
  const description = [
    `人员：${a.person}`,
    `职务：${a.position}`,
    `试用期：${p.kind}${p.length}，${p.start} 至 ${p.end}`,
    `提醒：提前一个月（${remindOn}），以便完成试用期满考核`,
    `出处：${citationLine(a.citation)}`,
    `试用期原文：“${p.quote}”`,
  ];
  return {
    uid: uidOf('probation', a.docNumber, a.person, a.position),
    date: p.end,
    summary: `${a.person} ${p.kind}满（${a.position}）`,
    description: description.join('\n'),
    categories: [PROBATION_CATEGORY, p.kind],
    remindOn,
    remindDaysBefore: daysBetween(remindOn, p.end),
    recurrence: null,
    asWritten: `${p.kind}${p.length}`,
    role: null,
    stamp: a.date ?? p.start,
    citation: a.citation,
  };
}

/** The feed of probation ends: of a person, of the posts in a unit, or of everyone. */
/** The name a probation feed asks for, as the records spell it, or null for everyone. */
function feedPerson(person: string | null): string | null {
  return person ? foldCharacters(person).replace(/\s+/g, '').replace(/同志$/, '') : null;
}

export function probationFeed(gazette: GazetteReader, spec: Extract<FeedSpec, { kind: 'probation' }>): Feed {
  const person = feedPerson(spec.person);
  const filter = { person, positionWords: [], docNumber: null };
  const { total } = gazette.appointments(filter, { offset: 0, limit: 0 });
  let records = gazette.appointments(filter, { offset: 0, limit: total }).appointments;
  let units: string[] | null = null;
  if (spec.unit !== null) {
    // A post names its unit (市工业和信息化局副局长); the short name asked is matched through the task units' full names.
    const asked = unitQuery(spec.unit);
    units = [...new Set([asked, ...matchUnits(spec.unit, gazette.units())])];
    records = records.filter((a) => postOf(a, units!));
  }
  const withProbation = records.filter((a) => a.action === 'appoint' && a.probation);
  const events = withProbation.map(probationEvent);
  const who = person ? `${person}的` : units ? `${unitQuery(spec.unit!)}` : '全部';
  const appointed = records.filter((a) => a.action === 'appoint').length;
  return {
    name: `${who}试用期满`,
    description: `${who}任免记录 ${records.length} 条，其中任职 ${appointed} 条；${events.length} 条定有试用期，期满日列为全天日程，提前一个月提醒；其余未定试用期，未列入。`,
    events,
    undated: 0,
    units,
  };
}

/** How many events a person's (or everyone's) probation feed holds, counted without reading the records. */
export function probationEventCount(gazette: GazetteReader, person: string | null): number {
  return gazette.appointments({ person: feedPerson(person), positionWords: [], docNumber: null, withProbation: true }, { offset: 0, limit: 0 }).total;
}

export function feedOf(gazette: GazetteReader, spec: FeedSpec): Feed {
  return spec.kind === 'tasks' ? taskFeed(gazette, spec) : probationFeed(gazette, spec);
}

export interface DueItem {
  event: FeedEvent;
  /** The occurrence that is due: the event's day, or a recurring event's next one on or after asOf. */
  date: string;
  daysLeft: number;
  /** Working days from asOf to the date; negative when overdue. */
  workingDaysLeft: number;
  overdue: boolean;
}

/** What is overdue (oldest first) and what falls due within `withinDays` of asOf (soonest first). */
export function dueDigest(events: FeedEvent[], asOf: string, withinDays: number): { overdue: DueItem[]; dueSoon: DueItem[] } {
  const horizon = addDays(asOf, withinDays);
  const items = events.map((event): DueItem => {
    // A recurring deadline is never overdue: its next occurrence is what is due.
    const date = event.recurrence ? (resolveDeadline(event.asWritten, { asOf, referenceDate: event.citation.date }).date ?? event.date) : event.date;
    const workingDaysLeft = date >= asOf ? workingDaysBetween(asOf, date) : -workingDaysBetween(date, asOf);
    return { event, date, daysLeft: daysBetween(asOf, date), workingDaysLeft, overdue: date < asOf };
  });
  // A stable sort: items of one day keep the feed's printed order.
  const byDate = (a: DueItem, b: DueItem) => a.date.localeCompare(b.date);
  return {
    overdue: items.filter((i) => i.overdue).sort(byDate),
    dueSoon: items.filter((i) => !i.overdue && i.date <= horizon).sort(byDate),
  };
}
