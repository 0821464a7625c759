// The outline of a policy explainer (政策解读), element by element, as 卫政办发〔2019〕44号 四、 asks:
// 背景依据、目标任务、主要内容、涉及范围、执行标准，以及注意事项、关键词诠释、惠民利民措施、新旧政策差异.
// Every point is a whole sentence of the text itself (a lead-in with its items), so every citation
// verifies; every sentence goes to the element that fits what it does, and an element the text
// does not address says so. The rules are a table: an element and the sentences it takes.
import { findDates, findMeasures } from './measures.js';

export const EXPLAINER_ELEMENTS = [
  '背景依据',
  '目标任务',
  '主要内容',
  '涉及范围',
  '执行标准',
  '注意事项',
  '关键词诠释',
  '惠民利民措施',
  '新旧政策差异',
] as const;
export type ExplainerElement = (typeof EXPLAINER_ELEMENTS)[number];

/** A paragraph of the text (or of the notice that issues it) with where it stands. */
export interface SourceParagraph {
  locator: string;
  text: string;
  page: number | null;
  /** From the notice's own words rather than the text it issues. */
  fromNotice?: boolean;
}

export interface ExplainerSource {
  paragraphs: SourceParagraph[];
  /** The notice's own words, for the background a 方案 leaves to its notice. */
  noticeParagraphs: SourceParagraph[];
  /** Top-level outline: chapters, sections or articles, with their headings. */
  outline: { locator: string; heading: string; depth: number }[];
}

export interface Point extends SourceParagraph {
  /** The sentence, verbatim. */
  text: string;
}

export interface ElementOutline {
  element: ExplainerElement;
  points: OutlinePoint[];
  /** Said when the text does not address the element. */
  note?: string;
}

/** Sentences of a paragraph, each a verbatim span ending at its stop (。；！？). */
export function sentencesOf(p: SourceParagraph): Point[] {
  return (p.text.match(/[^。；！？\n]+[。；！？]?/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length >= 4)
    .map((text) => ({ ...p, text }));
}

/** A point of the outline: a whole sentence, or a lead-in with its items. */
export interface OutlinePoint extends Point {
  /** The words its citation quotes: the sentence, or a lead-in's own words. */
  quote: string;
}

/** Whole sentences of a paragraph, each a verbatim span ending at its stop (。！？): a figure stays with the rule it belongs to. */
function wholeSentences(p: SourceParagraph): Point[] {
  const spans = [...p.text.matchAll(/[^。！？\n]+[。！？]?/g)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
  // A paragraph's unstopped tail (a table row's 投资 5000 市自然资源局 2020年 after its description) belongs to the sentence before it.
  const last = spans.at(-1);
  if (last && spans.length > 1 && !/[。！？]$/.test(p.text.slice(last.from, last.to)) && !p.text.slice(spans[spans.length - 2].from, last.from).includes('\n'))
    spans.splice(-2, 2, { from: spans[spans.length - 2].from, to: last.to });
  return spans
    .map((x) => p.text.slice(x.from, x.to).trim())
    .filter((s) => s.length >= 4)
    .map((text) => ({ ...p, text }));
}

/** An item of a list: a paragraph under the lead-in's clause, or numbered as one. */
const ITEM = /^(?:（[一二三四五六七八九十]+）|\d+[.．、]|[①-⑩])/;
/** Items short enough to read as one point with their lead-in. */
const SHORT_ITEM = 80;
const isItemOf = (q: SourceParagraph, lead: SourceParagraph) => (q.locator !== lead.locator ? q.locator.startsWith(lead.locator) : ITEM.test(q.text));

/** The text's points in printed order: whole sentences, a lead-in (…下列情形之一的，不得出租：) with its items. */
export function pointsOf(paragraphs: SourceParagraph[]): OutlinePoint[] {
  const out: OutlinePoint[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const sentences = wholeSentences(p);
    for (const [k, s] of sentences.entries()) {
      let j = i + 1;
      if (k === sentences.length - 1 && /[：:]$/.test(s.text)) while (j < paragraphs.length && isItemOf(paragraphs[j], p)) j++;
      // Items that are rules of their own (（三）信息披露。…) stay points of their own after the lead-in.
      const items = paragraphs.slice(i + 1, j);
      if (items.length && items.every((q) => q.text.length <= SHORT_ITEM && wholeSentences(q).length === 1)) {
        out.push({ ...s, text: [s.text, ...items.map((q) => q.text.trim())].join(''), quote: s.text });
        i = j - 1;
      } else out.push({ ...s, quote: s.text });
    }
  }
  return out;
}

interface ElementRule {
  element: ExplainerElement;
  /** What the element is, for the note when the text has none of it. */
  lacks: string;
  /** Whether a point does what the element is about. */
  takes: (p: OutlinePoint, at: Place) => boolean;
  /** Where no sentence does what the element is about, the sentences that still touch it: the element is addressed, if less squarely. */
  touches?: (p: OutlinePoint) => boolean;
}

/** Where a point stands: at the head of the text (its preamble or first article), under which headings. */
interface Place {
  head: boolean;
  headings: string;
}

/** Periods are standards however they are worded (开庭审理前7个工作日); other figures when worded as one. */
const PERIODS = new Set(['workdays', 'days', 'weeks', 'months', 'hours']);
const STANDARD_WORDS = /标准|按照|每|不少于|不超过|不低于|以上|以下|以内|之内|内|期限|期|达到|比例|为/;
const hasStandard = (text: string) => {
  const measures = findMeasures(text);
  return measures.some((m) => PERIODS.has(m.measure)) || (measures.length > 0 && STANDARD_WORDS.test(text)) || findDates(text).length > 0;
};

// By what a sentence does. A sentence that does several things (a local subsidy with its amount, a
// prohibition with its deadline) is a point of each; 主要内容 takes what no other element does.
export const ELEMENT_RULES: ElementRule[] = [
  {
    element: '背景依据',
    lacks: '为何制定、依据哪些上位文件',
    // A purpose (为…) or a basis (根据《…》) at the head of the text, or in the notice that issues it.
    takes: (p, at) =>
      (at.head || !!p.fromNotice) &&
      (/^(?:第[一二三]条\s*)?(?:为|根据|依据|依照|按照|贯彻|落实)/.test(p.text) || /(?:根据|依据|依照|按照|贯彻落实|落实)《|精神/.test(p.text)),
  },
  {
    element: '新旧政策差异',
    lacks: '废止、替代的旧文件、与上级标准的差异或施行日期',
    takes: (p) =>
      /废止|停止执行|同时失效|自动失效|修订|取代|替代|原《|不一致的|为准|从其规定|有效期|起(?:施行|实施|执行|试行)|自印发之日起|在.{0,30}(?:基础上|标准上)|再发|另行/.test(
        p.text,
      ),
  },
  {
    element: '关键词诠释',
    lacks: '术语定义（所称…是指…）',
    // A definition, a classification, or a term the text coins (“五公开”, 冬防期（12月1日至来年3月10日）).
    takes: (p) => /是指|所称|以下简称|简称|即指|主要包括|包括以下|分为|划分为|由.{1,30}组成|“[^“”]{2,8}”|[\u4e00-\u9fa5]{1,6}期（\d/.test(p.text),
  },
  {
    element: '涉及范围',
    lacks: '适用范围或对象',
    takes: (p) => /适用于|适用范围|范围(?:主要)?(?:包括|为|是)|范围[：:]|对象为|对象是|参照本办法执行|不适用|不包括|覆盖|纳入.{0,10}范围|流域/.test(p.text),
    // Whom it names and what duties it spans (本办法所称…, 各县（区）…, 负责…涉及…事项).
    touches: (p) => /所(?:称|指)|县（区）|涉及|对象|全市/.test(p.text),
  },
  {
    element: '注意事项',
    lacks: '禁止性规定、罚则、隐私保护或除外情形',
    takes: (p) =>
      /不得|禁止|严禁|不予|不准|一律|必须|务必|处罚|处分|追究|问责|责令|违反|保密|隐私|个人信息|去标识化|除外|移送|解聘|回避|负总责|停止使用|停产/.test(p.text),
    // Duties, conditions and the dates they run from (应当, 须, 确保, 自2019年起, 拆迁补偿).
    touches: (p) => /应当|(?<![相供响适对])应(?![用急])|(?<![无必])须|确保|自\d{4}年起|起执行|拆迁|关停|搬迁/.test(p.text),
  },
  {
    element: '惠民利民措施',
    lacks: '补贴、优先、奖励、减免等惠及群众和企业的措施',
    // What reaches citizens or enterprises, not what staff are paid.
    takes: (p) =>
      /补贴|补助|补偿|奖励|奖补|优先|优待|优惠|减免|免费|免收|资助|扶持|享受|便民|惠民|定向招录|共享|公租房|落户|改厕|安置|救助|一次办|网上办|减少.{0,6}(?:环节|材料|时间)/.test(
        p.text,
      ) && !/报酬|绩效|工作经费|劳务费|工资/.test(p.text),
  },
  {
    element: '目标任务',
    lacks: '目标、总体要求或量化指标',
    // Goals: under a heading that says so, a purpose at the head of the text, or a target with its figure.
    takes: (p, at) =>
      (at.head && /^(?:第[一二三]条\s*)?为/.test(p.text)) ||
      /目标|总体要求|指导思想|基本原则|工作原则/.test(at.headings) ||
      (/到20\d\d年|年底前|年年底|目标|力争|确保|达到|提高到|控制在|不低于|实现/.test(p.text) && /\d|[一二三四五六七八九十]+[个项]/.test(p.text)),
  },
  {
    element: '执行标准',
    lacks: '金额、比例、时限或门槛等标准',
    takes: (p) => hasStandard(p.text) || /牵头单位|牵头|负责|时限|程序|每(?:年|季度|月|周)/.test(p.text),
  },
  {
    element: '主要内容',
    lacks: '条款或部分',
    takes: () => true,
  },
];

/** A sentence that is only a numbered heading: 二、优厚补贴 / （三）主要目标。 / 第八条 病种分值的确定。 */
const HEADING_ONLY = /^(?:第[一二三四五六七八九十百]+[章条]\s*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])[^，。；：]{0,14}[。：]?$/;
/** A short article that says something (第三十八条 本办法由市人民政府负责解释。) is no heading. */
const isHeading = (text: string) => HEADING_ONLY.test(text) && !/由|负责|应|不得|自|适用|施行|解释/.test(text);

/**
 * The nine elements of an explainer for one text. Every sentence of the text is a point of the one
 * element that fits what it does; 主要内容 opens with each part's first rule, so that it covers
 * every chapter or section, and takes the sentences no other element does.
 */
export function explainerOutline(src: ExplainerSource): ElementOutline[] {
  const points = pointsOf(src.paragraphs).filter((p) => !isHeading(p.text));
  const notice = src.noticeParagraphs.flatMap(wholeSentences).map((p) => ({ ...p, quote: p.text, fromNotice: true }));
  const first = [...new Set(points.map((p) => p.locator))].slice(0, 2);
  const headingOf = (locator: string) =>
    src.outline
      .filter((o) => locator.startsWith(o.locator))
      .map((o) => o.heading)
      .join(' ');
  const placed = new Map<ExplainerElement, OutlinePoint[]>(EXPLAINER_ELEMENTS.map((e) => [e, []]));
  for (const p of [...notice, ...points]) {
    const at = { head: first.includes(p.locator), headings: headingOf(p.locator) };
    // The notice's own words are background only.
    const rules = ELEMENT_RULES.filter((r) => r.takes(p, at) && (!p.fromNotice || r.element === '背景依据'));
    for (const r of rules.some((r) => r.element !== '主要内容') ? rules.filter((r) => r.element !== '主要内容') : rules) placed.get(r.element)!.push(p);
  }
  // Each part (chapter, section or article) by its first rule, ahead of the sentences 主要内容 took
  // itself; a part headed by a heading of its own (第一章 总则) shows it with that rule.
  const parts = src.outline.filter((o) => o.depth === 0 && !/^附件/.test(o.locator));
  const leads = parts.flatMap((o, k) => {
    const own = src.paragraphs.find((p) => p.locator === o.locator);
    const until = parts[k + 1] ? src.paragraphs.findIndex((p) => p.locator === parts[k + 1].locator) : src.paragraphs.length;
    const from = own ? src.paragraphs.indexOf(own) : -1;
    const rule = points.find((p) => {
      const at = src.paragraphs.findIndex((q) => q.locator === p.locator && q.text.includes(p.quote));
      return at >= from && at >= 0 && (until < 0 || at < until);
    });
    if (!rule) return [];
    if (own && rule.locator !== o.locator && HEADING_ONLY.test(own.text.trim()))
      return [{ ...own, text: `${own.text.trim()} ${rule.text}`, quote: own.text.trim() }];
    return [rule];
  });
  const main = placed.get('主要内容')!;
  const order = (p: OutlinePoint) => src.paragraphs.findIndex((q) => q.locator === p.locator && q.text.includes(p.quote));
  placed.set(
    '主要内容',
    [...new Set([...leads, ...main])].sort((a, b) => order(a) - order(b)),
  );
  return ELEMENT_RULES.map((r) => r.element)
    .sort((a, b) => EXPLAINER_ELEMENTS.indexOf(a) - EXPLAINER_ELEMENTS.indexOf(b))
    .map((element) => {
      const rule = ELEMENT_RULES.find((r) => r.element === element)!;
      const got = placed.get(element)!.length ? placed.get(element)! : points.filter((p) => rule.touches?.(p));
      return got.length ? { element, points: got } : { element, points: got, note: `文本未涉及${rule.lacks}，未列要点。` };
    });
}
