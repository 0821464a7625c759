// list_appointments: who was appointed or removed, by which notice, and when a probation ends.
import { z } from 'zod';
import { probationEventCount } from '../domain/calendar-feed.js';
import {
  citationSchema,
  citeTag,
  dateField,
  defineTool,
  docNumberField,
  folded,
  incompleteNote,
  limitField,
  offsetField,
  ok,
  pagedText,
  pageSchema,
  readOnly,
  requireKnownNotice,
  textField,
} from './common.js';
import { calendarSchema, probationCalendar } from './ical.js';

const input = {
  person: textField('姓名（全名或部分），如 田力 / a name, whole or part', 20, '田力').optional(),
  position: textField('职务中的词，如 副局长、工业园区 / words of the post', 60, '副局长').optional(),
  docNumber: docNumberField('任免通知的文号 / the notice').optional(),
  asOf: dateField('判断是否在试用期内的日期（YYYY-MM-DD）/ the day to check probation on').optional(),
  limit: limitField('每页最多条数 1–200，默认 20 / at most this many records a page, default 20', 200, 20).optional(),
  offset: offsetField().optional(),
};

const output = {
  appointments: z.array(
    z.object({
      person: z.string(),
      action: z.enum(['appoint', 'remove']).describe('appoint 任, remove 免去'),
      position: z.string().describe('the post as written'),
      docNumber: z.string(),
      date: z.string().nullable().describe('the notice date'),
      probation: z
        .object({
          kind: z.string().describe('as written: 任职试用期, 调任试用期'),
          length: z.string().describe('as written: 一年'),
          start: z.string().describe('the notice date (试用期从本通知下发之日起计算)'),
          end: z.string().describe('the day before the same date one period later'),
          inProbation: z.boolean().optional().describe('present when asOf is given'),
          quote: z.string(),
        })
        .nullable(),
      basis: z.array(z.string()).describe('the documents the decision rests on (根据…文件精神)'),
      citation: citationSchema,
    }),
  ),
  ...pageSchema,
  calendar: calendarSchema.optional(),
  message: z.string().optional(),
};

const ACTION_CN = { appoint: '任', remove: '免去' } as const;
/** People a did-you-mean names at most. */
const MAX_PEOPLE_NAMED = 30;

export const listAppointments = defineTool({
  name: 'list_appointments',
  use: '人事任免、试用期何时结束',
  example: { person: '董兴华', asOf: '2020-06-01' },
  config: {
    title: 'Appointments register / 人事任免',
    description:
      '查询公报中的人事任免：谁被任命或免去何职、依据哪件通知、试用期种类和起止日期；提供 asOf 时判断当日是否仍在试用期内。\n' +
      'Looks up appointments (任) and removals (免去) in the gazette: person, post as written, notice, and probation kind, start and end; with asOf, whether the person is still in probation that day.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Appointments register', ...readOnly },
  },
  run: (ctx, args) => {
    const { person, position, asOf, limit = 20, offset = 0 } = args;
    const docNumber = requireKnownNotice(ctx, 'docNumber', args.docNumber);
    const name = person ? folded(person).replace(/同志$/, '') : '';
    const postWords = position ? position.split(/\s+/).map(folded).filter(Boolean) : [];
    const found = ctx.gazette.appointments({ person: name || null, positionWords: postWords, docNumber }, { offset, limit });
    const total = found.total;
    if (!total) {
      const people = ctx.gazette.people(MAX_PEOPLE_NAMED);
      const message = `没有找到符合条件的任免记录。${people.length ? `公报中任免涉及：${people.join('、')}${people.length === MAX_PEOPLE_NAMED ? '等' : ''}。` : '语料中没有任免通知。'}`;
      return ok({ appointments: [], total: 0, offset, nextOffset: null, message }, message);
    }
    const page = found.appointments.map((a) => ({
      person: a.person,
      action: a.action,
      position: a.position,
      docNumber: a.docNumber,
      date: a.date,
      probation: a.probation ? { ...a.probation, ...(asOf ? { inProbation: a.probation.start <= asOf && asOf <= a.probation.end } : {}) } : null,
      basis: a.basis,
      citation: a.citation,
    }));
    if (!page.length) {
      const message = `共 ${total} 条任免记录，offset=${offset} 已超过末尾。`;
      return ok({ appointments: [], total, offset, nextOffset: null, message }, message);
    }
    const lines = page.map((a) => {
      const p = a.probation;
      const probation = p
        ? `；${p.kind}${p.length}，${p.start} 至 ${p.end}${p.inProbation === undefined ? '' : p.inProbation ? `，${asOf} 仍在试用期内` : `，${asOf} 不在试用期内`}`
        : a.action === 'appoint'
          ? '；未定试用期'
          : '';
      return `- ${a.person}：${ACTION_CN[a.action]}${a.position}（${a.date ?? '日期未知'}）${probation}${citeTag(a.citation)}`;
    });
    const caution = incompleteNote(
      ctx,
      page.map((a) => a.docNumber),
    );
    // The calendar is the person's (or everyone's) probation ends, whatever post or notice narrowed the list.
    const cal = probationCalendar(person, probationEventCount(ctx.gazette, person ?? null));
    const { shown, nextOffset, text } = pagedText([], lines, [caution, cal?.line ?? ''], offset, total);
    return ok({ appointments: page.slice(0, shown), total, offset, nextOffset, ...(cal ? { calendar: cal.calendar } : {}) }, text);
  },
});
