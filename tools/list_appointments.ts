// list_appointments: who was appointed or removed, by which notice, and when a probation ends.
import { z } from 'zod';
import { foldWidth } from '../corpus/text.js';
import { citationSchema, citationTags, ok, optionalDate, knownDocNumber, optionalText, readOnly, type ToolDef } from './common.js';

const input = {
  person: z.string().optional().describe('姓名（全名或部分），如 田力 / a name, whole or part'),
  position: z.string().optional().describe('职务中的词，如 副局长、工业园区 / words of the post'),
  docNumber: z.string().optional().describe('任免通知的文号 / the notice'),
  asOf: z.string().optional().describe('判断是否在试用期内的日期（YYYY-MM-DD）/ the day to check probation on'),
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
  message: z.string().optional(),
};

const ACTION_CN = { appoint: '任', remove: '免去' } as const;

export const listAppointments: ToolDef = {
  name: 'list_appointments',
  config: {
    title: 'Appointments register / 人事任免',
    description:
      '查询公报中的人事任免：谁被任命或免去何职、依据哪件通知、试用期种类和起止日期；提供 asOf 时判断当日是否仍在试用期内。\n' +
      'Looks up appointments (任) and removals (免去) in the gazette: person, post as written, notice, and probation kind, start and end; with asOf, whether the person is still in probation that day.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Appointments register', ...readOnly },
  },
  run: (ctx, args: Record<string, unknown>) => {
    const person = optionalText('person', args.person, 20, '田力');
    const position = optionalText('position', args.position, 60, '副局长');
    const docNumber = knownDocNumber(ctx, 'docNumber', args.docNumber);
    const asOf = optionalDate('asOf', args.asOf);
    const wantedPosition = position ? foldWidth(position).split(/\s+/).filter(Boolean) : [];
    const found = ctx.gazette
      .appointments()
      .filter((a) => !person || a.person.includes(foldWidth(person).replace(/\s+|同志$/g, '')))
      .filter((a) => wantedPosition.every((w) => a.position.includes(w)))
      .filter((a) => !docNumber || a.docNumber === docNumber);
    const appointments = found.map((a) => {
      const n = ctx.gazette.notice(a.docNumber)!;
      const probation = a.probation ? { ...a.probation, ...(asOf ? { inProbation: a.probation.start <= asOf && asOf <= a.probation.end } : {}) } : null;
      return {
        person: a.person,
        action: a.action,
        position: a.position,
        docNumber: a.docNumber,
        date: n.date,
        probation,
        basis: a.basis,
        citation: ctx.gazette.citation({ role: 'notice', title: n.title }, n, a.locator, a.page, a.quote),
      };
    });
    if (!appointments.length) {
      const people = [...new Set(ctx.gazette.appointments().map((a) => a.person))];
      const message = `没有找到符合条件的任免记录。${people.length ? `公报中任免涉及：${people.join('、')}。` : '语料中没有任免通知。'}`;
      return ok({ appointments, message }, message);
    }
    const lines = appointments.map((a) => {
      const p = a.probation;
      const probation = p
        ? `；${p.kind}${p.length}，${p.start} 至 ${p.end}${p.inProbation === undefined ? '' : p.inProbation ? `，${asOf} 仍在试用期内` : `，${asOf} 不在试用期内`}`
        : a.action === 'appoint'
          ? '；未定试用期'
          : '';
      return `- ${a.person}：${ACTION_CN[a.action]}${a.position}（${a.docNumber}，${a.date ?? '日期未知'}）${probation}`;
    });
    return ok({ appointments }, `${lines.join('\n')}\n${citationTags(appointments.map((a) => a.citation))}`);
  },
};
