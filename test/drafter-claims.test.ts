// check_draft compares claims, not strings: each kind of error a drafter makes, on the bundled
// issue's own text, gets its verdict and the source's words; correct sentences that mention dates
// of effect, table totals or another article pass; and every tag draft_explainer prints is accepted.
import { describe, expect, it } from 'vitest';
import { DraftChecker } from '../domain/draft-check.js';
import { call, seedContext } from './support/seed.js';

const ctx = seedContext();
const checker = new DraftChecker(ctx.gazette);
const brief = (text: string, scope: string) =>
  checker.check(text, scope).findings.map((f) => [f.kind, f.text, f.verdict, f.expected ?? null, f.source?.locator ?? null]);

describe('check_draft: each kind of error, with the words of the clause that holds the claim', () => {
  it.each([
    [
      'permission for a prohibition',
      '卫政办发〔2019〕43号',
      '重点区域可以新建、扩建产生异味的生物发酵项目。',
      [['claim', '可以', 'mismatch', '重点区域不得新建、扩建产生异味的生物发酵项目', '二、（二）']],
    ],
    [
      'a unit in the wrong role',
      '卫政办发〔2019〕43号',
      '领导小组办公室设在市住房和城乡建设局，负责统筹抓好全市大气污染防治目标任务的落实。',
      [['claim', '市住房和城乡建设局', 'mismatch', '市生态环境局', '三、（二十九）']],
    ],
    ['a number in the wrong unit', '卫政办发〔2019〕43号', '淘汰炉膛直径3厘米以下燃料类煤气发生炉。', [['number', '3厘米', 'mismatch', '3米', '二、（四）4.']]],
    [
      'days for working days',
      '卫政办规发〔2019〕2号',
      '没有具体要求的，公告期应当不少于10日。',
      [['number', '10日', 'mismatch', '10个工作日', '第五条（三）']],
    ],
    [
      'a quantity word',
      '卫政办规发〔2019〕2号',
      '公告期满，产生三个及以上符合条件的意向承租（包）方的，由国有产权交易机构组织网络竞价。',
      [['claim', '三个', 'mismatch', '两个', '第五条（四）']],
    ],
    [
      'a frequency',
      '卫政规发〔2019〕1号',
      '特邀法律顾问考核应每季度进行一次。',
      [
        ['claim', '每季度', 'mismatch', '每年度', '第三十二条'],
        ['number', '一次', 'verified', null, '第三十二条'],
      ],
    ],
    ['parity', '卫政规发〔2019〕1号', '组织研讨会或论证会召集的法律顾问人数应当是偶数。', [['claim', '偶数', 'mismatch', '奇数', '第二十四条']]],
    [
      'the base of a rate',
      '卫政规发〔2019〕1号',
      '按照500-1500元每小时计算。',
      [
        ['number', '500-1500元', 'verified', null, '第五条（一）'],
        ['claim', '每小时', 'mismatch', '每件次', '第五条（一）'],
      ],
    ],
    [
      'a deadline without its year',
      '卫政办发〔2019〕49号',
      '要求确保在9月底前完成工程前期准备工作，2020年底前完成项目建设。',
      [
        ['date', '9月底', 'mismatch', '6月底', '正文'],
        ['date', '2020年底', 'verified', null, '正文'],
      ],
    ],
    [
      'a probation length and a count',
      '卫政干发〔2019〕15号',
      '杨宝翟、李彬、张建华两名同志任职试用期为六个月。',
      [
        ['claim', '两名', 'mismatch', '3名', '正文'],
        ['number', '六个月', 'mismatch', '一年', '正文'],
      ],
    ],
    [
      'a permission for an obligation',
      '卫政办发〔2019〕43号',
      '各级人民政府可以对本行政区域土壤污染防治和安全利用负总责，政府主要领导是第一责任人。【卫政办发〔2019〕43号 · 三、22.】',
      [
        ['claim', '可以', 'mismatch', '各级人民政府应当对本行政区域土壤污染防治和安全利用负总责', '三、22.'],
        ['citation', '卫政办发〔2019〕43号 · 三、22.', 'verified', null, '三、22.'],
      ],
    ],
    [
      'a prohibition in a short clause, read with the clause before it',
      '卫政规发〔2019〕1号',
      '对拟研讨论证事项，不得现场调研。',
      [['claim', '不得', 'mismatch', '可以现场调研', '第二十六条（三）']],
    ],
    [
      'a bound turned the other way',
      '卫政规发〔2019〕1号',
      '法律顾问审查合同、涉法性文件、出具法律意见，原则上不少于5个工作日。',
      [
        ['claim', '不少于', 'mismatch', '原则上不超过5个工作日', '第十八条'],
        ['number', '5个工作日', 'verified', null, '第十八条'],
      ],
    ],
    [
      'a bound on a number the source bounds twice, told apart by the words after it',
      '卫政规发〔2019〕1号',
      '5000元以下工作经费支出由市司法局分管财务副局长签批，5000元以下（含5000元）工作经费支出应经市司法局党组会议研究讨论。',
      [
        ['number', '5000元', 'verified', null, '第九条'],
        ['number', '5000元', 'verified', null, '第九条'],
        ['claim', '以下', 'mismatch', '5000元以上', '第九条'],
        ['number', '5000元', 'verified', null, '第九条'],
      ],
    ],
    [
      'a bound on words, not a number',
      '卫政办发〔2019〕43号',
      '中宁县康滩水源地水质不高于现状。',
      [['claim', '不高于', 'mismatch', '中宁县康滩水源地水质不低于现状', '一、']],
    ],
    [
      'the unit of a table row, in its 责任单位 column',
      '卫政办发〔2019〕49号',
      '沙坡头区第九排水沟下段治理工程由市生态环境局负责实施。',
      [['claim', '市生态环境局', 'mismatch', '市水务局', '附件 序号1']],
    ],
    [
      'a supporting unit said to be responsible, against the note 牵头单位：X',
      '卫政办发〔2019〕43号',
      '严格控制煤炭消费总量，由市生态环境局负责。【卫政办发〔2019〕43号 · 二、（五）1.】',
      [
        ['claim', '市生态环境局', 'mismatch', '市发展和改革委员会', '二、（五）1.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（五）1.', 'verified', null, '二、（五）1.'],
      ],
    ],
    [
      'a unit for a level of government',
      '卫政办发〔2019〕43号',
      '未达到治理要求的，由市国资委依法责令停业或关闭。',
      [['claim', '市国资委', 'mismatch', '县级以上人民政府', '二、（一）2.']],
    ],
    [
      'a lead unit in a note of roles alone, judged on the task of the clause it cites',
      '卫政办发〔2019〕43号',
      '（市水务局牵头，市水务局、住房和城乡建设局、卫生健康委员会等参与。【卫政办发〔2019〕43号 · 二、（三）21.】',
      [
        ['claim', '市水务局', 'mismatch', '市生态环境局', '二、（三）21.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（三）21.', 'verified', null, '二、（三）21.'],
      ],
    ],
    [
      "a unit written as its clause's subject, doing what the source gives another unit",
      '卫政办发〔2019〕85号',
      '市财政局要结合自治区要求，认真贯彻落实民政部《慈善组织信息公开办法》，督促指导全市各级慈善组织切实依法公开各类信息。',
      [['claim', '市财政局', 'mismatch', '市民政局', '三、（二）']],
    ],
    [
      'a permission at the step where the source puts an obligation, the act reworded',
      '卫政办发〔2019〕44号',
      '以市人民政府或市人民政府办公室名义印发的政策性文件，牵头起草部门上报代拟稿时可以先报送文件，解读材料在印发后补报。',
      [['claim', '可以', 'mismatch', '牵头起草部门上报代拟稿时应', '三、']],
    ],
    [
      'a refusal where the clause discloses with care (不予 for 予以)',
      '卫政办发〔2019〕85号',
      '对公民身份号码、详细家庭住址、银行账号等涉及个人隐私的信息，一律不予公开。',
      [['claim', '不予', 'mismatch', '选择恰当的方式和范围予以公开', '三、（四）']],
    ],
    [
      'a permission on an act the clause negates (可领取 for 不领取)',
      '卫政规发〔2019〕1号',
      '首席法律顾问和专职法律顾问提供法律服务，可按件领取劳务报酬。',
      [['claim', '可', 'mismatch', '首席法律顾问和专职法律顾问提供法律服务不领取任何劳动报酬', '第四条（五）']],
    ],
    [
      'single for double (单排 for 双排)',
      '卫政办发〔2019〕49号',
      '第九排水沟下段治理工程计划在桩号K18+630处设节制闸，向北铺设单排直径1.2米钢筋砼排水管道。',
      [
        ['claim', '单排', 'mismatch', '双排', '附件 序号1'],
        ['number', '1.2米', 'verified', null, '附件 序号1'],
      ],
    ],
    [
      'all for one of several (全部 for 多选一)',
      '卫政办发〔2019〕44号',
      '表后备注写明，解读渠道和解读方式均须全部采用。',
      [['claim', '全部', 'mismatch', '多选一', '附件 注']],
    ],
    [
      'a post without its rank (主任 for 副主任)',
      '卫政干发〔2019〕14号',
      '田力同志任市政府办公室主任。',
      [['claim', '主任', 'mismatch', '田力同志任市政府办公室副主任', '正文']],
    ],
    [
      'an act called needless that the source states (无需参照)',
      '卫政办发〔2019〕44号',
      '各县（区）可自行确定解读范围，无需参照自治区做法。',
      [['claim', '无需', 'mismatch', '各县（区）参照自治区做法确定解读范围', '一、']],
    ],
    [
      'a district said to do what a row gives a bureau',
      '卫政办发〔2019〕49号',
      '序号8小湖、千岛湖空间管控工程由沙坡头区负责实施。',
      [
        ['citation', '序号8', 'verified', null, '附件 序号8'],
        ['claim', '沙坡头区', 'mismatch', '市自然资源局', '附件 序号8'],
      ],
    ],
    [
      'a deadline made a start (9月30日后 for 9月30日前)',
      '卫政办发〔2019〕68号',
      '9月30日后，由市发展和改革委员会牵头制定项目生成管理办法。【卫政办发〔2019〕68号 · 附件 序号27】',
      [
        ['date', '9月30日', 'mismatch', '9月30日前', '附件 序号27'],
        ['citation', '卫政办发〔2019〕68号 · 附件 序号27', 'verified', null, '附件 序号27'],
      ],
    ],
    [
      'a supporting unit said to lead alone (由X单独牵头)',
      '卫政办发〔2019〕74号',
      '加大资金投入力度一项由市自然资源局单独牵头。',
      [['claim', '市自然资源局', 'mismatch', '各县（区）人民政府、市财政局', '三、（二）']],
    ],
    [
      'a note of roles alone, judged on the task the sentence before it names',
      '卫政办发〔2019〕43号',
      '实施露天矿山综合整治。\n责任单位：市应急管理局牵头。',
      [['claim', '市应急管理局', 'mismatch', '市自然资源局', '二、（十九）']],
    ],
    [
      'a unit under a label of its act (解读单位), against the unit the row labels so, not the one its title names',
      '卫政办发〔2019〕44号',
      '富硒产业发展实施方案的解读单位是市生态环境局。',
      [['claim', '市生态环境局', 'mismatch', '市农业农村局', '附件 序号2']],
    ],
    [
      'a unit in the place of another, by the words after it (X研究确定)',
      '卫政办发〔2019〕49号',
      '市生态环境局研究确定了中卫市国家重点流域水污染防治规划2019-2020年建设项目。',
      [['claim', '市生态环境局', 'mismatch', '市人民政府', '正文']],
    ],
    [
      'a unit in the place of another, by the words either side of it (报X审定)',
      '卫政规发〔2019〕1号',
      '法律助理的考核结果报市人民政府审定。',
      [['claim', '市人民政府', 'mismatch', '市司法局', '第三十三条']],
    ],
    [
      'a short clause putting a unit in a role, read alone where a source sentence says it whole',
      '卫政规发〔2019〕1号',
      '《管理办法》由市司法局负责解释，自2019年6月1日起实施。',
      [
        ['claim', '市司法局', 'mismatch', '市人民政府', '第三十八条'],
        ['date', '2019年6月1日', 'verified', null, '第三十九条'],
      ],
    ],
    [
      'a holder of an act that is no unit, its act worded otherwise under the same condition',
      '卫政办规发〔2019〕2号',
      '成交结果公示无异议的，由出租单位与承租方直接签订合同。',
      [['claim', '出租单位', 'mismatch', '国有产权交易机构', '第五条（六）']],
    ],
    [
      'a permission where the source puts an obligation on the same doer under the same condition, the act another',
      '卫政办发〔2019〕44号',
      '上报材料不齐全的，市人民政府办公室可以先行受理并通知补报。',
      [['claim', '可以', 'mismatch', '市人民政府办公室按规定予以退文', '三、']],
    ],
    [
      'a permission where the source forbids the act at the same time',
      '卫政办规发〔2019〕2号',
      '在挂牌交易期间，出租资产可以由单位继续使用。',
      [['claim', '可以', 'mismatch', '挂牌交易期间不得使用', '第五条（三）']],
    ],
    [
      'a permission where the source obliges the act for the same documents',
      '卫政办发〔2019〕44号',
      '对涉及面广、社会关注度高、专业性强的重要政策性文件，可以酌情解读。',
      [['claim', '可以', 'mismatch', '应当重点解读', '一、']],
    ],
    [
      'a prohibition written after its act, where the source only manages the act',
      '卫政办发〔2019〕74号',
      '湿地区域挖砂、取土、开矿等活动一律不得开展。',
      [['claim', '不得', 'mismatch', '进一步加强对湿地区域挖砂、取土、开矿、引进外来物种和涉外科学考察等活动的管理。', '二、（一）5.']],
    ],
    [
      'a post without the rank the source gives it, past a modifier (专职副主任)',
      '卫政干发〔2019〕14号',
      '王建虎同志任市禁毒委员会办公室主任。',
      [['claim', '主任', 'mismatch', '王建虎同志任市禁毒委员会办公室专职副主任', '正文']],
    ],
    [
      'a person said to do what the source says another did',
      '卫政干发〔2019〕15号',
      '张建华同志调任试用期为一年。',
      [
        ['claim', '张建华', 'mismatch', '董兴华', '正文'],
        ['number', '一年', 'verified', null, '正文'],
      ],
    ],
    [
      'a deadline moved to another stage of the work',
      '卫政办发〔2019〕68号',
      '环境影响评价、节能评价、取水许可等调整到项目竣工验收前完成。',
      [['claim', '项目竣工验收前', 'mismatch', '项目开工前', '二、（一）4.']],
    ],
    ['all of a kind said of some of it', '卫政办发〔2019〕74号', '将全市重要湿地纳入监管范围。', [['claim', '重要', 'mismatch', '所有', '一、（二）']]],
    [
      'each of a kind said of some of it',
      '卫政办发〔2019〕43号',
      '各工业园区管委会要督促部分企业在厂区内设置生态环境保护宣传标语3条以上。',
      [['claim', '部分', 'mismatch', '每个', '三、（三十二）']],
    ],
  ])('%s', (_kind, scope, text, expected) => {
    expect(brief(text, scope)).toEqual(expected);
  });

  it('checks a date in Chinese numerals against what its clause speaks of: issuing, taking effect', () => {
    expect(brief('本办法于二〇一九年四月二十六日印发，自二〇一九年六月一日起施行。', '卫政办规发〔2019〕2号')).toEqual([
      ['date', '二〇一九年四月二十六日', 'verified', null, '第一条'],
      ['date', '二〇一九年六月一日', 'mismatch', '2019年5月1日', '第十一条'],
    ]);
  });

  it('calls an obligation no clause states a mismatch, naming the closest clause', () => {
    const [claim] = checker.check('签约前，承租方须缴纳相当于三个月租金的履约保证金。', '卫政办规发〔2019〕2号').findings;
    expect(claim).toMatchObject({ kind: 'claim', text: '承租方须缴纳相当于三个月租金的履约保证金', verdict: 'mismatch', source: { locator: '第五条（七）' } });
    expect(claim.note).toContain('中没有这项要求');
  });

  it('calls an obligation appended to a rule of the text invented, though the rule is there', () => {
    expect(
      brief(
        '公告期满，产生两个及以上符合条件的意向承租（包）方的，由国有产权交易机构组织网络竞价确定最终承租（包）方，法律助理应当撰写研讨论证结果汇报材料。',
        '卫政办规发〔2019〕2号',
      ),
    ).toEqual([['claim', '法律助理应当撰写研讨论证结果汇报材料', 'mismatch', null, '第五条（三）']]);
  });

  it("reads a path after the document's short name (按方案二、（三）) and a 见办法第十五条 as citations, not as claims", () => {
    expect(brief('按方案二、（三），审批流程原则上划分为立项用地规划许可、工程建设许可、施工许可、竣工验收四个阶段。', '卫政办发〔2019〕68号')).toEqual([
      ['citation', '二、（三）', 'mismatch', '卫政办发〔2019〕68号 二、（二）', '二、（二）'],
    ]);
    expect(brief('第十九条规定，协议医疗机构不得为具备诊治能力的参保患者办理转院。', '卫政办规发〔2019〕3号')).toEqual([
      ['citation', '第十九条', 'mismatch', '卫政办规发〔2019〕3号 第二十一条', '第二十一条'],
    ]);
    expect(brief('参保患者体内置放材料不受实际报销比例标准的控制，见办法第十五条。', '卫政办规发〔2019〕3号')).toEqual([
      ['citation', '第十五条', 'mismatch', '卫政办规发〔2019〕3号 第十六条', '第十六条'],
    ]);
  });

  it('calls a citation wrong when another clause holds what the sentence says, and names it', () => {
    expect(
      brief('市本级行政事业单位国有资产有下列情形之一的，不得出租：已被依法查封、冻结的。【卫政办规发〔2019〕2号 · 第五条】', '卫政办规发〔2019〕2号'),
    ).toEqual([['citation', '卫政办规发〔2019〕2号 · 第五条', 'mismatch', '卫政办规发〔2019〕2号 第四条', '第四条']]);
  });
});

describe('check_draft: correct sentences pass', () => {
  it('verifies issue date, date of effect and end of validity in one sentence that mentions 印发', () => {
    expect(
      brief(
        '《中卫市人民政府法律顾问管理办法》（卫政规发〔2019〕1号）于2019年5月8日印发，自2019年6月1日起施行，有效期至2021年5月31日。',
        '卫政规发〔2019〕1号',
      ).map((f) => [f[1], f[2]]),
    ).toEqual([
      ['《中卫市人民政府法律顾问管理办法》（卫政规发〔2019〕1号', 'verified'],
      ['2019年5月8日', 'verified'],
      ['2019年6月1日', 'verified'],
      ['2021年5月31日', 'verified'],
    ]);
  });

  it('reads an article a sentence names as its subject, not as a wrong citation', () => {
    expect(brief('法律顾问违反本办法第二十七条规定的，直接予以解聘。', '卫政规发〔2019〕1号')).toEqual([
      ['citation', '第二十七条', 'verified', null, '第二十七条'],
    ]);
  });

  it('reads a date followed by 前 as a deadline, not as the issuing date, whatever else the row says (新闻发布会)', () => {
    expect(brief('市残联 2019 年 5 月 24 日前完成解读，解读渠道为新闻发布会。【卫政办发〔2019〕44号 · 附件 序号8】', '卫政办发〔2019〕44号')).toEqual([
      ['date', '2019 年 5 月 24 日', 'verified', null, '附件 序号8'],
      ['citation', '卫政办发〔2019〕44号 · 附件 序号8', 'verified', null, '附件 序号8'],
    ]);
  });

  it("passes a unit written as its clause's subject where the source names it so, and the source's modal at the same step", () => {
    expect(
      brief('市民政局要结合自治区要求，认真贯彻落实民政部《慈善组织信息公开办法》，督促指导全市各级慈善组织切实依法公开各类信息。', '卫政办发〔2019〕85号'),
    ).toEqual([]);
    expect(
      brief(
        '以市人民政府或市人民政府办公室名义印发的政策性文件，牵头起草部门上报代拟稿时应将经本部门主要负责人审定的解读方案和解读材料作为附件一并报送。',
        '卫政办发〔2019〕44号',
      ),
    ).toEqual([]);
  });

  it('passes the same claims said rightly: a note of roles after its task, units with a bracket after or before them, persons, stages, modals', () => {
    for (const [text, scope] of [
      ['加快淘汰老旧车。牵头单位：市交通运输局。', '卫政办发〔2019〕43号'],
      ['建设项目用地预审结果由各县（区）人民政府（管委会）和市自然资源局负责公开。', '卫政办发〔2019〕85号'],
      ['加强城市绿化建设（市自然资源局牵头，市住房和城乡建设局、农业农村局配合）。', '卫政办发〔2019〕43号'],
      ['法律助理的考核结果报市司法局审定。', '卫政规发〔2019〕1号'],
      ['成交结果公示无异议的，由国有产权交易机构组织交易双方签订合同。', '卫政办规发〔2019〕2号'],
      ['王建虎同志任市禁毒委员会办公室专职副主任。', '卫政干发〔2019〕14号'],
      ['决定张龙同志任宁夏中卫工业园区管委会常务副主任，董兴华、张建华同志任宁夏中卫工业园区管委会副主任。', '卫政干发〔2019〕15号'],
      ['节能评价、取水许可等调整到项目开工前完成。', '卫政办发〔2019〕68号'],
      ['方案要求将全市所有湿地纳入监管范围。', '卫政办发〔2019〕74号'],
    ])
      expect(brief(text, scope)).toEqual([]);
  });

  it('reads the digits of a name (PM10年均) as words, not as a period', () => {
    expect(brief('海原县PM10年均浓度较2018年下降1.2%。', '卫政办发〔2019〕43号')).toEqual([['number', '1.2%', 'verified', null, '一、']]);
  });

  it("checks a unit in a role against its paragraph's note where its sentence names a unit only in passing (以市、县（区）政府文件公开发布)", () => {
    expect(brief('水产禁止和限制养殖区划定由市农业农村局牵头，2019年12月底前完成。', '卫政办发〔2019〕43号')).toEqual([
      ['date', '2019年12月底', 'verified', null, '二、（一）11.'],
    ]);
  });

  it("aligns a claim about a table row with that row's cells, by the project its sentence names", () => {
    expect(brief('小湖、千岛湖空间管控工程：计划投资5000万元，由市自然资源局负责，2020年开工。', '卫政办发〔2019〕49号')).toEqual([
      ['number', '5000万元', 'verified', null, '附件 序号8'],
    ]);
    expect(brief('海原县老城区饮用水水源地规范化建设：对洪家醋厂、鼠疫监测中心拆迁补偿并进行生态修复，计划投资5000万元。', '卫政办发〔2019〕49号')).toEqual([
      ['number', '5000万元', 'mismatch', '1300万元', '附件 序号5'],
    ]);
    // A row cited by its number alone (序号9…), its year cell (开工年度：2020年) compared; a row the words leave tied named by the figure only it prints.
    expect(brief('序号9沙坡头区农村饮水安全水源保护工程开工年度为2020年。', '卫政办发〔2019〕49号')).toEqual([
      ['citation', '序号9', 'verified', null, '附件 序号9'],
      ['date', '2020年', 'verified', null, '附件 序号9'],
    ]);
    expect(brief('序号9沙坡头区农村饮水安全水源保护工程开工年度为2019年。', '卫政办发〔2019〕49号').map((f) => f.slice(0, 3))).toEqual([
      ['citation', '序号9', 'verified'],
      ['date', '2019年', 'mismatch'],
    ]);
    expect(brief('该项目计划投资8849.32万元，责任单位为市水务局。', '卫政办发〔2019〕49号')).toEqual([
      ['number', '8849.32万元', 'verified', null, '附件 序号2'],
      ['claim', '市水务局', 'mismatch', '应理城乡市政产业（集团）公司', '附件 序号2'],
    ]);
    // A 备注 merged over rows (9月30日前，建立红黑名单制度。12月30日前，实现互联互通。) is read sentence by sentence.
    expect(brief('信用体系建设｜红黑名单制度｜2019年12月30日前建立。', '卫政办发〔2019〕68号')).toEqual([
      ['date', '2019年12月30日', 'mismatch', '2019年9月30日', '附件 序号35'],
    ]);
  });

  it('finds a table total the table prints without its unit, cited at the total row', () => {
    expect(brief('项目表共列10个项目，计划总投资合计60611.48万元。', '卫政办发〔2019〕49号')).toEqual([
      ['number', '60611.48万元', 'verified', null, '附件 合计'],
    ]);
  });
});

describe('the two tools agree', () => {
  it('accepts every tag draft_explainer prints (正文, 附件 序号24-26, 二、（一）1.…)', () => {
    const refused: string[] = [];
    for (const notice of ctx.gazette.notices()) {
      for (const text of ctx.gazette.texts(notice).filter((t) => t.role !== 'attachment')) {
        const o = call(ctx, 'draft_explainer', { document: `${notice.docNumber} ${text.title}` }).structuredContent as
          | { elements?: { points: { citation: { locator: string } }[] }[] }
          | undefined;
        const locators = [...new Set((o?.elements ?? []).flatMap((e) => e.points.map((p) => p.citation.locator)))];
        const draft = locators.map((l) => `见此处。【${notice.docNumber} · ${l}】`).join('\n');
        for (const f of checker.check(draft, notice.docNumber).findings)
          if (f.kind === 'citation' && f.verdict !== 'verified') refused.push(`${f.text}: ${f.note}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('accepts every locator verify_quote and the lists print: each paragraph (附件, a table header) and each task (附件 序号25 of rows printed as 序号24-26)', () => {
    const refused: string[] = [];
    for (const notice of ctx.gazette.notices()) {
      const paragraphs = ctx.gazette.texts(notice).flatMap((t) => ctx.gazette.paragraphs(t).map((p) => p.locator || '正文'));
      const tasks = ctx.gazette
        .listTasks({ units: null, role: 'any', docNumber: notice.docNumber, dueFrom: null, dueTo: null }, { offset: 0, limit: 500 })
        .tasks.map((t) => t.citation.locator);
      const draft = [...new Set([...paragraphs, ...tasks])].map((l) => `见此处。【${notice.docNumber} · ${l}】`).join('\n');
      for (const f of checker.check(draft, notice.docNumber).findings)
        if (f.kind === 'citation' && f.verdict !== 'verified') refused.push(`${f.text}: ${f.note}`);
    }
    expect(refused).toEqual([]);
  });
});
