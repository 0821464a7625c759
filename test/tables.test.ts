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

describe('tables whose cells are not told apart here', () => {
  it('49号: cells wrapped over lines, cell after cell, are said in the notice and read as printed', () => {
    const notice = seedIssue().notices.find((n) => n.docNumber === '卫政办发〔2019〕49号')!;
    expect(notice.warnings.map((w) => w.message).join('\n')).toMatch(/序号1、2、3、4、5、8、9、10 could not be told apart/);
    expect(notice.warnings.map((w) => w.message).join('\n')).toMatch(/序号6-7, printed column by column: .* the rows are kept together/);
    expect(row('卫政办发〔2019〕49号', '附件 序号3').text).toMatch(/^3 黄河 中卫市第三污水 处理厂及集污管 网建设工程/);
  });

  it('68号: a header repeated after a page break is dropped, not read into a row', () => {
    for (const n of rowsOf('卫政办发〔2019〕68号', '附件')) expect(n.text).not.toMatch(/具体目标及措施|牵头单位 责任单位/);
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
