// What a question asks about, as opposed to the words that make it a question. One grammar for
// every tool that takes a question: the asking words are dropped before the rest is searched.
// questionSubject and questionWants read a question already folded (foldCharacters), as search
// reads it once (search/question.ts); taskSubject, which tools call on what they are given, folds.
import { findDates, findMeasures } from './measures.js';
import { dropCjkSpaces, foldCharacters } from './text.js';

// Words that make a sentence a question (请问…是多少, 哪些…, …吗).
export const ASKING = [
  '请问',
  '是多少',
  '多少',
  '什么',
  '哪些',
  '哪个',
  '哪里',
  '怎么',
  '怎样',
  '如何',
  '是否',
  '有没有',
  '能不能',
  '可不可以',
  '能否',
  '要不要',
  '谁',
  '吗',
  '呢',
  '吧',
  // As people speak (啥时候, 有啥, 咋办): asking words, never words the gazette lacks.
  '什么时候',
  '啥时候',
  '多会儿',
  '有啥',
  '是啥',
  '干啥',
  '咋办',
  '怎么办',
  '咋',
  '啥',
  '只有',
  '到底',
  '哪家',
  // How far (到什么程度): asking for a degree, not about 程度.
  '什么程度',
  '多大程度',
  // How long (多久): asking for a period.
  '多久',
  '一下',
  // 几 with the measure it asks for (几年: how many years).
  '几个月',
  '几个',
  '几年',
  '几天',
  '几日',
  '几次',
  '几号',
  '几岁',
  '几级',
  '几类',
  '几种',
  '几项',
  '几套',
  '几名',
  '几家',
  '几位',
];

// Words that ask about responsibility or timing rather than name a task (谁牵头…, …的完成时限).
const ABOUT_RESPONSIBILITY = [
  '谁来牵头',
  '谁牵头',
  '由谁',
  '谁负责',
  '谁来负责',
  '归谁管',
  '谁来管',
  '谁管',
  '谁来抓',
  '谁抓',
  '是谁',
  '哪个单位',
  '哪个部门',
  '哪些单位',
  '哪些部门',
  '牵头单位是',
  '责任单位是',
  '配合单位是',
  '牵头单位',
  '责任单位',
  '配合单位',
  '完成时限',
  '什么时候完成',
  '什么时候',
  '何时完成',
  '何时',
  '截止',
  '期限',
  '牵头',
  '负责',
  '的工作',
];

// Words that carry no content of their own: modal and light verbs, adverbs of time and manner,
// pronouns and demonstratives, measure words, particles, places relative to something (上, 旁边).
// A word the gazette lacks is reported only where it is none of these (挖掘机, not 要 or 这些).
const FUNCTION_WORDS = [
  ...['要', '能', '会', '可以', '应该', '需要', '得', '该', '想', '搞', '弄'],
  ...[
    '还',
    '都',
    '就',
    '也',
    '才',
    '再',
    '又',
    '只',
    '先',
    '没',
    '还没',
    '不用',
    '一起',
    '直接',
    '偷偷',
    '平时',
    '现在',
    '今年',
    '明年',
    '去年',
    '以后',
    '以前',
    '开始',
    '时候',
    '亲自',
    '额外',
    '另外',
    '专门',
  ],
  ...['这些', '那些', '这个', '那个', '这种', '那种', '这批', '那批', '这', '那', '个', '些', '东西', '事情', '情况'],
  ...['我们', '你们', '他们', '她们', '咱们', '咱', '俺'],
  // One of a unit of counting (一天能处理多少, 一件给多少): the unit, not a thing asked about.
  ...['天', '年', '届', '件', '次', '批', '位'].map((unit) => `一${unit}`),
  ...['是', '有', '来', '去', '把', '被', '给', '让', '向', '从', '到', '在', '对', '和', '与', '及', '或', '之', '将', '了', '着', '过', '的', '地', '多'],
  ...['上', '里', '中', '内', '后', '前', '旁边', '说了算'],
  // Complements of result and direction (清完, 扣下来, 补回来), and bounds and days asked for (最低, 哪天).
  ...['完', '下来', '回来', '出来', '起来', '下', '回', '算'],
  ...['最低', '最少', '最多', '最高', '至少', '最晚', '最迟', '最早', '多高', '多大', '哪天', '哪一天'],
];

const alternation = (words: string[]) => new RegExp([...words].sort((a, b) => b.length - a.length).join('|'), 'g');
const ASKING_RE = alternation(ASKING);
const RESPONSIBILITY_RE = alternation([...ABOUT_RESPONSIBILITY, ...ASKING]);
const PUNCTUATION = /[？?。，,！!\s]+/g;
const FUNCTION_RE = alternation(FUNCTION_WORDS);

const FUNCTION_SET = new Set(FUNCTION_WORDS);

/** Whether a word is grammar (要, 来, 这些), not something a question asks about. */
export const isFunctionWord = (word: string): boolean => FUNCTION_SET.has(word);

/** The words of a stretch of a question (no index term in it) that could name something: two or more characters left between function words. 上挖掘机这些 → 挖掘机. */
export function contentWords(stretch: string): string[] {
  return stretch.split(FUNCTION_RE).filter((w) => w.length >= 2);
}

/** The (folded) question without its asking words and punctuation: 请问湿地面积是多少 → 湿地面积. */
export function questionSubject(folded: string): string {
  return folded.replace(ASKING_RE, ' ').replace(PUNCTUATION, ' ').trim();
}

/** The task a responsibility question names: 谁牵头柴油货车污染治理？ → 柴油货车污染治理. */
export function taskSubject(question: string): string {
  return foldCharacters(question).replace(RESPONSIBILITY_RE, ' ').replace(PUNCTUATION, ' ').trim();
}

/** What kind of answer a question wants, as ranking signals: a figure of some measures, a date, a unit. */
export interface QuestionWants {
  /** Measures (domain/measures.ts) the answer states, e.g. money for 多少钱; empty when none is asked. */
  measures: string[];
  dates: boolean;
  units: boolean;
  /** What a word or a rule means (什么是…, 按什么办法). */
  definition: boolean;
  /** Where something is done (去哪里办, 在哪公开). */
  places: boolean;
  /** A post someone holds (任什么职务). */
  positions: boolean;
  /** How something is done, step by step (怎么办理, 什么程序). */
  procedure: boolean;
  /** Several things (哪些…不能做): a passage that lists them. */
  list: boolean;
  /** How a figure is worked out (怎么算): a formula or the rule it is computed by. */
  calculation: boolean;
  /** Why something is done (为什么出这个办法): the sentence stating its purpose (为进一步…). */
  purpose: boolean;
  /** A class or grade (水质目标是几类): Ⅲ类, 一级A. */
  grade: boolean;
  /** A sum (加起来一共多少): a table's total row, a sentence stating a total (合计, 总投资). */
  total: boolean;
}

// How questions ask for a kind of answer; the first rows that match decide. A figure asked
// without its unit (多少, 几) wants any measure.
const QUESTION_SIGNALS: { asks: RegExp; wants: Partial<QuestionWants> }[] = [
  // Asking for an amount, not merely naming money (租金多久交清 asks for a period).
  {
    asks: /多少钱|几块钱|多少元|多少万|给多少|拿多少|补多少|发多少|多少补助|多少补贴|怎么算|怎么计算|怎么收费|收费标准|标准是多少/,
    wants: { measures: ['money'] },
  },
  { asks: /百分之几|百分比|比例|比重|占多少|多大比|率/, wants: { measures: ['percent', 'points'] } },
  { asks: /几个工作日|多少个工作日/, wants: { measures: ['workdays'] } },
  { asks: /几天|多少天|几日|多少日|多久|多长时间|多少时间|提前多|时限|期限/, wants: { measures: ['workdays', 'days', 'weeks', 'months', 'hours'] } },
  { asks: /几个月|多少个月/, wants: { measures: ['months'] } },
  { asks: /几年|多少年|聘期|任期|试用期多/, wants: { measures: ['years', 'months'] } },
  { asks: /多大年纪|多大岁数|年龄|几岁|多少岁/, wants: { measures: ['age'] } },
  { asks: /多少亩|几亩|面积/, wants: { measures: ['mu', 'hectares', 'km2', 'm2'] } },
  { asks: /多少人|几个人|几名|多少名/, wants: { measures: ['people'] } },
  { asks: /几次|多少次|多久一次/, wants: { measures: ['occasions'] } },
  // A class or grade (几类水, 哪一级) is no figure.
  { asks: /几类|哪类|哪一类|什么类|几级|哪一级|什么级别|几等/, wants: { grade: true } },
  { asks: /多少|几(?![类级等])|多大|多高|多长|最少|最多|至少|不低于|不超过/, wants: { measures: ['*'] } },
  { asks: /什么时候|啥时候|何时|哪天|几号|哪一天|最晚|最迟|截止|期限|时限|从哪天|到哪天|多会儿|日期|有效期|施行|生效|失效|实施日期/, wants: { dates: true } },
  { asks: /什么职务|任什么|担任什么|什么职位|什么岗位|哪个职务/, wants: { positions: true } },
  // 哪个部门, and with a word or two between (哪个市级部门, 哪个局, 哪些县区单位).
  { asks: /谁|哪家|由谁|(?:哪个|哪些|哪一个|什么)[^，。？！、\s]{0,4}?(?:部门|单位|局|委员会|机构|机关)/, wants: { units: true } },
  { asks: /哪里|在哪|去哪|什么地方|哪个平台|哪个网站|何处/, wants: { places: true } },
  { asks: /哪些|哪几|有什么|都有什么|包括什么|包括哪/, wants: { list: true } },
  { asks: /怎么选|怎么办理|怎么申请|怎么走|怎么操作|什么程序|什么手续|什么流程|哪些步骤|哪些手续|程序|流程|步骤|手续/, wants: { procedure: true } },
  { asks: /什么是|是什么意思|指什么|指的是|是指|什么叫|含义|定义|什么办法|哪种办法|什么方式/, wants: { definition: true } },
  { asks: /怎么算|怎么计算|如何计算|计算方法|计算公式|公式/, wants: { calculation: true } },
  { asks: /为什么|为啥|为何|为了什么|目的|出发点/, wants: { purpose: true } },
  { asks: /加起来|一共|总共|合计|总计|共计|总额|总投资|总数|累计/, wants: { total: true } },
];

/** The kinds of answer a (folded) question wants: 法律顾问聘期几年 wants years; 谁牵头 wants units. */
export function questionWants(q: string): QuestionWants {
  const wants: QuestionWants = {
    measures: [],
    dates: false,
    units: false,
    definition: false,
    places: false,
    positions: false,
    procedure: false,
    list: false,
    calculation: false,
    purpose: false,
    grade: false,
    total: false,
  };
  for (const { asks, wants: w } of QUESTION_SIGNALS) {
    if (!asks.test(q)) continue;
    if (w.measures && !wants.measures.length) wants.measures = w.measures;
    if (w.dates) wants.dates = true;
    if (w.units) wants.units = true;
    if (w.definition) wants.definition = true;
    if (w.places) wants.places = true;
    if (w.positions) wants.positions = true;
    if (w.procedure) wants.procedure = true;
    if (w.list) wants.list = true;
    if (w.calculation) wants.calculation = true;
    if (w.purpose) wants.purpose = true;
    if (w.grade) wants.grade = true;
    if (w.total) wants.total = true;
  }
  return wants;
}

// How a sentence states each kind of answer, whatever the question: ranking prefers a passage
// whose sentence states what is asked (search/rerank.ts), and the text a model reads shows that
// sentence (domain/answer-focus.ts).
const UNIT = /局|委员会|办公室|人民政府|管委会|中心|公司|部门|单位|机构|牵头|负责|承办|主管/;
const DEADLINE = /年底|月底|年末|前完成|完成时限/;
const DEFINITION = /是指|所称|所指|以下简称/;
const PLACE = /平台|中心|窗口|网站|大厅|场所|办公室|系统/;
const PROCEDURE = /程序|流程|步骤|手续|按以下|按照以下/;
const POSITION = /主任|局长|书记|主席|市长|区长|县长|委员|调研员|部长|处长|科长|经理|院长|校长|所长|站长|队长|秘书长/;
/** Three or more things named in a row (甲、乙、丙), or a sentence saying what something includes. */
const LIST = /、[^、，。；]{1,24}、|包括|主要有|分别为|分为/;
const CALCULATION = /[=＝×]|公式|计算方法/;
/** A sentence opening on what it is for (为进一步完善…, 为了…), or naming its aim. */
/** A class or grade stated: Ⅲ类, 劣于V类, 一级A, 二级. */
const GRADE = /(?:[ⅠⅡⅢⅣⅤ]|[IV]{1,3}|[一二三四五])[类级]|一级A/;
/** A total: a table's 合计 row, a sum stated (总投资, 共计). */
const TOTAL = /合计|总计|共计|总额|总投资|累计/;
const PURPOSE = /^[^，。；]{0,8}为(?:了|进一步|加强|规范|深入|切实|全面|推进|贯彻|落实|严格|认真|更好|有效)|目的是/;

/** The kinds of answer a sentence states. */
export interface Kinds {
  measures: string[];
  dates: boolean;
  units: boolean;
  places: boolean;
  positions: boolean;
  procedure: boolean;
  definition: boolean;
  list: boolean;
  calculation: boolean;
  purpose: boolean;
  grade: boolean;
  total: boolean;
}

/**
 * The kinds of answer a sentence states; extraction spaces (20 个工 作日) do not hide a figure.
 * Given what a question wants, only those kinds are read (the others stay empty): figures and
 * dates are the costly ones.
 */
export function kindsOf(sentence: string, wanted?: QuestionWants): Kinds {
  const text = dropCjkSpaces(sentence);
  const reads = (kind: keyof QuestionWants) => !wanted || (kind === 'measures' ? wanted.measures.length > 0 : wanted[kind]);
  return {
    measures: reads('measures') ? findMeasures(text).map((m) => m.measure) : [],
    dates: reads('dates') && (DEADLINE.test(text) || findDates(text).length > 0),
    units: reads('units') && UNIT.test(text),
    places: reads('places') && PLACE.test(text),
    positions: reads('positions') && POSITION.test(text),
    procedure: reads('procedure') && PROCEDURE.test(text),
    definition: reads('definition') && DEFINITION.test(text),
    list: reads('list') && LIST.test(text),
    calculation: reads('calculation') && CALCULATION.test(text),
    purpose: reads('purpose') && PURPOSE.test(text),
    grade: reads('grade') && GRADE.test(text),
    total: reads('total') && TOTAL.test(text),
  };
}

/** Whether a sentence (its kinds) states the kind of answer the question wants. */
export function answersKind(wants: QuestionWants, k: Kinds): boolean {
  if (wants.measures.length && k.measures.some((m) => wants.measures.includes('*') || wants.measures.includes(m))) return true;
  return (
    (wants.dates && k.dates) ||
    (wants.units && k.units) ||
    (wants.places && k.places) ||
    (wants.positions && k.positions) ||
    (wants.procedure && k.procedure) ||
    (wants.definition && k.definition) ||
    (wants.list && k.list) ||
    (wants.calculation && k.calculation) ||
    (wants.purpose && k.purpose) ||
    (wants.grade && k.grade) ||
    (wants.total && k.total)
  );
}
