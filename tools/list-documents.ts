// list_documents: every notice in the corpus and the texts it issues.
import { z } from 'zod';
import { corpusScope, defineTool, limitField, offsetField, ok, pagedText, pageSchema, readOnly } from './common.js';

const input = {
  limit: limitField('每页最多件数 1–500，默认 50 / at most this many notices a page, default 50', 500, 50).optional(),
  offset: offsetField().optional(),
};

const output = {
  documents: z.array(
    z.object({
      docNumber: z.string(),
      title: z.string(),
      issuer: z.string(),
      date: z.string().nullable(),
      parts: z.array(z.object({ title: z.string(), kind: z.string() })),
    }),
  ),
  ...pageSchema,
};

export const listDocuments = defineTool({
  name: 'list_documents',
  use: '文件目录',
  example: { limit: 3 },
  config: {
    title: 'List gazette notices / 公报文件目录',
    description:
      '列出语料中的全部通知（文号、标题、发文机关、日期）及其印发的方案、安排、办法和附件。\n' +
      'Lists every notice in the corpus (文号, title, issuer, date) and the texts it issues (方案, 安排, 办法, attachments).',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'List gazette notices', ...readOnly },
  },
  run: (ctx, { limit = 50, offset = 0 }) => {
    const notices = ctx.gazette.notices();
    const page = notices.slice(offset, offset + limit).map((n) => ({
      docNumber: n.docNumber,
      title: n.title,
      issuer: n.issuer,
      date: n.date,
      parts: ctx.gazette
        .textTitles(n)
        .filter((t) => t.role !== 'notice')
        .map((t) => ({ title: t.title, kind: t.kind })),
    }));
    const lines = page.map((d) => {
      const parts = d.parts.length ? `；印发：${d.parts.map((p) => `《${p.title}》`).join('')}` : '';
      return `- ${d.docNumber}（${d.date ?? '日期未知'}）${d.title}${parts}【${d.docNumber}】`;
    });
    const head = `语料：${corpusScope(ctx)}。`;
    if (!page.length) return ok({ documents: [], total: notices.length, offset, nextOffset: null }, `${head}offset=${offset} 已超过末尾。`);
    const { shown, nextOffset, text } = pagedText([head], lines, [], offset, notices.length);
    return ok({ documents: page.slice(0, shown), total: notices.length, offset, nextOffset }, text);
  },
});
