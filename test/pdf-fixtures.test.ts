// The typeset issue behind the PDF fixtures (evals/pdf-fixtures.ts) says what the original says:
// its HTML's blocks as text, one a line (what a perfect extractor gives, paragraphs unwrapped, a
// form feed at each forced page break), yield the same facts as the original text, field by
// field. No chromium needed: only the HTML is built.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allUnplaced, parseIssue } from '../corpus/issue.js';
import { issueFacts } from '../evals/facts.js';
import { htmlPlainText, issueBlocks, issueHtml, LAYOUTS } from '../evals/pdf-fixtures.js';
import { MADE_UP_ISSUES } from './support/made-up.js';
import { SEED_FILE } from './support/seed.js';

const SEED = readFileSync(SEED_FILE, 'utf8');
const layout = (name: string) => LAYOUTS.find((l) => l.name === name)!.typesetting;

const ISSUES: Record<string, string> = { 'bundled 2019.NO.4': SEED, ...MADE_UP_ISSUES };

describe.each(Object.entries(ISSUES))('%s', (_name, original) => {
  const expected = issueFacts(parseIssue(original, 'original.txt'));

  it.each(['a4-1col', 'lo-docx-a4'])('%s: the HTML as text gives the same facts, field by field, nothing unplaced', (name) => {
    const text = htmlPlainText(issueHtml(original, layout(name)));
    const issue = parseIssue(text, `${name}.txt`);
    const facts = issueFacts(issue);
    for (const field of ['notices', 'texts', 'clauses', 'tasks', 'appointments'] as const) expect(facts[field], field).toEqual(expected[field]);
    expect(allUnplaced(issue)).toEqual([]);
  });
});

describe('the bundled issue typeset', () => {
  const expected = issueFacts(parseIssue(SEED, 'original.txt'));
  const html = issueHtml(SEED, layout('a4-1col'));
  const text = htmlPlainText(html);

  it('states what it holds: 12 notices, 232 tasks, 16 appointments, 611 clauses (a row each 序号, 49号’s 合计 and 44号’s note rows of their own; 85号 附件2’s and 附件3’s blocks printed column by column a row each; 85号 附件1’s 序号2 a row each of its six sub-items)', () => {
    expect([expected.notices.length, expected.tasks.length, expected.appointments.length, expected.clauses.length, expected.texts.length]).toEqual([
      12, 232, 16, 611, 27,
    ]);
  });

  it('drops the page furniture and prints its own in @page margin boxes', () => {
    expect(text).not.toMatch(/公报》\s*2019/);
    expect(text).not.toMatch(/^\s*\d+-\s*-\s*$/m);
    expect(html).toContain('@top-center { content: "《中卫市人民政府公报》2019.NO.4"');
    expect(html).toContain('@bottom-center { content: "- " counter(page) " -"');
  });

  it('sets each prose paragraph as one indented block and forces a page break at each page start of the original', () => {
    const blocks = issueBlocks(SEED);
    const para = blocks.find((b) => b.text.startsWith('为贯彻落实《自治区人民政府关于印发打赢蓝天保卫战'))!;
    expect(para.kind).toBe('para');
    expect(para.lineNos.length).toBeGreaterThan(5);
    expect(html).toMatch(/<p class="para">为贯彻落实《自治区人民政府关于印发打赢蓝天保卫战三年行动计划的通知》（宁政发〔2018〕34号）/);
    expect(html).toMatch(/section\.page \+ section\.page \{ break-before: page; \}/);
    // Every page start of the original but the first line's is one forced break.
    expect(text.split('\f').length - 1).toBe(blocks.filter((b) => b.pageStart).length);
    expect(blocks.filter((b) => b.pageStart).length).toBeGreaterThan(50);
  });

  it('centres notice headers and right-aligns signatures and dates', () => {
    const kind = (t: string) => issueBlocks(SEED).find((b) => b.text === t)?.kind;
    expect(kind('卫政办发〔2019〕43号')).toBe('center');
    expect(kind('中卫市人民政府办公室')).toBe('center'); // the first: the header
    expect(kind('2019年4月30日')).toBe('right');
    expect(
      issueBlocks(SEED)
        .filter((b) => b.text === '中卫市人民政府办公室')
        .map((b) => b.kind),
    ).toContain('right');
  });

  it('gives LibreOffice the same blocks, with its own header, footer and page breaks', () => {
    const lo = issueHtml(SEED, layout('lo-docx-a4'));
    expect(htmlPlainText(lo)).toBe(text);
    expect(lo).toContain('<div title="header">');
    expect(lo).toContain('<sdfield type=PAGE');
    expect(lo).toContain('page-break-before:always');
  });
});
