// cite_clause: the exact words of 第X条 (or a section of a 方案), with its citation and validity.
import { z } from 'zod';
import { clauseLocators, nearestLocators } from '../corpus/clauses.js';
import { inForceOn } from '../corpus/facts/validity.js';
import type { NoticeRow, TextRow } from '../corpus/gazette.js';
import { foldWidth, normalizeDocNumber } from '../corpus/text.js';
import { citationSchema, citationTags, fail, InputError, ok, optionalDate, readOnly, requireText, type ToolContext, type ToolDef } from './common.js';

const input = {
  document: z.string().describe('文号或标题中的词，如 国有资产出租、法律顾问管理办法、卫政办规发〔2019〕2号 / a 文号 or title words'),
  clause: z.string().describe('条款：第四条、第4条、4、四、第五条（三）；方案可用 二、（一） 或 二、（一）1. / the clause'),
  asOf: z.string().optional().describe('判断是否有效的日期（YYYY-MM-DD），默认今天 / the day to judge validity on, default today'),
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

interface Candidate {
  notice: NoticeRow;
  text: TextRow;
}

const DOC_NO = /[\u4e00-\u9fff]{2,10}\s*[〔\[［(（【]\s*[0-9０-９]{4}\s*[〕\]］)）】]\s*[0-9０-９]{1,4}\s*号/;

/** Where a clause reference points in a text: the locator, or what it was read as when it is not there. */
function locate(ctx: ToolContext, text: TextRow, clauseRef: string) {
  const outline = ctx.gazette.outline(text.id).map((o) => o.locator);
  const byArticles = outline.some((l) => /条$/.test(l));
  // Any locator the tools print (附件 序号3, 第五条（三）) is taken as it is.
  const printed = foldWidth(clauseRef).replace(/\s+/g, '').replace(/[(]/g, '（').replace(/[)]/g, '）');
  const asPrinted = outline.find((l) => l.replace(/\s+/g, '') === printed);
  const locators = asPrinted ? [asPrinted] : clauseLocators(clauseRef, byArticles);
  // A locator given without its section (（十二）) is found by its ending, when that is unique.
  const locator = locators
    ? (locators.find((l) => outline.includes(l)) ?? locators.map((l) => outline.filter((o) => o.endsWith(l))).find((m) => m.length === 1)?.[0] ?? null)
    : null;
  return { locator, locators, outline, byArticles };
}

/** The texts a document reference may mean: a 文号's texts (narrowed by any title words), or texts titled with the words. */
function candidates(ctx: ToolContext, ref: string): Candidate[] {
  const found = DOC_NO.exec(ref);
  const docNumber = found ? normalizeDocNumber(found[0]) : null;
  const words = foldWidth(found ? ref.replace(found[0], ' ') : ref).split(/\s+/).filter(Boolean);
  if (docNumber) {
    const notice = ctx.gazette.notice(docNumber);
    if (!notice) return [];
    const texts = ctx.gazette.texts(notice.id);
    const issued = texts.filter((t) => t.role === 'part');
    // A notice that issues no 方案 or 办法 has its own words and its attachments to cite from.
    const pool = issued.length ? issued : texts;
    return pool.filter((t) => words.every((w) => t.title.includes(w))).map((text) => ({ notice, text }));
  }
  const titled = ctx.gazette.textsTitled(words);
  if (titled.length) return titled;
  const r = ctx.gazette.resolveDocument(ref);
  if (r.kind !== 'found') return [];
  return candidates(ctx, r.notice.docNumber);
}

export const citeClause: ToolDef = {
  name: 'cite_clause',
  config: {
    title: 'Cite a clause / 引用条款原文',
    description:
      '按文号或标题关键词和条款号（第四条、4、四、第五条（三）、二、（一）1.）返回条款全文（含各项，逐字、已清理）、出处和有效期，并判断在 asOf 当日是否有效。\n' +
      'Returns the exact cleaned words of a clause with all its items, its citation, and the validity its text states, with whether it is in force on asOf (default today).',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Cite a clause', ...readOnly },
  },
  run: (ctx, args: Record<string, unknown>) => {
    const ref = requireText('document', args.document, 200, '国有资产出租 或 卫政办规发〔2019〕2号');
    const clauseRef = requireText('clause', args.clause, 40, '第四条');
    const asOf = optionalDate('asOf', args.asOf) ?? new Date().toISOString().slice(0, 10);
    const texts = candidates(ctx, ref);
    if (!texts.length) {
      const r = ctx.gazette.resolveDocument(ref);
      const near = r.kind === 'none' ? r.suggestions : r.kind === 'ambiguous' ? r.candidates : [];
      return fail(`语料中没有与“${ref}”对应的文本。${near.length ? `\n您是否要找：\n${near.map((n) => `- ${n.docNumber} ${n.title}`).join('\n')}` : ''}\nNo text in the corpus matches "${ref}".`);
    }
    const located = texts.map((c) => ({ ...c, ...locate(ctx, c.text, clauseRef) }));
    // Two texts a notice issues (two 办法) and a clause by number: the caller must choose. A notice's
    // own words and its attachments are told apart by the clause itself.
    const found = located.filter((c) => c.locator);
    if (texts.length > 1 && (texts.every((c) => c.text.role === 'part') || found.length > 1)) {
      const list = texts.map((c) => `- ${c.notice.docNumber}《${c.text.title}》`).join('\n');
      return fail(`“${ref}”对应多个文本，请在 document 中写明标题：\n${list}\n"${ref}" names several texts; add title words to document to choose one.`);
    }
    const { notice, text, locator, locators, outline, byArticles } = found[0] ?? located[0];
    if (!locators) {
      throw new InputError('clause', '应为条款号，如 第四条、第4条、4、四、第五条（三），或方案的 二、（一）1.', 'must be a clause number such as 第四条, 4, 四, 第五条（三）, or a section locator such as 二、（一）1.', '第四条');
    }
    if (!locator) {
      const near = nearestLocators(locators[0], outline);
      const size = byArticles ? `共 ${outline.filter((l) => /条$/.test(l)).length} 条` : `目录：${outline.filter((l) => /^[一二三四五六七八九十]+、$/.test(l)).join(' ')}`;
      return fail(`《${text.title}》中没有 ${locators[0]}（${size}）。${near.length ? `最接近的是：${near.join('、')}` : ''}\n"${clauseRef}" is not in this text${near.length ? `; nearest: ${near.join(', ')}` : ''}.`);
    }
    const node = ctx.gazette.node(text.id, locator)!;
    const validFrom = text.role === 'part' ? text.validFrom : null;
    const validUntil = text.role === 'part' ? text.validUntil : null;
    const { inForce, basis } = inForceOn(asOf, validFrom, validUntil, notice.date);
    const citation = ctx.gazette.citation(text, notice, locator, node.pageFrom, node.text);
    const structured = { clause: locator, text: node.text, citation, validity: { validFrom, validUntil, inForce, asOf, basis } };
    const status = inForce ? `截至 ${asOf} 有效` : `截至 ${asOf} 不在有效期内`;
    return ok(structured, `《${text.title}》${locator}（公报第${node.pageFrom ?? '?'}页）：\n${node.text}\n——${status}（${basis}）。\n${citationTags([citation])}`);
  },
};
