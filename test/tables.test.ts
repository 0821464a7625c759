// Tables read as tables: a row's text is its cells under the table's own printed column names
// (序号：1；水体名称：黄河干流；…), however the extraction printed it; what cannot be aligned is
// said in its notice, and its rows read as printed.
import { describe, expect, it } from 'vitest';
import type { Line } from '../corpus/layout.js';
import { walkOutline, type OutlineNode } from '../corpus/outline.js';
import { headerColumns, readTable } from '../corpus/tables.js';
import { matchKey } from '../domain/text.js';
import { seedIssue } from './support/seed.js';

function rowsOf(docNumber: string, label: string): OutlineNode[] {
  const notice = seedIssue().notices.find((n) => n.docNumber === docNumber)!;
  return [notice.body, ...notice.parts].flatMap((t) => [...walkOutline(t.outline)]).filter((n) => n.type === 'row' && n.locator.startsWith(`${label} 序号`));
}

function row(docNumber: string, locator: string): OutlineNode {
  const [label] = locator.split(' ');
  const found = rowsOf(docNumber, label).find((n) => n.locator === locator);
  if (!found) throw new Error(`${docNumber} ${locator} not found`);
  return found;
}

const line = (raw: string, extra: Partial<Line> = {}): Line => ({ lineNo: 1, raw, page: 1, pageStart: false, pageIndex: 0, at: 0, indented: false, ...extra });

describe('43号 water-quality targets (the bundled issue)', () => {
  it('附件1: a row a line, cells a space apart, under the printed column names', () => {
    expect(row('卫政办发〔2019〕43号', '附件1 序号1').text).toBe(
      '序号：1；水体名称：黄河干流；所在地市：中卫市；所在县区：沙坡头区；监测断面（点位）名称：下河沿；断面功能：甘肃—宁夏省界；断面属性：国控；水质目标：Ⅱ类',
    );
  });

  it('附件2: the merged 清水河 cell, printed once in 序号1, is repeated in 序号2 (its column has no printed name)', () => {
    expect(rowsOf('卫政办发〔2019〕43号', '附件2').map((n) => n.text)).toEqual([
      '序号：1；清水河；所在地市：中卫市；所在县区：海原县；监测断面（点位）名称：海原三河断面；断面功能：原州区与海原县交界；断面属性：区控；水质目标：Ⅳ类',
      '序号：2；清水河；所在地市：中卫市；所在县区：中宁县；监测断面（点位）名称：泉眼山；断面功能：中卫市入黄口；断面属性：国控；水质目标：Ⅲ类',
    ]);
  });

  it('附件4: rows printed column by column become a row each; the 入黄 printed twice for three rows is every one’s', () => {
    const rows = rowsOf('卫政办发〔2019〕43号', '附件4');
    expect(rows.map((n) => n.locator)).toEqual(['附件4 序号1', '附件4 序号2', '附件4 序号3', '附件4 序号4', '附件4 序号5']);
    expect(rows.map((n) => n.text)).toEqual([
      '序号：1；所在地市：中卫市；所在县区：沙坡头区；监测断面：中卫第四排水沟；断面功能：入黄；断面属性：区控；水质目标：Ⅳ类',
      '序号：2；所在地市：中卫市；所在县区：中宁县；监测断面：中卫第一排水沟；断面功能：入黄；断面属性：区控；水质目标：Ⅳ类',
      '序号：3；所在地市：中卫市；所在县区：中宁县；监测断面：中宁县北河子沟；断面功能：入黄；断面属性：区控；水质目标：Ⅳ类',
      '序号：4；所在地市：中卫市；所在县区：沙坡头区；监测断面：中卫第九排水沟入黄口；断面功能：入清水河；断面属性：区控；水质目标：Ⅳ类',
      '序号：5；所在地市：中卫市；所在县区：中宁县；监测断面：红柳沟（南河子沟入黄口）；断面功能：入黄；断面属性：区控；水质目标：Ⅳ类',
    ]);
    // Still cited by its 序号 and page, with its printed lines and cells.
    expect(rows[3]).toMatchObject({ pageFrom: 15, row: { numbers: [4], block: [4, 5] } });
    expect(rows[3].row!.cells!.map((c) => `${c.column}=${c.value}`)).toEqual([
      '所在地市=中卫市',
      '所在县区=沙坡头区',
      '监测断面=中卫第九排水沟入黄口',
      '断面功能=入清水河',
      '断面属性=区控',
      '水质目标=Ⅳ类',
    ]);
  });

  it('附件5: 序号3 and 序号4 each their own row (no 序号1-3 block)', () => {
    expect(row('卫政办发〔2019〕43号', '附件5 序号4').text).toBe(
      '序号：4；所在城市：中卫市；所在县区：海原县；水源地名称：南坪水库水源地；水源地类型：湖库型；级别：县级；水质目标：Ⅲ类',
    );
    expect(rowsOf('卫政办发〔2019〕43号', '附件5').map((n) => n.locator)).toHaveLength(5);
  });

  it('every printed cell stays findable in its row, words as printed', () => {
    for (const n of rowsOf('卫政办发〔2019〕43号', '附件1').concat(rowsOf('卫政办发〔2019〕43号', '附件2'))) {
      const printed = n.row!.lines.join(' ').replace(/^\d+\s*/, '');
      for (const cell of printed.split(/\s+/)) expect(matchKey(n.text)).toContain(matchKey(cell));
    }
  });
});

describe('tables whose cells wrap over lines (the bundled issue)', () => {
  it("44号: cells wrapped over several lines each, cell after cell, are cut where the print's structure says (a unit, a date)", () => {
    expect(row('卫政办发〔2019〕44号', '附件 序号10')).toMatchObject({
      pageFrom: 21,
      text: '序号：10；文件名称、文号：《市人民政府办公室关于印发中卫市本级行政事业单位国有资产出租实施办法（试行）的通知》（卫政办规发〔2019〕2号）；解读渠道：政策吹风会、新闻发布会、主要负责人接受媒体采访、在线访谈；解读方式：数字化、图片图表图解、音频视频；解读单位：市财政局；完成时限：2019年5月24日前',
    });
  });

  it('85号: 附件1, whose 序号2 lists six sub-items each with its own 时限, 方式 and 主体, reads a sub-item a row (序号2（1）…（6）), 重点公开事项 repeated; 附件2 and 附件3 read as rows', () => {
    const notice = seedIssue().notices.find((n) => n.docNumber === '卫政办发〔2019〕85号')!;
    expect(notice.warnings).toEqual([]);
    const first = [...walkOutline(notice.parts.find((t) => t.title.includes('重大建设项目'))!.outline)].filter((n) => n.row);
    expect(first.map((n) => n.locator)).toEqual([
      '附件 序号1',
      ...[1, 2, 3, 4, 5, 6].map((k) => `附件 序号2（${k}）`),
      ...[3, 4, 5, 6, 7, 8, 9, 10].map((k) => `附件 序号${k}`),
    ]);
    expect(first[3]).toMatchObject({
      pageFrom: 41,
      text: '序号：2；重点公开事项：批准结果信息；公开主要内容：（3）建设项目用地预审结果；公开时限：信息形成或变更之日起20个工作日内予以公开；公开方式（渠道）：市政府门户网站、政务新媒体、新闻发布会、广播电视等；责任主体：各县（区）人民政府（管委会）、市自然资源局；监督渠道：社会公众、新闻媒体等',
    });
    // Each sub-item holds its own printed lines, the first the cells merged over them all: every printed word stays in a row.
    const items = first.slice(1, 7);
    expect(items.map((n) => n.row!.lines[0])).toEqual([
      '批准结果',
      '（2）建设项目选址意见审批结',
      '（3）建设项目用地预审结果',
      '（4）建设项目环境影响报告书',
      '（5）取水许可、水土保持方案、',
      '（6）行业主管部门的项目批复',
    ]);
    for (const n of items) for (const cell of n.row!.lines) expect(matchKey(n.text)).toContain(matchKey(cell));
    expect(first[7].text).toMatch(/^序号：3；重点公开事项：招标投标信息；公开主要内容：招标核准信息、/);
    const rowsIn = (title: string) =>
      [...walkOutline(notice.parts.find((t) => t.title.includes(title))!.outline)]
        .filter((n) => n.row)
        .map((n) => [n.locator, n.pageFrom, n.text.replace(/公开主要内容：[^；]*；/, '')]);
    // 序号6-7, printed column by column: 公开事项's four lines (灾害事故/救援领域/公共文化/体育领域) are two cells, each ending as the column's cells do (…领域).
    expect(rowsIn('社会公益事业建设领域').slice(5)).toEqual([
      [
        '附件 序号6',
        47,
        '序号：6；公开事项：灾害事故救援领域；公开时限：实时公开；公开方式（渠道）：市政府门户网站、政府公报、政务新媒体、宁夏公共资源交易网、新闻发布会、广播电视、报刊、办事大厅、便民服务站等；责任主体：各县（区）人民政府（管委会）、市应急管理局、卫生健康委员会、红十字会，市气象局；监督渠道：社会公众、新闻媒体等',
      ],
      [
        '附件 序号7',
        47,
        '序号：7；公开事项：公共文化体育领域；公开时限：实时公开；公开方式（渠道）：市政府门户网站、政府公报、政务新媒体、宁夏公共资源交易网、新闻发布会、广播电视、报刊、办事大厅、便民服务站等；责任主体：各县（区）人民政府（管委会）、市旅游和文化体育广电局；监督渠道：社会公众、新闻媒体等',
      ],
    ]);
    // 附件3 prints every row in a block of two, column by column; 公开时限 (实时/公开/实时/公开) is no date, but a time limit in words, a cell a row.
    const third = rowsIn('公共资源配置领域');
    expect(third.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => `附件 序号${k}`));
    expect(third[3]).toEqual([
      '附件 序号4',
      51,
      '序号：4；公开事项：政府采购领域；公开时限：实时公开；公开方式（渠道）：市政府门户网站、政府公报、政务新媒体、宁夏公共资源交易网、新闻发布会、广播电视、报刊、办事大厅、便民服务站等；责任主体：各县（区）人民政府（管委会），市财政局、公共资源交易中心，各级行政机关、事业单位和团体组织（采购人），采购代理机构；监督渠道：社会公众、新闻媒体等',
    ]);
    expect(third.map((r) => r[2].split('；')[1])).toEqual(
      [
        '住房保障领域',
        '国有土地使用权出让领域',
        '矿业权出让领域',
        '政府采购领域',
        '国有和集体产权交易领域',
        '工程建设项目招标投标领域',
        '药品和医用耗材采购领域',
        '其他公共资源交易领域',
      ].map((v) => `公开事项：${v}`),
    );
  });

  it('49号: every row its cells without stray spaces, the amount its own; 6-7 printed column by column are two rows; the total a row of its own', () => {
    expect(rowsOf('卫政办发〔2019〕49号', '附件').map((n) => n.locator)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => `附件 序号${k}`));
    expect(row('卫政办发〔2019〕49号', '附件 序号3')).toMatchObject({
      pageFrom: 23,
      text: '序号：3；流域：黄河；项目名称：中卫市第三污水处理厂及集污管网建设工程；建设地点：沙坡头区；项目类别：城镇水污染治理；项目建设内容及规模：新建处理规模为4万立方米/日的污水处理厂一座，建设粗格栅及提升泵房、细格栅及旋流沉砂池、串联多级A2/O生物反应池、二沉池、加药间等13座建构建筑；配套敷设DN600—DN1500集污管网17公里。项目采用多级AA0生化池+二沉池+高效沉淀池+V型滤池工艺，设计出水水质指标除总氮执行《城镇污水处理厂污染物排放标准》（GB18918-2002）中的一级A标准处，其余主要指标执行地表水Ⅳ类水质标准。；计划投资（万元）：24921.14；责任单位：应理城乡市政产业（集团）公司；开工年度：2019年',
    });
    const cells = (locator: string) => row('卫政办发〔2019〕49号', locator).row!.cells!.map((c) => `${c.column}=${(c.value ?? '').slice(0, 12)}`);
    expect(cells('附件 序号6')).toEqual([
      '流域=黄河',
      '项目名称=中宁县农村集镇污水处理项',
      '建设地点=中宁县',
      '项目类别=农村污水治理',
      '项目建设内容及规模=在大战场镇宽口井移民区、',
      '计划投资（万元）=5794',
      '责任单位=中宁县',
      '开工年度=2019年',
      '备注=',
    ]);
    expect(cells('附件 序号7').slice(5, 8)).toEqual(['计划投资（万元）=3821.02', '责任单位=沙坡头区', '开工年度=2019年']);
    // 序号1 prints its amount on one line with its unit and year: three cells.
    expect(cells('附件 序号1').slice(5, 8)).toEqual(['计划投资（万元）=2019', '责任单位=市水务局', '开工年度=2019年']);
    const notice = seedIssue().notices.find((n) => n.docNumber === '卫政办发〔2019〕49号')!;
    const total = [...walkOutline(notice.parts.find((t) => t.title.includes('建设项目表'))!.outline)].find((n) => n.locator === '附件 合计')!;
    expect(total).toMatchObject({ text: '序号：合计；计划投资（万元）：60611.48', pageFrom: 24 });
    expect(notice.warnings.filter((w) => /could not be/.test(w.message))).toEqual([]);
  });

  it("68号: a merged 工作任务 printed in the first row is repeated; a header repeated after a page break is no row's words", () => {
    expect(row('卫政办发〔2019〕68号', '附件 序号2').text).toBe(
      '序号：2；工作任务：精简审批环节；具体目标及措施：取消建筑节能设计审查备案和勘察设计合同、施工合同、监理合同等备案事项。；牵头单位：市住房和城乡建设局；责任单位：各县（区）人民政府；完成时限：2019年8月30日前',
    );
    // Rows printed column by column (24-26), the task and its note printed once for the block.
    expect(row('卫政办发〔2019〕68号', '附件 序号25')).toMatchObject({
      pageFrom: 31,
      text: '序号：25；工作任务：建立完善工程建设项目审批管理系统；具体目标及措施：2019年12月底前与自治区工程建设项目审批管理系统完成对接。；牵头单位：市审批服务管理局、住房和城乡建设局；责任单位：各相关部门，各县（区）人民政府；完成时限：2019年12月30日前；备注：12月30日前，完成系统调试正式运行。',
    });
    for (const n of rowsOf('卫政办发〔2019〕68号', '附件')) for (const c of n.row!.cells ?? []) expect(c.value ?? '').not.toMatch(/具体目标及措施|牵头单位/);
    // Two cells side by side on one printed line (2019年 / 8月30日前 8月30日前，由市住…) are cut there.
    expect(row('卫政办发〔2019〕68号', '附件 序号17').row!.cells!.map((c) => `${c.column}=${(c.value ?? '').slice(0, 14)}`)).toEqual([
      '工作任务=实行分类管理',
      '具体目标及措施=按照项目类型、投资类别、规模',
      '牵头单位=市住房和城乡建设局，各县（区',
      '责任单位=各相关部门',
      '完成时限=2019年8月30日前',
      '备注=8月30日前，由市住房和城乡',
    ]);
    const notice = seedIssue().notices.find((n) => n.docNumber === '卫政办发〔2019〕68号')!;
    expect(notice.warnings.map((w) => w.message).join('\n')).toMatch(/序号34-38, printed column by column: 备注 print fewer cells than rows/);
  });
});

describe('readTable', () => {
  it('joins names wrapped in narrow header cells (序/号, 建设/地点, 计划投资/（万元）) and short names a space apart', () => {
    expect(
      headerColumns(['序号 流域 项目名称', '建设', '地点', '项目类别 项目建设内容及规模', '计划投资', '（万元）', '责任单位', '开工', '年度', '备', '注']),
    ).toEqual(['序号', '流域', '项目名称', '建设地点', '项目类别', '项目建设内容及规模', '计划投资（万元）', '责任单位', '开工年度', '备注']);
    expect(headerColumns(['序号 公开事项 公开主要内容 公开 时限 责任主体'])).toEqual(['序号', '公开事项', '公开主要内容', '公开时限', '责任主体']);
  });

  it('reads a PDF’s wrapped lines: a header wrapped at a space, rows cut inside a word or at a space', () => {
    const header = [line('序号 水体名称 所在地市 监测断面（点位）名称', { endsShort: 0.5 }), line('断面功能 水质目标', { opens: false })];
    const blocks = [
      { numbers: [1], lines: [line('1 黄河干流 中卫市 下河沿 甘肃—宁', { endsShort: 0 }), line('夏省界 Ⅱ类', { opens: false })] },
      { numbers: [2], lines: [line('2 黄河干流 吴忠市 金沙湾 中卫—吴忠市界', { endsShort: 0 }), line('Ⅱ类', { opens: false })] },
    ];
    // As outline.ts joins them for the reader.
    const joined = (ls: Line[]) =>
      ls.reduce<Line[]>((out, l) => {
        const last = out[out.length - 1];
        if (last && l.opens === false) out[out.length - 1] = { ...last, raw: `${last.raw}${(last.endsShort ?? 0) >= 0.4 ? '\u0002' : '\u0001'}${l.raw}` };
        else out.push(l);
        return out;
      }, []);
    const table = readTable(
      joined(header),
      blocks.map((b) => ({ ...b, lines: joined(b.lines) })),
    );
    expect(table.columns).toEqual(['序号', '水体名称', '所在地市', '监测断面（点位）名称', '断面功能', '水质目标']);
    expect(table.rows.get(1)!.cells).toEqual(['黄河干流', '中卫市', '下河沿', '甘肃—宁夏省界', 'Ⅱ类']);
    expect(table.rows.get(2)!.cells).toEqual(['黄河干流', '吴忠市', '金沙湾', '中卫—吴忠市界', 'Ⅱ类']);
    expect(table.problems).toEqual([]);
  });

  it('says which block printed column by column it cannot tell apart, and keeps its rows together', () => {
    const table = readTable(
      [line('序号 所在地市 监测断面 断面功能')],
      [{ numbers: [1, 2], lines: ['1', '2', '中卫市', '中卫市', '甲', '乙', '入黄', '入清水河', '多余'].map((r) => line(r)) }],
    );
    expect(table.rows.size).toBe(0);
    expect(table.problems.map((p) => p.message)).toEqual([
      '序号1-2, printed column by column: 7 printed cells for 2 rows of 3 columns; the rows are kept together',
    ]);
  });
});
