// check_draft: a whole draft explainer checked against the gazette, finding by finding.
import { z } from 'zod';
import { DraftChecker, FINDING_KINDS, VERDICTS, type Finding } from '../domain/draft-check.js';
import { citationSchema, citeTag, clip, defineTool, docNumberField, incompleteNote, ok, readOnly, requireKnownNotice, textField } from './common.js';

/** The longest draft one call checks. */
export const MAX_DRAFT_CHARS = 20_000;

const input = {
  text: textField(
    `要核对的解读稿全文，最多 ${MAX_DRAFT_CHARS} 字 / the draft, up to ${MAX_DRAFT_CHARS} characters`,
    MAX_DRAFT_CHARS,
    '根据《中卫市人民政府法律顾问管理办法》第十八条，法律顾问审查合同原则上不超过5个工作日。',
    true,
  ),
  docNumber: docNumberField('稿件所解读的文件；不写文号的条款引用以它为准 / the notice the draft explains: bare clause references refer to it').optional(),
};

const output = {
  findings: z.array(
    z.object({
      kind: z.enum(FINDING_KINDS),
      text: z.string().describe('the finding as written in the draft'),
      offset: z.number().int().describe('where it starts in the draft (UTF-16 code units)'),
      verdict: z.enum(VERDICTS),
      source: citationSchema.optional().describe('where the right words are'),
      expected: z.string().optional().describe("the source's own words, where the draft says something else"),
      note: z.string().describe('why, in one sentence'),
    }),
  ),
  summary: z.object({ verified: z.number().int(), mismatch: z.number().int(), not_found: z.number().int(), unverifiable: z.number().int() }),
  unchecked: z.number().int().describe('findings past the cap, left unchecked'),
};

const LABEL: Record<Finding['verdict'], string> = { verified: '已核实', mismatch: '不一致', not_found: '查无', unverifiable: '无法核对' };
const KIND: Record<Finding['kind'], string> = { quote: '引文', citation: '出处', number: '数字', date: '日期', claim: '说法' };

function line(f: Finding): string {
  const fix = f.expected ? ` 原文：“${clip(f.expected, 60)}”` : '';
  return `- [${LABEL[f.verdict]}] ${KIND[f.kind]} “${clip(f.text, 40)}”（第${f.offset}字）：${f.note}${fix}${f.source ? citeTag(f.source, 16) : ''}`;
}

export const checkDraft = defineTool({
  name: 'check_draft',
  use: '核对解读稿',
  example: { text: '没有具体要求的，公告期应当不少于15个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】', docNumber: '卫政办规发〔2019〕2号' },
  config: {
    title: 'Check a draft explainer / 核对解读稿',
    description:
      '逐项核对一篇解读稿：找出其中每处引文（“”「」『』）、出处（文号及条款，如【卫政规发〔2019〕1号 · 第五条（三）】或（文号）第三条）、带单位的数字和日期，与公报原文比对，给出 verified（已核实）、mismatch（不一致，并给出原文）、not_found（查无此文号、条款或引文）、unverifiable（句子未引注且无相近原文）。不用模型，结果确定。\n' +
      "Checks a whole draft against the gazette: every quotation, citation (文号 with or without a locator), number with a unit and date gets a verdict — verified, mismatch (with the source's own words), not_found, or unverifiable. Deterministic; no model involved.",
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Check a draft explainer', ...readOnly },
  },
  run: (ctx, args) => {
    const scope = requireKnownNotice(ctx, 'docNumber', args.docNumber);
    const result = new DraftChecker(ctx.gazette).check(args.text, scope);
    const { summary } = result;
    const problems = result.findings.filter((f) => f.verdict === 'mismatch' || f.verdict === 'not_found');
    const doubts = result.findings.filter((f) => f.verdict === 'unverifiable');
    const verified = result.findings.filter((f) => f.verdict === 'verified');
    const cited = [...new Set(result.findings.flatMap((f) => (f.source ? [f.source.docNumber] : [])))];
    const lines = [
      result.findings.length
        ? `核对 ${result.findings.length} 处：已核实 ${summary.verified}，不一致 ${summary.mismatch}，查无 ${summary.not_found}，无法核对 ${summary.unverifiable}。`
        : '稿件中没有找到引文、出处、带单位的数字或日期，无可核对。',
      ...(problems.length ? ['需要修改：', ...problems.map(line)] : result.findings.length ? ['没有发现与原文不符之处。'] : []),
      ...(doubts.length ? ['无法核对（请补上出处）：', ...doubts.map(line)] : []),
      ...(verified.length ? ['已核实：', ...verified.map(line)] : []),
      result.unchecked ? `另有 ${result.unchecked} 处超出单次核对上限，未核对；请分段提交。` : '',
      incompleteNote(ctx, cited),
    ];
    return ok({ ...result }, lines.filter(Boolean).join('\n'));
  },
});
