// The words of a hit a model reads: the sentence with the asked-for figure, never cut before it;
// a list item under its lead-in; a table row's matching cells. Passages are the bundled issue's.
import { describe, expect, it } from 'vitest';
import { answeringWords } from '../domain/answer-focus.js';
import { questionWants } from '../domain/question.js';
import { DEFAULT_SEARCH_OPTIONS } from '../search/options.js';

const SHOWN = DEFAULT_SEARCH_OPTIONS.answer;

const ask = (question: string, terms: string[]) => ({ terms, wants: questionWants(question) });

const WATER_3 =
  '3.强化城镇生活污水治理。实施城镇污水处理“提质增效”行动，加快污水管网建设，强化城中村、老旧城区和城乡结合部污水截流、收集，进一步完善、提升、优化城镇污水收集处理系统。现有城镇生活污水处理设施不能满足需求的，要加快新建或扩建，补齐短板。2019年，中卫市第一污水处理厂生活污水处理率达到94%以上，中宁县第一、第二、第三、海原县第二污水处理厂生活污水处理率达到84%以上，现有5个城镇污水处理厂稳定达到或优于一级A排放标准。加快污泥无害化处理处置设施建设，对城镇污水处理设施产生的污泥进行稳定化、无害化和资源化处理处置，禁止处理处置不达标的污泥进入耕地。未进行无害化和资源化处理处置的污泥须全部进入正规垃圾无害化填埋场进行填埋处理，依法取缔非法污泥堆放点。中卫市第一污水处理厂污泥无害化处理处置率2019年争取达到85%以上。';

const LEGAL_AIDE =
  '第十二条 法律助理应符合以下条件：（一）具有中华人民共和国国籍；（二）遵守宪法、法律、法规，思想品德端正，廉洁奉公，责任心强；（三）年龄在20周岁以上40周岁以下；（四）具有国家承认的高等院校法学专科学历以上；（五）自愿从事法律顾问工作及行政辅助工作。';

describe('answeringWords', () => {
  it('shows the sentence that states the asked-for figure, far into a long passage, whole', () => {
    const words = answeringWords(WATER_3, ask('第一污水处理厂污泥无害化处理处置率要达到多少', ['第一污水处理厂', '污泥', '无害化', '处置率']), SHOWN);
    expect(words).toBe('…中卫市第一污水处理厂污泥无害化处理处置率2019年争取达到85%以上。');
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
    expect(answeringWords(row, ask('第三污水处理厂计划投资多少', ['第三污水处理厂', '计划投资']), SHOWN)).toBe(
      '序号：3；流域：黄河；项目名称：中卫市第三污水处理厂及集污管网建设工程；建设地点：沙坡头区；项目类别：城镇水污染治理；…计划投资（万元）：24921.14；责任单位：市住房和城乡建设局；开工年度：2019年',
    );
  });

  it('is null when nothing in the passage matches the question', () => {
    expect(answeringWords(LEGAL_AIDE, ask('渣土车要安装什么', ['渣土车']), SHOWN)).toBeNull();
  });
});
