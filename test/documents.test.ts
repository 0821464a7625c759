// The bundled gazette, cleaned and separated: every expected text below is the printed text of
// 《中卫市人民政府公报》2019.NO.4, read off the page and joined by hand.
import { describe, expect, it } from 'vitest';
import { allUnplaced } from '../corpus/issue.js';
import { clause, nodeAt, notice, seedIssue, textOf } from './support/seed.js';

const issue = seedIssue();

describe('notices of 2019.NO.4', () => {
  it('finds the 12 notices with their 文号, dates and issuers', () => {
    expect(issue.notices.map((n) => [n.docNumber, n.date, n.issuer])).toEqual([
      ['卫政办发〔2019〕43号', '2019-04-30', '中卫市人民政府办公室'],
      ['卫政办发〔2019〕44号', '2019-05-06', '中卫市人民政府办公室'],
      ['卫政办发〔2019〕49号', '2019-05-15', '中卫市人民政府办公室'],
      ['卫政办发〔2019〕68号', '2019-08-30', '中卫市人民政府办公室'],
      ['卫政办发〔2019〕74号', '2019-09-23', '中卫市人民政府办公室'],
      ['卫政办发〔2019〕85号', '2019-10-29', '中卫市人民政府办公室'],
      ['卫政办规发〔2019〕2号', '2019-04-26', '中卫市人民政府办公室'],
      ['卫政办规发〔2019〕3号', '2019-07-01', '中卫市人民政府办公室'],
      ['卫政规发〔2019〕1号', '2019-05-08', '中卫市人民政府'],
      ['卫政规发〔2019〕2号', '2019-09-27', '中卫市人民政府、中卫军分区'],
      ['卫政干发〔2019〕14号', '2019-09-05', '中卫市人民政府'],
      ['卫政干发〔2019〕15号', '2019-09-27', '中卫市人民政府'],
    ]);
  });

  it('reads titles, recipients, public markers and the page each notice starts on', () => {
    const n44 = notice(issue, '卫政办发〔2019〕44号');
    expect(n44.title).toBe('关于进一步加强政策解读有关事项的通知');
    expect(n44.recipients).toBe('各县（区）人民政府（管委会），市政府各部门、直属机构');
    expect(n44.publicNote).toBe('此件公开发布 联系人：黄凯 联系电话： 0955-7068826');
    const n1 = notice(issue, '卫政规发〔2019〕1号');
    expect(n1.title).toBe('关于印发《中卫市人民政府法律顾问管理办法》《中卫市人民政府法律顾问工作经费管理办法》的通知');
    expect(n1.recipients).toBe('各县（区）人民政府，海兴开发区管理委员会，市人民政府各部门、直属机构');
    expect(notice(issue, '卫政办发〔2019〕43号').page).toBe(3);
    expect(notice(issue, '卫政办发〔2019〕74号').page).toBe(33);
  });

  it('separates every text a notice issues, with its kind', () => {
    const parts = (doc: string) => notice(issue, doc).parts.map((p) => [p.kind, p.title]);
    expect(parts('卫政办发〔2019〕43号')).toEqual([
      ['安排', '2019年度中卫市打赢蓝天保卫战行动计划重点工作安排'],
      ['安排', '中卫市2019年水污染防治重点工作安排'],
      ['安排', '2019年度中卫市“净土保卫战”行动计划重点工作安排'],
    ]);
    expect(parts('卫政办发〔2019〕85号').map((p) => p[1])).toEqual([
      '推进重大建设项目批准和实施领域政府信息公开的实施方案',
      '推进社会公益事业建设领域政府信息公开的实施方案',
      '推进公共资源配置领域政府信息公开的实施方案',
    ]);
    expect(parts('卫政规发〔2019〕1号')).toEqual([
      ['办法', '中卫市人民政府法律顾问管理办法'],
      ['办法', '中卫市人民政府法律顾问工作经费管理办法'],
    ]);
    expect(parts('卫政规发〔2019〕2号')).toEqual([['实施办法', '贯彻落实《宁夏回族自治区征集高素质兵员激励政策措施》的实施办法']]);
    expect(parts('卫政办发〔2019〕49号')).toEqual([['附件', '中卫市国家重点流域水污染防治规划2019-2020年建设项目表']]);
    expect(parts('卫政办发〔2019〕44号')).toEqual([['附件', '以市人民政府办公室名义印发的重要政策性文件解读任务分解表']]);
    expect(parts('卫政干发〔2019〕14号')).toEqual([]);
  });

  it('builds outlines: 第X章/第X条 for 办法, 一、/（一）/1. for 方案 and 安排', () => {
    const legal = textOf(issue, '卫政规发〔2019〕1号', '法律顾问管理办法');
    expect(legal.outline.map((n) => n.locator)).toEqual(['第一章', '第二章', '第三章', '第四章', '第五章', '第六章', '第七章', '第八章']);
    expect(legal.outline[7].children.map((n) => n.locator)).toEqual(['第三十八条', '第三十九条']);
    const funds = textOf(issue, '卫政规发〔2019〕1号', '经费管理办法');
    expect(funds.outline.map((n) => n.locator).join(' ')).toBe(
      '第一条 第二条 第三条 第四条 第五条 第六条 第七条 第八条 第九条 第十条 第十一条 第十二条 第十三条 第十四条 第十五条 第十六条 第十七条 第十八条 第十九条',
    );
    expect(nodeAt(funds, '第五条').children.map((n) => n.locator)).toEqual(['第五条（一）', '第五条（二）', '第五条（三）', '第五条（四）']);
    const wetland = textOf(issue, '卫政办发〔2019〕74号', '湿地');
    expect(wetland.outline.map((n) => `${n.locator}${n.heading}`)).toEqual(['一、总体要求', '二、主要任务', '三、保障措施']);
    expect(nodeAt(wetland, '二、（一）').children.map((n) => n.locator)).toEqual([
      '二、（一）1.',
      '二、（一）2.',
      '二、（一）3.',
      '二、（一）4.',
      '二、（一）5.',
    ]);
    const node = nodeAt(wetland, '二、（一）1.');
    expect([node.pageFrom, node.pageTo]).toEqual([33, 34]);
  });
});

describe('texts cut by another notice’s header are rejoined', () => {
  it('湿地 方案 二、（一）1. (cut by the 74号 header mid-word)', () => {
    expect(clause('卫政办发〔2019〕74号', '湿地', '二、（一）1.')).toBe(
      '1.科学划定湿地生态保护红线。根据全市湿地保护情况，落实纳入生态保护红线的湿地范围，具体到湿地地块，明确保护职责。［市自然资源局牵头，市发展和改革委员会、生态环境局、水务局、农业农村局、宁夏沙坡头旅游产业集团有限责任公司等单位配合，各县（区）人民政府落实。］',
    );
  });

  it('国有资产出租 办法 第四条 (cut by the 卫政办规发〔2019〕2号 header)', () => {
    expect(clause('卫政办规发〔2019〕2号', '国有资产', '第四条')).toBe(
      [
        '第四条 市本级行政事业单位国有资产有下列情形之一的，不得出租（对外承包）：',
        '（一）已被依法查封、冻结的；',
        '（二）权属不清或产权有争议的；',
        '（三）未取得其他共有人同意的；',
        '（四）法律法规规章或国家和自治区有关文件规定不得出租（对外承包）的。',
      ].join('\n'),
    );
  });

  it('医疗保险 办法 第六条 (cut by the 卫政办规发〔2019〕3号 header)', () => {
    expect(clause('卫政办规发〔2019〕3号', '医疗', '第六条')).toBe(
      [
        '第六条 协议医疗机构住院统筹基金实行收支预算与年度决算管理，收支预算与年度决算应向社会公布。',
        '协议医疗机构年度住院统筹基金总量，按市、县（区）医疗保险预算方案分配的专项用于按病种分值结算协议医疗机构住院费用的可支付总额确定。城镇职工基本医疗保险住院统筹基金包括基本医疗保险和大额医疗费用补助项目，城乡居民基本医疗保险住院统筹基金包括个人缴费和各级财政补助项目。',
        '住院统筹基金收支预算方案由市、县（区）医疗保险经办机构编制，经同级医疗保障、财政部门审核批复后执行。',
      ].join('\n'),
    );
  });

  it('法律顾问管理办法 第二条 (cut by the 卫政规发〔2019〕1号 header)', () => {
    expect(clause('卫政规发〔2019〕1号', '法律顾问管理办法', '第二条')).toBe(
      '第二条 本办法所指市人民政府法律顾问（以下简称法律顾问），是由市司法局选聘，为市人民政府、市领导及市直各部门提供法律服务的人员。',
    );
  });

  it('重大建设项目 方案 二、 (cut by the 85号 header)', () => {
    expect(clause('卫政办发〔2019〕85号', '重大建设', '二、')).toContain(
      '各县（区）人民政府（管委会）和市政府有关部门可根据本区域本行业特点和工作侧重点，进一步明确本级本行业重大建设项目范围。',
    );
  });

  it('经费管理办法 第十五条 (continues after the 兵员 notice’s header)', () => {
    expect(clause('卫政规发〔2019〕1号', '经费管理办法', '第十五条')).toBe(
      '第十五条 领取报酬开具的正式含税发票包括个人劳务费发票和普通税务发票。\n发票原件交市司法局财务科室，复印件由市法律顾问室存档。',
    );
  });

  it('政策解读 notice: its header printed after its first paragraph', () => {
    const body = notice(issue, '卫政办发〔2019〕44号').body;
    expect(body.text.startsWith('做好政策解读是提升政府公信力执行力，保障公众知情权、参与权、表达权和监督权的重要举措。')).toBe(true);
    expect(nodeAt(body, '一、').text).toBe(
      '一、明确解读范围\n市人民政府本级政策解读范围：贯彻落实市委、人民政府重要文件的实施意见；市人民政府规章；以市人民政府或市人民政府办公室名义印发的重要政策性文件；市政府各部门（单位）自行出台的重要政策性文件（不包括司法解释）。特别对属于主动公开且涉及面广、社会关注度高、专业性强的重要政策性文件，应当重点解读。各县（区）参照自治区做法确定解读范围。',
    );
    expect(body.text).not.toContain('关于进一步加强政策解读有关事项的通知卫政办发');
  });
});

describe('texts interleaved column by column are routed apart', () => {
  it('法律顾问管理办法 第三十五条–第三十九条 come back to their 办法', () => {
    expect(clause('卫政规发〔2019〕1号', '法律顾问管理办法', '第三十五条')).toBe(
      '第三十五条 特邀法律顾问和法律助理违反法律法规受到行政刑事处罚，或者违反本办法第二十七条规定的，直接予以解聘。',
    );
    expect(clause('卫政规发〔2019〕1号', '法律顾问管理办法', '第三十六条')).toBe(
      [
        '第三十六条 法律顾问工作经费纳入每年市本级预算，实行专款专用。经费使用情况接受同级审计、财政部门的监督。',
        '工作经费结余时按照财务制度结转结余资金，如不足则按照实际支出追加经费。',
        '如当年工作经费不足，且财政无法追加时，向签订法律顾问合同的顾问单位进行诉讼案件指派，所需费用由委托单位自行承担。',
        '市司法局每年度末向市人民政府汇报业务办理及经费使用情况。',
      ].join('\n'),
    );
    expect(clause('卫政规发〔2019〕1号', '法律顾问管理办法', '第三十九条')).toBe('第三十九条 本办法自2019年6月1日起实施，有效期至2021年5月31日。');
    expect(clause('卫政规发〔2019〕1号', '法律顾问管理办法', '第七章')).toContain('第三十七条 工作经费的具体标准和支出程序');
  });

  it('经费管理办法 第五条 keeps （三）（四） printed after those articles', () => {
    expect(clause('卫政规发〔2019〕1号', '经费管理办法', '第五条')).toBe(
      [
        '第五条 特邀法律顾问提供法律服务报酬标准：',
        '（一）审查合同、涉法性文件、其他法律文件，参与法律事务研究出具法律意见、培训讲课等非诉讼法律服务项目，根据耗费的必要工作时间和法律事务的难易程度不同，按照500-1500元每件次计算。',
        '（二）代理民事诉讼案件，参照《中卫市律师业服务收费指导意见》代理民事案件标准下浮30%-50%执行；案情简单，耗费精力少的，或者特邀法律顾问未参与调解撤诉的案件，可以低于50%支付。',
        '（三）代理不涉及财产关系的民事、行政、仲裁诉讼案件按平均1000—20000元每件计算，涉及财产关系的行政、仲裁案件，按代理民事案件标准付费。',
        '（四）代理行政复议案件按1000—1500元每件计算；行政复议中涉及财产关系的按照代理民事案件标准付费。',
      ].join('\n'),
    );
    const funds = textOf(issue, '卫政规发〔2019〕1号', '经费管理办法');
    expect(funds.text).not.toContain('第三十五条');
    expect(funds.text).not.toContain('优选应征');
  });

  it('the 49号 project table rows printed inside the 68号 方案 go back to the table', () => {
    const plan = textOf(issue, '卫政办发〔2019〕68号', '审批制度改革实施方案');
    expect(plan.text).not.toContain('小湖、千岛湖');
    expect(nodeAt(plan, '一、').children.map((n) => n.locator)).toEqual(['一、（一）', '一、（二）', '一、（三）']);
    expect(clause('卫政办发〔2019〕68号', '审批制度改革实施方案', '一、（三）')).toBe(
      '（三）主要目标。2019年下半年，全市政府投资项目全流程审批时间压减至115个工作日以内、社会投资项目全流程审批时间压减至75个工作日以内，2020年底，实现全区统一的工程建设项目审批和管理体系。',
    );
    const table = textOf(issue, '卫政办发〔2019〕49号', '建设项目表');
    expect(table.outline.map((n) => n.locator)).toEqual([
      '附件 序号1',
      '附件 序号2',
      '附件 序号3',
      '附件 序号4',
      '附件 序号5',
      '附件 序号6',
      '附件 序号7',
      '附件 序号8',
      '附件 序号9',
      '附件 序号10',
      '附件 合计',
    ]);
    expect(nodeAt(table, '附件 序号8').text).toContain('小湖、千岛湖空间');
  });

  it('the 兵员 实施办法 resumes with 一、 after the 经费 articles', () => {
    expect(clause('卫政规发〔2019〕2号', '兵员', '一、')).toBe(
      '一、优选应征\n大学毕业生、大学在校生和大学新生预征对象优先体检政考、优先审批定兵、优先选择兵种、优先安排去向，保证应征大学生合格一个批准一个。',
    );
  });
});

describe('page furniture is gone and words split by it are whole', () => {
  it('水污染 安排 13. runs across a page number and a running header', () => {
    expect(clause('卫政办发〔2019〕43号', '水污染', '二、（一）13.')).toBe(
      '13.建立有利于节水减排的水价机制。2019年底设市城市实行非居民用水超定额累进加价制度，并按照补偿污水处理和污泥处置设施运营成本并合理盈利的原则，制定污水处理收费标准。（市市场监督管理局牵头，市住房和城乡建设局、水务局参与。）',
    );
  });

  it('蓝天 安排 二、（一）2. rejoins 市工业和 / 信息化局 across a page start', () => {
    expect(clause('卫政办发〔2019〕43号', '蓝天', '二、（一）2.')).toBe(
      '2.加大产业布局调整力度。按照自治区城市建成区重污染企业退城搬迁实施方案，对城市建成区进行全面的排查，对存在重大生态环境风险隐患、群众反映强烈的企业搬迁改造。（牵头单位：市工业和信息化局、生态环境局、发展和改革委员会；配合单位：市财政局、应急管理局、自然资源局、住房和城乡建设局；完成时限：2019年底。）',
    );
  });

  it('蓝天 安排 （二十五） keeps its second paragraph (错峰生产)', () => {
    const text = clause('卫政办发〔2019〕43号', '蓝天', '二、（二十五）');
    expect(text.split('\n')).toHaveLength(2);
    expect(text.split('\n')[1].startsWith('在冬防期（12月1日至来年3月10日）实施重点行业错峰生产')).toBe(true);
  });

  it('no text holds page furniture or another notice’s header', () => {
    for (const n of issue.notices) {
      for (const t of [n.body, ...n.parts]) {
        expect(t.text, `${n.docNumber} ${t.title}`).not.toMatch(/公报》|NO\.4|\d+- -|【[^】]*】/);
        for (const other of issue.notices) {
          // A header is issuer, title and 文号 printed together; quoting a title in a sentence is fine.
          expect(t.text, `${n.docNumber} ${t.title}`).not.toContain(`${other.title}${other.docNumber}`);
          expect(t.text.split('\n'), `${n.docNumber} ${t.title}`).not.toContain(other.title);
          expect(t.text.split('\n'), `${n.docNumber} ${t.title}`).not.toContain(other.docNumber);
        }
      }
    }
    expect(issue.furniture.map((f) => `${f.kind}:${f.page}`)).toEqual([
      'page-number:11',
      'running-header:12',
      'page-number:42',
      'running-header:43',
      'page-number:44',
      'running-header:45',
      'page-number:47',
      'running-header:48',
      'banner:65',
      'banner:66',
    ]);
  });

  it('reads validity the texts state', () => {
    const v = (doc: string, words: string) => {
      const p = textOf(issue, doc, words) as { validFrom?: string | null; validUntil?: string | null };
      return [p.validFrom, p.validUntil];
    };
    expect(v('卫政办规发〔2019〕2号', '国有资产')).toEqual(['2019-05-01', '2021-04-30']);
    expect(v('卫政办规发〔2019〕3号', '医疗')).toEqual(['2019-07-01', '2020-12-31']);
    expect(v('卫政规发〔2019〕1号', '经费管理办法')).toEqual(['2019-06-01', '2021-05-31']);
    expect(v('卫政办发〔2019〕74号', '湿地')).toEqual([null, null]);
  });

  it('reports the reading-order jumps it made and nothing left unplaced', () => {
    expect(allUnplaced(issue)).toEqual([]);
    // Every fact marker found was placed: 12 headers, 497 outline markers, 468 responsibility notes and rows, 17 任免 clauses.
    expect(issue.audit).toEqual({
      header: { found: 12, placed: 12 },
      outline: { found: 497, placed: 497 },
      responsibility: { found: 468, placed: 468 },
      appointment: { found: 17, placed: 17 },
      // 85号 附件2's 序号6-7 and 附件3's four blocks read as a row each: five more; 附件1's 序号2, a row a sub-item: five more again.
      text: { found: 801, placed: 801 },
    });
    // The one numbering slip of the print is read as printed, and said.
    // (Besides the tables whose cells are not aligned: test/tables.test.ts.)
    const tables = /could not be told apart|could not be aligned|printed column by column/;
    expect(
      issue.notices
        .flatMap((n) => n.warnings)
        .filter((w) => !tables.test(w.message))
        .map((w) => [w.lineNo, w.message]),
    ).toEqual([[9134, '卫政规发〔2019〕1号 （六） after 第二十七条（四）: the printed numbering skips a number; read as printed']]);
    const jumps = issue.routes.map((r) => r.lineNo);
    expect(jumps).toEqual(expect.arrayContaining([3260, 3361, 9287, 9328, 9524, 9571]));
  });
});
