// search_gazette: passages ranked for a question, each with its citation.
import { z } from 'zod';
import {
  citationSchema,
  citeTag,
  corpusScope,
  defineTool,
  docNumberField,
  incompleteNote,
  limitField,
  offsetField,
  ok,
  pagedText,
  pageSchema,
  questionField,
  readOnly,
  requireKnownNotice,
} from './common.js';

const input = {
  query: questionField('问题或关键词，1–500 字 / question or keywords, 1–500 characters, e.g. 湿地面积, 谁牵头柴油货车污染治理', 500, '湿地面积'),
  limit: limitField('返回条数 1–50，默认 5 / number of passages, 1–50, default 5', 50, 5).optional(),
  docNumber: docNumberField('只在此文号内搜索 / only search this notice, e.g. 卫政办发〔2019〕43号').optional(),
  offset: offsetField().optional(),
};

const output = {
  results: z.array(
    z.object({
      text: z.string(),
      answer: z.string().describe('the words of the passage that answer the question: verbatim pieces joined by …'),
      score: z.number(),
      citation: citationSchema,
    }),
  ),
  closeCall: z.boolean().describe('the first two passages scored within 10% of each other: the first may not be the answer, read the next ones too'),
  ...pageSchema,
  message: z.string().optional(),
};

export const searchGazette = defineTool({
  name: 'search_gazette',
  use: '查找某个话题、数字或规定',
  example: { query: '湿地面积不低于多少', limit: 2 },
  config: {
    title: 'Search the gazette / 搜索政府公报',
    description:
      '在政府公报全文中检索段落（中文分词），返回原文段落及出处（文号、标题、位置、页码、原文引文）。用于查找某项工作、数字或规定的原文。\n' +
      'Full-text search over the cleaned gazette with Chinese word segmentation; returns passages with citations (文号, title, locator, page, verbatim quote). Use it to find where a topic, figure or rule is stated.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Search the gazette', ...readOnly },
  },
  run: (ctx, args) => {
    const { query, limit = 5, offset = 0 } = args;
    const docNumber = requireKnownNotice(ctx, 'docNumber', args.docNumber);
    const { results: ranked, total, closeCall } = ctx.gazette.search(query, offset + limit, docNumber);
    const page = ranked.slice(offset);
    if (page.length === 0) {
      const message = total
        ? `共 ${total} 段相关内容，offset=${offset} 已超过末尾。`
        : `公报中没有与“${query}”相关的内容${docNumber ? `（限 ${docNumber}）` : ''}。本公报只收录${corpusScope(ctx)}；可换用更具体的词，如单位名称、工作名称或数字。`;
      return ok({ results: [], closeCall: false, total, offset, nextOffset: null, message }, message);
    }
    const lines = page.map((r, i) => `${offset + i + 1}. 《${r.citation.title}》${r.citation.locator}：${r.answer}${citeTag(r.citation)}`);
    const { unknown } = ctx.gazette.questionWords(query);
    const message = unknown.length ? `公报中没有出现“${unknown.join('”“')}”；以下只按其余词语检索。` : undefined;
    // Said where the first hit is shown: on the first page.
    const close = closeCall && offset === 0 ? '第 1、2 条相关程度接近，第 1 条未必就是答案，请一并核对前几条。' : '';
    const head = `找到 ${total} 段相关内容，按相关程度：${close}`;
    const caution = incompleteNote(
      ctx,
      page.map((r) => r.citation.docNumber),
    );
    const { shown, nextOffset, text } = pagedText([message ?? '', head], lines, [caution], offset, total);
    return ok({ results: page.slice(0, shown), closeCall, total, offset, nextOffset, ...(message ? { message } : {}) }, text);
  },
});
