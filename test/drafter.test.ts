// The drafter's tools on the bundled issue: the explainer's outline (nine elements, each point a
// cited sentence that verifies, who must write it and by when) and the draft checker (every
// quotation, citation, number and date given a verdict, problems named with the source's words).
import { describe, expect, it } from 'vitest';
import { DraftChecker, MAX_FINDINGS } from '../domain/draft-check.js';
import { findDates, findMeasures } from '../domain/measures.js';
import { MAX_DRAFT_CHARS } from '../tools/check-draft.js';
import { call, seedContext } from './support/seed.js';

const ctx = seedContext();

interface Point {
  text: string;
  citation: { docNumber: string; title: string; locator: string; page: number | null; quote: string };
}
interface Outline {
  elements: { element: string; points: Point[]; note?: string }[];
  responsibility?: { unit: string; deadline?: { text: string; date: string | null }; basis: string; citation?: Point['citation'] };
}
interface Finding {
  kind: string;
  text: string;
  offset: number;
  verdict: string;
  expected?: string;
  source?: Point['citation'];
  note: string;
}

const outline = (document: string) => call(ctx, 'draft_explainer', { document }).structuredContent as unknown as Outline;
const locators = (o: Outline, element: string) => o.elements.find((e) => e.element === element)!.points.map((p) => p.citation.locator);
const check = (text: string, docNumber?: string) => {
  const r = call(ctx, 'check_draft', { text, ...(docNumber ? { docNumber } : {}) });
  return { ...r, findings: (r.structuredContent as { findings: Finding[] }).findings };
};
const brief = (f: Finding) => [f.kind, f.text, f.verdict, ...(f.expected ? [f.expected] : [])];

describe('numbers and dates as the texts write them', () => {
  it('reads amounts, ranges, percentages, periods in digits or words, and leaves dates and ordinals alone', () => {
    const text =
      '按照500-1500元每件次计算；下浮30%-50%执行；公告期应当不少于10个工作日；应提前三十日；任期两年；第十五日；2019年5月1日起施行；百分之五十五；增发一次性经济补助；9 项目监管';
    expect(findMeasures(text).map((m) => [m.text, m.measure, m.value])).toEqual([
      ['500-1500元', 'money', '500-1500'],
      ['30%', 'percent', '30'],
      ['50%', 'percent', '50'],
      ['10个工作日', 'workdays', '10'],
      ['三十日', 'days', '30'],
      ['两年', 'years', '2'],
      ['百分之五十五', 'percent', '55'],
    ]);
  });

  it('values units by scale: 5万元 is 50000元, 53.29万亩 is 532900亩', () => {
    expect(findMeasures('5万元与50000元；53.29万亩').map((m) => [m.measure, m.value])).toEqual([
      ['money', '50000'],
      ['money', '50000'],
      ['mu', '532900'],
    ]);
  });

  it('reads full days, months, year ends and month-days, in digits or Chinese numerals', () => {
    const text = '2019年5月24日前；二〇一九年四月三十日；2019年10月底；2019年年底；2019年7月前；冬防期（12月1日至来年3月10日）；2019-05-08';
    expect(findDates(text).map((d) => [d.text, d.year, d.month, d.day])).toEqual([
      ['2019年5月24日', 2019, 5, 24],
      ['二〇一九年四月三十日', 2019, 4, 30],
      ['2019年10月底', 2019, 10, 31],
      ['2019年年底', 2019, 12, 31],
      ['2019年7月', 2019, 7, null],
      ['12月1日', null, 12, 1],
      ['3月10日', null, 3, 10],
      ['2019-05-08', 2019, 5, 8],
    ]);
  });
});

describe('draft_explainer', () => {
  it('outlines 国有资产出租 from its own clauses, says which elements it does not address, and who must explain it by when', () => {
    const o = outline('国有资产出租');
    expect(o.elements.map((e) => e.element)).toEqual([
      '背景依据',
      '目标任务',
      '主要内容',
      '涉及范围',
      '执行标准',
      '注意事项',
      '关键词诠释',
      '惠民利民措施',
      '新旧政策差异',
    ]);
    expect(locators(o, '背景依据')).toEqual(['第一条']);
    // Every article by its first rule, and the procedures no other element takes.
    expect(locators(o, '主要内容')).toEqual([
      '第一条',
      '第二条',
      '第三条',
      '第四条',
      '第五条',
      '第五条（一）',
      '第五条（二）',
      '第五条（二）',
      '第五条（四）',
      '第五条（四）',
      '第五条（六）',
      '第五条（七）',
      '第五条（七）',
      '第五条（八）',
      '第六条',
      '第七条',
      '第八条',
      '第九条',
      '第十条',
      '第十一条',
      '第十二条',
    ]);
    expect(locators(o, '涉及范围')).toEqual(['第二条', '第十条']);
    // Whole sentences, each with its figure; who interprets the text is a standard too.
    expect(
      o.elements
        .find((e) => e.element === '执行标准')!
        .points.map((p) => [p.citation.locator, p.text])
        .slice(2, 5),
    ).toEqual([
      ['第五条（三）', '法律、法规、规章等规定具体公告期的，应当按照法定期限发布公告；没有具体要求的，公告期应当不少于10个工作日。'],
      ['第五条（五）', '资产承租（包）项目成交后，国有产权交易机构应当将承租（包）结果进行公示，公示期不少于5个工作日。'],
      ['第五条（七）', '承租（包）方原则上应当在资产承租（包）合同生效后5个工作日内付清租金、承包价款。'],
    ]);
    // A lead-in keeps its items.
    expect(o.elements.find((e) => e.element === '注意事项')!.points[0]).toMatchObject({
      text: '第四条 市本级行政事业单位国有资产有下列情形之一的，不得出租（对外承包）：（一）已被依法查封、冻结的；（二）权属不清或产权有争议的；（三）未取得其他共有人同意的；（四）法律法规规章或国家和自治区有关文件规定不得出租（对外承包）的。',
      citation: { locator: '第四条', quote: '第四条 市本级行政事业单位国有资产有下列情形之一的，不得出租（对外承包）：' },
    });
    expect(locators(o, '关键词诠释')).toEqual(['第二条', '第二条']);
    expect(o.elements.find((e) => e.element === '新旧政策差异')!.points.map((p) => [p.citation.locator, p.text])).toEqual([
      ['第九条', '第九条 法律法规规章或国家对行政事业单位国有资产出租（对外承包）有特别规定的，从其规定。'],
      ['第十一条', '第十一条 本办法自2019年5月1日起施行，有效期至2021年4月30日。'],
      ['第十一条', '有效期届满，本《办法》自动失效。'],
    ]);
    // Its purpose is its goal; nothing in it reaches citizens or enterprises.
    expect(locators(o, '目标任务')).toEqual(['第一条']);
    const benefits = o.elements.find((x) => x.element === '惠民利民措施')!;
    expect(benefits.points).toEqual([]);
    expect(benefits.note).toMatch(/^文本未涉及/);
    // 卫政办发〔2019〕44号's own table lists this 办法: its row gives the unit and the deadline.
    expect(o.responsibility).toMatchObject({
      unit: '市财政局',
      deadline: { text: '2019年5月24日前', date: '2019-05-24' },
      citation: { docNumber: '卫政办发〔2019〕44号', locator: '附件 序号10' },
    });
  });

  it('says a text the table does not list names no drafter, never offering its issuer, with 44号’s timing and review rules', () => {
    const o = outline('法律顾问工作经费管理办法');
    expect(o.responsibility).toMatchObject({
      unit: null,
      deadline: { text: '与文件同步发布', date: null },
      citation: { docNumber: '卫政办发〔2019〕44号', locator: '二、' },
    });
    expect(o.responsibility!.basis).toContain('此件未写明起草部门（发文机关中卫市人民政府不是起草部门）');
    expect(o.responsibility!.basis).toContain('政府规章、规范性文件的解读材料发布前需经市司法局审查');
    expect(o.responsibility!.citation!.quote).toContain('谁起草、谁解读');
    // When it takes effect, what it repeals, in the order it says so.
    expect(o.elements.find((e) => e.element === '新旧政策差异')!.points.map((p) => [p.citation.locator, p.text])).toEqual([
      ['第十九条', '第十九条 本办法自2019年6月1日起实施，有效期至2021年5月31日。'],
      ['第十九条', '原《中卫市法律顾问室工作经费管理办法》（卫政办发〔2017〕19号）同时废止。'],
      ['第十九条', '本办法实施前特邀法律顾问和法律助理提供法律服务的报酬，按照原《中卫市法律顾问室工作经费管理办法》标准支付。'],
    ]);
  });

  it('fills 惠民利民措施 of the 兵员 实施办法 sentence by sentence, and 执行标准 with the same subsidies’ amounts', () => {
    const o = outline('征集高素质兵员');
    expect(locators(o, '惠民利民措施')).toEqual([
      '一、',
      '二、（一）',
      '二、（一）',
      '二、（一）',
      '二、（二）',
      '二、（二）',
      '二、（二）',
      '二、（三）',
      '二、（四）',
      '三、（一）',
      '三、（二）',
      '三、（三）',
      '四、',
      '五、',
    ]);
    expect(o.elements.find((e) => e.element === '执行标准')!.points[1].text).toBe(
      '为激励高素质青年参军入伍，自2019年起，中卫市将在自治区一次性经济补助的基础上，对由中卫市批准入伍的大学本、专科毕业生再发市级一次性经济补助2500元，所需经费由中卫市本级财政负担。',
    );
  });

  it('gives all nine elements for every 办法, 方案 and 安排 of the issue, every point verifying at its own place', () => {
    let texts = 0;
    for (const notice of ctx.gazette.notices()) {
      for (const text of ctx.gazette.texts(notice).filter((t) => t.role === 'part')) {
        texts++;
        const o = outline(`${notice.docNumber} ${text.title}`);
        expect(o.elements).toHaveLength(9);
        for (const e of o.elements) {
          expect(e.points.length > 0 || /^文本未涉及/.test(e.note ?? '')).toBe(true);
          for (const p of e.points) {
            const at = ctx.gazette.verifyQuote(p.citation.quote, p.citation.docNumber);
            expect(
              at.some((c) => c.locator === p.citation.locator && c.title === p.citation.title),
              `${text.title} ${e.element} ${p.citation.locator}`,
            ).toBe(true);
          }
        }
      }
    }
    expect(texts).toBe(13);
  });

  it('asks which text when one 文号 issues two, and says so when nothing matches', () => {
    const two = call(ctx, 'draft_explainer', { document: '卫政规发〔2019〕1号' });
    expect(two.isError).toBe(true);
    expect(two.text).toContain('《中卫市人民政府法律顾问管理办法》');
    expect(two.text).toContain('《中卫市人民政府法律顾问工作经费管理办法》');
    const none = call(ctx, 'draft_explainer', { document: '卫政办发〔2019〕99号' });
    expect(none.isError).toBe(true);
    expect(none.text).toMatch(/没有与“卫政办发〔2019〕99号”唯一对应的文件/);
  });
});

describe('check_draft', () => {
  // The README's worked example: a correct quotation and two planted errors.
  const draft = [
    '一、背景依据：办法的目的是“规范市本级行政事业单位国有资产出租（对外承包）行为，提高国有资产的管理和使用效益”。【卫政办规发〔2019〕2号 · 第一条】',
    '二、执行标准：没有具体要求的，公告期应当不少于15个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】成交后公示期不少于5个工作日。【卫政办规发〔2019〕2号 · 第五条（五）】',
    '三、新旧政策差异：办法自2019年5月1日起施行，有效期至2022年4月30日。【卫政办规发〔2019〕2号 · 第十一条】',
  ].join('\n');

  it('gives every finding of the worked example its verdict, the source’s own words for each mismatch, and offsets into the draft', () => {
    const r = check(draft, '卫政办规发〔2019〕2号');
    expect(r.findings.map(brief)).toEqual([
      ['quote', '“规范市本级行政事业单位国有资产出租（对外承包）行为，提高国有资产的管理和使用效益”', 'verified'],
      ['citation', '卫政办规发〔2019〕2号 · 第一条', 'verified'],
      ['number', '15个工作日', 'mismatch', '10个工作日'],
      ['citation', '卫政办规发〔2019〕2号 · 第五条（三）', 'verified'],
      ['number', '5个工作日', 'verified'],
      ['citation', '卫政办规发〔2019〕2号 · 第五条（五）', 'verified'],
      ['date', '2019年5月1日', 'verified'],
      ['date', '2022年4月30日', 'mismatch', '2021年4月30日'],
      ['citation', '卫政办规发〔2019〕2号 · 第十一条', 'verified'],
    ]);
    for (const f of r.findings) expect(draft.slice(f.offset, f.offset + f.text.length)).toBe(f.text);
    expect(r.findings[2].source).toMatchObject({
      docNumber: '卫政办规发〔2019〕2号',
      locator: '第五条（三）',
      page: 53,
      quote: '没有具体要求的，公告期应当不少于10个工作日。',
    });
    expect(r.structuredContent!.summary).toEqual({ verified: 7, mismatch: 2, not_found: 0, unverifiable: 0 });
    // Problems first, each with the source's words.
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('核对 9 处：已核实 7，不一致 2，查无 0，无法核对 0。');
    expect(lines[1]).toBe('需要修改：');
    expect(lines[2]).toContain('“15个工作日”');
    expect(lines[2]).toContain('原文：“10个工作日”');
    expect(lines[3]).toContain('原文：“2021年4月30日”');
  });

  it('names the article that holds a quotation cited to the wrong one', () => {
    const r = check('《中卫市人民政府法律顾问管理办法》第五条要求“法律顾问应当诚信、正直，忠于法律和事实”。');
    const quote = r.findings.find((f) => f.kind === 'quote')!;
    expect(brief(quote)).toEqual(['quote', '“法律顾问应当诚信、正直，忠于法律和事实”', 'mismatch', '卫政规发〔2019〕1号 第六条']);
    expect(quote.source).toMatchObject({ title: '中卫市人民政府法律顾问管理办法', locator: '第六条' });
  });

  it('gives an altered quotation the source’s own words', () => {
    const r = check('政策解读坚持“谁制定、谁解读”的原则。【卫政办发〔2019〕44号 · 二、】');
    expect(brief(r.findings[0])).toEqual(['quote', '“谁制定、谁解读”', 'mismatch', '谁起草、谁解读']);
  });

  it('resolves a 文号 that issues two 办法 by the text that holds the cited words', () => {
    const r = check('法律顾问审查合同、涉法性文件、出具法律意见，原则上不超过5个工作日。【卫政规发〔2019〕1号 · 第十八条】');
    expect(r.findings.map((f) => [f.verdict, f.source?.title])).toEqual([
      ['verified', '中卫市人民政府法律顾问管理办法'],
      ['verified', '中卫市人民政府法律顾问管理办法'],
    ]);
  });

  it('does not find a 文号 the gazette never names, a title under another 文号, or an article past the last', () => {
    const r = check(
      '详见卫政规发〔2019〕12号。《中卫市人民政府法律顾问工作经费管理办法》（卫政规发〔2019〕2号）自2019年6月1日起实施。根据卫政办规发〔2019〕2号第四十条处理。',
    );
    expect(r.findings.map(brief)).toEqual([
      ['citation', '卫政规发〔2019〕12号', 'not_found'],
      ['citation', '《中卫市人民政府法律顾问工作经费管理办法》（卫政规发〔2019〕2号', 'mismatch', '卫政规发〔2019〕1号'],
      ['date', '2019年6月1日', 'verified'],
      ['citation', '卫政办规发〔2019〕2号第四十条', 'not_found'],
    ]);
    expect(r.findings[3].note).toContain('相近的条款：第十二条');
  });

  it('verifies a repealed 文号 the gazette names, and a notice’s date where a sentence says it was issued', () => {
    const r = check(
      '原《中卫市法律顾问室工作经费管理办法》（卫政办发〔2017〕19号）同时废止。市人民政府办公室于2019年4月30日印发了卫政办发〔2019〕43号。卫政办发〔2019〕44号于2019年4月26日印发。',
    );
    expect(r.findings.map(brief)).toEqual([
      ['citation', '卫政办发〔2017〕19号', 'verified'],
      ['date', '2019年4月30日', 'verified'],
      ['citation', '卫政办发〔2019〕43号', 'verified'],
      ['citation', '卫政办发〔2019〕44号', 'verified'],
      ['date', '2019年4月26日', 'mismatch', '2019年5月6日'],
    ]);
    expect(r.findings[0].source).toMatchObject({ docNumber: '卫政规发〔2019〕1号', locator: '第十九条' });
  });

  it('calls a figure whose sentence cites nothing and matches no passage unverifiable, not wrong', () => {
    const r = check('全市今年新建公园12座，种植树木3000棵。');
    expect(r.findings.map(brief)).toEqual([['number', '12座', 'unverifiable']]);
    expect(r.text).toContain('无法核对（请补上出处）');
  });

  it('finds nothing to check in a draft with no quotation, citation, figure or date, and says so', () => {
    const r = check('各单位要高度重视政策解读工作。');
    expect(r.findings).toEqual([]);
    expect(r.text).toBe('稿件中没有找到引文、出处、带单位的数字或日期，无可核对。');
  });

  it('checks at most MAX_FINDINGS findings of a huge draft and counts the rest', () => {
    const big = '本办法自2019年5月1日起施行。\n'.repeat(1000).slice(0, MAX_DRAFT_CHARS);
    const r = new DraftChecker(ctx.gazette).check(big, '卫政办规发〔2019〕2号');
    expect(r.findings).toHaveLength(MAX_FINDINGS);
    expect(r.unchecked).toBe(big.split('\n').filter((l) => l.includes('日')).length - MAX_FINDINGS);
  });

  it.each([
    [{ text: '' }, /text.*不能为空/s],
    [{ text: '   \n ' }, /text.*不能为空/s],
    [{ text: 'x'.repeat(MAX_DRAFT_CHARS + 1) }, /text/],
    [{ text: 42 }, /text.*应为文字/s],
    [{ text: '好', docNumber: '卫政办发〔2019〕99号' }, /docNumber.*语料中没有文号/s],
    [{ text: '好', docNumber: 'abc' }, /docNumber.*不是文号格式/s],
  ])('refuses %j in both languages', (args, message) => {
    const r = call(ctx, 'check_draft', args as Record<string, unknown>);
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(message);
  });
});

describe('text pasted from the gazette PDF', () => {
  it('matches the corpus though its font gave radicals, stand-in marks and a zero-width space', () => {
    const pasted = call(ctx, 'verify_quote', { quote: '全市\u200b湿地⾯积不低于53.29万亩' }).structuredContent as {
      found: boolean;
      citations: { docNumber: string; locator: string; quote: string }[];
    };
    expect(pasted.found).toBe(true);
    expect(pasted.citations[0]).toMatchObject({ docNumber: '卫政办发〔2019〕74号', locator: '一、（三）', quote: '全市湿地面积不低于53.29万亩' });
    const search = (query: string) =>
      (call(ctx, 'search_gazette', { query, limit: 3 }).structuredContent as { results: { citation: { locator: string } }[] }).results.map(
        (r) => r.citation.locator,
      );
    expect(search('湿地⾯积')).toEqual(search('湿地面积'));
  });
});
