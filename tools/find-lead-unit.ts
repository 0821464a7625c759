// find_lead_unit: who leads a task, who supports it, and by when.
import { z } from 'zod';
import { taskSubject } from '../domain/question.js';
import { citeTag, defineTool, incompleteNote, limitField, ok, questionField, readOnly, taskLine, taskOut, taskSchema } from './common.js';

const input = {
  task: questionField('任务名称、关键词或问题，如 柴油货车污染治理、谁牵头秸秆禁烧 / a task name, keywords or a question', 500, '柴油货车污染治理'),
  limit: limitField('返回条数 1–20，默认 3 / number of matches, 1–20, default 3', 20, 3).optional(),
};

const output = {
  matches: z.array(taskSchema),
  message: z.string().optional(),
};

/** Characters of the printed responsibility note quoted after each task: a whole note, as most are. */
const NOTE_QUOTE_CHARS = 90;

export const findLeadUnit = defineTool({
  name: 'find_lead_unit',
  use: '谁牵头、谁配合、何时完成某项工作',
  example: { task: '谁牵头秸秆禁烧' },
  config: {
    title: 'Who leads a task / 查牵头单位',
    description:
      '按任务名称或问题查找公报中的任务分工：牵头单位、配合单位、落实单位和完成时限（含换算后的日期），并给出原文出处。\n' +
      'Finds who leads a task in the gazette (牵头单位), who supports it (配合单位), who carries it out, and its deadline as written and as a date, with the citation of the note or table row it comes from.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Who leads a task', ...readOnly },
  },
  run: (ctx, args) => {
    const { task: question, limit = 3 } = args;
    const matches = ctx.gazette.findTasks(question, limit).map(taskOut);
    if (!matches.length) {
      const message = `没有找到与“${question}”对应的任务分工。可换用任务名称中的词，如“柴油货车”“秸秆”“湿地”，或用 list_tasks 按单位列出任务。`;
      return ok({ matches, message }, message);
    }
    // The note is quoted as printed (交通运输局, not the normalised 市交通运输局), so a reader can match it to the page.
    const lines = matches.map((m, i) => `${i + 1}. ${taskLine(m)}${citeTag(m.citation, NOTE_QUOTE_CHARS)}`);
    const { unknown } = ctx.gazette.questionWords(taskSubject(question) || question);
    const words = unknown.length ? `公报中没有出现“${unknown.join('”“')}”；以下只按问题中的其余词语找到，请核对是否相关。` : '';
    // Fewer matches rather than unrelated ones: say so when only one task answers.
    const only = matches.length === 1 && limit > 1 ? '只有一项任务与问题相符：' : '';
    const message = [words, only].filter(Boolean).join('') || undefined;
    const caution = incompleteNote(
      ctx,
      matches.map((m) => m.citation.docNumber),
    );
    return ok({ matches, ...(message ? { message } : {}) }, [message, ...lines, caution].filter(Boolean).join('\n'));
  },
});
