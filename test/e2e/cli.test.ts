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

describe('gazette CLI', () => {
  it('answers in Chinese with citations, and in JSON for scripts', () => {
    const lead = gazette('lead', '柴油货车', '--limit', '1');
    expect(lead.status).toBe(0);
    expect(lead.stdout).toContain('开展柴油货车污染治理专项行动——牵头：市交通运输局、市生态环境局');
    expect(lead.stdout).toContain('【卫政办发〔2019〕43号 · 二、（十二） · 第6页：“（牵头单位：市交通运输局、生态环境局；配合单位：…”】');
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
    expect(outline.stdout).toContain('五、执行标准\n- 没有具体要求的，公告期应当不少于10个工作日。【卫政办规发〔2019〕2号 · 第五条（三）');
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
    writeFileSync(long, line.repeat(Math.ceil(21_000 / line.length)) + '没有具体要求的，公告期应当不少于15个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】\n');
    const pieces = gazette('check', long, '--json');
    expect(pieces.status).toBe(1);
    const findings = JSON.parse(pieces.stdout).findings as { text: string; offset: number }[];
    expect(findings.find((f) => f.text === '15个工作日')!.offset).toBe(line.repeat(Math.ceil(21_000 / line.length)).length + '没有具体要求的，公告期应当不少于'.length);
    expect(gazette('check').status).toBe(2);
    expect(gazette('check', join(dir, 'missing.txt')).stderr).toContain('无法读取稿件');
  });

  it('ingests a folder with a progress bar and reports it', () => {
    const dir = repeatedCorpus(SEED_FILE, 5);
    const r = spawnSync(process.execPath, [CLI, 'ingest', dir, '--db', join(dir, 'out.db')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('ingest [##############################] 5/5');
    expect(r.stdout).toContain('5 issue(s), 0 file(s) skipped');
    expect(r.stdout).toContain('卫政办发〔2023〕43号');
  });
});
