// The outline of a policy explainer (政策解读), element by element, as 卫政办发〔2019〕44号 四、 asks:
// 背景依据、目标任务、主要内容、涉及范围、执行标准，以及注意事项、关键词诠释、惠民利民措施、新旧政策差异.
// Every point is a sentence of the text itself, so every citation verifies; an element the text
// does not address says so. The rules are a table: an element, the sentences it takes, how many.
import { findMeasures } from './measures.js';

export const EXPLAINER_ELEMENTS = ['背景依据', '目标任务', '主要内容', '涉及范围', '执行标准', '注意事项', '关键词诠释', '惠民利民措施', '新旧政策差异'] as const;
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
  points: Point[];
  /** Said when the text does not address the element. */
  note?: string;
}

/** Sentences of a paragraph, each a verbatim span ending at its stop (。；！？). */
export function sentencesOf(p: SourceParagraph): Point[] {
  return (p.text.match(/[^。；！？\n]+[。；！？]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length >= 4).map((text) => ({ ...p, text }));
}

interface ElementRule {
  element: ExplainerElement;
  /** What the element is, for the note when the text has none of it. */
  lacks: string;
  max: number;
  /** Points one clause may give (default 1). */
  perClause?: number;
  pick: (src: ExplainerSource, all: Point[]) => Point[];
}

/** Sentences that say it, or that stand under a heading that says it (二、优厚补贴 covers its items). */
const matching = (re: RegExp) => (src: ExplainerSource, all: Point[]) => {
  const headed = src.outline.filter((o) => re.test(o.heading)).map((o) => o.locator);
  return all.filter((p) => re.test(p.text) || headed.some((l) => p.locator === l || p.locator.startsWith(l)));
};

/** Periods are standards however they are worded (开庭审理前7个工作日); other figures when worded as one. */
const PERIODS = new Set(['workdays', 'days', 'weeks', 'months', 'hours']);
const STANDARD_WORDS = /标准|按照|每|不少于|不超过|不低于|以上|以下|以内|之内|内|期限|期|达到|比例|为/;

export const ELEMENT_RULES: ElementRule[] = [
  {
    element: '背景依据',
    lacks: '为何制定、依据哪些上位文件',
    max: 3,
    pick: (src, all) => {
      // A purpose (为…) or a basis (根据《…》): the opening words of a sentence, or a superior document it names.
      const opens = /^(?:第[一二三]条\s*)?(?:为|根据|依据|依照|按照)/;
      const basis = /(?:根据|依据|依照|按照|贯彻落实)《/;
      // A text states its purpose and basis at its head (preamble, 第一条), not in its penalties.
      const head = [...new Set(all.map((p) => p.locator))].slice(0, 2);
      const own = all.filter((p) => head.includes(p.locator) && (opens.test(p.text) || basis.test(p.text)));
      const notice = src.noticeParagraphs.flatMap(sentencesOf).filter((p) => (opens.test(p.text) && /《/.test(p.text)) || basis.test(p.text));
      return [...own.slice(0, 2), ...notice.map((p) => ({ ...p, fromNotice: true }))];
    },
  },
  {
    element: '目标任务',
    lacks: '目标、总体要求或量化指标',
    max: 5,
    pick: (src, all) => {
      // Sections headed as goals first, then tasks, then the general requirements around them.
      const rank = (heading: string) => (/目标/.test(heading) ? 0 : /主要任务|工作任务/.test(heading) ? 1 : /总体要求|指导思想/.test(heading) ? 2 : -1);
      const headed = src.outline.filter((o) => rank(o.heading) >= 0).sort((a, b) => rank(a.heading) - rank(b.heading));
      const underHeading = headed.flatMap((o) => all.filter((p) => p.locator === o.locator || (o.depth === 0 && p.locator.startsWith(o.locator) && rank(o.heading) === 0)));
      const quantified = all.filter((p) => /到\d{4}年|年底前|目标|达到|不低于|控制在/.test(p.text) && /\d/.test(p.text));
      return [...underHeading.slice(0, 3), ...quantified];
    },
  },
  {
    element: '主要内容',
    lacks: '条款或部分',
    max: 12,
    pick: (src, all) => {
      // The text's own parts, each by its first sentence: chapters, else sections, else articles.
      const top = src.outline.filter((o) => o.depth === 0 && !/^附件/.test(o.locator));
      return top.map((o) => all.find((p) => p.locator === o.locator)).filter((p): p is Point => !!p);
    },
  },
  {
    element: '涉及范围',
    lacks: '适用范围或对象',
    max: 3,
    pick: matching(/适用于|适用范围|范围[：:]|对象为|对象是|覆盖|参照本办法执行/),
  },
  {
    element: '执行标准',
    lacks: '金额、比例、时限或门槛等标准',
    max: 8,
    pick: (_src, all) =>
      all.filter((p) => {
        const measures = findMeasures(p.text);
        return measures.some((m) => PERIODS.has(m.measure)) || (measures.length > 0 && STANDARD_WORDS.test(p.text));
      }),
  },
  {
    element: '注意事项',
    lacks: '禁止性规定、应当遵守的条件和程序',
    max: 6,
    // Conditions and procedures, not the lead-in of a list (…应当履行下列职责：).
    pick: (_src, all) => [...all.filter((p) => /不得|禁止|严禁/.test(p.text)), ...all.filter((p) => /应当|必须|须经|严格按照/.test(p.text) && !/[：:]$/.test(p.text) && !/^（[一二三四五六七八九十]+）其他/.test(p.text))],
  },
  {
    element: '关键词诠释',
    lacks: '术语定义（所称…是指…）',
    max: 5,
    pick: matching(/所称.{1,60}?是指|，是指|是指|以下简称|即指/),
  },
  {
    element: '惠民利民措施',
    lacks: '补贴、优先、奖励、减免等惠民措施',
    max: 10,
    pick: matching(/补贴|补助|奖励|优先|优待|优惠|减免|免费|免收|资助|扶持|定向招录|享受同等|共享|一次性经济|给予.{0,12}(?:支持|保障)|优厚/),
  },
  {
    element: '新旧政策差异',
    lacks: '废止、替代的旧文件或施行日期',
    max: 4,
    perClause: 3,
    // What it repeals or replaces first; then when it takes effect and for how long.
    pick: (src, all) => [...matching(/废止|停止执行|同时失效|修订|取代|替代|原《/)(src, all), ...matching(/自\d{4}年\d{1,2}月\d{1,2}日起(?:施行|实施|执行|试行)|有效期|自印发之日起/)(src, all)],
  },
];

/** A sentence that is only a numbered heading: 二、优厚补贴 / （三）主要目标。 / 第八条 病种分值的确定。 */
const HEADING_ONLY = /^(?:第[一二三四五六七八九十百]+[章条]\s*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])[^，。；：]{0,14}[。：]?$/;

/** The nine elements of an explainer for one text, each filled from the text's own sentences. */
export function explainerOutline(src: ExplainerSource): ElementOutline[] {
  const all = src.paragraphs.flatMap(sentencesOf);
  return ELEMENT_RULES.map((rule) => {
    // One point per clause, so that a few long clauses do not crowd out the rest; the outline's
    // own headings are points of 主要内容 only.
    const seen = new Map<string, number>();
    const texts = new Set<string>();
    const fresh = (p: Point) => {
      const n = seen.get(p.locator) ?? 0;
      if (n >= (rule.perClause ?? 1) || texts.has(p.text)) return false;
      seen.set(p.locator, n + 1);
      texts.add(p.text);
      return true;
    };
    const points = rule
      .pick(src, all)
      .filter((p) => rule.element === '主要内容' || !HEADING_ONLY.test(p.text))
      .filter(fresh)
      .slice(0, rule.max);
    return points.length ? { element: rule.element, points } : { element: rule.element, points, note: `文本未涉及${rule.lacks}，未列要点。` };
  });
}
