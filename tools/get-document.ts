// get_document: one notice by 文号 or title words, with its texts' outlines, validity and text.
import { z } from 'zod';
import { citationIn, type Notice, type OutlineEntry } from '../domain/reader.js';
import { citeTag, defineTool, fail, incompleteNote, offsetField, ok, readOnly, textField } from './common.js';

/** The most parts a notice may issue that a page can name. */
const MAX_PARTS = 100;

const input = {
  document: textField('文号（任意写法）或标题中的词 / a 文号 in any spelling, or words of a title, e.g. 卫政办发[2019]43号, 法律顾问管理办法', 200, '卫政办发〔2019〕43号'),
  includeText: z.boolean().describe('是否返回正文，默认否；正文按部分、按页返回 / include the cleaned text, by part and by page, default false').meta({ examples: [true] }).optional(),
  part: z.number().int().min(0).max(MAX_PARTS).describe('第几部分：0 为通知本身，1 起为所印发的文本和附件，默认 0 / which part: 0 the notice itself, 1… the texts it issues, default 0').meta({ examples: [1] }).optional(),
  offset: offsetField('从该部分的第几个字开始（上一页的 next.offset），默认 0 / where the page starts in the part: the previous page’s next.offset').optional(),
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
  notice: z.object({ outline: outlineSchema, text: z.string().optional() }).describe("the notice's own words (part 0)"),
  parts: z.array(
    z.object({
      title: z.string(),
      kind: z.string(),
      validFrom: z.string().nullable(),
      validUntil: z.string().nullable(),
      replaces: z.array(z.object({ title: z.string(), docNumber: z.string().nullable() })).describe('texts it says it repeals (…同时废止)'),
      outline: outlineSchema,
      text: z.string().optional().describe('the page of text asked for, in the part asked for'),
    }),
  ),
  textPage: z
    .object({
      part: z.number().int(),
      title: z.string(),
      offset: z.number().int(),
      total: z.number().int().describe('characters in the part'),
      next: z.object({ part: z.number().int(), offset: z.number().int() }).nullable().describe('the page after this one (the next part when this one ends), or null at the end'),
    })
    .optional()
    .describe('where the text returned stands, present with includeText'),
};

/** Characters of text in one page: with the header, a page stays within the text budget. */
export const TEXT_PAGE_CHARS = 900;

/** A page of a text from `offset`, not splitting a surrogate pair. */
function pageOf(text: string, offset: number): string {
  let end = Math.min(text.length, offset + TEXT_PAGE_CHARS);
  if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end++;
  return text.slice(offset, end);
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
  run: (ctx, { document: ref, includeText = false, part = 0, offset = 0 }) => {
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
    // Part 0 is the notice's own words, 1… the texts it issues; with includeText one page of one part.
    const ordered = [body, ...issued];
    if (includeText && part >= ordered.length) {
      return fail(`${n.docNumber} 只有 ${ordered.length} 个部分（0 为通知本身，1–${ordered.length - 1} 为印发的文本）。\nInvalid part: ${n.docNumber} has parts 0–${ordered.length - 1}.`);
    }
    const chosen = ordered[part];
    if (includeText && offset > chosen.text.length) {
      return fail(`offset 超过该部分的长度（${chosen.text.length} 字）。\nInvalid offset: part ${part} has ${chosen.text.length} characters.`);
    }
    const page = includeText ? pageOf(chosen.text, offset) : '';
    const pageEnd = offset + page.length;
    const next = pageEnd < chosen.text.length ? { part, offset: pageEnd } : part + 1 < ordered.length ? { part: part + 1, offset: 0 } : null;
    const parts = issued.map((t, k) => ({
      title: t.title,
      kind: t.kind,
      validFrom: t.validFrom,
      validUntil: t.validUntil,
      replaces: t.repeals,
      outline: outlineOf(t.id),
      ...(includeText && k + 1 === part ? { text: page } : {}),
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
      notice: { outline: outlineOf(body.id), ...(includeText && part === 0 ? { text: page } : {}) },
      parts,
      ...(includeText ? { textPage: { part, title: part === 0 ? n.title : chosen.title, offset, total: chosen.text.length, next } } : {}),
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
            `正文（第 ${part} 部分《${part === 0 ? n.title : chosen.title}》，第 ${offset + 1}–${pageEnd} 字，共 ${chosen.text.length} 字）：`,
            page,
            next ? `（下一页：part=${next.part}, offset=${next.offset}）` : '（全文已完）',
          ]
        : []),
      citeTag(citationIn(n, body, '', n.page, firstWords(body.text))),
    ];
    return ok(structured, lines.filter((l) => l !== '').join('\n'));
  },
});
