// The words of a hit a model reads: the sentence with the asked-for figure, never cut before it;
// a list item under its lead-in; a table row's matching cells. Passages are the bundled issue's.
import { describe, expect, it } from 'vitest';
import { answeringWords } from '../domain/answer-focus.js';
import { questionWants } from '../domain/question.js';
import { THESAURUS } from '../domain/thesaurus.js';
import { DEFAULT_SEARCH_OPTIONS } from '../search/options.js';
import { focusOf, readQuestion } from '../search/question.js';

const SHOWN = DEFAULT_SEARCH_OPTIONS.answer;

const ask = (question: string, terms: string[], weights?: number[]) => ({ terms, weights, wants: questionWants(question) });

const WATER_3 =
  '3.强化城镇生活污水治理。实施城镇污水处理“提质增效”行动，加快污水管网建设，强化城中村、老旧城区和城乡结合部污水截流、收集，进一步完善、提升、优化城镇污水收集处理系统。现有城镇生活污水处理设施不能满足需求的，要加快新建或扩建，补齐短板。2019年，中卫市第一污水处理厂生活污水处理率达到94%以上，中宁县第一、第二、第三、海原县第二污水处理厂生活污水处理率达到84%以上，现有5个城镇污水处理厂稳定达到或优于一级A排放标准。加快污泥无害化处理处置设施建设，对城镇污水处理设施产生的污泥进行稳定化、无害化和资源化处理处置，禁止处理处置不达标的污泥进入耕地。未进行无害化和资源化处理处置的污泥须全部进入正规垃圾无害化填埋场进行填埋处理，依法取缔非法污泥堆放点。中卫市第一污水处理厂污泥无害化处理处置率2019年争取达到85%以上。';

const LEGAL_AIDE =
  '第十二条 法律助理应符合以下条件：（一）具有中华人民共和国国籍；（二）遵守宪法、法律、法规，思想品德端正，廉洁奉公，责任心强；（三）年龄在20周岁以上40周岁以下；（四）具有国家承认的高等院校法学专科学历以上；（五）自愿从事法律顾问工作及行政辅助工作。';

const WETLAND_4 =
  '4.完善湿地保护管理体系。编制中卫市湿地保护发展规划。各县（区）人民政府具体负责实施本行政区域湿地保护修复工作，编制本行政区域湿地保护发展规划。对生态敏感和脆弱区的重要湿地，通过设立湿地自然保护区、湿地公园、水产种质资源保护区等方式加强保护。加强各级湿地保护管理机构建设，加快完善湿地保护管理体系建设，夯实保护基础。［市自然资源局牵头，市发展和改革委员会、生态环境局、水务局、农业农村局、编办等单位配合，各县（区）人民政府落实。］';

const LEGAL_19 =
  '第十九条 有下列情况之一的，按照具体时限要求办理：\n（一）市人民政府常务会议、专题会议等安排的具有时限要求的事务；\n（二）市领导批示的急办件；\n（三）上报、回复自治区司法厅、市人民政府、市领导的具有时限要求的事务；\n（四）其他情况特殊的事务。';

const LEGAL_4 =
  '第四条 工作经费支出范围：\n（一）购置法律书籍、资料费，购置必要的办案设备费用，培训费用，宣传费用等；\n（二）特邀法律顾问和法律助理提供法律服务的报酬；\n（三）组织法律顾问召开研讨会、论证会；\n（四）法律助理的基本工资、社会保险及绩效工资；\n（五）其他用于法律顾问开展工作、办理法律业务的费用。\n首席法律顾问和专职法律顾问提供法律服务不领取任何劳动报酬，可以报销因法律顾问工作产生的业务费和差旅费。\n工作经费不得用于开支奖金和福利支出，不得开支捐赠、赞助、投资等，严禁以任何方式谋取私利。';

const WATER_49 =
  '为严格落实《中卫市贯彻落实中央环境保护督察“回头看”及水环境问题专项督察反馈意见整改方案》要求，加强对黄河、清水河流域水污染防治，确保黄河中卫段水质达标，结合工作实际，市人民政府研究确定中卫市国家重点流域水污染防治规划2019-2020年建设项目。现将建设项目印发给你们，请各县（区）、有关部门按照建设内容，进一步明确责任，明确时间节点，加大工作力度，确保在6月底前完成工程前期准备工作，2020年底前完成项目建设，实现稳定运行。';

describe('answeringWords', () => {
  it('shows the sentence that states the asked-for figure, far into a long passage, whole, under the passage heading', () => {
    const words = answeringWords(WATER_3, ask('第一污水处理厂污泥无害化处理处置率要达到多少', ['第一污水处理厂', '污泥', '无害化', '处置率']), SHOWN);
    expect(words).toBe('3.强化城镇生活污水治理。…中卫市第一污水处理厂污泥无害化处理处置率2019年争取达到85%以上。');
  });

  it('answers a 谁 question with the note naming who does the item, whatever words the note shares', () => {
    expect(answeringWords(WETLAND_4, ask('湿地保护规划谁来编', ['湿地保护', '湿地', '保护', '规划']), SHOWN)).toBe(
      '4.完善湿地保护管理体系。…各县（区）人民政府具体负责实施本行政区域湿地保护修复工作，编制本行政区域湿地保护发展规划。…' +
        '加强各级湿地保护管理机构建设，加快完善湿地保护管理体系建设，夯实保护基础。' +
        '［市自然资源局牵头，市发展和改革委员会、生态环境局、水务局、农业农村局、编办等单位配合，各县（区）人民政府落实。］',
    );
  });

  it('answers a 哪些 question with every item under the lead-in, not only the best one', () => {
    expect(answeringWords(LEGAL_19, ask('哪些事情法律顾问要按时限办', ['事情', '时限']), SHOWN)).toBe(LEGAL_19);
  });

  it('weighs a rare word above common ones: 奖金 finds the sentence that forbids it, among sentences about 经费 and 法律顾问', () => {
    const question = ask('法律顾问的经费能发奖金吗', ['法律顾问', '经费', '奖金'], [3.3, 2.5, 5.1]);
    expect(answeringWords(LEGAL_4, question, SHOWN)).toBe(
      '第四条 工作经费支出范围：…工作经费不得用于开支奖金和福利支出，不得开支捐赠、赞助、投资等，严禁以任何方式谋取私利。',
    );
  });

  it('reads a figure through extraction spaces (20 个工 作日) as the figure asked for', () => {
    const row =
      '3 招标投标 信息 招标核准信息、招标公告、资格 预审公告、中标候选人公示、中 标结果公告、合同订立及履行 情况、招标投标违法处罚信息 等 信息形成或变更 之日起 20 个工 作日内予以公 开；' +
      '除法律法规 另有规定外，行 政许可、行政处 罚事项应当自作 出行政决定之日 起 7 个工作日内 上网公开';
    expect(answeringWords(row, ask('招标的中标结果多久公开', ['招标', '中标', '结果', '公开']), SHOWN)).toBe(`${row.slice(0, row.indexOf('；') + 1)}…`);
  });

  it('answers a 哪些 question with the sentence that lists, over one that repeats the question’s words', () => {
    const text =
      '第十条 协议医疗机构考核系数的确定。\n考核系数反映各协议医疗机构在费用的控制和质量的监管、保障参保人员权益等方面实际运行数据与控制标准之间的比例关系。\n' +
      '具体考核指标项目包括重复住院率、次均住院费用增长率、实际报销比例等指标。其中，重复住院率为重复住院率考核标准与该院本年度实际重复入院率之比；';
    expect(answeringWords(text, ask('医院考核系数看哪些指标', ['考核', '系数', '指标']), SHOWN)).toBe(
      '第十条 协议医疗机构考核系数的确定。…具体考核指标项目包括重复住院率、次均住院费用增长率、实际报销比例等指标。…',
    );
  });

  it('shows a list item under its lead-in', () => {
    const words = answeringWords(LEGAL_AIDE, ask('法律助理的年龄要求是多少', ['法律助理', '年龄', '要求']), SHOWN);
    expect(words).toBe('第十二条 法律助理应符合以下条件：…（三）年龄在20周岁以上40周岁以下；…');
  });

  it('shows a lead-in that matched with as many of its items as fit', () => {
    const words = answeringWords(LEGAL_AIDE, ask('法律助理应符合哪些条件', ['法律助理', '条件']), { ...SHOWN, maxChars: 80 });
    expect(words).toBe('第十二条 法律助理应符合以下条件：（一）具有中华人民共和国国籍；（二）遵守宪法、法律、法规，思想品德端正，廉洁奉公，责任心强；…');
  });

  it('keeps the figure when the sentence is longer than the room: the window holds it', () => {
    const words = answeringWords(WATER_3, ask('中宁县污水处理厂生活污水处理率要达到多少', ['中宁县', '污水处理厂', '处理率']), { ...SHOWN, maxChars: 40 })!;
    expect(words).toContain('84%');
    expect(WATER_3).toContain(words.replace(/^…|…$/g, ''));
  });

  it('shows a table row whole, the row the question names, under its column names', () => {
    const table =
      '附件1\n黄河干流断面水质目标表\n序号 水体名称 所在地市 所在县区 监测断面（点位）名称 断面功能 断面属性 水质目标\n' +
      '序号：1；水体名称：黄河干流；所在地市：中卫市；所在县区：沙坡头区；监测断面（点位）名称：下河沿；断面功能：甘肃—宁夏省界；断面属性：国控；水质目标：Ⅱ类\n' +
      '序号：2；水体名称：黄河干流；所在地市：吴忠市；所在县区：青铜峡；监测断面（点位）名称：金沙湾；断面功能：中卫—吴忠市界；断面属性：国控；水质目标：Ⅱ类';
    expect(answeringWords(table, ask('黄河金沙湾断面是哪两地交界的断面', ['黄河', '金沙湾', '断面', '交界']), SHOWN)).toBe(
      '…序号：2；水体名称：黄河干流；所在地市：吴忠市；所在县区：青铜峡；监测断面（点位）名称：金沙湾；断面功能：中卫—吴忠市界；断面属性：国控；水质目标：Ⅱ类',
    );
  });

  it('shows a long row by its matching and short cells, leaving out the long ones', () => {
    const row =
      '序号：3；流域：黄河；项目名称：中卫市第三污水处理厂及集污管网建设工程；建设地点：沙坡头区；项目类别：城镇水污染治理；项目建设内容及规模：新建处理规模为4万立方米/日的污水处理厂一座，建设粗格栅及提升泵房、细格栅及旋流沉砂池、串联多级A2/O生物反应池、二沉池、加药间等13座建构建筑；计划投资（万元）：24921.14；责任单位：市住房和城乡建设局；开工年度：2019年';
    expect(answeringWords(row, ask('第三污水处理厂计划投资多少', ['第三污水处理厂', '计划投资']), { ...SHOWN, maxChars: 160 })).toBe(
      '序号：3；流域：黄河；项目名称：中卫市第三污水处理厂及集污管网建设工程；建设地点：沙坡头区；项目类别：城镇水污染治理；…计划投资（万元）：24921.14；责任单位：市住房和城乡建设局；开工年度：2019年',
    );
  });

  it('reads a long cell whose words hold a ； as one cell, and shows a matching cell too long for the room around its best clause, under its column name', () => {
    const row =
      '序号：3；流域：黄河；项目名称：中卫市第三污水处理厂及集污管网建设工程；建设地点：沙坡头区；项目类别：城镇水污染治理；项目建设内容及规模：新建处理规模为4万立方米/日的污水处理厂一座，建设粗格栅及提升泵房、细格栅及旋流沉砂池、串联多级A2/O生物反应池、二沉池、加药间等13座建构建筑；配套敷设DN600—DN1500集污管网17公里。项目采用多级AA0生化池+二沉池+高效沉淀池+V型滤池工艺，设计出水水质指标除总氮执行《城镇污水处理厂污染物排放标准》（GB18918-2002）中的一级A标准处，其余主要指标执行地表水Ⅳ类水质标准。；计划投资（万元）：24921.14；责任单位：应理城乡市政产业（集团）公司；开工年度：2019年';
    // 配套敷设… is no column's name: the ； before it is the cell's own, and the 17公里 of the pipes stays in 项目建设内容及规模.
    expect(answeringWords(row, ask('第三污水处理厂配套管网多长', ['第三污水处理厂', '管网']), { ...SHOWN, maxChars: 120 })).toBe(
      '序号：3；流域：黄河；项目名称：中卫市第三污水处理厂及集污管网建设工程；建设地点：沙坡头区；…项目建设内容及规模：…配套敷设DN600—DN1500集污管网17公里。项目采用多级AA0生化池+二沉池+高效沉淀池+V型滤池工艺，设计出水水…',
    );
  });

  it('answers 谁 from a long row by its cell of the asked kind (责任单位), before the long cell that matches', () => {
    const row =
      '序号：1；流域：黄河；项目名称：沙坡头区第九排水沟下段治理工程；建设地点：沙坡头区；项目类别：流域水生态修复与保护；项目建设内容及规模：本工程采用“水质净化”的治理思路对沟道进行治理，从而有效解决沟道水质不达标问题。计划在第九排水沟下段桩号K18+630处设节制闸，在左岸开口，向北铺设双排直径1.2米钢筋砼排水管道至滨河路南侧新建人工湿地，通过生态治理水质净化达标后排入清水河。；计划投资（万元）：2019；责任单位：市水务局；开工年度：2019年';
    const words = answeringWords(row, ask('第九排水沟下段的节制闸归哪个单位管', ['第九排水沟', '下段', '节制闸']), SHOWN)!;
    expect(words).toContain('责任单位：市水务局');
    expect(words).toContain('计划在第九排水沟下段桩号K18+630处设节制闸');
  });

  it('shows the note naming who does the item whole, its ； inside: who supports beside who leads', () => {
    const passage =
      '（七）加强散煤煤质监管力度。\n全面开展城中村、农村、城乡结合部等区域在用散煤消费情况和散煤经营单位排查，制定散煤替代年度计划。市场监管、生态环境等部门要组织开展秋冬季民用散煤治理专项检查行动，确保生产、流通、使用的民用煤质达标。（牵头单位：市生态环境局、市场监督管理局；配合单位：市发展和改革委员会、财政局；完成时限：2019年底。）';
    expect(answeringWords(passage, ask('民用散煤专项检查谁来配合', ['民用', '散煤', '专项检查', '配合']), SHOWN)).toBe(
      '（七）加强散煤煤质监管力度。…市场监管、生态环境等部门要组织开展秋冬季民用散煤治理专项检查行动，确保生产、流通、使用的民用煤质达标。（牵头单位：市生态环境局、市场监督管理局；配合单位：市发展和改革委员会、财政局；完成时限：2019年底。）',
    );
  });

  it('keeps the note naming who does the item for a 谁 question, the best sentence windowed to leave it room', () => {
    const passage =
      '（三）“一张表单”整合申报材料。建设用地规划许可、工程建设许可阶段分别由市发展改革委员会、自然资源局牵头负责，施工许可、竣工验收阶段由市住房和城乡建设局牵头负责，各审批阶段均实行“一份办事指南、一张申请表单、一套申报材料，完成多项审批”的运作模式。每个审批阶段申请人只需提交一套申报材料，依托工程建设项目审批管理系统和项目统一代码归集项目所有审批信息。（责任单位：市审批服务管理局、发展和改革委员会、自然资源局、住房和城乡建设局牵头，各部门按职责分工分别负责）';
    expect(answeringWords(passage, ask('申报材料整合由谁牵头', ['申报材料', '整合', '牵头']), { ...SHOWN, maxChars: 150 })).toBe(
      '…建设用地规划许可、工程建设许可阶段分别由市发展改革委员会、自然资源局牵头负责，施工许可、竣工验收阶段由市住房和城乡建设局牵头负责，各审批阶段均实行“一份办事指南、一张申请表单、一套申报材料，完…' +
        '（责任单位：市审批服务管理局、发展和改革委员会、自然资源局、住房和城乡建设局牵头，各部门按职责分工分别负责）',
    );
  });

  it('starts a window at the short clause that leads up to the best one, never inside a date: 9月30日前，建立红黑名单制度', () => {
    const row =
      '序号：35；工作任务：加强信用体系建设；完成时限：2019年9月30日前；备注：9月30日前，各相关部门完成监督检查配套管理办法，切实加强事中事后监管。／9月30日前，建立红黑名单制度。12月30日前，实现互联互通。／9月30日前，住房和城乡建设局牵头制定工程建设项目审批中介服务事项清单，实行服务竞价、合同网签、成果评价和信用公示的全过程监管。／9月30日前，牵头部门制定具体实施办法，明确服务时限、服务环节和服务标准，实行服务承诺制并进驻各级政务服务大厅。';
    const words = answeringWords(row, ask('红黑名单制度什么时候建立', ['红黑名单', '制度', '建立']), { ...SHOWN, maxChars: 120 })!;
    expect(words).toContain('备注：…／9月30日前，建立红黑名单制度。12月30日前，实现互联互通。');
    expect(words).not.toMatch(/…\d/);
  });

  it('answers who does it from the sentence that assigns it, not from the preamble that names the issuer (为严格落实…，市人民政府研究确定…)', () => {
    const terms = ['黄河', '清水河', '水污染', '防治', '项目', '组织', '实施'];
    expect(answeringWords(WATER_49, ask('黄河清水河水污染防治项目谁来组织实施', terms), SHOWN)).toBe(
      '…现将建设项目印发给你们，请各县（区）、有关部门按照建设内容，进一步明确责任，明确时间节点，加大工作力度，确保在6月底前完成工程前期准备工作，2020年底前完成项目建设，实现稳定运行。',
    );
    // Asked why, the preamble is the answer.
    expect(answeringWords(WATER_49, ask('为什么要确定黄河清水河水污染防治项目', ['黄河', '清水河', '水污染', '防治', '项目']), SHOWN)).toBe(
      `${WATER_49.slice(0, WATER_49.indexOf('。') + 1)}…`,
    );
  });

  it('answers 最晚啥时候 with the sentence that states the date, not the preamble that holds the topic', () => {
    const terms = ['重点', '流域', '水污染', '防治', '项目', '前期', '工作'];
    expect(answeringWords(WATER_49, ask('这批重点流域水污染防治项目前期工作最晚啥时候要做完', terms), SHOWN)).toBe(
      '…现将建设项目印发给你们，请各县（区）、有关部门按照建设内容，进一步明确责任，明确时间节点，加大工作力度，确保在6月底前完成工程前期准备工作，2020年底前完成项目建设，实现稳定运行。',
    );
  });

  it('is null when nothing in the passage matches the question', () => {
    expect(answeringWords(LEGAL_AIDE, ask('渣土车要安装什么', ['渣土车']), SHOWN)).toBeNull();
  });
});

describe('focusOf: the question as a hit is read for its answer', () => {
  // Passages holding each word, of 1000: 奖金 is rare, 的 is everywhere.
  const DF: Record<string, number> = {
    法律顾问: 60,
    法律: 80,
    顾问: 70,
    的: 900,
    经费: 40,
    能: 300,
    发: 200,
    奖金: 2,
    资金: 50,
    费用: 60,
    报酬: 20,
    补助: 30,
    多: 400,
    少: 300,
    公告: 30,
    期: 20,
  };
  const focus = (raw: string) => {
    const f = focusOf(readQuestion(raw, { has: (w) => w in DF }, THESAURUS, 24), (t) => DF[t] ?? 0, 1000);
    return { terms: f.terms, weights: f.weights!.map((w) => +w.toFixed(2)), groups: f.groups };
  };

  it('weighs a word by its rarity, a lone character at a share of it, and the gazette’s words for a paraphrase as one group with the word; its function words (的, 能) are left out', () => {
    expect(focus('法律顾问的经费能发奖金吗')).toEqual({
      terms: ['法律顾问', '法律', '顾问', '经费', '发', '奖金', '资金', '费用', '报酬', '补助'],
      weights: [2.81, 2.52, 2.65, 3.21, 0.48, 5.99, 1.49, 1.4, 1.94, 1.75],
      groups: [0, 1, 2, 3, 4, 5, 3, 3, 3, 3],
    });
  });

  it('leaves out the terms only inside its asking words: 多 and 少 of 多少', () => {
    expect(focus('公告期多少')).toEqual({ terms: ['公告', '期'], weights: [3.49, 1.17], groups: [0, 1] });
  });
});
