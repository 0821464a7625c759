// compute_deadline: a deadline as written → a date on the official PRC working-day calendar.
import { z } from 'zod';
import { DEADLINE_KINDS, resolveDeadline } from '../domain/deadlines.js';
import { dateField, defineTool, ok, readOnly, textField } from './common.js';

const input = {
  expression: textField(
    '期限原文，如 2019年5月24日前、10月底前、年底前、15个工作日内、三十日、每月25日前、每季度末 / the deadline as written',
    200,
    '15个工作日内',
  ),
  referenceDate: dateField(
    '起算日（YYYY-MM-DD），也为未写年份的日期提供年份，通常是通知日期 / start of relative periods and the year of year-less dates',
  ).optional(),
  asOf: dateField('今天（YYYY-MM-DD），用于计算剩余天数 / today, for the time left').optional(),
};

const output = {
  date: z.string().nullable(),
  kind: z.enum(DEADLINE_KINDS as [string, ...string[]]),
  rule: z.string().describe('how the date was reached, in Chinese, naming the holidays skipped'),
  daysRemaining: z.number().optional(),
  workingDaysRemaining: z.number().optional(),
  overdue: z.boolean().optional(),
  warning: z.string().optional().describe('set when the holiday calendar does not cover a year used'),
};

export const computeDeadline = defineTool({
  name: 'compute_deadline',
  use: '期限换算成日期（工作日、月底、年底）',
  example: { expression: '15个工作日内', referenceDate: '2019-09-20', asOf: '2019-10-01' },
  config: {
    title: 'Compute a deadline / 计算期限',
    description:
      '把公文中的期限写法换算成具体日期：按国务院公布的放假调休安排计算工作日（跳过周末和法定节假日，调休上班日计入），自然日期满遇休息日顺延；给出换算规则；提供 asOf 时给出剩余天数、剩余工作日和是否逾期。\n' +
      'Turns a deadline as written in a document into a date on the official PRC calendar (weekends, statutory holidays and make-up working days), explains the rule in Chinese, and with asOf gives days and working days left and whether it is overdue.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Compute a deadline', ...readOnly },
  },
  run: (ctx, { expression, referenceDate, asOf }) => {
    const d = resolveDeadline(expression, { referenceDate, asOf, today: ctx.today() });
    const left =
      d.daysRemaining === undefined
        ? ''
        : d.overdue
          ? `截至 ${asOf} 已逾期 ${-d.daysRemaining} 天（${-d.workingDaysRemaining!} 个工作日）。`
          : `截至 ${asOf} 还剩 ${d.daysRemaining} 天，其中工作日 ${d.workingDaysRemaining} 天。`;
    const head = d.date ? `“${expression}”的期限为 ${d.date}。` : `“${expression}”不是可计算的期限。`;
    return ok({ ...d }, [head, d.rule, left, d.warning ? `注意：${d.warning}` : ''].filter(Boolean).join('\n'));
  },
});
