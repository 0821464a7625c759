// Names a text introduces (以下简称), mined from the gazette's own sentences.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { mineAliases } from '../domain/aliases.js';
import { seedDatabase } from './support/seed.js';

describe('names a text introduces', () => {
  it.each([
    [
      '市本级行政事业单位国有资产出租（对外承包）应当统一进入市公共资源交易平台（以下简称国有产权交易机构）实施公开招租',
      '市公共资源交易平台',
      '国有产权交易机构',
    ],
    ['第二条 本办法所指市人民政府法律顾问（以下简称法律顾问），是由市司法局选聘', '市人民政府法律顾问', '法律顾问'],
    ['进一步引导和鼓励全日制普通高校（以下简称高校）大学生到部队建功立业', '全日制普通高校', '高校'],
    ['市各协议医疗机构住院发生的统筹基金支付医疗费用（含城镇职工大额医疗费用补助支付，以下简称“住院统筹费用”）的结算', '统筹基金支付医疗费用', '住院统筹费用'],
  ])('%s', (sentence, full, short) => {
    expect(mineAliases(sentence)).toEqual([{ full, short }]);
  });

  it('keeps a name that holds 和 whole, reads half-width brackets, and takes no clause for a name', () => {
    expect(mineAliases('由市发展和改革委员会(以下简称市发改委)负责')).toEqual([{ full: '市发展和改革委员会', short: '市发改委' }]);
    expect(mineAliases('各部门要按照本方案要求，认真组织实施，（以下简称方案）')).toEqual([]);
    expect(mineAliases('建设微型监测站（即小型站）')).toEqual([]);
  });

  it('are stored for the bundled issue: the four it introduces', () => {
    const db = new Database(seedDatabase(), { readonly: true });
    const rows = db.prepare('SELECT full, short FROM aliases ORDER BY text_id').all();
    db.close();
    expect(rows).toEqual([
      { full: '市公共资源交易平台', short: '国有产权交易机构' },
      { full: '统筹基金支付医疗费用', short: '住院统筹费用' },
      { full: '市人民政府法律顾问', short: '法律顾问' },
      { full: '全日制普通高校', short: '高校' },
    ]);
  });
});
