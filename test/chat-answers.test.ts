// Answers a chat model can use as they are: each fact with its own citation whose quote verifies,
// default answers within the text budget, every list paged to its end, and the corpus named.
import { describe, expect, it } from 'vitest';
import { TEXT_BUDGET } from '../tools/common.js';
import { serverInstructions } from '../tools/index.js';
import { call, seedContext } from './support/seed.js';

const ctx = seedContext();

// Default calls of every tool, as a chat model makes them.
const DEFAULT_CALLS: [string, Record<string, unknown>][] = [
  ['search_gazette', { query: '湿地面积' }],
  ['search_gazette', { query: '湿地', limit: 50 }],
  ['list_documents', {}],
  ['get_document', { document: '卫政办发〔2019〕43号' }],
  ['get_document', { document: '卫政办发〔2019〕43号', includeText: true, offset: 102 }],
  ['verify_quote', { quote: '湿地' }],
  ['compute_deadline', { expression: '15个工作日内', referenceDate: '2019-04-26' }],
  ['find_lead_unit', { task: '谁牵头秸秆禁烧' }],
  ['find_lead_unit', { task: '扬尘', limit: 20 }],
  ['list_tasks', {}],
  ['list_tasks', { unit: '生态环境局', limit: 200 }],
  ['cite_clause', { document: '国有资产出租', clause: '第五条' }],
  ['list_appointments', {}],
  ['draft_explainer', { document: '2019年度中卫市打赢蓝天保卫战行动计划重点工作安排' }],
  ['check_draft', { text: '没有具体要求的，公告期应当不少于15个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】' }],
];

/** Every citation tag with a quote in a text answer: 文号, locator, and the quote before its ellipsis. */
function tags(text: string): { docNumber: string; locator: string; quote: string }[] {
  return [...text.matchAll(/【([^【】·]+?) · ([^【】]+?)(?: · 第\d+页)?：“([^”]*)”】/g)].map((m) => ({
    docNumber: m[1],
    locator: m[2],
    quote: m[3].replace(/…$/, ''),
  }));
}

describe('answers for a chat', () => {
  it.each(DEFAULT_CALLS)('%s %j fits in the text budget', (tool, args) => {
    const r = call(ctx, tool, args);
    expect(r.isError, r.text).toBeFalsy();
    expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(TEXT_BUDGET);
  });

  it('ends each item of a list answer with its own tag, whose quote verifies at that place', () => {
    let checked = 0;
    for (const [tool, args] of DEFAULT_CALLS) {
      const { text } = call(ctx, tool, args);
      for (const tag of tags(text)) {
        const at = ctx.gazette.verifyQuote(tag.quote, tag.docNumber);
        expect(
          at.some((c) => c.locator === tag.locator),
          `${tool}: ${tag.docNumber} ${tag.locator} “${tag.quote}”`,
        ).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
    // One tag per item, right after it: the items of list_tasks each end with theirs.
    const items = call(ctx, 'list_tasks', { unit: '住建局' })
      .text.split('\n')
      .filter((l) => /^\d+\. /.test(l));
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) expect(item).toMatch(/【卫政办发〔2019〕\d+号 · [^【】]+】$/);
  });

  it.each([
    ['list_tasks', {}, 'tasks'],
    ['list_tasks', { unit: '生态环境局', role: 'any' }, 'tasks'],
    ['list_appointments', { limit: 3 }, 'appointments'],
    ['search_gazette', { query: '湿地', limit: 7 }, 'results'],
    ['verify_quote', { quote: '湿地' }, 'citations'],
    ['list_documents', { limit: 5 }, 'documents'],
  ])('%s %j pages to the end of the list, each item once', (tool, args, field) => {
    let offset: number | null = 0;
    const seen: string[] = [];
    let total = -1;
    let pages = 0;
    while (offset !== null) {
      const r = call(ctx, tool, { ...args, offset });
      const s = r.structuredContent as Record<string, unknown> & { total: number; nextOffset: number | null };
      expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(TEXT_BUDGET);
      total = s.total;
      seen.push(...(s[field] as unknown[]).map((x) => JSON.stringify(x)));
      offset = s.nextOffset;
      pages++;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages).toBeGreaterThan(1);
  });

  it('says where a page is past the end', () => {
    const r = call(ctx, 'list_tasks', { offset: 5000 });
    expect(r.structuredContent).toMatchObject({ tasks: [], total: 232, nextOffset: null });
    expect(r.text).toBe('共 232 项任务，offset=5000 已超过末尾。');
  });
});

describe('a first hit that may not be the answer', () => {
  const search = (query: string) => call(ctx, 'search_gazette', { query, limit: 3 });

  it('says so when the first two passages score within 10%, and only on the first page', () => {
    const close = search('国有资产出租要公告几天');
    expect(close.structuredContent).toMatchObject({ closeCall: true });
    expect(close.text).toContain('第 1、2 条相关程度接近，第 1 条未必就是答案，请一并核对前几条。');
    const next = call(ctx, 'search_gazette', { query: '国有资产出租要公告几天', limit: 3, offset: 3 });
    expect(next.structuredContent).toMatchObject({ closeCall: true });
    expect(next.text).not.toContain('相关程度接近');
  });

  it('says nothing when the first stands clear: 法律顾问聘期几年 → 第十五条', () => {
    const clear = search('法律顾问聘期几年');
    const s = clear.structuredContent as { closeCall: boolean; results: { citation: { locator: string } }[] };
    expect(s.closeCall).toBe(false);
    expect(s.results[0].citation.locator).toBe('第十五条');
    expect(clear.text).not.toContain('相关程度接近');
  });
});

describe('a table row whose column the question names', () => {
  it('is ranked by the title in its cell, its row’s own subject: 国有资产出租实施办法的解读单位 → 44号 附件 序号10, over the 办法 itself', () => {
    const r = call(ctx, 'search_gazette', { query: '国有资产出租实施办法的解读单位', limit: 3 });
    const s = r.structuredContent as { results: { citation: { docNumber: string; locator: string } }[] };
    expect(s.results[0].citation).toMatchObject({ docNumber: '卫政办发〔2019〕44号', locator: '附件 序号10' });
    expect(r.text).toContain('解读单位：市财政局');
  });
});

describe('orientation', () => {
  it('names the gazette it serves and which tool answers what, from the corpus', () => {
    const text = serverInstructions(ctx);
    expect(text).toContain('《中卫市人民政府公报》2019.NO.4（12 件通知，2019-04-26 至 2019-10-29）');
    for (const tool of ['find_lead_unit', 'list_tasks', 'cite_clause', 'list_appointments', 'draft_explainer', 'check_draft']) expect(text).toContain(tool);
  });

  it('says plainly what the corpus holds when a question is outside it', () => {
    const r = call(ctx, 'search_gazette', { query: 'Bitcoin' });
    expect(r.structuredContent).toMatchObject({ results: [], total: 0 });
    expect(r.text).toContain('本公报只收录《中卫市人民政府公报》2019.NO.4（12 件通知，2019-04-26 至 2019-10-29）');
  });
});

describe('deadlines in a task’s own words', () => {
  it('reads 2019年12月底前 and 2019年年底前 in one item as the one day they both name', () => {
    const [task] = ctx.gazette.findTasks('划定、管理禁止和限制水产养殖区', 1);
    expect(task.citation.locator).toBe('二、（一）11.');
    expect(task.deadline).toEqual({ text: '2019年12月底前', date: '2019-12-31', kind: 'end_of_month', source: 'text' });
  });
});
