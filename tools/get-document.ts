// get_document: one notice by 文号 or title words, with its texts' outlines, validity and text.
import { z } from 'zod';
import { citationIn, type Notice, type OutlineEntry } from '../domain/reader.js';
import { citeTag, defineTool, fail, incompleteNote, offsetField, ok, pageSchema, readOnly, textField } from './common.js';

const input = {
  document: textField(
    '文号（任意写法）或标题中的词 / a 文号 in any spelling, or words of a title, e.g. 卫政办发[2019]43号, 法律顾问管理办法',
    200,
    '卫政办发〔2019〕43号',
  ),
  includeText: z
    .boolean()
    .describe(
      '是否返回正文，默认否；正文按页返回，通知本身在前，印发的文本依次在后 / include the cleaned text, by page: the notice’s own words, then each text it issues, default false',
    )
    .meta({ examples: [true] })
    .optional(),
  offset: offsetField(
    '从正文第几个字开始（上一页的 nextOffset，或某文本的 textOffset），默认 0 / where the page starts in the text: the previous page’s nextOffset, or a part’s textOffset; default 0',
  ).optional(),
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
  notice: z.object({ outline: outlineSchema, text: z.string().optional() }).describe("the notice's own words, first in its text"),
  parts: z.array(
    z.object({
      title: z.string(),
      kind: z.string(),
      validFrom: z.string().nullable(),
      validUntil: z.string().nullable(),
      replaces: z.array(z.object({ title: z.string(), docNumber: z.string().nullable() })).describe('texts it says it repeals (…同时废止)'),
      outline: outlineSchema,
      textOffset: z.number().int().describe('where its text starts: pass it as offset to read from it'),
      text: z.string().optional().describe('what of its text the page holds'),
    }),
  ),
  // With includeText, the text pages as every list does: the notice's own words and then each text it issues, read as one.
  total: pageSchema.total.optional().describe('characters of text in all, present with includeText'),
  offset: pageSchema.offset.optional(),
  nextOffset: pageSchema.nextOffset.optional(),
};

/** Characters of text in one page: with the header, a page stays within the text budget. */
export const TEXT_PAGE_CHARS = 900;

/** Where a page of `text` from `offset` ends, not splitting a surrogate pair. */
function pageEnd(text: string, offset: number): number {
  const end = Math.min(text.length, offset + TEXT_PAGE_CHARS);
  return end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]) ? end + 1 : end;
}

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

/** The opening words of a text, up to its first stop: a quote that verifies. */
function firstWords(text: string): string {
  return (/^[^。；\n]{1,40}/.exec(text.trim())?.[0] ?? '').trim();
}

/** How candidates are listed in an error: 文号 and title, one per line. */
export function candidateList(notices: Notice[]): string {
  return notices.map((n) => `- ${n.docNumber} ${n.title}`).join('\n');
}

export const getDocument = defineTool({
  name: 'get_document',
  use: '某件文件的发文信息、结构与全文',
  example: { document: '国有资产出租' },
  config: {
    title: 'Get a gazette notice / 查看公报文件',
    description:
      '按文号或标题关键词取一件通知：发文机关、日期、主送、印发的各文本（类型、有效期、目录），可选全文。\n' +
      'Fetches one notice by 文号 or title words: issuer, date, recipients, and each text it issues with kind, stated validity and outline; optionally the full cleaned text.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Get a gazette notice', ...readOnly },
  },
  run: (ctx, { document: ref, includeText = false, offset = 0 }) => {
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
    // The notice's own words, then each text it issues, read as one text that pages by offset.
    const ordered = [body, ...issued];
    const whole = ordered.map((t) => t.text).join('');
    const starts = ordered.map((_, k) => ordered.slice(0, k).reduce((sum, t) => sum + t.text.length, 0));
    if (includeText && offset > whole.length) {
      return fail(`offset 超过正文长度（共 ${whole.length} 字）。\nInvalid offset: the text of ${n.docNumber} has ${whole.length} characters.`);
    }
    const end = includeText ? pageEnd(whole, offset) : offset;
    const nextOffset = end < whole.length ? end : null;
    // What of each text the page holds, with where it stands.
    const pieces = ordered.map((t, k) => {
      const [from, to] = [Math.max(offset, starts[k]), Math.min(end, starts[k] + t.text.length)];
      return from < to ? { title: k === 0 ? n.title : t.title, text: whole.slice(from, to), continued: from > starts[k] } : null;
    });
    const textOf = (k: number) => (pieces[k] ? { text: pieces[k].text } : {});
    const parts = issued.map((t, k) => ({
      title: t.title,
      kind: t.kind,
      validFrom: t.validFrom,
      validUntil: t.validUntil,
      replaces: t.repeals,
      outline: outlineOf(t.id),
      textOffset: starts[k + 1],
      ...textOf(k + 1),
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
      notice: { outline: outlineOf(body.id), ...textOf(0) },
      parts,
      ...(includeText ? { total: whole.length, offset, nextOffset } : {}),
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
      ...(includeText
        ? [
            `正文（第 ${offset + 1}–${end} 字，共 ${whole.length} 字）：`,
            ...pieces.flatMap((p) => (p ? [`《${p.title}》${p.continued ? '（续）' : ''}：`, p.text] : [])),
            nextOffset !== null ? `（下一页用 offset=${nextOffset}）` : '（全文已完）',
          ]
        : []),
      citeTag(citationIn(n, body, '', n.page, firstWords(body.text))),
    ];
    return ok(structured, lines.filter((l) => l !== '').join('\n'));
  },
});
