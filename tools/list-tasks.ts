// list_tasks: the tasks of a unit, by role, notice and due dates, sorted by deadline.
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import type { Role } from '../domain/reader.js';
import { closestUnits, matchUnits, unitQuery } from '../domain/unit-name.js';
import {
  citeTag,
  dateField,
  defineTool,
  docNumberField,
  incompleteNote,
  limitField,
  offsetField,
  ok,
  pagedText,
  pageSchema,
  readOnly,
  requireKnownNotice,
  taskLine,
  taskOut,
  taskSchema,
  textField,
} from './common.js';
import { calendarSchema, taskCalendar } from './ical.js';

const input = {
  unit: textField('单位名称，可用简称，如 住建局、市生态环境局、各县（区）人民政府 / a unit, short names accepted', 60, '住建局').optional(),
  role: z
    .enum(['lead', 'support', 'any'])
    .describe('lead 牵头（默认）、support 配合或落实、any 全部 / role of the unit')
    .meta({ examples: ['lead'] })
    .optional(),
  docNumber: docNumberField('只看此文号 / only this notice').optional(),
  dueFrom: dateField('完成时限不早于（YYYY-MM-DD）/ due on or after').optional(),
  dueTo: dateField('完成时限不晚于（YYYY-MM-DD）/ due on or before').optional(),
  limit: limitField(
    '每页最多条数 1–200，默认 20；文字回答只列出约 4 KB 能容纳的条数 / at most this many tasks a page, default 20 (the text shows what fits in about 4 KB)',
    200,
    20,
  ).optional(),
  offset: offsetField().optional(),
};

const output = {
  tasks: z.array(taskSchema),
  ...pageSchema,
  units: z.array(z.string()).optional().describe('the unit names the unit query matched'),
  calendar: calendarSchema.optional(),
  message: z.string().optional(),
};

const ROLE_CN: Record<Role, string> = { lead: '牵头', support: '配合或落实', any: '参与' };

export const listTasks = defineTool({
  name: 'list_tasks',
  use: '某单位的全部任务、按期限筛选',
  example: { unit: '住建局', dueTo: '2019-08-31', limit: 3 },
  config: {
    title: 'List tasks / 列出任务',
    description:
      '按单位（可用简称）、角色（牵头/配合/全部）、文号和完成时限范围列出公报中的任务，按完成日期排序，每条带出处。\n' +
      'Lists gazette tasks by unit (short names accepted), role (lead/support/any), 文号 and due-date range, sorted by deadline, each with its citation.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'List tasks', ...readOnly },
  },
  run: (ctx, args) => {
    const { unit, role = 'lead', dueFrom = null, dueTo = null, limit = 20, offset = 0 } = args;
    const docNumber = requireKnownNotice(ctx, 'docNumber', args.docNumber);
    if (dueFrom && dueTo && dueFrom > dueTo) throw new InputError('dueTo', '不能早于 dueFrom', 'must not be before dueFrom', '2019-12-31');
    const known = ctx.gazette.units();
    const units = unit ? matchUnits(unit, known) : null;
    if (unit && !units!.length) {
      const near = closestUnits(unit, known);
      const message = `任务分工中没有“${unitQuery(unit)}”。${near.length ? `您是否要找：${near.join('、')}` : '可用 list_tasks 不带 unit 列出全部任务。'}`;
      return ok({ tasks: [], total: 0, offset, nextOffset: null, units: [], message }, message);
    }
    const { tasks: rows, total } = ctx.gazette.listTasks({ units, role, docNumber, dueFrom, dueTo }, { offset, limit });
    const who = units ? `${units.join('、')}${ROLE_CN[role]}的` : '';
    const range = dueFrom || dueTo ? `（完成时限 ${dueFrom ?? '…'} 至 ${dueTo ?? '…'}）` : '';
    const page = rows.map(taskOut);
    if (!page.length) {
      const message = total ? `共 ${total} 项${who}任务，offset=${offset} 已超过末尾。` : `没有找到${who}任务${range}${docNumber ? `（${docNumber}）` : ''}。`;
      return ok({ tasks: [], total: total, offset, nextOffset: null, ...(units ? { units } : {}), message }, message);
    }
    const lines = page.map((t, i) => `${offset + i + 1}. ${taskLine(t)}${citeTag(t.citation)}`);
    const head = `共 ${total} 项${who}任务${range}，按完成时限排序：`;
    const caution = incompleteNote(
      ctx,
      page.map((t) => t.citation.docNumber),
    );
    const cal = taskCalendar(ctx, unit, units, role);
    const { shown, nextOffset, text } = pagedText([head], lines, [caution, cal?.line ?? ''], offset, total);
    return ok({ tasks: page.slice(0, shown), total, offset, nextOffset, ...(units ? { units } : {}), ...(cal ? { calendar: cal.calendar } : {}) }, text);
  },
});
