// Extraction faults found on real PDFs, each reproduced on the bundled issue's own text: look-alike
// radicals a font maps glyphs to, a hyphen between digits at a line end, and two columns printed
// side by side by pdftotext -layout.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allUnplaced, parseIssue, type IssueDoc } from '../corpus/issue.js';
import { foldExtraction, readLayout, readSideBySide } from '../corpus/layout.js';
import { RADICAL_FOLD } from '../domain/radicals.js';
import { foldCharacters, isWide, matchKey } from '../domain/text.js';
import { issueFacts } from '../evals/facts.js';
import { SEED_FILE } from './support/seed.js';

const seed = readFileSync(SEED_FILE, 'utf8');
const original = parseIssue(seed, 'original.txt');

function paragraphs(issue: IssueDoc, docNumber: string): string[] {
  const n = issue.notices.find((x) => x.docNumber === docNumber)!;
  return [n.body, ...n.parts].flatMap((t) => t.paragraphs.map((p) => p.text));
}

const POLICY_WORK =
  '自2019年1月1日起，市政府各部门（单位）制发的属于解读范围的文件，都必须配套政策解读，并在市人民政府门户网站发布。各县（区）、市政府各部门（单位）要严格按照通知要求，确定专人负责，对本部门（单位）2019年以来制发的政策性文件进行全面梳理，凡是没有解读材料的文件，应及时起草解读材料并于2019年5月24日前在本级政府门户网站补发。市政府各部门（单位）政策解读质量和效果作为年度效能目标考核“政务公开”部分的重要考量依据。';
const LEADING_GROUP =
  '（二十九）加强组织领导。成立以分管生态环境工作的副市长为组长，各县（区）、市直相关部门及工业园区管委会主要领导为成员的市蓝天保卫战工作领导小组，';
const AIR_PLAN_OPENING =
  '为贯彻落实《自治区人民政府关于印发打赢蓝天保卫战三年行动计划的通知》（宁政发〔2018〕34号）、《市人民政府办公室关于印发中卫市打赢蓝天保卫战三年行动计划（2018-2020年）的通知》（卫政办发〔2018〕164号），持续实施生态立市战略，推进大气污染综合防治，确保打赢蓝天保卫战，环境空气质量持续有效改善，制定本年度重点工作安排。';

describe('look-alike radicals (CJK Radicals Supplement and Kangxi Radicals) fold to the simplified characters the gazette prints', () => {
  const LOOKALIKE: Record<string, string> = { 民: '⺠', 门: '⻔', 长: '⻓', 户: '⼾' };
  const disguise = (s: string) => s.replace(/[民门长户]/g, (c) => LOOKALIKE[c]);

  it('folds printed lines of the issue back exactly, one character for one', () => {
    for (const line of ['读，并在市人民政府门户网站发布。各县（区）、市', '境工作的副市长为组长，各县（区）、市直相关部门']) {
      const disguised = disguise(line);
      expect(disguised).not.toBe(line);
      expect(foldCharacters(disguised)).toBe(line);
      expect(foldCharacters(disguised)).toHaveLength(line.length);
      expect(foldExtraction(disguised)).toBe(line);
    }
    expect(foldCharacters('读，并在市人⺠政府⻔⼾网站发布。')).toBe('读，并在市人民政府门户网站发布。');
  });

  it('maps each radical to the simplified form, never the traditional one NFKC gives', () => {
    const expected: Record<string, string> = {
      '⼾': '户',
      '⾨': '门',
      '⻔': '门',
      '⾧': '长',
      '⻓': '长',
      '⻑': '长',
      '⾺': '马',
      '⻢': '马',
      '⾙': '贝',
      '⻉': '贝',
      '⾞': '车',
      '⻋': '车',
      '⾴': '页',
      '⻚': '页',
      '⾵': '风',
      '⻛': '风',
      '⾶': '飞',
      '⻜': '飞',
      '⿂': '鱼',
      '⿃': '鸟',
      '⻨': '麦',
      '⿆': '麦',
      '⿓': '龙',
      '⻰': '龙',
      '⿔': '龟',
      '⻳': '龟',
      '⿒': '齿',
      '⻮': '齿',
      '⿑': '齐',
      '⻬': '齐',
      '⾒': '见',
      '⻅': '见',
      '⿈': '黄',
      '⻩': '黄',
      '⻄': '西',
      '⺠': '民',
      '⾔': '言',
      '⻈': '讠',
      '⼈': '人',
      '⼀': '一',
    };
    for (const [radical, simplified] of Object.entries(expected)) expect(`${radical} ${foldCharacters(radical)}`).toBe(`${radical} ${simplified}`);
    const traditional = [...'戶門長馬貝車頁風飛魚鳥麥龍龜齒齊見黃韋鬥鹵黽'];
    expect(Object.values(RADICAL_FOLD).filter((c) => traditional.includes(c))).toEqual([]);
    // One UTF-16 unit for one: offsets into a folded text stay valid.
    for (const [radical, c] of Object.entries(RADICAL_FOLD)) expect(`${radical}${c.length}`).toBe(`${radical}1`);
  });

  it('reads the whole issue printed with ⺠ ⻔ ⻓ ⼾ as the original: same facts, the same clause words', () => {
    const disguised = disguise(seed);
    expect(disguised).toContain('市人⺠政府⻔⼾网站');
    const issue = parseIssue(disguised, 'radicals.txt');
    expect(issueFacts(issue)).toEqual(issueFacts(original));
    expect(allUnplaced(issue)).toEqual([]);
    expect(paragraphs(issue, '卫政办发〔2019〕44号')).toContain(POLICY_WORK);
    expect(paragraphs(issue, '卫政办发〔2019〕43号').some((p) => p.startsWith(LEADING_GROUP))).toBe(true);
  });
});

describe('a hyphen between digits at a line end', () => {
  const PRINTED = '保卫战三年行动计划（2018-2020 年）的通知》（卫政';
  const rewrapped = (hyphen: string) => seed.replace(PRINTED, `保卫战三年行动计划（2018${hyphen}\n\n2020 年）的通知》（卫政`);

  it.each([
    ['as a hyphen', '-'],
    ['as the soft hyphen U+00AD a PDF font encodes its hyphen glyph with', '\u00ad'],
  ])('keeps 2018-2020 when the line ends after the hyphen, %s', (_how, hyphen) => {
    const text = rewrapped(hyphen);
    expect(text).not.toContain(PRINTED);
    const issue = parseIssue(text, 'rewrapped.txt');
    expect(paragraphs(issue, '卫政办发〔2019〕43号')).toContain(AIR_PLAN_OPENING);
    expect(issueFacts(issue)).toEqual(issueFacts(original));
  });

  it('folds a soft hyphen after a digit, at a line end or before a digit, to the hyphen it prints; elsewhere it prints nothing', () => {
    expect(foldExtraction('保卫战三年行动计划（2018\u00ad')).toBe('保卫战三年行动计划（2018-');
    expect(foldExtraction('保卫战三年行动计划（2018\u00ad2020 年）')).toBe('保卫战三年行动计划（2018-2020 年）');
    expect(foldCharacters('（2018\u00ad\n2020 年）')).toBe('（2018-\n2020 年）');
    expect(foldExtraction('蓝天保\u00ad卫战')).toBe('蓝天保卫战');
    expect(foldCharacters('蓝天保\u00ad卫战')).toBe('蓝天保 卫战');
    expect(matchKey('（2018\u00ad2020年）')).toBe(matchKey('（2018-2020年）'));
  });
});

describe('two columns printed side by side (pdftotext -layout)', () => {
  const cells = (s: string) => [...s].reduce((w, c) => w + (isWide(c) ? 2 : 1), 0);
  const FURNITURE = /^\d+- -$|^《中卫市人民政府公报》/;

  /**
   * The bundled issue as pdftotext -layout prints it from a two-column print: each printed page's
   * lines (about 80) set in two columns of about 40, the left one padded to a fixed width (in
   * terminal cells, or in characters), the running header and page number centred across both,
   * pages ended by form feeds.
   */
  function sideBySide(pad: 'cells' | 'chars'): string {
    const pages: string[][] = [[]];
    const physical = seed.split('\n');
    physical.forEach((line, i) => {
      if (!line.trim()) return;
      // A page opens with a line indented straight after a printed line, and after a page number.
      if (pages[pages.length - 1].length && /^\s/.test(line) && physical[i - 1].trim()) pages.push([]);
      pages[pages.length - 1].push(line.trim());
      if (/^\d+- -$/.test(line.trim())) pages.push([]);
    });
    const width = (s: string) => (pad === 'cells' ? cells(s) : s.length);
    const column = Math.max(...pages.flat().map(width)) + 4;
    const centred = (l: string) => ' '.repeat(Math.max(0, Math.floor((2 * column - width(l)) / 2))) + l;
    return pages
      .filter((page) => page.length)
      .map((page) => {
        const head = FURNITURE.test(page[0]) ? [page.shift()!] : [];
        const foot = FURNITURE.test(page[page.length - 1]) ? [page.pop()!] : [];
        const half = Math.ceil(page.length / 2);
        const [left, right] = [page.slice(0, half), page.slice(half)];
        const rows = left.map((l, k) => (right[k] === undefined ? l : l + ' '.repeat(column - width(l)) + right[k]));
        return `${[...head.map(centred), ...rows, ...foot.map(centred)].join('\n')}\n`;
      })
      .join('\f');
  }

  it.each(['cells', 'chars'] as const)(
    'reads each page left column first, then right (left column padded in %s): the same facts, pages and paragraphs',
    (pad) => {
      const text = sideBySide(pad);
      const sourceLines = text.split('\n');
      expect(sourceLines[1]).toMatch(/^关于印发 2019 年度中卫市打赢蓝天保卫战行动 {20,}\S/);
      expect(text.split('\f')).toHaveLength(64);
      // Read as one column, it is no gazette issue: the notice headers are split across the columns.
      expect(parseIssue(text.replace(/ {4,}/g, ' '), 'flattened.txt').notices).toEqual([]);

      const issue = parseIssue(text, `two-columns-${pad}.txt`);
      expect(issueFacts(issue)).toEqual(issueFacts(original));
      expect(allUnplaced(issue)).toEqual([]);
      expect(issue.notices.map((n) => `${n.docNumber} p.${n.page}`)).toEqual(original.notices.map((n) => `${n.docNumber} p.${n.page}`));
      expect(issue.pagesKnown).toBe(true);
      expect(issue.furniture.map((f) => `${f.kind} p.${f.page} ${f.text}`)).toEqual(original.furniture.map((f) => `${f.kind} p.${f.page} ${f.text}`));
      const opening = issue.notices.find((n) => n.docNumber === '卫政办发〔2019〕43号')!.parts[0].paragraphs[0];
      expect(opening).toMatchObject({ text: AIR_PLAN_OPENING, pageFrom: 3, pageTo: 3 });
      // Line numbers are the source file's: the paragraph opens on the line that prints its first words.
      expect(sourceLines[opening.lineFrom - 1]).toMatch(/^为贯彻落实《自治区人民政府关于印发打赢蓝 {4,}要求，制定严格的产业准入门槛。/);
      expect(paragraphs(issue, '卫政办发〔2019〕44号')).toContain(POLICY_WORK);
    },
  );

  it('leaves a one-column text alone', () => {
    expect(readSideBySide(seed)).toBeNull();
    expect(readLayout(seed).lines.map((l) => l.lineNo)).toEqual(readLayout(seed, true).lines.map((l) => l.lineNo));
  });
});

describe('centred lines an extractor moved (pdfminer orders lines by their boxes)', () => {
  it('puts a 文号 printed below its recipients back under its title: the same 12 notices and facts', () => {
    const lines = seed.split('\n');
    let moved = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*卫政\S*〔2019〕\s*\d+\s*号\s*$/.test(lines[i])) continue;
      const below = lines.findIndex((l, j) => j > i && j < i + 12 && /：\s*$/.test(l));
      if (below < 0) continue;
      lines.splice(below, 0, ...lines.splice(i, 1));
      moved++;
      i = below;
    }
    expect(moved).toBe(11);
    const issue = parseIssue(lines.join('\n'), 'moved.txt');
    expect(issueFacts(issue)).toEqual(issueFacts(original));
    expect(allUnplaced(issue)).toEqual([]);
  });
});
