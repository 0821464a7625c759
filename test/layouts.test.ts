// The layout zoo: the bundled issue and every made-up issue, re-printed as other extractors print
// them (evals/layouts.ts), must yield the same facts on every variant: notices, texts, outline
// locators, clause texts (whitespace aside), tasks with all their units and deadlines,
// appointments with probation ends, validity — and nothing unplaced.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allUnplaced, parseIssue } from '../corpus/issue.js';
import { issueFacts } from '../evals/facts.js';
import { reprint, VARIANTS } from '../evals/layouts.js';
import { MADE_UP_ISSUES } from './support/made-up.js';
import { SEED_FILE } from './support/seed.js';

const ISSUES: Record<string, string> = { 'bundled 2019.NO.4': readFileSync(SEED_FILE, 'utf8'), ...MADE_UP_ISSUES };

describe.each(Object.entries(ISSUES))('%s', (_name, original) => {
  const expected = issueFacts(parseIssue(original, 'original.txt'));

  it.each(VARIANTS.filter((v) => v.name !== 'original').map((v) => [v.name, v] as const))('%s: the same facts, nothing unplaced', (_v, variant) => {
    const text = reprint(original, variant.options);
    expect(text).not.toBe(original);
    const issue = parseIssue(text, `${variant.name}.txt`);
    expect(issueFacts(issue)).toEqual(expected);
    expect(allUnplaced(issue)).toEqual([]);
  });
});

describe('table headers whose cells run together', () => {
  it('still open their table: every row of 44号 and 49号 is a task, as printed with spaces', () => {
    const seed = ISSUES['bundled 2019.NO.4'];
    const merged = seed.replace(/^序号 (.+)$/gm, (_line, rest: string) => `序号${rest.replace(/ /g, '')}`);
    expect(merged).toContain('\n序号流域项目名称\n');
    expect(merged).toContain('\n序号文件名称、文号解读渠道解读方式解读单位完成时限\n');
    expect(issueFacts(parseIssue(merged, 'merged.txt'))).toEqual(issueFacts(parseIssue(seed, 'original.txt')));
  });
});

describe('the zoo itself', () => {
  const seed = ISSUES['bundled 2019.NO.4'];
  const lines = (text: string) =>
    new Set(
      text
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => l.trim()),
    );

  it('moves nearly every line break of prose when it re-wraps', () => {
    const before = lines(seed);
    const kept = (width?: number) => {
      const after = [...lines(reprint(seed, { spacing: 'single', pageBreak: 'indent', width }))];
      return after.filter((l) => before.has(l)).length / after.length;
    };
    expect(kept()).toBeGreaterThan(0.95);
    // What stays is what it must not touch: headers, titles, table cells (a third of the issue's
    // lines are flattened tables), and a paragraph's short last line now and then.
    for (const width of [14, 22, 30]) expect(kept(width), `width ${width}`).toBeLessThan(0.4);
  });

  it('prints every kind of damage it claims', () => {
    const all = reprint(seed, VARIANTS.find((v) => v.name === 'everything')!.options);
    expect(all).toContain('\r\n');
    expect(all).toContain('\f');
    expect(all).toMatch(/\n）\r?\n|\n］\r?\n/); // a closing bracket alone on its line
    expect(all).toMatch(/\(|:|;/); // half-width marks
    expect(all).toMatch(/— \d+ —/);
    expect(all).toMatch(/\n第 \d+ 页 共 200 页\r?\n/);
    expect(all).toMatch(/\n·\d+·\r?\n/);
    expect(all).toContain('\u200b');
    expect(all).toContain('∶');
    expect(all).toMatch(/﹙/);
    expect(all).toContain('⼈');
    expect(all).toContain('\u00ad');
    expect(all).toMatch(/\n中 卫 市 [人⼈] 民 政 府(?: 办 公 室)?\r?\n/); // an issuer letter-spaced
    expect(all).not.toMatch(/\n\r?\n\r?\n/); // single-spaced
  });
});
