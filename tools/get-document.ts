// get_document: one notice by 文号 or title words, with its texts' outlines, validity and text.
import { z } from 'zod';
import type { Notice, OutlineEntry } from '../domain/reader.js';
import { citationTags, defineTool, fail, incompleteNote, ok, readOnly, textField } from './common.js';

const input = {
  document: textField('文号（任意写法）或标题中的词 / a 文号 in any spelling, or words of a title, e.g. 卫政办发[2019]43号, 法律顾问管理办法', 200, '卫政办发〔2019〕43号'),
  includeText: z.boolean().describe('是否返回全文，默认否 / include the full cleaned text, default false').meta({ examples: [true] }).optional(),
};

const outlineSchema = z.array(z.object({ locator: z.string(), heading: z.string() }));
const output = {
  docNumber: z.string(),
  title: z.string(),
  issuer: z.string(),
  date: z.string().nullable(),
  recipients: z.string().nullable(),
  publicNote: z.string().nullable(),
  page: z.number().nullable(),
  unplaced: z.number().describe('fact markers in this notice the ingest could not place; when above 0 its facts may be incomplete'),
  notice: z.object({ outline: outlineSchema, text: z.string().optional() }).describe("the notice's own words"),
  parts: z.array(
    z.object({
      title: z.string(),
      kind: z.string(),
      validFrom: z.string().nullable(),
      validUntil: z.string().nullable(),
      replaces: z.array(z.object({ title: z.string(), docNumber: z.string().nullable() })).describe('texts it says it repeals (…同时废止)'),
      outline: outlineSchema,
      text: z.string().optional(),
    }),
  ),
};

/** A short table of contents: chapter and section headings, and how many articles or rows. */
function contents(outline: OutlineEntry[]): string {
  const top = outline.filter((o) => o.depth === 0);
  const articles = outline.filter((o) => /^第.+条$/.test(o.locator)).length;
  const rows = outline.filter((o) => o.locator.includes('序号')).length;
  const headed = top.filter((o) => !/条$/.test(o.locator) && !o.locator.includes('序号'));
  const parts = [
    headed.length ? `目录：${headed.map((o) => `${o.locator}${/章$/.test(o.locator) ? ' ' : ''}${o.heading}`).join(' ')}` : '',
    articles ? `共 ${articles} 条` : '',
    rows ? `附表 ${rows} 行` : '',
  ];
  return parts.filter(Boolean).join('，') || '无编号结构';
}

/** How candidates are listed in an error: 文号 and title, one per line. */
export function candidateList(notices: Notice[]): string {
  return notices.map((n) => `- ${n.docNumber} ${n.title}`).join('\n');
}

export const getDocument = defineTool({
  name: 'get_document',
  config: {
    title: 'Get a gazette notice / 查看公报文件',
    description:
      '按文号或标题关键词取一件通知：发文机关、日期、主送、印发的各文本（类型、有效期、目录），可选全文。\n' +
      'Fetches one notice by 文号 or title words: issuer, date, recipients, and each text it issues with kind, stated validity and outline; optionally the full cleaned text.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Get a gazette notice', ...readOnly },
  },
  run: (ctx, { document: ref, includeText = false }) => {
    const found = ctx.gazette.resolveDocument(ref);
    if (found.kind === 'ambiguous') {
      return fail(`“${ref}”对应多件通知，请用文号指定：\n${candidateList(found.candidates)}\n"${ref}" matches several notices; name one by its 文号.`);
    }
    if (found.kind === 'none') {
      const hint = found.suggestions.length ? `\n您是否要找：\n${candidateList(found.suggestions)}` : '';
      return fail(`语料中没有与“${ref}”对应的通知。${hint}\nNo notice in the corpus matches "${ref}". Use list_documents to see them all.`);
    }
    const n = found.notice;
    const texts = ctx.gazette.texts(n);
    const body = texts.find((t) => t.role === 'notice')!;
    const issued = texts.filter((t) => t.role !== 'notice');
    const outlines = new Map(texts.map((t) => [t.id, ctx.gazette.outline(t)]));
    const outlineOf = (id: number) => outlines.get(id)!.map(({ locator, heading }) => ({ locator, heading }));
    const parts = issued.map((t) => ({
      title: t.title,
      kind: t.kind,
      validFrom: t.validFrom,
      validUntil: t.validUntil,
      replaces: t.repeals,
      outline: outlineOf(t.id),
      ...(includeText ? { text: t.text } : {}),
    }));
    const structured = {
      docNumber: n.docNumber,
      title: n.title,
      issuer: n.issuer,
      date: n.date,
      recipients: n.recipients,
      publicNote: n.publicNote,
      page: n.page,
      unplaced: n.unplaced,
      notice: { outline: outlineOf(body.id), ...(includeText ? { text: body.text } : {}) },
      parts,
    };
    const partLines = issued.map((t) => {
      const validity = t.validFrom || t.validUntil ? `，有效期 ${t.validFrom ?? '?'} 至 ${t.validUntil ?? '?'}` : '';
      const repeals = t.repeals.map((r) => `《${r.title}》${r.docNumber ? `（${r.docNumber}）` : ''}`);
      return `- [${t.kind}]《${t.title}》${validity}${repeals.length ? `，同时废止${repeals.join('、')}` : ''}；${contents(outlines.get(t.id)!)}`;
    });
    const lines = [
      `${n.docNumber}《${n.title}》，${n.issuer}，${n.date ?? '日期未知'}，公报第${n.page ?? '?'}页。`,
      incompleteNote(ctx, [n.docNumber]),
      n.recipients ? `主送：${n.recipients}` : '',
      ...(parts.length ? ['印发文本：', ...partLines] : []),
      ...(includeText ? ['', ctx.gazette.documentText(n.docNumber) ?? ''] : []),
      citationTags([{ docNumber: n.docNumber, locator: '' }]),
    ];
    return ok(structured, lines.filter((l) => l !== '').join('\n'));
  },
});
