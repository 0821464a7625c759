// draft_explainer: the outline of a policy explainer (政策解读) for one text, the nine elements
// 卫政办发〔2019〕44号 四、 names, each point a cited sentence of the text; and who must write the
// explainer, by when, as the gazette itself says.
import { z } from 'zod';
import { EXPLAINER_ELEMENTS, explainerOutline } from '../domain/explainer.js';
import { citationIn, type Citation, type GazetteReader, type GazetteText, type Notice, type SearchHit } from '../domain/reader.js';
import { matchKey } from '../domain/text.js';
import { normalizeUnit } from '../domain/unit-name.js';
import { inForceOn } from '../domain/validity.js';
import { citationSchema, citeTag, clip, dateField, defineTool, fail, incompleteNote, ok, readOnly, TEXT_BUDGET, textField } from './common.js';

const input = {
  document: textField('文号或标题中的词；一个文号印发多个文本时，用标题词选定一个，如 国有资产出租、卫政规发〔2019〕1号 经费 / a 文号 or title words picking one text', 200, '国有资产出租'),
  asOf: dateField('判断是否有效的日期（YYYY-MM-DD），默认今天 / the day to judge validity on, default today').optional(),
  full: z.boolean().describe('文字回答列出全部要点（不限 4 KB），默认否 / list every point in the text answer, past 4 KB, default false').meta({ examples: [true] }).optional(),
};

const output = {
  document: z.object({ docNumber: z.string(), title: z.string(), issuer: z.string(), date: z.string().nullable() }),
  elements: z.array(
    z.object({
      element: z.enum(EXPLAINER_ELEMENTS),
      points: z.array(z.object({ text: z.string().describe('a sentence of the text, verbatim'), citation: citationSchema })),
      note: z.string().optional().describe('said when the text does not address the element'),
    }),
  ),
  responsibility: z
    .object({
      unit: z.string().describe('who must write the explainer'),
      deadline: z.object({ text: z.string(), date: z.string().nullable() }).optional(),
      basis: z.string().describe('where the gazette says so'),
      citation: citationSchema.optional(),
    })
    .optional(),
  validity: z.object({ validFrom: z.string().nullable(), validUntil: z.string().nullable(), inForce: z.boolean(), asOf: z.string(), basis: z.string() }),
};

type Responsibility = z.infer<z.ZodObject<typeof output>>['responsibility'];

/** Where the gazette states “谁起草、谁解读”, looked up once per corpus served. */
const rules = new WeakMap<GazetteReader, SearchHit | null>();
function interpretationRule(gazette: GazetteReader): SearchHit | null {
  if (!rules.has(gazette)) {
    const found = gazette.search('谁起草、谁解读 政策解读 责任主体', 5, null).results.find((r) => r.citation.quote.includes('谁起草、谁解读') || r.text.includes('谁起草、谁解读'));
    rules.set(gazette, found ?? null);
  }
  return rules.get(gazette)!;
}

/**
 * Who writes the explainer: the row of a 解读任务分解表 that names the document (unit and
 * deadline); else the rule “谁起草、谁解读”, applied to the unit the text names to interpret it
 * (由X负责解释), or its issuer.
 */
function responsibility(gazette: GazetteReader, notice: Notice, text: GazetteText): Responsibility {
  // The rows that name this 文号 are found by it (a rare word), then the one about its 解读.
  const row = gazette.findTasks(notice.docNumber, 20).find((t) => /解读/.test(t.task) && matchKey(t.task).includes(notice.docNumber));
  if (row) {
    return {
      unit: row.leadUnits.join('、'),
      ...(row.deadline ? { deadline: { text: row.deadline.text, date: row.deadline.date } } : {}),
      basis: `${row.citation.docNumber}《${row.citation.title}》${row.citation.locator} 列明此件的解读单位和完成时限`,
      citation: row.citation,
    };
  }
  const rule = interpretationRule(gazette);
  const interpreter = gazette
    .paragraphs(text)
    .map((p) => /由(.{2,30}?)负责解释/.exec(p.text)?.[1])
    .find(Boolean);
  const unit = interpreter ? normalizeUnit(interpreter) : notice.issuer;
  const quote = rule ? (rule.text.match(/[^。]*谁起草、谁解读[^。]*。/)?.[0] ?? rule.citation.quote) : null;
  return {
    unit,
    basis: rule
      ? `${rule.citation.docNumber} ${rule.citation.locator}：“谁起草、谁解读”，起草部门是解读责任主体；${interpreter ? `此件写明由${unit}负责解释` : `此件未写明起草部门，取发文机关${unit}`}`
      : `公报中没有解读责任的规定；取${interpreter ? `负责解释的${unit}` : `发文机关${unit}`}`,
    ...(rule && quote ? { citation: { ...rule.citation, quote } } : {}),
  };
}

export const draftExplainer = defineTool({
  name: 'draft_explainer',
  config: {
    title: 'Outline a policy explainer / 政策解读提纲',
    description:
      '为公报中的一个文本（办法、方案、安排或通知）生成政策解读提纲：按卫政办发〔2019〕44号 四、列出背景依据、目标任务、主要内容、涉及范围、执行标准、注意事项、关键词诠释、惠民利民措施、新旧政策差异九项，每个要点都是原文句子并附出处；文本未涉及的项目如实注明；并给出谁负责解读、何时完成。写完解读稿后用 check_draft 核对。\n' +
      'Outlines a policy explainer for one text of the gazette: the nine elements 卫政办发〔2019〕44号 requires, each point a verbatim sentence with its citation; elements the text does not address are said to be absent; plus who must write the explainer and by when. Check the finished draft with check_draft.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Outline a policy explainer', ...readOnly },
  },
  run: (ctx, args) => {
    const asOf = args.asOf ?? ctx.today();
    const found = ctx.gazette.resolveDocument(args.document);
    if (found.kind !== 'found') {
      const near = found.kind === 'none' ? found.suggestions : found.candidates;
      return fail(`没有与“${args.document}”唯一对应的文件。${near.length ? `\n您是否要找：\n${near.map((n) => `- ${n.docNumber} ${n.title}`).join('\n')}` : ''}\nNo single document matches "${args.document}".`);
    }
    const { notice } = found;
    const texts = found.texts.filter((t) => t.role !== 'attachment');
    if (texts.length > 1) {
      return fail(`${notice.docNumber} 印发了多个文本，请在 document 中加上标题词：\n${texts.map((t) => `- ${notice.docNumber}《${t.title}》`).join('\n')}\n${notice.docNumber} issues several texts; add title words to document to choose one.`);
    }
    const text = texts[0] ?? found.texts[0];
    const body = ctx.gazette.texts(notice).find((t) => t.role === 'notice')!;
    const outline = explainerOutline({
      paragraphs: ctx.gazette.paragraphs(text),
      noticeParagraphs: text.role === 'notice' ? [] : ctx.gazette.paragraphs(body),
      outline: ctx.gazette.outline(text),
    });
    const cite = (p: { locator: string; page: number | null; text: string; fromNotice?: boolean }): Citation => citationIn(notice, p.fromNotice ? body : text, p.locator, p.page, p.text);
    const elements = outline.map((e) => ({ element: e.element, points: e.points.map((p) => ({ text: p.text, citation: cite(p) })), ...(e.note ? { note: e.note } : {}) }));
    const validFrom = text.role === 'part' ? text.validFrom : null;
    const validUntil = text.role === 'part' ? text.validUntil : null;
    const validity = { validFrom, validUntil, asOf, ...inForceOn(asOf, validFrom, validUntil, notice.date) };
    const duty = responsibility(ctx.gazette, notice, text);
    const title = text.role === 'part' ? text.title : notice.title;
    const head = `政策解读提纲：《${title}》（${notice.docNumber}，${notice.issuer}，${notice.date ?? '日期未知'}）`;
    const tail = [
      duty ? `解读责任：${duty.unit}${duty.deadline ? `，${duty.deadline.text}${duty.deadline.date ? `（${duty.deadline.date}）` : ''}` : ''}。依据：${duty.basis}${duty.citation ? citeTag(duty.citation, 16) : ''}` : '',
      `有效期：${validity.basis}。`,
      incompleteNote(ctx, [notice.docNumber]),
      '写成解读稿后，请用 check_draft 逐句核对引文、数字和日期。',
    ];
    // The outline in about 4 KB: every element, its points clipped and, for long texts, the first
    // few of each; all points stay in the structured result.
    const outlineText = (perElement: number, clipTo: number) => {
      let hidden = 0;
      const body = elements.flatMap((e, k) => {
        const shown = e.points.slice(0, perElement);
        hidden += e.points.length - shown.length;
        return [`${'一二三四五六七八九'[k]}、${e.element}`, ...(e.points.length ? shown.map((p) => `- ${clip(p.text, clipTo)}${citeTag(p.citation, 12)}`) : [`- （${e.note}）`])];
      });
      const more = hidden ? `（另有 ${hidden} 个要点未在此列出，见结构化结果 elements）` : '';
      return [head, ...body, more, ...tail].filter(Boolean).join('\n');
    };
    const tries = [[Infinity, 120], [Infinity, 50], [4, 50], [3, 40], [2, 40], [1, 40]] as const;
    const answer = args.full ? outlineText(Infinity, Infinity) : (tries.map(([n, c]) => outlineText(n, c)).find((t) => Buffer.byteLength(t) <= TEXT_BUDGET) ?? outlineText(1, 30));
    return ok({ document: { docNumber: notice.docNumber, title, issuer: notice.issuer, date: notice.date }, elements, ...(duty ? { responsibility: duty } : {}), validity }, answer);
  },
});
