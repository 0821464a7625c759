// list_tasks: the tasks of a unit, by role, notice and due dates, sorted by deadline.
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import type { Role } from '../domain/reader.js';
import { closestUnits, matchUnits, unitQuery } from '../domain/unit-name.js';
import { citationTags, dateField, defineTool, docNumberField, incompleteNote, limitField, ok, readOnly, requireKnownNotice, taskLine, taskOut, taskSchema, textField } from './common.js';

const input = {
  unit: textField('单位名称，可用简称，如 住建局、市生态环境局、各县（区）人民政府 / a unit, short names accepted', 60, '住建局').optional(),
  role: z.enum(['lead', 'support', 'any']).describe('lead 牵头（默认）、support 配合或落实、any 全部 / role of the unit').meta({ examples: ['lead'] }).optional(),
  docNumber: docNumberField('只看此文号 / only this notice').optional(),
  dueFrom: dateField('完成时限不早于（YYYY-MM-DD）/ due on or after').optional(),
  dueTo: dateField('完成时限不晚于（YYYY-MM-DD）/ due on or before').optional(),
  limit: limitField('返回条数 1–200，默认 20 / at most this many tasks, default 20', 200, 20).optional(),
};

const output = {
  tasks: z.array(taskSchema),
  total: z.number().describe('tasks that match, before the limit'),
  units: z.array(z.string()).optional().describe('the unit names the unit query matched'),
  message: z.string().optional(),
};

const ROLE_CN: Record<Role, string> = { lead: '牵头', support: '配合或落实', any: '参与' };

export const listTasks = defineTool({
  name: 'list_tasks',
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
    const { unit, role = 'lead', dueFrom = null, dueTo = null, limit = 20 } = args;
    const docNumber = requireKnownNotice(ctx, 'docNumber', args.docNumber);
    if (dueFrom && dueTo && dueFrom > dueTo) throw new InputError('dueTo', '不能早于 dueFrom', 'must not be before dueFrom', '2019-12-31');
    const known = ctx.gazette.units();
    const units = unit ? matchUnits(unit, known) : null;
    if (unit && !units!.length) {
      const near = closestUnits(unit, known);
      const message = `任务分工中没有“${unitQuery(unit)}”。${near.length ? `您是否要找：${near.join('、')}` : '可用 list_tasks 不带 unit 列出全部任务。'}`;
      return ok({ tasks: [], total: 0, units: [], message }, message);
    }
    const found = ctx.gazette.listTasks({ units, role, docNumber, dueFrom, dueTo });
    const tasks = found.slice(0, limit).map(taskOut);
    const who = units ? `${units.join('、')}${ROLE_CN[role]}的` : '';
    const range = dueFrom || dueTo ? `（完成时限 ${dueFrom ?? '…'} 至 ${dueTo ?? '…'}）` : '';
    if (!tasks.length) {
      const message = `没有找到${who}任务${range}${docNumber ? `（${docNumber}）` : ''}。`;
      return ok({ tasks, total: 0, ...(units ? { units } : {}), message }, message);
    }
    const lines = tasks.map((t, i) => `${i + 1}. ${taskLine(t)}`);
    const head = `共 ${found.length} 项${who}任务${range}${found.length > tasks.length ? `，按完成时限列出前 ${tasks.length} 项` : '，按完成时限排序'}：`;
    const caution = incompleteNote(ctx, tasks.map((t) => t.citation.docNumber));
    return ok({ tasks, total: found.length, ...(units ? { units } : {}) }, [head, ...lines, caution, citationTags(tasks.map((t) => t.citation))].filter(Boolean).join('\n'));
  },
});
