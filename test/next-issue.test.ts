// A made-up issue damaged differently from 2019.NO.4: form feeds instead of indented page starts,
// "— 5 —" page numbers, a 年第N期 running header, a 方案 and a 办法 interleaved across pages, and
// a second notice's header printed inside an article's items. The rules must hold for it too.
import { describe, expect, it } from 'vitest';
import { allUnplaced, parseIssue } from '../corpus/issue.js';
import { FLOOD_ISSUE, PARKING_ISSUE, ROADS_ISSUE, WATER_ISSUE } from './support/made-up.js';
import { nodeAt } from './support/seed.js';

describe('an issue damaged differently', () => {
  const issue = parseIssue(PARKING_ISSUE, 'next.txt');
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
    expect(nodeAt(plan, '二、（二）').text).toBe(
      '（二）完善分类设施。各区要在居民小区设置分类投放点，配齐分类收集容器。（市城市管理局牵头，各区人民政府落实。）',
    );
    expect(nodeAt(plan, '三、（一）').text).toBe('（一）加强组织领导。成立垃圾分类工作领导小组，统筹推进全市垃圾分类工作。');
    expect(nodeAt(rules, '第三条').text).toBe('第三条 市交通运输局负责停车场的监督管理工作；市公安局负责停车秩序的执法。');
    expect(nodeAt(rules, '第四条').text).toBe(
      '第四条 停车场经营者应当遵守下列规定：\n（一）明码标价；\n（二）建立车辆进出登记制度；\n（三）保持场内设施完好。',
    );
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
    const all = issue.notices
      .flatMap((n) => [n.body, ...n.parts])
      .map((t) => t.text)
      .join('\n');
    expect(all).not.toMatch(/公报》|— 5 —|【/);
    expect(nodeAt(dogs.parts[0], '第二条').pageFrom).toBe(9);
    expect(allUnplaced(issue)).toEqual([]);
  });
});

describe('an issue with a 公告 and an unquoted title', () => {
  const issue = parseIssue(ROADS_ISSUE, 'second.txt');

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
    expect(allUnplaced(issue)).toEqual([]);
  });
});

describe('a notice under a red header, dated in numerals, sent to 市 bodies', () => {
  const issue = parseIssue(FLOOD_ISSUE, 'third.txt');

  it('reads issuer, 文号, date and recipients, and the task in the notice itself', () => {
    const [n] = issue.notices;
    expect([n.docNumber, n.issuer, n.date, n.recipients]).toEqual(['某府办发〔2022〕9号', '某某市人民政府办公室', '2022-05-10', '市直各部门、各直属机构']);
    expect(n.tasks.map((t) => [t.locator, t.leadUnits, t.supportUnits, t.deadline?.date])).toEqual([['一、', ['市水务局'], ['市应急管理局'], '2022-06-30']]);
  });
});

describe('a single-spaced extraction', () => {
  it('takes an indent for a paragraph, not a page', () => {
    const issue = parseIssue(WATER_ISSUE, 'single.txt');
    const [rules] = issue.notices[0].parts;
    expect(nodeAt(rules, '第一条').text).toBe('第一条 为节约用水，制定本办法。\n本办法所称节水，是指提高用水效率。');
    expect(nodeAt(rules, '第二条').pageFrom).toBe(7);
  });
});
