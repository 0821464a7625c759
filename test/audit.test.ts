// Nothing is lost silently: what the parser cannot place is named with its line and reason, the
// ingest fails while anything is unplaced, answers about that notice say so, and a corrupt block
// costs only itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allUnplaced, parseIssue } from '../corpus/issue.js';
import { issueFacts } from '../evals/facts.js';
import { ingestCorpus } from '../ingest/ingest.js';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import { findTool, runTool } from '../tools/index.js';
import { SNOW_ISSUE, SNOW_TASKS, UNREADABLE_ISSUE } from './support/made-up.js';
import { SEED_FILE } from './support/seed.js';

describe('notes that close on their own lines', () => {
  it('yields every task with its units and deadline', () => {
    const issue = parseIssue(SNOW_ISSUE, 'snow.txt');
    expect(issue.notices[0].tasks.map((t) => [t.locator, t.task, t.leadUnits, t.supportUnits, t.deadline?.date ?? null])).toEqual(SNOW_TASKS);
    expect(allUnplaced(issue)).toEqual([]);
    expect(issue.audit.responsibility).toEqual({ found: 17, placed: 17 });
  });
});

describe('a note and a 任免 clause in forms nothing here reads', () => {
  const issue = parseIssue(UNREADABLE_ISSUE, 'unreadable.txt');

  it('are listed as unplaced with their lines and reasons, and the rest is read', () => {
    expect(allUnplaced(issue).map((u) => [u.kind, u.lineNo, u.message])).toEqual([
      ['responsibility', 13, '某府办发〔2022〕3号 二、: a note that names no unit or role in a form read here: （牵头单位市林业局完成时限年底）'],
      ['appointment', 29, '某府干发〔2022〕2号: a clause naming a person or a removal, in no form read here: 任命王五为市林业局副局长'],
    ]);
    expect(issue.notices[0].tasks.map((t) => [t.locator, t.leadUnits, t.implementingUnits, t.deadline?.date])).toEqual([
      ['一、', ['市林业局'], ['各区人民政府'], '2022-03-31'],
    ]);
    expect(issue.audit.responsibility).toEqual({ found: 2, placed: 1 });
    expect(issue.audit.appointment).toEqual({ found: 1, placed: 0 });
  });

  it('make the ingest fail, and answers about the notice say its facts may be incomplete', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-unreadable-'));
    writeFileSync(join(dir, 'issue.txt'), UNREADABLE_ISSUE);
    const db = join(dir, 'gazette.db');
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'cli/gazette.ts', 'ingest', dir, '--db', db], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('! [responsibility] p.? (line 13): 某府办发〔2022〕3号 二、: a note that names no unit or role');
    expect(cli.stdout).toContain('责任分工（牵头、配合、落实、完成时限）: 2 / 1 / 1');
    expect(cli.stdout).toContain('2 item(s) unplaced');

    const gazette = new SqliteGazette(db);
    const ctx = { gazette, logError: () => undefined, today: () => '2022-06-01' };
    const doc = runTool(ctx, findTool('get_document')!, { document: '某府办发〔2022〕3号' });
    expect(doc.structuredContent).toMatchObject({ unplaced: 1 });
    expect((doc.content[0] as { text: string }).text).toContain('注意：某府办发〔2022〕3号 有 1 处内容未能读出，相关事实可能不完整');
    const lead = runTool(ctx, findTool('find_lead_unit')!, { task: '苗木调运' });
    expect((lead.content[0] as { text: string }).text).toContain('某府办发〔2022〕3号 有 1 处内容未能读出');
    gazette.close();
  });
});

describe('glyphs the extractor could not map', () => {
  // A font whose 牵 and 局 came out as a private-use code point and as U+FFFD.
  const damaged = readFileSync(SEED_FILE, 'utf8').replace(/牵/g, '\ue01a').replace(/局/g, '\ufffd');
  const issue = parseIssue(damaged, 'damaged.txt');

  it('are reported line by line in the notice they stand in, so its answers say its facts may be incomplete', () => {
    const unreadable = allUnplaced(issue).filter((u) => u.message.includes('unreadable'));
    expect(unreadable.length).toBe(615);
    expect(unreadable[0]).toEqual({
      kind: 'text',
      lineNo: 57,
      page: 3,
      message: '卫政办发〔2019〕43号 1 unreadable character(s) (U+FFFD): glyphs the extractor could not map, so printed characters are missing here',
    });
    // Each notice that lost tasks to the damage says so: none is lost in silence.
    const clean = new Map(parseIssue(readFileSync(SEED_FILE, 'utf8'), 'seed.txt').notices.map((n) => [n.docNumber, n.tasks.length]));
    const short = issue.notices.filter((n) => n.tasks.length < clean.get(n.docNumber)!);
    expect(short.map((n) => n.docNumber)).toEqual(['卫政办发〔2019〕43号', '卫政办发〔2019〕68号']);
    expect(short.every((n) => n.unplaced.some((u) => u.message.includes('unreadable')))).toBe(true);
  });
});

describe('marker words broken by a character no rule reads', () => {
  it('are reported in their notice, whatever the character, and a clean issue has none', () => {
    const seed = readFileSync(SEED_FILE, 'utf8');
    expect(allUnplaced(parseIssue(seed, 'seed.txt'))).toEqual([]);
    const broken = parseIssue(seed.replace(/牵头/g, '牵|头').replace(/试用期/g, '试\u034f用期'), 'broken.txt');
    expect(
      allUnplaced(broken)
        .filter((u) => u.message.includes('broken by'))
        .map((u) => [u.kind, u.message]),
    ).toEqual([
      ['responsibility', '卫政办发〔2019〕43号 96 occurrence(s) of 牵头 broken by U+007C: the marker(s) they belong to may not have been read'],
      ['responsibility', '卫政办发〔2019〕44号 4 occurrence(s) of 牵头 broken by U+007C: the marker(s) they belong to may not have been read'],
      ['responsibility', '卫政办发〔2019〕68号 40 occurrence(s) of 牵头 broken by U+007C: the marker(s) they belong to may not have been read'],
      ['responsibility', '卫政办发〔2019〕74号 22 occurrence(s) of 牵头 broken by U+007C: the marker(s) they belong to may not have been read'],
      ['responsibility', '卫政办发〔2019〕85号 6 occurrence(s) of 牵头 broken by U+007C: the marker(s) they belong to may not have been read'],
      ['appointment', '卫政干发〔2019〕14号 3 occurrence(s) of 试用期 broken by U+034F: the marker(s) they belong to may not have been read'],
      ['appointment', '卫政干发〔2019〕15号 3 occurrence(s) of 试用期 broken by U+034F: the marker(s) they belong to may not have been read'],
    ]);
  });
});

describe('a note whose opening or closing bracket the extraction lost', () => {
  it('is reported where it opens, in its notice', () => {
    const lost = readFileSync(SEED_FILE, 'utf8').replace('再列出。）', '再列出。');
    expect(allUnplaced(parseIssue(lost, 'lost.txt')).map((u) => u.message)).toEqual([
      '卫政办发〔2019〕43号 二、（一）1.: a bracket opened before “（市生态环境局牵头，市水务局、住房和城乡建设局、农业农村局等” that never closes: a note whose closing bracket was lost may not have been read',
    ]);
  });

  it('is reported where it closes, in its notice', () => {
    const seed = readFileSync(SEED_FILE, 'utf8');
    const lost = seed.replace('（市生态环境局牵头，市水', '市生态环境局牵头，市水');
    expect(lost).not.toBe(seed);
    expect(allUnplaced(parseIssue(lost, 'lost.txt'))).toEqual([
      {
        kind: 'responsibility',
        lineNo: 1088,
        page: 10,
        message:
          '卫政办发〔2019〕43号 二、（一）1.: a bracket closed after “实。以下均需沙坡头区、中宁县、海原县人民政府落实，不再列出。” that never opened: a note whose opening bracket was lost may not have been read',
      },
    ]);
  });
});

describe('a role label whose colon the extraction lost', () => {
  it('is reported wherever it leaves the label inside a unit name', () => {
    const lost = parseIssue(readFileSync(SEED_FILE, 'utf8').replace(/责任单位：/g, '责任单位'), 'lost.txt');
    const named = allUnplaced(lost).filter((u) => u.message.includes('role label'));
    expect(named).toHaveLength(42);
    expect(named[0]).toEqual({
      kind: 'responsibility',
      lineNo: 3409,
      page: 25,
      message: '卫政办发〔2019〕68号 二、（一）1.: a unit name holding a role label, read as printed: 市责任单位市发展和改革委员会',
    });
  });
});

describe('a 2 MB block of random Chinese appended to an issue', () => {
  const seed = readFileSync(SEED_FILE, 'utf8');
  let x = 7;
  const noise = Array.from({ length: 700_000 }, () => String.fromCharCode(0x4e00 + ((x = (x * 1103515245 + 12345) & 0x7fffffff) % 0x5000))).join('');
  const text = `${seed}\n\n${noise.replace(/(.{23})/g, '$1\n\n')}\n`;

  it('leaves every fact of the issue as it was and reports the block as unplaced', () => {
    const issue = parseIssue(text, 'noisy.txt');
    expect(issueFacts(issue)).toEqual(issueFacts(parseIssue(seed, 'seed.txt')));
    const unplaced = allUnplaced(issue);
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0]).toMatchObject({ kind: 'text', lineNo: 9815 });
    expect(unplaced[0].message).toMatch(/lines 9815–\d+: 700000 characters with no punctuation are not prose; left out/);
  });

  it('costs only its own file: the other issues of the folder are ingested', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-noisy-'));
    writeFileSync(join(dir, 'a-noisy.txt'), text);
    writeFileSync(join(dir, 'b-clean.txt'), seed.replace(/〔2019〕(\d+) 号/g, '〔2020〕$1 号'));
    const summary = ingestCorpus(dir, join(dir, 'gazette.db'));
    expect(summary.failures).toEqual([]);
    expect(summary.issues.map((i) => [i.source, i.notices, i.unplaced])).toEqual([
      ['a-noisy.txt', 12, 1],
      ['b-clean.txt', 12, 0],
    ]);
  });
});
