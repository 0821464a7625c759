// find_lead_unit: who leads a task, who supports it, and by when.
import { z } from 'zod';
import { rankTasks, taskQuestion } from '../corpus/facts/task-lookup.js';
import { citationTags, integerIn, ok, plainQuery, readOnly, requireText, taskLine, taskOut, taskSchema, type ToolDef } from './common.js';

const input = {
  task: z.string().describe('任务名称、关键词或问题，如 柴油货车污染治理、谁牵头秸秆禁烧 / a task name, keywords or a question'),
  limit: z.number().optional().describe('返回条数 1–20，默认 3 / number of matches, 1–20, default 3'),
};

const output = {
  matches: z.array(taskSchema),
  message: z.string().optional(),
};

export const findLeadUnit: ToolDef = {
  name: 'find_lead_unit',
  config: {
    title: 'Who leads a task / 查牵头单位',
    description:
      '按任务名称或问题查找公报中的任务分工：牵头单位、配合单位、落实单位和完成时限（含换算后的日期），并给出原文出处。\n' +
      'Finds who leads a task in the gazette (牵头单位), who supports it (配合单位), who carries it out, and its deadline as written and as a date, with the citation of the note or table row it comes from.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Who leads a task', ...readOnly },
  },
  run: (ctx, args: Record<string, unknown>) => {
    const question = plainQuery('task', requireText('task', args.task, 500, '柴油货车污染治理'));
    const limit = integerIn('limit', args.limit, 1, 20, 3);
    const words = taskQuestion(question);
    const tasks = ctx.gazette.tasks();
    // Index terms, and the question's phrases the corpus spells that jieba split apart (煤改电).
    const terms = [...ctx.gazette.terms(words || question), ...ctx.gazette.questionWords(words || question).phrases];
    let ranked = rankTasks(tasks, terms).map((r) => r.task);
    if (!ranked.length) {
      // Nothing in the tasks' own words: look where full-text search finds the question, and take the tasks there.
      const places = ctx.gazette.search(words || question, 5, null).results.map((r) => `${r.citation.docNumber}|${r.citation.locator}`);
      ranked = places.flatMap((p) => tasks.filter((t) => `${t.docNumber}|${t.locator}` === p));
    }
    const matches = [...new Set(ranked)].slice(0, limit).map((t) => taskOut(ctx, t));
    if (!matches.length) {
      const message = `没有找到与“${question}”对应的任务分工。可换用任务名称中的词，如“柴油货车”“秸秆”“湿地”，或用 list_tasks 按单位列出任务。`;
      return ok({ matches, message }, message);
    }
    const lines = matches.map((m, i) => `${i + 1}. ${taskLine(m)}`);
    const { unknown } = ctx.gazette.questionWords(words || question);
    const message = unknown.length ? `公报中没有出现“${unknown.join('”“')}”；以下只按问题中的其余词语找到，请核对是否相关。` : undefined;
    return ok({ matches, ...(message ? { message } : {}) }, `${message ? `${message}\n` : ''}${lines.join('\n')}\n${citationTags(matches.map((m) => m.citation))}`);
  },
};
