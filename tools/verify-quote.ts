// verify_quote: is this quotation really in the gazette, and where.
import { z } from 'zod';
import { MAX_QUOTE_PLACES } from '../domain/reader.js';
import {
  citationSchema,
  citeTag,
  clip,
  defineTool,
  docNumberField,
  limitField,
  offsetField,
  ok,
  pagedText,
  pageSchema,
  readOnly,
  requireKnownNotice,
  textField,
} from './common.js';

const input = {
  quote: textField('要核对的引文，1–5000 字 / the quotation to check, 1–5000 characters', 5000, '全市湿地面积不低于53.29万亩'),
  docNumber: docNumberField('只在此文号内核对 / only look in this notice').optional(),
  limit: limitField('每页最多列出几处 1–200，默认 20 / at most this many places a page, default 20', 200, 20).optional(),
  offset: offsetField().optional(),
};

const output = {
  found: z.boolean(),
  citations: z.array(citationSchema),
  ...pageSchema,
  message: z.string().optional(),
};

export const verifyQuote = defineTool({
  name: 'verify_quote',
  use: '引文是否逐字出自公报',
  example: { quote: '全市湿地面积不低于 53.29 万亩' },
  config: {
    title: 'Verify a quotation / 核对引文',
    description:
      '核对一段引文是否逐字出现在公报中（忽略空格与全半角），并给出每处出处。发布前用它检查每一处引用。\n' +
      'Checks that a quotation appears word for word in the cleaned gazette (whitespace and character width ignored) and cites every place it occurs.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Verify a quotation', ...readOnly },
  },
  run: (ctx, args) => {
    const { quote, limit = 20, offset = 0 } = args;
    const docNumber = requireKnownNotice(ctx, 'docNumber', args.docNumber);
    // One place per clause and page: a phrase said twice in a paragraph is one place to cite.
    const places = new Map(ctx.gazette.verifyQuote(quote, docNumber).map((c) => [`${c.docNumber}|${c.title}|${c.locator}|${c.page}`, c]));
    const all = [...places.values()];
    if (all.length === 0) {
      const near = ctx.gazette.search(quote, 1, docNumber).results[0];
      const hint = near ? `最接近的原文：“${clip(near.citation.quote, 90)}”${citeTag(near.citation)}` : '';
      const message = `公报${docNumber ? `（${docNumber}）` : ''}中没有逐字出现这段引文。${hint}`;
      return ok({ found: false, citations: [], total: 0, offset, nextOffset: null, message }, message);
    }
    const page = all.slice(offset, offset + limit);
    const lines = page.map((c, i) => `${offset + i + 1}. 《${c.title}》${c.locator}（第${c.page ?? '?'}页）${citeTag(c)}`);
    const head = all.length >= MAX_QUOTE_PLACES ? `引文逐字见于至少 ${all.length} 处（只查找前 ${MAX_QUOTE_PLACES} 处）：` : `引文逐字见于 ${all.length} 处：`;
    const { shown, nextOffset, text } = pagedText([head], lines, [], offset, all.length);
    return ok({ found: true, citations: page.slice(0, shown), total: all.length, offset, nextOffset }, text);
  },
});
