import { describe, expect, it } from 'vitest';
import { normalizeDocNumber } from '../domain/doc-number.js';
import { Numbering, parseMarker } from '../domain/markers.js';
import { dropCjkSpaces, foldCharacters, joinWrapped, matchKey, parseChineseDate, parseNumber, toChineseNumber } from '../domain/text.js';

describe('文号', () => {
  it('accepts every bracket style, spaces and full-width digits', () => {
    for (const s of [
      '卫政办发〔2019〕43号',
      '卫政办发[2019]43号',
      '卫政办发(2019)43号',
      '卫政办发（2019）43号',
      '卫政办发 〔2019〕 43 号',
      '卫政办发〔２０１９〕４３号',
      '卫政办发〔2019〕第43号',
    ]) {
      expect(normalizeDocNumber(s), s).toBe('卫政办发〔2019〕43号');
    }
  });
  it('rejects what is not a 文号', () => {
    for (const s of ['', '43号', '卫政办发〔19〕43号', '卫政办发〔2019〕号', 'SELECT * FROM notices', '卫政办发〔2019〕43']) {
      expect(normalizeDocNumber(s), s).toBeNull();
    }
  });
});

describe('numbers and dates', () => {
  it('reads Chinese and Arabic numerals', () => {
    expect([
      parseNumber('五'),
      parseNumber('十'),
      parseNumber('十五'),
      parseNumber('二十七'),
      parseNumber('三十九'),
      parseNumber('一百零五'),
      parseNumber('１２'),
      parseNumber('4'),
    ]).toEqual([5, 10, 15, 27, 39, 105, 12, 4]);
    expect(parseNumber('四条')).toBeNaN();
    expect(parseNumber('')).toBeNaN();
  });
  it('writes numbers the way articles are numbered', () => {
    expect([1, 10, 11, 20, 27, 39, 100, 105, 110].map(toChineseNumber)).toEqual([
      '一',
      '十',
      '十一',
      '二十',
      '二十七',
      '三十九',
      '一百',
      '一百零五',
      '一百一十',
    ]);
  });
  it('parses printed dates and refuses impossible ones', () => {
    expect(parseChineseDate('2019 年 4 月 30 日')).toBe('2019-04-30');
    expect(parseChineseDate('二〇一九年九月二十七日')).toBe('2019-09-27');
    expect(parseChineseDate('二〇二〇年二月三十日')).toBeNull();
    expect(parseChineseDate('2019年2月30日')).toBeNull();
    expect(parseChineseDate('2019年4月')).toBeNull();
  });
});

describe('spacing', () => {
  it('drops extraction spaces around Chinese text, keeps them between Latin words', () => {
    expect(dropCjkSpaces('2019 年 4 月 30 日')).toBe('2019年4月30日');
    expect(dropCjkSpaces('领 域 政 府 信 息 公 开')).toBe('领域政府信息公开');
    expect(dropCjkSpaces('按 ISO 9001 标准')).toBe('按ISO 9001标准');
    expect(joinWrapped(['市工业和', '信息化局'])).toBe('市工业和信息化局');
    expect(joinWrapped(['the', 'word', '市'])).toBe('the word市');
    expect(matchKey('卫政办发〔２０１９〕 43 号')).toBe('卫政办发〔2019〕43号');
  });
});

describe('characters that stand for others', () => {
  it('folds radicals, stand-in marks and invisible characters one for one, and leaves the small ﹦', () => {
    const pasted = '⼈民政府∶第⼀条﹙⼀﹚､不低于\u200b1∶500﹦Ｘ';
    expect(foldCharacters(pasted)).toBe('人民政府:第一条(一)、不低于 1:500﹦X');
    expect(foldCharacters(pasted)).toHaveLength(pasted.length);
    expect(matchKey(pasted)).toBe(matchKey('人民政府：第一条（一）、不低于1:500﹦X'));
  });
});

describe('outline markers', () => {
  it('reads each level', () => {
    const m = (s: string) => {
      const r = parseMarker(s);
      return r && [r.type, r.n, r.label];
    };
    expect(m('第一章 总 则')).toEqual(['chapter', 1, '第一章']);
    expect(m('第二十七条 本办法自')).toEqual(['article', 27, '第二十七条']);
    expect(m('二、主要任务')).toEqual(['section', 2, '二、']);
    expect(m('（二十五）夯实应急减排措施。')).toEqual(['item', 25, '（二十五）']);
    expect(m('1 .科学划定湿地生态保护红线。')).toEqual(['point', 1, '1.']);
    expect(m('13.建立有利于节水减排的水价机制。')).toEqual(['point', 13, '13.']);
    expect(m('（3）建设项目用地预审结果。')).toEqual(['subpoint', 3, '（3）']);
  });
  it('does not take wrapped words or decimals for markers', () => {
    // 第N条 with no gap after it is a marker only where it is the next article.
    const wrapped = parseMarker('第十二条规定面向社会公开选聘；')!;
    expect(wrapped).toMatchObject({ type: 'article', n: 12, tight: true });
    const numbering = new Numbering();
    numbering.push(parseMarker('第三条 本办法适用于…')!, false);
    expect(numbering.accepts(wrapped)).toBe(false);
    numbering.push(parseMarker('第十一条 市司法局负责…')!, false);
    expect(numbering.accepts(wrapped)).toBe(true);
    expect(parseMarker('第1000条 是个数字')).toBeNull();
    expect(parseMarker('0.5 的为低异常分值')).toBeNull();
    expect(parseMarker('2019 年 10 月底前完成治理。')).toBeNull();
    expect(parseMarker('（区）人民政府落实。］')).toBeNull();
  });
});
