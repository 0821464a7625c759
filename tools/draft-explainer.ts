// draft_explainer: the outline of a policy explainer (政策解读) for one text, the nine elements
// 卫政办发〔2019〕44号 四、 names, each point a cited sentence of the text; and who must write the
// explainer, by when, as the gazette itself says.
import { z } from 'zod';
import { EXPLAINER_ELEMENTS, explainerOutline } from '../domain/explainer.js';
import { citationIn, type Citation, type GazetteReader, type GazetteText, type Notice, type SearchHit } from '../domain/reader.js';
import { matchKey } from '../domain/text.js';
import { normalizeUnit } from '../domain/unit-name.js';
import { inForceOn } from '../domain/validity.js';
import { findDates, isoOf } from '../domain/measures.js';
import { citationSchema, citeTag, dateField, defineTool, fail, incompleteNote, offsetField, ok, pagedText, pageSchema, readOnly, textField } from './common.js';

const input = {
  document: textField(
    '文号或标题中的词；一个文号印发多个文本时，用标题词选定一个，如 国有资产出租、卫政规发〔2019〕1号 经费 / a 文号 or title words picking one text',
    200,
    '国有资产出租',
  ),
  asOf: dateField('判断是否有效的日期（YYYY-MM-DD），默认今天 / the day to judge validity on, default today').optional(),
  full: z
    .boolean()
    .describe('文字回答列出全部要点（不限 4 KB），默认否 / list every point in the text answer, past 4 KB, default false')
    .meta({ examples: [true] })
    .optional(),
  offset: offsetField(
    '文字回答从第几个要点开始（上一页的 nextOffset），默认 0 / the point the text answer starts at: the previous page’s nextOffset, default 0',
  ).optional(),
};

const output = {
  document: z.object({ docNumber: z.string(), title: z.string(), issuer: z.string(), date: z.string().nullable() }),
  elements: z.array(
    z.object({
      element: z.enum(EXPLAINER_ELEMENTS),
      points: z.array(z.object({ text: z.string().describe('a whole sentence of the text, or a lead-in with its items, verbatim'), citation: citationSchema })),
      note: z.string().optional().describe('said when the text does not address the element'),
    }),
  ),
  responsibility: z
    .object({
      unit: z.string().nullable().describe('the drafting department that must write the explainer; null when the gazette does not name it'),
      candidate: z.object({ unit: z.string(), why: z.string() }).optional().describe('where the text points when it names no drafter: a lead, not the drafter'),
      deadline: z.object({ text: z.string(), date: z.string().nullable() }).optional(),
      basis: z.string().describe('where the gazette says so, with the timing and review rules it states'),
      citation: citationSchema.optional(),
    })
    .optional(),
  validity: z.object({ validFrom: z.string().nullable(), validUntil: z.string().nullable(), inForce: z.boolean(), asOf: z.string(), basis: z.string() }),
  ...pageSchema,
  outOfScope: z.string().optional().describe('said when 44号 does not ask for an explainer of this document (an appointment notice)'),
};

type Responsibility = NonNullable<z.infer<z.ZodObject<typeof output>>['responsibility']>;

/** Where the gazette states “谁起草、谁解读”, looked up once per corpus served. */
const rules = new WeakMap<GazetteReader, SearchHit | null>();
function interpretationRule(gazette: GazetteReader): SearchHit | null {
  if (!rules.has(gazette)) {
    const found = gazette
      .search('谁起草、谁解读 政策解读 责任主体', 5, null)
      .results.find((r) => r.citation.quote.includes('谁起草、谁解读') || r.text.includes('谁起草、谁解读'));
    rules.set(gazette, found ?? null);
  }
  return rules.get(gazette)!;
}

/** The sentence of the rule's notice that matches, with its place: 44号's timing and review rules. */
function ruleSentence(gazette: GazetteReader, rule: SearchHit, re: RegExp): { text: string; locator: string } | null {
  const notice = gazette.notice(rule.citation.docNumber);
  const own = notice ? gazette.texts(notice).find((t) => t.role === 'notice') : undefined;
  for (const p of own ? gazette.paragraphs(own) : []) {
    const hit = p.text.match(/[^。；]+[。；]?/g)?.find((x) => re.test(x));
    if (hit) return { text: hit.trim(), locator: p.locator };
  }
  return null;
}

/** Appointment notices (职务任免) are personnel decisions, not the policy documents 44号 一、 lists. */
const APPOINTMENT = /任免|任职|免职|聘任.*通知/;

/** Where a text's content points when it names no drafter: the unit it names to interpret it, else the office a leading group sits in, else the unit leading most of its tasks. */
function candidateOf(gazette: GazetteReader, notice: Notice, text: GazetteText): Responsibility['candidate'] {
  const paragraphs = gazette.paragraphs(text);
  const interpreter = paragraphs.map((p) => /由(.{2,30}?)负责解释/.exec(p.text)?.[1]).find(Boolean);
  if (interpreter && !/人民政府$/.test(normalizeUnit(interpreter)))
    return { unit: normalizeUnit(interpreter), why: `此件写明由${normalizeUnit(interpreter)}负责解释` };
  const office = paragraphs.map((p) => /办公室设在(.{2,20}?)[，。；,]/.exec(p.text)?.[1]).find(Boolean);
  if (office) return { unit: normalizeUnit(office), why: `领导小组办公室设在${normalizeUnit(office)}` };
  const leads = new Map<string, number>();
  for (const t of gazette.listTasks({ units: null, role: 'any', docNumber: notice.docNumber, dueFrom: null, dueTo: null }, { offset: 0, limit: 500 }).tasks)
    for (const u of t.leadUnits) leads.set(u, (leads.get(u) ?? 0) + 1);
  const top = [...leads].sort((a, b) => b[1] - a[1])[0];
  return top && top[1] > 1 ? { unit: top[0], why: `${top[1]} 项任务由${top[0]}牵头` } : undefined;
}

/**
 * Who writes the explainer, by 44号's rules: the row of its 解读任务分解表 that names the document
 * (unit and deadline); else the drafting department, which a text seldom names: then it says so
 * and gives the candidate the content points to, never the issuing office. The deadline: 补发 by
 * 六、's date for texts issued since 1 January before 44号 itself, else with the document; and
 * 三、's review of 规范性文件 by the 司法局.
 */
function responsibility(gazette: GazetteReader, notice: Notice, text: GazetteText): Responsibility {
  // The rows that name this 文号 are found by it (a rare word), then the one about its 解读.
  const row = gazette.findTasks(notice.docNumber, 20).find((t) => /解读/.test(t.task) && matchKey(t.task).includes(notice.docNumber));
  const rule = interpretationRule(gazette);
  const review = rule && /规发/.test(notice.docNumber) ? ruleSentence(gazette, rule, /规范性文件.*审查/) : null;
  const reviewNote = review ? `；${review.locator}：“${review.text}”` : '';
  if (row) {
    return {
      unit: row.leadUnits.join('、'),
      ...(row.deadline ? { deadline: { text: row.deadline.text, date: row.deadline.date } } : {}),
      basis: `${row.citation.docNumber}《${row.citation.title}》${row.citation.locator} 列明此件的解读单位和完成时限${reviewNote}`,
      citation: row.citation,
    };
  }
  const candidate = candidateOf(gazette, notice, text);
  if (!rule) return { unit: null, ...(candidate ? { candidate } : {}), basis: '公报中没有解读责任的规定，此件也未写明起草部门' };
  // Texts issued this year before the rule itself are caught up by its 补发 date; later ones are explained with the document.
  const ruleDate = rule.citation.date;
  const catchUp =
    notice.date && ruleDate && notice.date < ruleDate && notice.date.slice(0, 4) === ruleDate.slice(0, 4)
      ? ruleSentence(gazette, rule, /以来制发.*补发/)
      : null;
  const catchUpDate = catchUp
    ? findDates(catchUp.text)
        .map(isoOf)
        .find((d) => d && d > ruleDate!)
    : undefined;
  const together = catchUp ? null : ruleSentence(gazette, rule, /文件发布时.*同步/);
  const deadline =
    catchUp && catchUpDate
      ? { text: `${catchUpDate.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}前补发`, date: catchUpDate }
      : together
        ? { text: '与文件同步发布', date: null }
        : undefined;
  const quote = rule.text.match(/[^。]*谁起草、谁解读[^。]*。/)?.[0] ?? rule.citation.quote;
  const timing = catchUp ? `；${catchUp.locator}：“${catchUp.text}”` : together ? `；${together.locator}：“${together.text}”` : '';
  return {
    unit: null,
    ...(candidate ? { candidate } : {}),
    ...(deadline ? { deadline } : {}),
    basis: `${rule.citation.docNumber} ${rule.citation.locator}：“谁起草、谁解读”，起草部门是解读责任主体；此件未写明起草部门（发文机关${notice.issuer}不是起草部门）${candidate ? `，可先问${candidate.unit}（${candidate.why}）` : ''}${timing}${reviewNote}`,
    citation: { ...rule.citation, quote },
  };
}

/** A point clipped for the chat answer, never before a figure it holds: the cut falls after its last number or date. */
function clipAfterFigures(text: string, max: number): string {
  if (text.length <= max) return text;
  const figures = [...text.matchAll(/[\d.%％]+|[零〇一二两三四五六七八九十百千]+(?=[个日月年天项次名人元%])/g)].map((m) => m.index + m[0].length);
  const cut = Math.max(max, ...figures.filter((end) => end > 0));
  return cut >= text.length ? text : `${text.slice(0, cut)}…`;
}

export const draftExplainer = defineTool({
  name: 'draft_explainer',
  use: '政策解读提纲',
  example: { document: '国有资产出租', asOf: '2020-01-01' },
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
      return fail(
        `没有与“${args.document}”唯一对应的文件。${near.length ? `\n您是否要找：\n${near.map((n) => `- ${n.docNumber} ${n.title}`).join('\n')}` : ''}\nNo single document matches "${args.document}".`,
      );
    }
    const { notice } = found;
    const texts = found.texts.filter((t) => t.role !== 'attachment');
    if (texts.length > 1) {
      return fail(
        `${notice.docNumber} 印发了多个文本，请在 document 中加上标题词：\n${texts.map((t) => `- ${notice.docNumber}《${t.title}》`).join('\n')}\n${notice.docNumber} issues several texts; add title words to document to choose one.`,
      );
    }
    const text = texts[0] ?? found.texts[0];
    const validFrom = text.role === 'part' ? text.validFrom : null;
    const validUntil = text.role === 'part' ? text.validUntil : null;
    const validity = { validFrom, validUntil, asOf, ...inForceOn(asOf, validFrom, validUntil, notice.date) };
    if (APPOINTMENT.test(notice.title)) {
      const outOfScope = `${notice.docNumber}《${notice.title}》是人事任免通知，不属于卫政办发〔2019〕44号 一、所列的政策解读范围，无需编制政策解读。`;
      return ok(
        {
          document: { docNumber: notice.docNumber, title: notice.title, issuer: notice.issuer, date: notice.date },
          elements: [],
          validity,
          total: 0,
          offset: 0,
          nextOffset: null,
          outOfScope,
        },
        `${outOfScope}\n${notice.docNumber} is an appointment notice, outside the documents 44号 asks to be explained.`,
      );
    }
    const body = ctx.gazette.texts(notice).find((t) => t.role === 'notice')!;
    // A notice that issues one text explains its attachments with it (a project table, a task table).
    const attachments = texts.length <= 1 ? found.texts.filter((t) => t.role === 'attachment' && t.id !== text.id) : [];
    const sources = new Map<string, GazetteText>();
    // A table's header row (附件: 序号 流域 项目名称…) names columns, not rules.
    const paragraphs = [text, ...attachments].flatMap((t) =>
      ctx.gazette
        .paragraphs(t)
        .filter((p) => t.role !== 'attachment' || p.locator !== '附件')
        .map((p) => {
          sources.set(`${p.locator}|${p.text}`, t);
          return p;
        }),
    );
    const outline = explainerOutline({
      paragraphs,
      noticeParagraphs: text.role === 'notice' ? [] : ctx.gazette.paragraphs(body),
      outline: ctx.gazette.outline(text),
    });
    const cite = (p: { locator: string; page: number | null; quote: string; fromNotice?: boolean }): Citation =>
      citationIn(
        notice,
        p.fromNotice ? body : (sources.get(`${p.locator}|${paragraphs.find((q) => q.locator === p.locator && q.text.includes(p.quote))?.text}`) ?? text),
        p.locator,
        p.page,
        p.quote,
      );
    const elements = outline.map((e) => ({
      element: e.element,
      points: e.points.map((p) => ({ text: p.text, citation: cite(p) })),
      ...(e.note ? { note: e.note } : {}),
    }));
    const duty = responsibility(ctx.gazette, notice, text);
    const title = text.role === 'part' ? text.title : notice.title;
    const head = `政策解读提纲：《${title}》（${notice.docNumber}，${notice.issuer}，${notice.date ?? '日期未知'}）`;
    const tail = [
      `解读责任：${duty.unit ?? '起草部门（此件未写明）'}${duty.deadline ? `，${duty.deadline.text}${duty.deadline.date ? `（${duty.deadline.date}）` : ''}` : ''}。依据：${duty.basis}${duty.citation ? citeTag(duty.citation, 16) : ''}`,
      `有效期：${validity.basis}。`,
      incompleteNote(ctx, [notice.docNumber]),
      '写成解读稿后，请用 check_draft 逐句核对引文、数字和日期。',
    ].filter(Boolean);
    // One item per point (or per note of an absent element), its element's heading before the first.
    const items = elements.flatMap((e, k) => {
      const heading = `${'一二三四五六七八九'[k]}、${e.element}`;
      const lines = e.points.length
        ? e.points.map((p) => `- ${clipAfterFigures(p.text, args.full ? Infinity : 120)}${citeTag(p.citation, 12)}`)
        : [`- （${e.note}）`];
      return lines.map((line, i) => ({ heading, first: i === 0, line }));
    });
    const offset = Math.min(args.offset ?? 0, Math.max(0, items.length - 1));
    const lines = items.slice(offset).map((x, i) => (x.first ? `${x.heading}\n${x.line}` : i === 0 ? `${x.heading}（续）\n${x.line}` : x.line));
    const page = args.full
      ? { shown: items.length, nextOffset: null, text: [head, ...lines, ...tail].join('\n') }
      : pagedText([head], lines, tail, offset, items.length);
    const answer = page.text;
    return ok(
      {
        document: { docNumber: notice.docNumber, title, issuer: notice.issuer, date: notice.date },
        elements,
        responsibility: duty,
        validity,
        total: items.length,
        offset,
        nextOffset: page.nextOffset,
      },
      answer,
    );
  },
});
