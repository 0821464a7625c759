// list_documents: every notice in the corpus and the texts it issues.
import { z } from 'zod';
import { citationTags, defineTool, ok, readOnly } from './common.js';

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
};

export const listDocuments = defineTool({
  name: 'list_documents',
  config: {
    title: 'List gazette notices / 公报文件目录',
    description:
      '列出语料中的全部通知（文号、标题、发文机关、日期）及其印发的方案、安排、办法和附件。\n' +
      'Lists every notice in the corpus (文号, title, issuer, date) and the texts it issues (方案, 安排, 办法, attachments).',
    inputSchema: {},
    outputSchema: output,
    annotations: { title: 'List gazette notices', ...readOnly },
  },
  run: (ctx) => {
    const documents = ctx.gazette.notices().map((n) => ({
      docNumber: n.docNumber,
      title: n.title,
      issuer: n.issuer,
      date: n.date,
      parts: ctx.gazette
        .texts(n)
        .filter((t) => t.role !== 'notice')
        .map((t) => ({ title: t.title, kind: t.kind })),
    }));
    const lines = documents.map((d) => {
      const parts = d.parts.length ? `；印发：${d.parts.map((p) => `《${p.title}》`).join('')}` : '';
      return `- ${d.docNumber}（${d.date ?? '日期未知'}）${d.title}${parts}`;
    });
    const text = `语料中共有 ${documents.length} 件通知：\n${lines.join('\n')}\n${citationTags(documents.map((d) => ({ docNumber: d.docNumber, locator: '' })))}`;
    return ok({ documents }, text);
  },
});
