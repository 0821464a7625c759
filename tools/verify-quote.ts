// verify_quote: is this quotation really in the gazette, and where.
import { z } from 'zod';
import { citationSchema, citationTags, defineTool, docNumberField, ok, readOnly, requireKnownNotice, textField } from './common.js';

const input = {
  quote: textField('要核对的引文，1–5000 字 / the quotation to check, 1–5000 characters', 5000, '全市湿地面积不低于53.29万亩'),
  docNumber: docNumberField('只在此文号内核对 / only look in this notice').optional(),
};

const output = {
  found: z.boolean(),
  citations: z.array(citationSchema),
  message: z.string().optional(),
};

export const verifyQuote = defineTool({
  name: 'verify_quote',
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
    const { quote } = args;
    const docNumber = requireKnownNotice(ctx, 'docNumber', args.docNumber);
    const citations = ctx.gazette.verifyQuote(quote, docNumber);
    if (citations.length === 0) {
      const near = ctx.gazette.search(quote, 1, docNumber).results[0];
      const hint = near ? `最接近的原文：“${near.citation.quote}”${citationTags([near.citation])}` : '';
      const message = `公报${docNumber ? `（${docNumber}）` : ''}中没有逐字出现这段引文。${hint}`;
      return ok({ found: false, citations, message }, message);
    }
    const where = citations.map((c) => `《${c.title}》${c.locator}（第${c.page ?? '?'}页）`).join('；');
    return ok({ found: true, citations }, `引文逐字见于 ${citations.length} 处：${where}。${citationTags(citations)}`);
  },
});
