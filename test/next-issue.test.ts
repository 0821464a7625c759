// A made-up issue damaged differently from 2019.NO.4: form feeds instead of indented page starts,
// "— 5 —" page numbers, a 年第N期 running header, a 方案 and a 办法 interleaved across pages, and
// a second notice's header printed inside an article's items. The rules must hold for it too.
import { describe, expect, it } from 'vitest';
import { parseIssue } from '../corpus/issue.js';
import { nodeAt } from './support/seed.js';

/** Extraction-style text: every printed line followed by a blank line, pages split by form feeds. */
function extracted(pages: string[][]): string {
  return pages.map((lines) => lines.map((l) => `${l}\n\n`).join('')).join('\f');
}

const text = extracted([
  [
    '某某市人民政府办公室',
    '关于印发某某市停车场管理办法和某某市',
    '垃圾分类实施方案的通知',
    '某府办发〔2020〕7 号',
    '各区人民政府，市政府各部门：',
    '《某某市停车场管理办法》《某某市垃圾分类实施方案》已经市人民政府同意，现印发给你们，请认真贯彻执行。',
    '某某市人民政府办公室',
    '2020 年 3 月 2 日',
    '（此件公开发布）',
    '某某市垃圾分类实施方案',
    '一、工作目标',
    '到 2020 年底，全市生活垃圾回收利用率达',
    '到 35%以上。（市城市管理局牵头，市发展和',
    '改革委员会配合。）',
    '二、主要任务',
    '（一）推进源头减量。推行绿色办公，减少一',
    '次性用品使用，党政机关率先实行垃圾分类。',
    '（市机关事务管理局牵头。）',
    '— 5 —',
  ],
  [
    '《某某市人民政府公报》2020 年第 3 期',
    '某某市停车场管理办法',
    '第一条 为加强停车场管理，规范停车秩序，根',
    '据有关法律法规，结合本市实际，制定本办法。',
    '第二条 本办法适用于本市行政区域内停车场',
    '的规划、建设和管理。',
    '第三条 市交通运输局负责停车场的监督管',
  ],
  [
    '（二）完善分类设施。各区要在居民小区设置',
    '分类投放点，配齐分类收集容器。（市城市管',
    '理局牵头，各区人民政府落实。）',
    '三、保障措施',
    '（一）加强组织领导。成立垃圾分类工作领导',
    '小组，统筹推进全市垃圾分类工作。',
  ],
  [
    '理工作；市公安局负责停车秩序的执法。',
    '第四条 停车场经营者应当遵守下列规定：',
    '（一）明码标价；',
    '（二）建立车辆进出登记制度；',
    '某某市人民政府',
    '关于印发某某市文明养犬规定的通知',
    '某府规发〔2020〕2 号',
    '各区人民政府，市政府各部门：',
    '现将《某某市文明养犬规定》印发给你们，请遵照执行。',
    '某某市人民政府',
    '2020 年 3 月 9 日',
    '（此件公开发布）',
    '（三）保持场内设施完好。',
    '第五条 本办法自 2020 年 4 月 1 日起施行，有效',
    '期至 2025 年 3 月 31 日。',
    '【规范性文件】',
  ],
  ['某某市文明养犬规定', '第一条 为规范养犬行为，制定本规定。', '第二条 养犬人应当为犬只办理登记。'],
]);

describe('an issue damaged differently', () => {
  const issue = parseIssue(text, 'next.txt');
  const [parking, dogs] = issue.notices;

  it('finds both notices and the texts they issue', () => {
    expect(issue.notices.map((n) => [n.docNumber, n.date, n.title])).toEqual([
      ['某府办发〔2020〕7号', '2020-03-02', '关于印发某某市停车场管理办法和某某市垃圾分类实施方案的通知'],
      ['某府规发〔2020〕2号', '2020-03-09', '关于印发某某市文明养犬规定的通知'],
    ]);
    expect(parking.parts.map((p) => [p.kind, p.title])).toEqual([
      ['方案', '某某市垃圾分类实施方案'],
      ['办法', '某某市停车场管理办法'],
    ]);
    expect(dogs.parts.map((p) => [p.kind, p.title])).toEqual([['规定', '某某市文明养犬规定']]);
  });

  it('routes the interleaved 方案 and 办法 apart and rejoins the cut article', () => {
    const [plan, rules] = parking.parts;
    expect(nodeAt(plan, '二、（二）').text).toBe('（二）完善分类设施。各区要在居民小区设置分类投放点，配齐分类收集容器。（市城市管理局牵头，各区人民政府落实。）');
    expect(nodeAt(plan, '三、（一）').text).toBe('（一）加强组织领导。成立垃圾分类工作领导小组，统筹推进全市垃圾分类工作。');
    expect(nodeAt(rules, '第三条').text).toBe('第三条 市交通运输局负责停车场的监督管理工作；市公安局负责停车秩序的执法。');
    expect(nodeAt(rules, '第四条').text).toBe('第四条 停车场经营者应当遵守下列规定：\n（一）明码标价；\n（二）建立车辆进出登记制度；\n（三）保持场内设施完好。');
    expect(rules.outline.map((n) => n.locator)).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条']);
    expect([rules.validFrom, rules.validUntil]).toEqual(['2020-04-01', '2025-03-31']);
  });

  it('numbers pages from the printed page number and drops all furniture', () => {
    expect(parking.page).toBe(5);
    expect(issue.furniture.map((f) => [f.kind, f.page])).toEqual([
      ['page-number', 5],
      ['running-header', 6],
      ['banner', 8],
    ]);
    const all = issue.notices.flatMap((n) => [n.body, ...n.parts]).map((t) => t.text).join('\n');
    expect(all).not.toMatch(/公报》|— 5 —|【/);
    expect(nodeAt(dogs.parts[0], '第二条').pageFrom).toBe(9);
    expect(issue.report.filter((r) => r.kind !== 'route')).toEqual([]);
  });
});

// Another made-up issue: a 公告 printed without recipients, a notice that names what it issues
// only in its own title, 第N页 page numbers, a running header without 《》, ① items.
const second = extracted([
  [
    '某某市人民政府',
    '关于印发某某市道路管理办法的通知',
    '某府发〔2021〕5 号',
    '各区人民政府，市政府各部门：',
    '现将某某市道路管理办法印发给你们，请遵照执行。',
    '某某市人民政府',
    '2021 年 6 月 1 日',
    '（此件公开发布）',
    '某某市道路管理办法',
    '第一条 为加强道路管理，制定本办法。',
    '第二条 道路养护包括：',
    '①日常保养；',
    '②定期检修。',
    '第三条 本办法自 2021 年 7 月 1 日起施行。',
    '第 3 页',
  ],
  [
    '某某市人民政府公报 2021 年第 6 期',
    '某某市人民政府',
    '关于禁止燃放烟花爆竹的通告',
    '某府告〔2021〕1 号',
    '为保障公共安全，根据有关法律法规，现就禁止燃放',
    '烟花爆竹有关事项通告如下。',
    '一、本市城区全年禁止燃放烟花爆竹。',
    '二、本通告自发布之日起施行。',
    '某某市人民政府',
    '2021 年 6 月 8 日',
  ],
]);

describe('an issue with a 公告 and an unquoted title', () => {
  const issue = parseIssue(second, 'second.txt');

  it('keeps a notice printed without recipients, and a text named only in the notice title', () => {
    expect(issue.notices.map((n) => [n.docNumber, n.title, n.date])).toEqual([
      ['某府发〔2021〕5号', '关于印发某某市道路管理办法的通知', '2021-06-01'],
      ['某府告〔2021〕1号', '关于禁止燃放烟花爆竹的通告', '2021-06-08'],
    ]);
    const [rules] = issue.notices[0].parts;
    expect([rules.kind, rules.title, rules.validFrom]).toEqual(['办法', '某某市道路管理办法', '2021-07-01']);
    expect(nodeAt(rules, '第二条').text).toBe('第二条 道路养护包括：\n①日常保养；\n②定期检修。');
    expect(nodeAt(rules, '第二条').children.map((n) => n.locator)).toEqual(['第二条（1）', '第二条（2）']);
    const notice = issue.notices[1].body;
    expect(notice.outline.map((n) => n.locator)).toEqual(['一、', '二、']);
    expect(notice.text.startsWith('为保障公共安全，根据有关法律法规，现就禁止燃放烟花爆竹有关事项通告如下。')).toBe(true);
  });

  it('reads 第N页 page numbers and a running header without 《》', () => {
    expect(issue.furniture.map((f) => [f.kind, f.page])).toEqual([
      ['page-number', 3],
      ['running-header', 4],
    ]);
    expect(issue.notices[1].page).toBe(4);
    expect(issue.report.filter((r) => r.kind !== 'route')).toEqual([]);
  });
});

describe('a notice under a red header, dated in numerals, sent to 市 bodies', () => {
  const issue = parseIssue(
    extracted([
      [
        '某某市人民政府办公室文件',
        '关于做好防汛工作的通知',
        '某府办发〔2022〕第 9 号',
        '市直各部门、各直属机构：',
        '为做好今年防汛工作，现通知如下。',
        '一、各部门要在 6 月底前完成隐患排查。（市水务局牵头，市应急管理局配合。）',
        '某某市人民政府办公室',
        '二〇二二年五月十日',
      ],
    ]),
    'third.txt',
  );

  it('reads issuer, 文号, date and recipients, and the task in the notice itself', () => {
    const [n] = issue.notices;
    expect([n.docNumber, n.issuer, n.date, n.recipients]).toEqual(['某府办发〔2022〕9号', '某某市人民政府办公室', '2022-05-10', '市直各部门、各直属机构']);
    expect(n.tasks.map((t) => [t.locator, t.leadUnits, t.supportUnits, t.deadline?.date])).toEqual([['一、', ['市水务局'], ['市应急管理局'], '2022-06-30']]);
  });
});

describe('a single-spaced extraction', () => {
  it('takes an indent for a paragraph, not a page', () => {
    const text = [
      '某某市人民政府',
      '关于印发某某市节水办法的通知',
      '某府发〔2023〕2 号',
      '各区人民政府，市政府各部门：',
      '现将《某某市节水办法》印发给你们，请遵照执行。',
      '某某市人民政府',
      '2023 年 3 月 1 日',
      '某某市节水办法',
      '第一条 为节约用水，制定本办法。',
      '  本办法所称节水，是指提高用水效率。',
      '第二条 本办法自 2023 年 4 月 1 日起施行。',
      '— 7 —',
    ].join('\n');
    const issue = parseIssue(text, 'single.txt');
    const [rules] = issue.notices[0].parts;
    expect(nodeAt(rules, '第一条').text).toBe('第一条 为节约用水，制定本办法。\n本办法所称节水，是指提高用水效率。');
    expect(nodeAt(rules, '第二条').pageFrom).toBe(7);
  });
});
