// cite_clause: the exact words of 第X条 (or a section of a 方案), with its citation and validity.
import { z } from 'zod';
import { clauseLocators, nearestLocators } from '../domain/clause-ref.js';
import { InputError } from '../domain/errors.js';
import type { GazetteText } from '../domain/reader.js';
import { matchKey } from '../domain/text.js';
import { inForceOn } from '../domain/validity.js';
import type { ToolContext } from './common.js';
import { citationSchema, citationTags, dateField, defineTool, fail, incompleteNote, ok, readOnly, textField } from './common.js';

const input = {
  document: textField('文号或标题中的词，如 国有资产出租、法律顾问管理办法、卫政办规发〔2019〕2号 / a 文号 or title words', 200, '国有资产出租'),
  clause: textField('条款：第四条、第4条、4、四、第五条（三）；方案可用 二、（一） 或 二、（一）1. / the clause', 40, '第四条'),
  asOf: dateField('判断是否有效的日期（YYYY-MM-DD），默认今天 / the day to judge validity on, default today').optional(),
};

const output = {
  clause: z.string().describe('the clause’s locator'),
  text: z.string().describe('the whole clause with all its items, as printed, cleaned'),
  citation: citationSchema,
  validity: z.object({
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    inForce: z.boolean(),
    asOf: z.string(),
    basis: z.string().describe('how inForce was decided'),
  }),
};

/** Where a clause reference points in a text: the locator, or what it was read as when it is not there. */
function locate(ctx: ToolContext, text: GazetteText, clauseRef: string) {
  const outline = ctx.gazette.outline(text).map((o) => o.locator);
  const byArticles = outline.some((l) => /条$/.test(l));
  // Any locator the tools print (附件 序号3, 第五条（三）) is taken as it is.
  const asPrinted = outline.find((l) => matchKey(l) === matchKey(clauseRef));
  const locators = asPrinted ? [asPrinted] : clauseLocators(clauseRef, byArticles);
  // A locator given without its section (（十二）) is found by its ending, when that is unique.
  const locator = locators
    ? (locators.find((l) => outline.includes(l)) ?? locators.map((l) => outline.filter((o) => o.endsWith(l))).find((m) => m.length === 1)?.[0] ?? null)
    : null;
  return { text, locator, locators, outline, byArticles };
}

export const citeClause = defineTool({
  name: 'cite_clause',
  use: '某条款的原文',
  example: { document: '法律顾问管理办法', clause: '第十八条', asOf: '2020-01-01' },
  config: {
    title: 'Cite a clause / 引用条款原文',
    description:
      '按文号或标题关键词和条款号（第四条、4、四、第五条（三）、二、（一）1.）返回条款全文（含各项，逐字、已清理）、出处和有效期，并判断在 asOf 当日是否有效。\n' +
      'Returns the exact cleaned words of a clause with all its items, its citation, and the validity its text states, with whether it is in force on asOf (default today).',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Cite a clause', ...readOnly },
  },
  run: (ctx, args) => {
    const { document: ref, clause: clauseRef } = args;
    const asOf = args.asOf ?? ctx.today();
    const found = ctx.gazette.resolveDocument(ref);
    if (found.kind !== 'found') {
      const near = found.kind === 'none' ? found.suggestions : found.candidates;
      const what = found.kind === 'ambiguous' ? `“${ref}”对应多件通知，请在 document 中写明文号或标题` : `语料中没有与“${ref}”对应的文本`;
      return fail(
        `${what}。${near.length ? `\n您是否要找：\n${near.map((n) => `- ${n.docNumber} ${n.title}`).join('\n')}` : ''}\nNo single text in the corpus matches "${ref}".`,
      );
    }
    const { notice, texts } = found;
    const located = texts.map((t) => locate(ctx, t, clauseRef));
    // Two texts a notice issues (two 办法) and a clause by number: the caller must choose. A notice's
    // own words and its attachments are told apart by the clause itself.
    const hits = located.filter((c) => c.locator);
    if (texts.length > 1 && (texts.every((t) => t.role === 'part') || hits.length > 1)) {
      const list = texts.map((t) => `- ${notice.docNumber}《${t.title}》`).join('\n');
      return fail(`“${ref}”对应多个文本，请在 document 中写明标题：\n${list}\n"${ref}" names several texts; add title words to document to choose one.`);
    }
    const { text, locator, locators, outline, byArticles } = hits[0] ?? located[0];
    if (!locators) {
      throw new InputError(
        'clause',
        '应为条款号，如 第四条、第4条、4、四、第五条（三），或方案的 二、（一）1.',
        'must be a clause number such as 第四条, 4, 四, 第五条（三）, or a section locator such as 二、（一）1.',
        '第四条',
      );
    }
    if (!locator) {
      const near = nearestLocators(locators[0], outline);
      const size = byArticles
        ? `共 ${outline.filter((l) => /条$/.test(l)).length} 条`
        : `目录：${outline.filter((l) => /^[一二三四五六七八九十]+、$/.test(l)).join(' ')}`;
      return fail(
        `《${text.title}》中没有 ${locators[0]}（${size}）。${near.length ? `最接近的是：${near.join('、')}` : ''}\n"${clauseRef}" is not in this text${near.length ? `; nearest: ${near.join(', ')}` : ''}.`,
      );
    }
    const node = ctx.gazette.clause(text, locator)!;
    const validFrom = text.role === 'part' ? text.validFrom : null;
    const validUntil = text.role === 'part' ? text.validUntil : null;
    const { inForce, basis } = inForceOn(asOf, validFrom, validUntil, notice.date);
    const { citation } = node;
    const structured = { clause: locator, text: node.text, citation, validity: { validFrom, validUntil, inForce, asOf, basis } };
    const status = inForce ? `截至 ${asOf} 有效` : `截至 ${asOf} 不在有效期内`;
    const caution = incompleteNote(ctx, [notice.docNumber]);
    return ok(
      structured,
      [`《${text.title}》${locator}（公报第${node.pageFrom ?? '?'}页）：`, node.text, `——${status}（${basis}）。`, caution, citationTags([citation])]
        .filter(Boolean)
        .join('\n'),
    );
  },
});
