// The words people ask with, and the words the gazette prints for the same thing. A question that
// says 一把手 is about 主要负责人; 聘期 is the 任期 of a 聘用; 钱 is 经费, 资金 or 报酬. Kept as
// data: each row is what a question may say → what the texts say. Rows are general official
// usage, not keyed to any one question (see test/thesaurus.test.ts).
import type { Alias } from './aliases.js';
import { ASKING } from './question.js';

export interface ThesaurusRow {
  /** What a question may say. */
  asked: string[];
  /** What the gazette says for it. */
  printed: string[];
}

export const THESAURUS: ThesaurusRow[] = [
  // People and bodies
  { asked: ['一把手', '主要领导', '头头', '老大'], printed: ['主要负责人'] },
  { asked: ['分管领导', '分管的领导'], printed: ['分管负责人', '分管领导'] },
  { asked: ['医保中心', '医保局', '医保部门'], printed: ['医疗保险经办机构', '医疗保障部门'] },
  { asked: ['医院', '定点医院'], printed: ['医疗机构', '协议医疗机构'] },
  { asked: ['环保局', '环保部门'], printed: ['生态环境局', '生态环境部门'] },
  { asked: ['政府网站', '官网'], printed: ['政府门户网站', '政府网站'] },
  { asked: ['律师'], printed: ['法律顾问'] },
  { asked: ['老百姓', '群众', '市民'], printed: ['群众', '公众', '社会公众'] },
  { asked: ['当兵的', '士兵', '兵'], printed: ['义务兵', '士兵', '兵员'] },
  // Money
  { asked: ['钱', '费用', '花销', '开支'], printed: ['经费', '资金', '费用', '报酬', '补助'] },
  { asked: ['给多少钱', '多少钱', '花多少钱', '要花多少钱', '怎么付钱', '怎么给钱', '报酬怎么算'], printed: ['报酬', '报酬标准', '付费', '支付'] },
  { asked: ['工资', '薪水', '待遇'], printed: ['工资', '报酬', '补助'] },
  { asked: ['补贴', '补助', '奖励金'], printed: ['补助', '补贴', '优待金'] },
  { asked: ['报销', '怎么报'], printed: ['报销'] },
  { asked: ['交清', '交齐', '缴清', '交钱', '付款', '付钱', '付', '缴费'], printed: ['付清', '缴纳', '支付'] },
  { asked: ['出差'], printed: ['差旅', '差旅费'] },
  { asked: ['拨款', '拨钱', '给钱', '拨给'], printed: ['拨付', '支付', '核拨'] },
  { asked: ['押金', '保证金'], printed: ['保证金', '质量保证金'] },
  // A sum (加起来一共多少) is printed as a table's 合计 row or a stated total.
  { asked: ['加起来', '一共', '总共', '总计', '共计', '总数'], printed: ['合计', '总计', '共计'] },
  { asked: ['房租', '租金'], printed: ['租金', '承包价款'] },
  // Time
  { asked: ['聘期', '聘用期', '聘任期'], printed: ['任期', '聘期'] },
  { asked: ['有效期', '管多久', '管到什么时候', '失效'], printed: ['有效期', '失效'] },
  // Whether an older document still applies (还能用吗): its validity, or its repeal.
  { asked: ['还能用', '还管用', '还有效', '作废'], printed: ['有效期', '失效', '废止'] },
  { asked: ['生效', '开始执行', '开始实施', '起施行'], printed: ['施行', '实施', '起施行'] },
  { asked: ['截止', '最后期限', 'deadline'], printed: ['完成时限', '前完成', '期限'] },
  { asked: ['年纪', '岁数', '多大岁数'], printed: ['年龄', '周岁'] },
  // Acts
  { asked: ['牵头', '主抓', '带头'], printed: ['牵头', '负责'] },
  { asked: ['干什么', '干些什么', '做什么', '做些什么', '干啥', '管什么', '管些什么', '负责什么'], printed: ['职责', '工作职责', '主要职责'] },
  { asked: ['选出来', '怎么选', '挑选', '选人'], printed: ['选聘', '选拔', '遴选', '选择'] },
  { asked: ['定出来', '怎么定', '谁定'], printed: ['确定', '制定', '核定'] },
  { asked: ['流程', '手续', '步骤', '怎么办理'], printed: ['程序', '流程', '手续'] },
  { asked: ['批', '谁批', '批不批', '批下来'], printed: ['审批', '批准'] },
  { asked: ['谁写', '谁来写', '撰写', '编写'], printed: ['起草', '编制'] },
  { asked: ['能当', '当上', '什么人能', '什么样的人', '够格'], printed: ['条件', '担任', '资格'] },
  { asked: ['涨', '涨价', '上涨', '涨得'], printed: ['增长', '增长率', '提高', '加价'] },
  { asked: ['多收钱', '多收费', '多交钱'], printed: ['加价', '累进加价', '收费'] },
  { asked: ['脏', '变脏', '脏了', '发臭'], printed: ['污染', '黑臭'] },
  { asked: ['担责', '被追究'], printed: ['问责', '追责', '追究', '责任追究'] },
  { asked: ['列清单', '列个清单'], printed: ['清单', '目录'] },
  { asked: ['几级', '几个级别', '哪几级'], printed: ['分级', '级别'] },
  { asked: ['分成', '划成', '分几'], printed: ['划分为', '分为', '划分'] },
  { asked: ['建好', '弄好', '做完', '干完', '搞完', '完工'], printed: ['建成', '完成'] },
  { asked: ['结完', '结案', '了结'], printed: ['办结', '审结'] },
  { asked: ['不能', '不可以', '不准', '不许', '不让'], printed: ['不得', '禁止', '严禁'] },
  { asked: ['必须', '一定要'], printed: ['应当', '必须'] },
  { asked: ['交', '上交', '提交', '报上去', '报给'], printed: ['报送', '上报', '提交'] },
  { asked: ['首先', '最先', '第一个'], printed: ['第一'] },
  { asked: ['公开', '公布', '挂网', '晒出来'], printed: ['公开', '公布', '公示'] },
  { asked: ['管', '管理'], printed: ['管理', '管控', '监管'] },
  { asked: ['查', '检查', '查处'], printed: ['检查', '督查', '查处', '执法'] },
  { asked: ['罚', '处罚'], printed: ['处罚', '追究'] },
  { asked: ['辞职', '不干了', '辞掉'], printed: ['辞聘', '解聘'] },
  { asked: ['开除', '辞退'], printed: ['解聘'] },
  { asked: ['考核', '打分', '评分'], printed: ['考核', '评定'] },
  { asked: ['上户口', '户口', '迁户口'], printed: ['落户', '户籍'] },
  { asked: ['当兵', '参军', '服兵役'], printed: ['入伍', '参军', '应征'] },
  { asked: ['退伍', '复员'], printed: ['退役'] },
  { asked: ['考公务员', '考公'], printed: ['公务员考试录用', '招录'] },
  { asked: ['照顾', '优惠政策', '好处'], printed: ['优先', '优待', '优惠', '享受同等政策'] },
  { asked: ['租', '租出去', '往外租'], printed: ['出租', '对外承包', '承租'] },
  { asked: ['卖地', '土地拍卖'], printed: ['国有土地使用权出让', '土地供应'] },
  { asked: ['盖房子', '建房子', '盖楼'], printed: ['工程建设项目', '房屋建筑'] },
  { asked: ['挖土方', '挖土', '动土'], printed: ['土石方作业', '土石方'] },
  // Who explains a document's words (看不明白找谁) is printed as who is 负责解释 it.
  { asked: ['看不明白', '看不懂', '解释'], printed: ['负责解释', '解释'] },
  { asked: ['拆房子', '拆房'], printed: ['房屋拆迁', '拆迁'] },
  // Things
  { asked: ['小型', '小规模'], printed: ['微型', '小型'] },
  { asked: ['工厂', '厂子', '厂家'], printed: ['企业', '工业企业'] },
  { asked: ['烧煤', '用煤'], printed: ['燃煤', '散煤'] },
  { asked: ['房子', '住的地方', '住处'], printed: ['住房', '房屋', '公租房'] },
  { asked: ['医保'], printed: ['医疗保险', '医保'] },
  { asked: ['看病', '住院费'], printed: ['住院医疗费用', '住院费用'] },
  { asked: ['生孩子', '生小孩', '生娃'], printed: ['分娩', '生育'] },
  { asked: ['油', '汽油', '柴油'], printed: ['油品', '汽柴油', '成品油'] },
  { asked: ['大货车', '大车', '重卡'], printed: ['重型车辆', '柴油货车'] },
  { asked: ['挖掘机', '推土机', '工程机械', '农机'], printed: ['非道路移动机械'] },
  { asked: ['尾气'], printed: ['尾气', '排放', '机动车'] },
  { asked: ['清洁能源', '新能源'], printed: ['非化石能源', '清洁能源'] },
  { asked: ['臭水沟', '臭水'], printed: ['黑臭水体'] },
  { asked: ['烧秸秆', '焚烧秸秆'], printed: ['秸秆禁烧', '秸秆焚烧'] },
  { asked: ['冬天'], printed: ['冬防期', '秋冬季', '采暖季'] },
  { asked: ['扶贫'], printed: ['脱贫攻坚', '精准扶贫'] },
  { asked: ['低保'], printed: ['城乡低保', '社会救助'] },
  { asked: ['买东西', '采购'], printed: ['政府采购'] },
  { asked: ['打官司', '诉讼'], printed: ['诉讼', '代理'] },
  { asked: ['案子', '官司'], printed: ['案件'] },
  { asked: ['开会'], printed: ['研讨会', '论证会', '会议'] },
  // Short forms officials say for the gazette's full names.
  { asked: ['环评'], printed: ['环境影响评价'] },
  { asked: ['水保'], printed: ['水土保持'] },
  { asked: ['做出'], printed: ['作出'] },
  { asked: ['科研', '搞研究'], printed: ['科学技术研究', '科学研究', '科研'] },
  { asked: ['资料', '材料'], printed: ['资料', '材料'] },
];

/**
 * Where the question's other words give an asked word another sense than its row's: then the
 * gazette's words for it are these. Money asked about a project or its investment is the amount
 * invested, not a fee paid (投资多少钱 is 计划投资, never 报酬标准). The first row that fits decides.
 */
export const SENSES: { asked: string[]; context: RegExp; printed: string[] }[] = [
  {
    asked: ['钱', '多少钱', '给多少钱', '花多少钱', '要花多少钱', '费用', '花销', '开支'],
    context: /投资|投入|项目|工程|建设|造价|修复|治理/,
    printed: ['投资', '计划投资', '总投资', '资金', '投入'],
  },
  // Carrying a task out (谁来组织实施, 怎么推进实施) is not a rule taking effect (自…起施行).
  { asked: ['实施'], context: /谁|组织|负责|牵头|推进|落实|怎么|如何/, printed: ['实施'] },
  // Paying money is 缴纳 or 支付, not handing in papers (交租金, 交钱 vs 交材料).
  { asked: ['交', '上交'], context: /钱|费|租金|价款|款/, printed: ['缴纳', '付清', '支付'] },
];

/** Words that, after a demonstrative or a numeral, count things (这批项目, 一批企业): then no verb of the thesaurus (批 → 审批). */
const MEASURE_WORDS = new Set(['批']);
const COUNTING = /[这那哪该每首一两几]$/;

/** The gazette's words for `asked` in this question: a sense's, where the question's other words fit one. */
function senseOf(asked: string, question: string, at: number): string[] | null {
  const rest = question.slice(0, at) + question.slice(at + asked.length);
  return SENSES.find((s) => s.asked.includes(asked) && s.context.test(rest))?.printed ?? null;
}

/** A thesaurus as paraphrases() reads it: every printed word with the words printed beside it, every asked word with what it is printed as, longest first. */
interface Lookup {
  printed: { word: string; synonyms: string[] }[];
  asked: { asked: string; printed: string[] }[];
}

function lookupOf(rows: ThesaurusRow[]): Lookup {
  return {
    printed: [...new Set(rows.flatMap((row) => row.printed))]
      .sort((a, b) => b.length - a.length)
      .map((word) => ({ word, synonyms: [...new Set(rows.filter((row) => row.printed.includes(word)).flatMap((row) => row.printed))] })),
    asked: rows.flatMap((row) => row.asked.map((asked) => ({ asked, printed: row.printed }))).sort((a, b) => b.asked.length - a.asked.length),
  };
}

const lookups = new WeakMap<ThesaurusRow[], Lookup>();

/**
 * The thesaurus with a corpus's own names (domain/aliases.ts) as rows of printed words: a question
 * saying either name asks for both. Build once per corpus; paraphrases() keeps its lookup per array.
 */
export function withAliases(aliases: Alias[]): ThesaurusRow[] {
  return [...THESAURUS, ...aliases.map((a) => ({ asked: [], printed: [a.full, a.short] }))];
}

/** Where a question asks in other words: the span, what it says, and what the gazette prints for it. */
export interface Paraphrase {
  at: number;
  asked: string;
  printed: string[];
  /** The question says a gazette word itself; the others are its synonyms. */
  ownWord: boolean;
}

/**
 * The spans of a question that ask in other words (longest first, a character used once), and
 * the gazette's words for each. A question that already says the gazette's word (出租, 不得) is
 * not asking in other words (租, 得), but its synonyms count. `alone` holds the characters the
 * question uses as words of their own, when its segmentation is known: a one-character paraphrase
 * counts only there (交 of 交给, not of 交易; 批 of 谁批, not of 批评), and a measure word only as a
 * verb (批 of 谁批, not of 这批项目).
 */
export function paraphrases(question: string, rows: ThesaurusRow[] = THESAURUS, alone?: Set<string>): Paraphrase[] {
  let lookup = lookups.get(rows);
  if (!lookup) lookups.set(rows, (lookup = lookupOf(rows)));
  const taken = new Array<boolean>(question.length).fill(false);
  const out: Paraphrase[] = [];
  // The asking words (能不能, 有没有) are not the question's subject: 能不能 does not ask about
  // 不能. A paraphrase reaching past them (怎么报) still counts.
  const asking = ASKING.flatMap((w) => spans(question, w));
  const insideAsking = (at: number, length: number) => asking.some(([from, to]) => at >= from && at + length <= to);
  // A gazette word the question says stands for its synonyms too (拨付: 核拨, 支付).
  for (const { word, synonyms } of lookup.printed) {
    for (let at = question.indexOf(word); at >= 0; at = question.indexOf(word, at + 1)) {
      if (taken.slice(at, at + word.length).some(Boolean) || insideAsking(at, word.length)) continue;
      taken.fill(true, at, at + word.length);
      const printed = senseOf(word, question, at) ?? synonyms;
      if (printed.length > 1) out.push({ at, asked: word, printed, ownWord: true });
    }
  }
  for (const { asked, printed } of lookup.asked) {
    if (asked.length === 1 && alone && !alone.has(asked)) continue;
    for (let at = question.indexOf(asked); at >= 0; at = question.indexOf(asked, at + 1)) {
      if (taken.slice(at, at + asked.length).some(Boolean) || insideAsking(at, asked.length)) continue;
      if (MEASURE_WORDS.has(asked) && COUNTING.test(question.slice(0, at))) continue;
      taken.fill(true, at, at + asked.length);
      out.push({ at, asked, printed: senseOf(asked, question, at) ?? printed, ownWord: false });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Where a word stands in a text, each time: [from, to). */
function spans(text: string, word: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) out.push([at, at + word.length]);
  return out;
}

/** The gazette's words for what a question asks in other words, each once. */
export function printedWords(question: string, rows: ThesaurusRow[] = THESAURUS, alone?: Set<string>): string[] {
  return printedOf(paraphrases(question, rows, alone));
}

/** The gazette's words the paraphrases give, each once. */
export function printedOf(phrased: Paraphrase[]): string[] {
  return [...new Set(phrased.flatMap((p) => p.printed))];
}
