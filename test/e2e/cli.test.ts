// The gazette command line, built, as a clerk would run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repeatedCorpus } from '../../evals/corpora.js';
import { SEED_FILE } from '../support/seed.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'gazette.js');
const db = join(mkdtempSync(join(tmpdir(), 'gazette-cli-')), 'gazette.db');
const gazette = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, GAZETTE_DB: db } });
const hasScript = spawnSync('script', ['--version']).status === 0;
/** A command run at a pseudo-terminal (util-linux script), its output as the terminal shows it. */
const atTerminal = (command: string) =>
  spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' })
    .stdout.replace(/\r\n/g, '\n')
    .replace(/\r(\x1b\[K)?/g, '\n');

describe('gazette CLI', () => {
  it('answers in Chinese with citations, and in JSON for scripts', () => {
    const lead = gazette('lead', '柴油货车', '--limit', '1');
    expect(lead.status).toBe(0);
    expect(lead.stdout).toContain('开展柴油货车污染治理专项行动——牵头：市交通运输局、市生态环境局');
    expect(lead.stdout).toContain(
      '【卫政办发〔2019〕43号 · 二、（十二） · 第6页：“（牵头单位：市交通运输局、生态环境局；配合单位：市市场监督管理局、公安局、商务局、财政局、发展和改革委员会；完成时限：2019年底。）”】',
    );
    const cite = gazette('cite', '国有资产出租', '第四条', '--json');
    expect(JSON.parse(cite.stdout)).toMatchObject({ clause: '第四条', citation: { docNumber: '卫政办规发〔2019〕2号', page: 52 } });
    const deadline = gazette('deadline', '15个工作日', '--from', '2019-04-26');
    expect(deadline.stdout).toContain('2019-05-20');
    const people = gazette('appointments', '--person', '田力', '--as-of', '2020-06-01');
    expect(people.stdout).toContain('2020-06-01 仍在试用期内');
    const tasks = gazette('tasks', '--unit', '住建局', '--limit', '3', '--json');
    expect(JSON.parse(tasks.stdout).tasks).toHaveLength(3);
  });

  it('fails with a clear message and a non-zero exit on bad input', () => {
    const noStart = gazette('deadline', '15个工作日');
    expect(noStart.status).toBe(1);
    expect(noStart.stderr).toContain('referenceDate');
    const badDate = gazette('appointments', '--as-of', '2020-02-30');
    expect(badDate.status).toBe(1);
    expect(badDate.stderr).toContain('不是真实存在的日期');
    // The same schemas and the same words as over MCP (test/e2e/server.test.ts).
    const badLimit = gazette('search', '湿地', '--limit', 'x');
    expect(badLimit.status).toBe(1);
    expect(badLimit.stderr).toContain('参数 limit 无效：应为数字。示例：5\nInvalid limit: must be a number');
    expect(gazette('frobnicate').status).toBe(2);
    expect(gazette('search', '--nope', 'x').status).toBe(2);
    expect(gazette('cite', '国有资产出租').status).toBe(2);
  });

  it('prints an explainer’s outline, and checks a draft file with an exit code a publishing checklist can use', () => {
    const outline = gazette('explain', '国有资产出租');
    expect(outline.status).toBe(0);
    expect(outline.stdout).toContain(
      '- 法律、法规、规章等规定具体公告期的，应当按照法定期限发布公告；没有具体要求的，公告期应当不少于10个工作日。【卫政办规发〔2019〕2号 · 第五条（三）',
    );
    expect(outline.stdout).toContain('解读责任：市财政局，2019年5月24日前（2019-05-24）');
    const dir = mkdtempSync(join(tmpdir(), 'gazette-draft-'));
    const right = join(dir, 'right.txt');
    const wrong = join(dir, 'wrong.txt');
    writeFileSync(right, '没有具体要求的，公告期应当不少于10个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】\n');
    writeFileSync(wrong, '没有具体要求的，公告期应当不少于15个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】\n');
    const ok = gazette('check', right);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('没有发现与原文不符之处。');
    const bad = gazette('check', wrong);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('[不一致] 数字 “15个工作日”');
    // A draft longer than one call takes is checked in pieces, offsets counted from the start of the file.
    const long = join(dir, 'long.txt');
    const line = '各单位要高度重视政策解读工作，认真落实。\n';
    writeFileSync(
      long,
      `${line.repeat(Math.ceil(21_000 / line.length))}没有具体要求的，公告期应当不少于15个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】\n`,
    );
    const pieces = gazette('check', long, '--json');
    expect(pieces.status).toBe(1);
    const findings = JSON.parse(pieces.stdout).findings as { text: string; offset: number }[];
    expect(findings.find((f) => f.text === '15个工作日')!.offset).toBe(
      line.repeat(Math.ceil(21_000 / line.length)).length + '没有具体要求的，公告期应当不少于'.length,
    );
    expect(gazette('check').status).toBe(2);
    expect(gazette('check', join(dir, 'missing.txt')).stderr).toContain('无法读取稿件');
  });

  it('ingests a folder and reports it; progress shows on a terminal only', () => {
    const dir = repeatedCorpus(SEED_FILE, 5);
    const r = spawnSync(process.execPath, [CLI, 'ingest', dir, '--db', join(dir, 'out.db')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('ingest [');
    expect(r.stdout).toContain('5 issue(s), 0 file(s) skipped');
    expect(r.stdout).toContain('卫政办发〔2023〕43号');
    if (!hasScript) return;
    const tty = atTerminal(
      `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ingest ${JSON.stringify(dir)} --db ${JSON.stringify(join(dir, 'tty.db'))} >/dev/null`,
    );
    expect(tty).toMatch(/ingest \[#+\.*\] 2\/5 files about \d+ s left/);
    expect(tty).toMatch(/ingest \[#{30}\] 5\/5 files done in \d+ s/);
  }, 120_000);

  it('prints whole lists at a terminal, one page with the way on when piped, and --offset / --all', () => {
    const page = gazette('tasks', '--unit', '住建局');
    expect(page.stdout.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(8);
    expect(page.stdout).toContain('（第 1–8 项，共 48 项；下一页加 --offset 8，全部列出加 --all）');
    const all = gazette('tasks', '--unit', '住建局', '--all');
    const numbers = all.stdout
      .split('\n')
      .filter((l) => /^\d+\. /.test(l))
      .map((l) => Number(l.split('.')[0]));
    expect(numbers).toEqual(Array.from({ length: 48 }, (_, k) => k + 1));
    expect(all.stdout).toContain('（共 48 项，已全部列出）\n日历：19 项有日期的完成时限可订阅为日历');
    expect(all.stdout).not.toContain('下一页');
    const last = gazette('tasks', '--unit', '住建局', '--offset', '40');
    expect(
      last.stdout
        .split('\n')
        .filter((l) => /^\d+\. /.test(l))
        .map((l) => Number(l.split('.')[0])),
    ).toEqual([41, 42, 43, 44, 45, 46, 47, 48]);
    expect(last.stdout).toContain('（第 41–48 项，共 48 项，已到末尾）');
    expect(JSON.parse(gazette('tasks', '--unit', '住建局', '--all', '--json').stdout).tasks).toHaveLength(48);
    expect(JSON.parse(gazette('appointments', '--all', '--json').stdout).appointments).toHaveLength(16);
    expect(gazette('tasks', '--offset', 'x').status).toBe(1);
    // A document's text pages on by offset, across its parts; --all prints every part whole.
    const docPage = gazette('doc', '卫政办发〔2019〕43号', '--text').stdout;
    expect(docPage).toContain('正文（第 1–900 字，共 25757 字）：\n《关于印发2019年度中卫市打赢蓝天保卫战行动计划重点工作安排等3个安排的通知》：');
    expect(docPage).toContain('\n《2019年度中卫市打赢蓝天保卫战行动计划重点工作安排》：\n');
    expect(docPage).toContain('（下一页加 --offset 900，全文加 --all）');
    expect(gazette('doc', '卫政办发〔2019〕43号', '--text', '--offset', '900').stdout).toContain(
      '\n《2019年度中卫市打赢蓝天保卫战行动计划重点工作安排》（续）：\n',
    );
    const text = gazette('doc', '卫政办发〔2019〕43号', '--text', '--all');
    expect(text.stdout.split('\n').filter((l) => l.startsWith('正文（第 '))).toEqual([
      '正文（第 0 部分《关于印发2019年度中卫市打赢蓝天保卫战行动计划重点工作安排等3个安排的通知》，共 102 字）：',
      '正文（第 1 部分《2019年度中卫市打赢蓝天保卫战行动计划重点工作安排》，共 11031 字）：',
      '正文（第 2 部分《中卫市2019年水污染防治重点工作安排》，共 8519 字）：',
      '正文（第 3 部分《2019年度中卫市“净土保卫战”行动计划重点工作安排》，共 6105 字）：',
    ]);
    expect(text.stdout).toContain('（全文已完）');
    const parts = JSON.parse(gazette('doc', '卫政办发〔2019〕43号', '--text', '--all', '--json').stdout) as {
      notice: { text: string };
      parts: { text: string }[];
    };
    expect([parts.notice.text, ...parts.parts.map((p) => p.text)].map((t) => t.length)).toEqual([102, 11031, 8519, 6105]);
    if (!hasScript) return;
    const tty = atTerminal(`GAZETTE_DB=${JSON.stringify(db)} ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} tasks --unit 住建局`);
    expect(tty.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(48);
    expect(tty).toContain('（共 48 项，已全部列出）');
  }, 120_000);

  it('prints calendars as iCalendar, and a due digest whose exit code says when something is overdue', () => {
    const cal = gazette('calendar', '--unit', '住建局');
    expect(cal.status).toBe(0);
    expect(cal.stdout.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(19);
    expect(cal.stderr).toBe('市住房和城乡建设局牵头的任务共 48 项：19 项有完成时限，列为全天日程，提前 3 个工作日提醒；29 项未写明完成时限，未列入。\n');
    expect(gazette('calendar', '--probation').stdout.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(9);
    expect(gazette('calendar', '--unit', '住建局', '--role', 'boss').stderr).toContain(
      '参数 role 无效：应为 lead、support、implement、any 之一。示例：lead\nInvalid role',
    );
    expect(gazette('calendar', '--person', '田力').stderr).toContain('--person is for probation ends (add --probation)');
    expect(gazette('calendar', '--remind', '999').status).toBe(1);

    const soon = gazette('due', '--probation', '--unit', '工信局', '--within', '40', '--as-of', '2020-08-20');
    expect(soon.status).toBe(0);
    expect(soon.stdout).toBe(
      '市工业和信息化局试用期满：截至 2020-08-20（星期四），已逾期 0 项，40 天内（至 2020-09-29）到期 1 项。\n' +
        '40 天内到期：\n' +
        '- 2020-09-26 剩 26 个工作日（37 天） 杨宝翟 任职试用期满（市工业和信息化局副局长）——试用期：任职试用期一年【卫政干发〔2019〕15号 · 正文 · 第66页：“杨宝翟同志任市工业和信息化局副局长；”】\n',
    );
    const late = gazette('due', '--unit', '住建局', '--within', '30', '--as-of', '2019-09-03');
    expect(late.status).toBe(1);
    const lines = late.stdout.split('\n');
    expect(lines[0]).toBe('市住房和城乡建设局牵头任务期限：截至 2019-09-03（星期二），已逾期 9 项，30 天内（至 2019-10-03）到期 3 项。');
    expect(lines[1]).toBe('已逾期：');
    expect(lines.slice(2, 11).every((l) => l.startsWith('- 2019-08-30 逾期 2 个工作日（4 天） [牵头] '))).toBe(true);
    expect(lines[2]).toBe(
      '- 2019-08-30 逾期 2 个工作日（4 天） [牵头] 精简审批环节：取消建筑节能设计审查备案和勘察设计合同、施工合同、监理合同等备案事项——时限：2019年8月30日前【卫政办发〔2019〕68号 · 附件 序号2 · 第28页：“市住房和城乡建设局”】',
    );
    expect(lines[11]).toBe('30 天内到期：');
    expect(lines.slice(12, 15).every((l) => l.startsWith('- 2019-09-30 剩 19 个工作日（27 天） [牵头] '))).toBe(true);
    expect(lines[15]).toBe('另有 29 项未写明完成时限，未列入。');
    const early = gazette('due', '--unit', '住建局', '--within', '30', '--as-of', '2019-08-20', '--json');
    expect(early.status).toBe(0);
    expect(JSON.parse(early.stdout)).toMatchObject({
      asOf: '2019-08-20',
      within: 30,
      overdue: [],
      dueSoon: Array(9).fill(expect.objectContaining({ date: '2019-08-30', workingDaysLeft: 8, daysLeft: 10 })),
    });
    expect(gazette('due', '--as-of', '2019-02-30').stderr).toContain('参数 as-of 无效');
    expect(gazette('due', '--within', 'x').stderr).toContain('参数 within 无效：应为 0 到 3650 之间的整数');
  }, 120_000);
});
