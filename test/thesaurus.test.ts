// The words people ask with, the kinds of answer they want, and the ranking that uses both.
import { describe, expect, it } from 'vitest';
import { contentWords, questionWants } from '../domain/question.js';
import { paraphrases, printedWords, SENSES, THESAURUS, withAliases } from '../domain/thesaurus.js';
import { call, seedContext } from './support/seed.js';

const ctx = seedContext();

/** The citations search_gazette gives for a question, best first. */
function cited(query: string, limit: number): { docNumber: string; locator: string }[] {
  const answer = call(ctx, 'search_gazette', { query, limit }).structuredContent as { results: { citation: { docNumber: string; locator: string } }[] };
  return answer.results.map((r) => r.citation);
}

describe('the thesaurus', () => {
  it('is well-formed data: every row asks in other words than it prints, no word asked twice', () => {
    const asked = THESAURUS.flatMap((r) => r.asked);
    expect(new Set(asked).size).toBe(asked.length);
    for (const row of THESAURUS) {
      expect(row.asked.length).toBeGreaterThan(0);
      expect(row.printed.length).toBeGreaterThan(0);
      for (const w of [...row.asked, ...row.printed]) expect(w).toMatch(/^[\u4e00-\u9fffa-z]+$/);
    }
  });

  it('gives the gazette’s words for the common paraphrases', () => {
    expect(printedWords('单位一把手每年要解读几次政策')).toEqual(['主要负责人']);
    expect(printedWords('法律顾问聘期几年')).toEqual(['任期', '聘期']);
    expect(printedWords('退伍的大学生能在中卫上户口吗')).toEqual(['退役', '落户', '户籍']);
    expect(printedWords('法律顾问出差的钱怎么报')).toEqual(['差旅', '差旅费', '经费', '资金', '费用', '报酬', '补助', '报销']);
    // Colloquial verbs for the gazette's compounds: 干什么 asks for 职责, 怎么定 for 确定.
    expect(printedWords('法律顾问平时都干些什么')).toEqual(['职责', '工作职责', '主要职责']);
    expect(printedWords('租金底价怎么定')).toEqual(['租金', '承包价款', '确定', '制定', '核定']);
  });

  it('reads a one-character paraphrase only where the question uses it as a word: 交 of 交给, not of 交易; 批 of 批不批, not of 批评', () => {
    expect(printedWords('资料交给谁', THESAURUS, new Set(['交', '给', '谁']))).toEqual(['资料', '材料', '报送', '上报', '提交']);
    expect(printedWords('国有产权交易机构要备案吗', THESAURUS, new Set(['要', '吗']))).toEqual([]);
    expect(printedWords('公开做得不好会被批评吗', THESAURUS, new Set(['得', '会', '被', '吗']))).not.toContain('审批');
  });

  it('reads the names a text introduces as synonyms: either name asks for both', () => {
    const rows = withAliases([{ full: '市公共资源交易平台', short: '国有产权交易机构' }]);
    expect(printedWords('国有产权交易机构要备案吗', rows)).toEqual(['市公共资源交易平台', '国有产权交易机构']);
    expect(printedWords('市公共资源交易平台在哪', rows)).toEqual(['市公共资源交易平台', '国有产权交易机构']);
    expect(printedWords('国有产权交易机构要备案吗')).not.toContain('市公共资源交易平台');
  });

  it('reads no paraphrase inside the gazette’s own word or an asking word', () => {
    // 出租 is printed, so its 租 asks nothing else; 不得 holds no 得; 能不能 asks, it does not forbid.
    expect(paraphrases('哪些国有资产不得出租').map((p) => [p.asked, p.ownWord])).toEqual([
      ['不得', true],
      ['出租', true],
    ]);
    expect(printedWords('工程验收能不能一起验')).toEqual([]);
  });
});

describe('a paraphrase within its sense', () => {
  it('is well-formed data: a sense changes only words the thesaurus reads', () => {
    const read = new Set(THESAURUS.flatMap((r) => [...r.asked, ...r.printed]));
    for (const sense of SENSES) for (const w of sense.asked) expect(read.has(w), w).toBe(true);
  });

  it('reads money asked about a project as its investment, not a fee: 投资多少钱 is 计划投资, 给律师多少钱 is 报酬', () => {
    expect(printedWords('第三污水处理厂投资多少钱')).toEqual(['投资', '计划投资', '总投资', '资金', '投入']);
    expect(printedWords('湿地保护修复要花多少钱')).toEqual(['投资', '计划投资', '总投资', '资金', '投入']);
    expect(printedWords('第三污水处理厂项目的费用是多少')).toEqual(['投资', '计划投资', '总投资', '资金', '投入']);
    expect(printedWords('请法律顾问审个合同要给多少钱')).toEqual(['报酬', '报酬标准', '付费', '支付']);
    expect(printedWords('法律顾问的费用怎么报')).toEqual(['经费', '资金', '费用', '报酬', '补助', '报销']);
  });

  it('reads 实施 of carrying a task out apart from a rule taking effect: 谁来组织实施 is not 施行', () => {
    expect(printedWords('黄河清水河水污染防治项目谁来组织实施')).toEqual(['污染', '黑臭']);
    expect(printedWords('这个办法什么时候开始实施')).toEqual(['施行', '实施', '起施行']);
  });

  it('reads a case and its closing as the gazette prints them: 案子 is 案件, 结完 is 办结 or 审结, 付 is 支付', () => {
    expect(printedWords('年底案子还没结完钱怎么付', THESAURUS, new Set(['付', '钱']))).toEqual([
      '案件',
      '办结',
      '审结',
      '经费',
      '资金',
      '费用',
      '报酬',
      '补助',
      '付清',
      '缴纳',
      '支付',
    ]);
  });

  it('reads 批 after 这 or 一 as counting things, not approving: 这批项目 asks nothing of 审批, 谁批 does', () => {
    expect(printedWords('这批项目什么时候做完', THESAURUS, new Set(['批']))).toEqual(['建成', '完成']);
    expect(printedWords('这个项目谁批', THESAURUS, new Set(['批', '谁']))).toEqual(['审批', '批准']);
  });

  it('reads 分成 as the gazette’s 划分为, and finds the stages by it', () => {
    expect(printedWords('审批流程分成几个阶段')).toEqual(['审批', '批准', '程序', '流程', '手续', '划分为', '分为', '划分']);
    const hit = cited('审批流程分成几个阶段', 1)[0];
    expect(hit).toMatchObject({ docNumber: '卫政办发〔2019〕68号', locator: '二、（二）' });
  });

  it('reads 生孩子 as the gazette’s 分娩, and finds how a birth in hospital is paid by it', () => {
    expect(printedWords('住院生孩子按什么付费')).toEqual(['分娩', '生育', '报酬', '报酬标准', '付费', '支付']);
    const hit = (
      call(ctx, 'search_gazette', { query: '住院生孩子按什么付费', limit: 1 }).structuredContent as {
        results: { text: string; citation: { locator: string } }[];
      }
    ).results[0];
    expect(hit.citation.locator).toBe('第二条');
    expect(hit.text).toContain('住院分娩按人头付费');
  });

  it('reads the short forms officials say as the gazette’s full names: 环评 is 环境影响评价, 水保 水土保持, 做出 作出', () => {
    expect(printedWords('环评和水保方案做出了吗')).toEqual(['环境影响评价', '水土保持', '作出']);
  });

  it('reads 交 of money as paying, of papers as handing in', () => {
    expect(printedWords('租金什么时候交', THESAURUS, new Set(['交']))).toEqual(['租金', '承包价款', '缴纳', '付清', '支付']);
    expect(printedWords('政策解读材料什么时候交', THESAURUS, new Set(['交']))).toEqual(['资料', '材料', '报送', '上报', '提交']);
  });

  it('ranks a project’s investment above a legal-fee article for 投资多少钱', () => {
    const hits = cited('第三污水处理厂投资多少钱', 3).map((c) => `${c.docNumber} ${c.locator}`);
    expect(hits[0]).toBe('卫政办发〔2019〕49号 附件 序号3');
    expect(hits).not.toContain('卫政规发〔2019〕1号 第五条');
    const spend = cited('湿地保护修复要花多少钱', 1)[0];
    expect(spend).toMatchObject({ docNumber: '卫政办发〔2019〕74号', locator: '三、（二）' });
  });
});

describe('what a question wants', () => {
  it.each([
    ['法律顾问聘期几年', { measures: ['years', 'months'] }],
    ['请法律顾问审个合同要给多少钱', { measures: ['money'] }],
    ['租国有房子的租金多久要交清', { measures: ['workdays', 'days', 'weeks', 'months', 'hours'] }],
    ['政策解读材料什么时候交', { dates: true }],
    ['湿地保护规划啥时候完成', { dates: true }],
    ['前期工作最晚要做完', { dates: true }],
    ['法律顾问的钱谁来管', { units: true }],
    // A unit asked with a word or two between (哪个市级部门, 哪个局); a stage asked (哪个阶段) is none.
    ['湿地保护由哪个市级部门负责', { units: true }],
    ['秸秆禁烧是哪个局牵头', { units: true }],
    ['施工许可属于哪个阶段', {}],
    ['国有资产出租去哪里办', { places: true }],
    ['田力任什么职务', { positions: true }],
    ['法律顾问有哪些事不能做', { list: true }],
    ['医保住院费用按什么办法结算', { definition: true }],
    ['法律顾问是怎么选出来的', { procedure: true }],
    ['年底医保决算额度怎么算', { measures: ['money'], calculation: true }],
    ['出台湿地保护修复制度的目的', { purpose: true }],
    // A class asked (几类) is no figure; a sum asked (加起来一共) wants a total beside the figure.
    ['香山湖的水质目标是几类', { grade: true }],
    ['这批项目加起来一共计划投资多少', { measures: ['*'], total: true }],
  ])('%s', (question, wanted) => {
    expect(questionWants(question)).toEqual({
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
      ...wanted,
    });
  });
});

describe('words a question says that the gazette does not', () => {
  const message = (tool: string, args: Record<string, unknown>) => (call(ctx, tool, args).structuredContent as { message?: string }).message ?? '';

  it("names only words it could not read: a paraphrase is read as the gazette's words (冬天 → 冬防期), 工厂 too, 谁来管 asks who", () => {
    expect(message('find_lead_unit', { task: '冬天工厂错峰生产谁负责' })).not.toContain('没有出现');
    expect(message('find_lead_unit', { task: '洋垃圾谁来管' })).not.toContain('没有出现');
    expect(message('find_lead_unit', { task: '冬天错峰生产的噪声谁来管' })).toContain('公报中没有出现“噪声”');
  });

  it('keeps the content words of a stretch no term covers, not its function words: 上挖掘机这些 → 挖掘机', () => {
    expect(contentWords('上挖掘机这些')).toEqual(['挖掘机']);
    expect(contentWords('噪声还没清完')).toEqual(['噪声']);
    expect(contentWords('现在要多长')).toEqual([]);
    expect(contentWords('扣下来')).toEqual([]);
    // Pronouns, 的时候, bounds (至少, 最晚), light verbs (搞) and one of a unit (一届, 一天) are grammar too.
    expect(contentWords('时候碰')).toEqual([]);
    expect(contentWords('期至少')).toEqual([]);
    expect(contentWords('一届聘')).toEqual([]);
    expect(contentWords('咱市')).toEqual([]);
    expect(contentWords('搞土方')).toEqual(['土方']);
  });

  it('names a content word the question depends on, and nothing else of it', () => {
    expect(message('search_gazette', { query: '冬天错峰生产的噪声还没清完怎么办' })).toBe('公报中没有出现“噪声”；以下只按其余词语检索。');
    // 案子 is read as the gazette's 案件.
    expect(message('search_gazette', { query: '年底案子还没结完钱怎么付' })).toBe('');
    // 挖掘机 is read as the gazette's 非道路移动机械: not a word it lacks.
    expect(message('search_gazette', { query: '工地上挖掘机这些机械的排放谁管' })).toBe('');
    for (const query of ['招标的中标结果多久公开', '挂牌底价最低能定多少', '医保扣下来的质量保证金是多少', '湿地保护修复要花多少钱', '法律顾问指的是什么人']) {
      expect([query, message('search_gazette', { query })]).toEqual([query, '']);
    }
  });

  it('reads 到什么程度 as asking for a degree, not about 程度: the sentence that says it, not one holding 程度', () => {
    const hit = (call(ctx, 'search_gazette', { query: '公共资源分配的信息要公开到什么程度', limit: 1 }).structuredContent as { results: { answer: string }[] })
      .results[0];
    expect(hit.answer).toContain('实现公共资源配置全程公开、全程留痕。');
    expect(hit.answer).not.toContain('程度显著提高');
  });

  it('never names the words that only say what is asked (啥时候, 有啥, 只有, 怎么办)', () => {
    for (const query of [
      '湿地保护规划啥时候完成',
      '法律顾问有啥条件',
      '只有国控断面要达到Ⅱ类吗',
      '污泥不达标怎么办',
      '第一污水处理厂一天能处理多少',
      '他们这批新任职的试用期多长',
      '湿地保护规划最晚啥时候完成',
      '咱市审批系统啥时候对接',
    ]) {
      expect([query, message('search_gazette', { query })]).toEqual([query, '']);
    }
    expect(message('search_gazette', { query: '湿地保护规划啥时候完成，噪声怎么办' })).toBe('公报中没有出现“噪声”；以下只按其余词语检索。');
  });
});

describe('lead units for a task asked in other words', () => {
  const first = (task: string) => (call(ctx, 'find_lead_unit', { task }).structuredContent as { matches: { task: string; leadUnits: string[] }[] }).matches[0];

  it("finds the task by the gazette's words for the question's: 臭水沟 → 黑臭水体, 大货车 → 柴油货车", () => {
    expect(first('臭水沟治理谁牵头')).toMatchObject({ task: '打好城市黑臭水体治理攻坚战', leadUnits: ['市住房和城乡建设局'] });
    expect(first('大货车谁管')).toMatchObject({ task: '开展柴油货车污染治理专项行动', leadUnits: ['市交通运输局', '市生态环境局'] });
  });
});

describe('search ranking', () => {
  const first = (query: string) => cited(query, 3)[0];

  it('finds a text by its title words and the clause by the rest: 国有资产出租 有效期 is 第十一条, not a table row naming the 办法', () => {
    expect(first('国有资产出租实施办法有效期')).toMatchObject({ docNumber: '卫政办规发〔2019〕2号', locator: '第十一条' });
  });

  it('keeps a lead-in with its items: 法律顾问的报酬 is 经费管理办法 第五条 with its four items', () => {
    const r = call(ctx, 'search_gazette', { query: '法律顾问的报酬标准', limit: 1 });
    const hit = (r.structuredContent as { results: { text: string; citation: { locator: string } }[] }).results[0];
    expect(hit.citation.locator).toBe('第五条');
    expect(hit.text).toContain('（四）代理行政复议案件按1000—1500元每件计算');
  });

  it('reads titles in 《》 when the question asks for a document: 湿地公园有没有管理办法 → the item that makes 《湿地公园管理办法》', () => {
    expect(first('湿地公园有没有管理办法')).toMatchObject({ docNumber: '卫政办发〔2019〕74号', locator: '二、（四）1.' });
  });

  it('prefers steps for a question asking how: 怎么选出来的 → 第十四条 选聘程序, not 第十条 who selects', () => {
    expect(first('法律顾问是怎么选出来的')).toMatchObject({ docNumber: '卫政规发〔2019〕1号', locator: '第十四条' });
  });

  it('answers 为了什么 with the article that states the purpose (为深入推进…)', () => {
    expect(first('出台按病种分值结算办法是为了什么')).toMatchObject({ docNumber: '卫政办规发〔2019〕3号', locator: '第一条' });
  });

  it('prefers the passage stating the kind of answer asked: 聘期几年 → 任期两年', () => {
    expect(first('法律顾问聘期几年')).toMatchObject({ docNumber: '卫政规发〔2019〕1号', locator: '第十五条' });
    expect(first('一把手每年要解读几次政策')).toMatchObject({ docNumber: '卫政办发〔2019〕44号' });
  });
});
