// check_draft's generalised rules, each on the bundled issue's own text: a task's lead and supporting units and its
// deadline against the task itself, in the forms drafts restate them; a date of effect said with 印发; a modal on an
// act however the sentence is worded; parity and frequency words as drafts spell them; units drafts name (部门, 财政).
import { describe, expect, it } from 'vitest';
import { DraftChecker, sameUnit } from '../domain/draft-check.js';
import { seedContext } from './support/seed.js';

const ctx = seedContext();
const checker = new DraftChecker(ctx.gazette);
const brief = (text: string, scope: string) =>
  checker.check(text, scope).findings.map((f) => [f.kind, f.text, f.verdict, f.expected ?? null, f.source?.locator ?? null]);
const TAG_43 = '【卫政办发〔2019〕43号 · 二、（三）2.】';

describe('check_draft: a task restated, against the task', () => {
  it.each([
    [
      'a wrong lead unit (由X牵头), cited',
      '卫政办发〔2019〕43号',
      `实施分类处置，由市财政局牵头。${TAG_43}`,
      [
        ['claim', '市财政局', 'mismatch', '市工业和信息化局', '二、（三）2.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（三）2.', 'verified', null, '二、（三）2.'],
      ],
    ],
    [
      'a wrong supporting unit (X牵头…，Y配合), uncited',
      '卫政办发〔2019〕43号',
      '市工业和信息化局牵头实施分类处置，市财政局配合。',
      [['claim', '市财政局', 'mismatch', '市发展和改革委员会、市生态环境局、市自然资源局、市应急管理局、中卫工业园区管委会', '二、（三）2.']],
    ],
    ['units without their level, in a list, all right', '卫政办发〔2019〕43号', '实施分类处置，工业和信息化局牵头，生态环境局、自然资源局配合。', []],
    [
      'a supporting unit said to lead, cited by a bracketed path after the sentence',
      '卫政办发〔2019〕74号',
      '加强湿地保护科学技术研究由市自然资源局牵头（二、（五）2.）。',
      [
        ['claim', '市自然资源局', 'mismatch', '市科学技术局', '二、（五）2.'],
        ['citation', '二、（五）2.', 'verified', null, '二、（五）2.'],
      ],
    ],
    [
      'the lead unit shortened (市科技局 for 市科学技术局)',
      '卫政办发〔2019〕74号',
      '加强湿地保护科学技术研究由市科技局牵头（二、（五）2.）。',
      [['citation', '二、（五）2.', 'verified', null, '二、（五）2.']],
    ],
    [
      'a wrong deadline',
      '卫政办发〔2019〕43号',
      `实施分类处置，须于2019年9月底前完成。${TAG_43}`,
      [
        ['date', '2019年9月底', 'mismatch', '2019年底', '二、（三）2.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（三）2.', 'verified', null, '二、（三）2.'],
      ],
    ],
    [
      'the right deadline without its year (年底前)',
      '卫政办发〔2019〕43号',
      `实施分类处置，年底前完成。${TAG_43}`,
      [
        ['date', '年底前', 'verified', null, '二、（三）2.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（三）2.', 'verified', null, '二、（三）2.'],
      ],
    ],
    [
      'a deadline as a half year, a quarter, a part of a month, or a year said relative to the document’s',
      '卫政办发〔2019〕43号',
      `实施分类处置，2019年上半年完成；实施分类处置，第三季度末前完成；实施分类处置，9月中旬前完成；实施分类处置，明年底前完成。${TAG_43}`,
      [
        ['date', '2019年上半年', 'mismatch', '2019年底', '二、（三）2.'],
        ['date', '第三季度末', 'mismatch', '2019年底', '二、（三）2.'],
        ['date', '9月中旬前', 'mismatch', '2019年底', '二、（三）2.'],
        ['date', '明年底前', 'mismatch', '2019年底', '二、（三）2.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（三）2.', 'verified', null, '二、（三）2.'],
      ],
    ],
    [
      'the right deadline as 今年年底前, 年内, 第四季度末',
      '卫政办发〔2019〕43号',
      `实施分类处置，今年年底前完成；实施分类处置，年内完成；实施分类处置，第四季度末前完成。${TAG_43}`,
      [
        ['date', '今年年底前', 'verified', null, '二、（三）2.'],
        ['date', '年内', 'verified', null, '二、（三）2.'],
        ['date', '第四季度末', 'verified', null, '二、（三）2.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（三）2.', 'verified', null, '二、（三）2.'],
      ],
    ],
    [
      'a deadline alone, in Chinese numerals, against the cited clause’s task',
      '卫政办发〔2019〕43号',
      '完成时限：二〇一九年十二月三十一日。【卫政办发〔2019〕43号 · 二、（一）1.】',
      [
        ['date', '二〇一九年十二月三十一日', 'verified', null, '二、（一）1.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（一）1.', 'verified', null, '二、（一）1.'],
      ],
    ],
  ])('%s', (_kind, scope, text, expected) => {
    expect(brief(text, scope)).toEqual(expected);
  });
});

describe('check_draft: claims as drafts word them', () => {
  it.each([
    [
      'a date of effect written with 印发 (自印发之日即…起施行)',
      '卫政办规发〔2019〕2号',
      '本办法自印发之日即2019年4月26日起施行。',
      [['date', '2019年4月26日', 'mismatch', '2019年5月1日', '第十一条']],
    ],
    [
      'a permission where the clause forbids, the sentence reworded',
      '卫政办发〔2019〕74号',
      '经批准的单位可以开垦、填埋湿地（二、（一）5.）。',
      [
        ['claim', '可以', 'mismatch', '禁止开垦、填埋、排干湿地和永久性截断湿地水源', '二、（一）5.'],
        ['citation', '二、（一）5.', 'verified', null, '二、（一）5.'],
      ],
    ],
    [
      'the prohibition restated',
      '卫政办发〔2019〕74号',
      '湿地禁止开垦、填埋（二、（一）5.）。',
      [['citation', '二、（一）5.', 'verified', null, '二、（一）5.']],
    ],
    [
      'a prohibition where a clause permits',
      '卫政规发〔2019〕1号',
      '首席法律顾问和专职法律顾问不得报销差旅费。',
      [['claim', '不得', 'mismatch', '可以报销因法律顾问工作产生的业务费和差旅费', '第四条（五）']],
    ],
    [
      '双数 for 奇数',
      '卫政规发〔2019〕1号',
      '研讨会或论证会召集的法律顾问人数须为双数（第二十四条）。',
      [
        ['claim', '双数', 'mismatch', '奇数', '第二十四条'],
        ['citation', '第二十四条', 'verified', null, '第二十四条'],
      ],
    ],
    [
      '单数 is 奇数',
      '卫政规发〔2019〕1号',
      '研讨会或论证会召集的法律顾问人数须为单数（第二十四条）。',
      [['citation', '第二十四条', 'verified', null, '第二十四条']],
    ],
    ['月度考核 for 季度考核', '卫政规发〔2019〕1号', '法律助理考核分月度考核和年度考核。', [['claim', '月度', 'mismatch', '季度、年度', '第三十三条']]],
    ['季度考核 and 年度考核 as the clause has them', '卫政规发〔2019〕1号', '法律助理考核分季度考核和年度考核。', []],
    [
      'a department (部门) for the unit that interprets',
      '卫政办规发〔2019〕2号',
      '本办法由市国有资产监督管理部门负责解释。',
      [['claim', '市国有资产监督管理部门', 'mismatch', '市财政局', '第十二条']],
    ],
    [
      'who pays (由X财政负担)',
      '卫政规发〔2019〕2号',
      '入伍大学生义务兵家庭优待金由自治区财政全额负担。',
      [['claim', '自治区财政', 'mismatch', '同级财政', '二、（二）']],
    ],
    [
      'a rule without exception (一律) where the clause allows one (原则上)',
      '卫政规发〔2019〕1号',
      '法律顾问审查合同、涉法性文件、出具法律意见，一律不超过5个工作日。',
      [
        ['claim', '一律', 'mismatch', '原则上不超过5个工作日', '第十八条'],
        ['number', '5个工作日', 'verified', null, '第十八条'],
      ],
    ],
    [
      'a rule as a rule (原则上) where the clause allows none (一律)',
      '卫政办发〔2019〕43号',
      '各县（区）城市建成区原则上禁止新建35蒸吨/小时以下燃煤锅炉。',
      [['claim', '原则上', 'mismatch', '各县（区）城市建成区一律禁止新建35蒸吨/小时以下燃煤锅炉', '二、（九）1.']],
    ],
    ['一律 before a prohibition, as the clause has it', '卫政办发〔2019〕43号', '各县（区）城市建成区一律禁止新建35蒸吨/小时以下燃煤锅炉。', []],
    [
      'a permission where the clause obliges with 一律',
      '卫政办发〔2019〕43号',
      '未达标排放的企业可以依法停产整治。',
      [['claim', '可以', 'mismatch', '未达标排放的企业一律依法停产整治', '二、（四）1.']],
    ],
    [
      'a permission where the clause refuses (不予)',
      '卫政办发〔2019〕43号',
      '已封堵的排污口经批准可以开封。',
      [['claim', '可以', 'mismatch', '已封堵的排污口坚决不予开封', '二、（一）9.']],
    ],
    [
      'encouraged (鼓励) where the clause forbids',
      '卫政办发〔2019〕43号',
      '重点区域鼓励新建、扩建产生异味的生物发酵项目。',
      [['claim', '鼓励', 'mismatch', '重点区域不得新建、扩建产生异味的生物发酵项目', '二、（二）']],
    ],
    [
      "a unit without its level as its clause's subject (财政局要…)",
      '卫政办发〔2019〕85号',
      '财政局要结合自治区要求，认真贯彻落实民政部《慈善组织信息公开办法》，督促指导全市各级慈善组织切实依法公开各类信息。',
      [['claim', '财政局', 'mismatch', '市民政局', '三、（二）']],
    ],
    [
      'a connective before the subject unit is not part of its name (同时市民政局要…)',
      '卫政办发〔2019〕85号',
      '同时市民政局要结合自治区要求，认真贯彻落实民政部《慈善组织信息公开办法》，督促指导全市各级慈善组织切实依法公开各类信息。',
      [],
    ],
    [
      'a unit without its level before 负责, where the clause has it support',
      '卫政办发〔2019〕43号',
      '严格控制煤炭消费总量，生态环境局负责。【卫政办发〔2019〕43号 · 二、（五）1.】',
      [
        ['claim', '生态环境局', 'mismatch', '市发展和改革委员会', '二、（五）1.'],
        ['citation', '卫政办发〔2019〕43号 · 二、（五）1.', 'verified', null, '二、（五）1.'],
      ],
    ],
    [
      'the lead unit shortened, without its level, before 负责 (发改委负责)',
      '卫政办发〔2019〕43号',
      '严格控制煤炭消费总量，发改委负责。【卫政办发〔2019〕43号 · 二、（五）1.】',
      [['citation', '卫政办发〔2019〕43号 · 二、（五）1.', 'verified', null, '二、（五）1.']],
    ],
    [
      'a unit that reviews (经X审查), compared with its sentence rather than the paragraph that names the unit elsewhere',
      '卫政办发〔2019〕44号',
      '政府规章、规范性文件的解读材料发布前需经市政府办公室审查。',
      [['claim', '市政府办公室', 'mismatch', '市司法局', '三、']],
    ],
    [
      'the unit applied to (向X申请)',
      '卫政规发〔2019〕2号',
      '没有就业或自主创业的，直接向市住房和城乡建设局申请公租房。',
      [['claim', '市住房和城乡建设局', 'mismatch', '退役军人事务局申请', '五、']],
    ],
    [
      'the unit paid to (上缴X)',
      '卫政办规发〔2019〕2号',
      '扣除相关费用后按照政府非税收入管理有关规定上缴市国资委。',
      [['claim', '市国资委', 'mismatch', '市财政局', '第五条（七）']],
    ],
    [
      'as a rule (原则上) where the clause forbids without exception',
      '卫政办发〔2019〕43号',
      '优先保护类耕地集中区域原则上不新建有色金属冶炼、化工、焦化、电镀等行业企业。',
      [['claim', '原则上', 'mismatch', '禁止', '二、（一）2.']],
    ],
    [
      'a level in a word (养殖区) is no unit: the unit after 由 is read',
      '卫政办发〔2019〕43号',
      '水产禁止和限制养殖区划定由市农业农村局牵头，2019年12月底前完成。',
      [['date', '2019年12月底', 'verified', null, '二、（一）11.']],
    ],
    [
      'a date labelled as the issuing date (印发时间：…)',
      '卫政干发〔2019〕15号',
      '印发时间：2019年9月27日。',
      [['date', '2019年9月27日', 'verified', null, '正文']],
    ],
    [
      'the month of a yearly act, as the clause words it and not',
      '卫政规发〔2019〕2号',
      '每年4月结合兵役登记集中开展征兵法规政策宣传活动；每年6月结合兵役登记集中开展征兵法规政策宣传活动。',
      [
        ['date', '4月', 'verified', null, '六、'],
        ['date', '6月', 'unverifiable', null, null],
      ],
    ],
    [
      'the year a target is set for (到2020年，…)',
      '卫政办发〔2019〕85号',
      '到2020年，全市社会公益事业建设领域政府信息公开成为常态化制度安排；到2021年，成为常态化制度安排。',
      [
        ['date', '2020年', 'verified', null, '一、'],
        ['date', '2021年', 'unverifiable', null, null],
      ],
    ],
  ])('%s', (_kind, scope, text, expected) => {
    expect(brief(text, scope)).toEqual(expected);
  });
});

describe('check_draft: a draft in questions and answers', () => {
  it('aligns an answer with its question, which names what the answer speaks of', () => {
    // Alone, the answer is closest to another clause, whose units it does not name.
    expect(brief('问：建设项目用地预审结果由谁公开？\n答：由各县（区）人民政府（管委会）和市自然资源局负责。', '卫政办发〔2019〕85号')).toEqual([]);
  });
});

describe('sameUnit', () => {
  it.each([
    ['市科技局', '市科学技术局', true],
    ['生态环境局', '市生态环境局', true],
    ['市发改委', '市发展和改革委员会', true],
    ['市审计局', '市审批服务管理局', false],
    ['县生态环境局', '市生态环境局', false],
    ['同时市民政局', '市民政局', true],
    ['督促财政局', '市财政局', true],
    ['沙坡头区生态环境局', '市生态环境局', false],
    ['市财政局', '市市场监督管理局', false],
    ['住房城乡建设部门', '市住房和城乡建设局', true],
    ['市国有资产监督管理部门', '市财政局', false],
  ])('%s / %s → %s', (written, named, same) => {
    expect(sameUnit(written, named)).toBe(same);
  });
});
