// The built server over stdio, driven by the SDK client as a chat client drives it.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServer, formatResults, runSuites } from '../../evals/harness.js';
import { TOOLS } from '../../tools/index.js';
import { expectBudgetStopsAndRecovers } from '../support/budget.js';

type ToolResult = { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: Record<string, unknown> };

const db = join(mkdtempSync(join(tmpdir(), 'gazette-e2e-')), 'gazette.db');
let client: Client;
const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult;

beforeAll(async () => {
  client = await connectServer({ GAZETTE_DB: db });
});
afterAll(async () => {
  await client?.close();
});

describe('the stdio server', () => {
  it('names the gazette it serves in its instructions, built from the corpus', () => {
    expect(client.getInstructions()).toContain('本服务器回答关于《中卫市人民政府公报》2019.NO.4（12 件通知，2019-04-26 至 2019-10-29）的问题');
  });

  it('lists its tools, read-only, with input and output schemas, and names each in its instructions', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    for (const t of tools) {
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      expect(t.outputSchema, t.name).toBeDefined();
      expect(t.description, t.name).toMatch(/[\u4e00-\u9fff]/);
      expect(client.getInstructions()).toContain(`→ ${t.name}`);
    }
  });

  it('answers every tool’s example with structured content its listed outputSchema accepts', async () => {
    const { tools } = await client.listTools();
    const validator = new AjvJsonSchemaValidator();
    for (const tool of TOOLS) {
      const r = await call(tool.name, tool.example);
      expect(r.isError, `${tool.name}: ${r.content[0].text}`).toBeFalsy();
      const check = validator.getValidator(tools.find((t) => t.name === tool.name)!.outputSchema!)(r.structuredContent);
      expect(check.valid ? '' : check.errorMessage, tool.name).toBe('');
    }
  });

  it('search_gazette finds a two-character word and cites it', async () => {
    const r = await call('search_gazette', { query: '秸秆', limit: 3 });
    expect(r.isError).toBeFalsy();
    const results = r.structuredContent!.results as { text: string; citation: { docNumber: string; locator: string; quote: string; page: number } }[];
    expect(results[0].citation).toMatchObject({ docNumber: '卫政办发〔2019〕43号', locator: '二、（二十一）', page: 8 });
    expect(results[0].text).toContain('秸秆');
    // Each item ends with its own tag: where it is, its page, and a quote that verifies.
    expect(r.content[0].text).toContain('【卫政办发〔2019〕43号 · 二、（二十一） · 第8页：“（二十一）加强秸秆和氨排放控制。”】');
    const verified = await call('verify_quote', { quote: results[0].citation.quote });
    expect(verified.structuredContent!.found).toBe(true);
  });

  it('search_gazette filters by 文号 in any spelling', async () => {
    const r = await call('search_gazette', { query: '工作日', docNumber: '卫政办规发[2019]2号', limit: 10 });
    const results = r.structuredContent!.results as { citation: { docNumber: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map((x) => x.citation.docNumber))).toEqual(new Set(['卫政办规发〔2019〕2号']));
  });

  it('list_documents lists the 12 notices and the texts they issue', async () => {
    const r = await call('list_documents');
    const docs = r.structuredContent!.documents as { docNumber: string; parts: { title: string; kind: string }[] }[];
    expect(docs).toHaveLength(12);
    expect(docs.find((d) => d.docNumber === '卫政规发〔2019〕1号')!.parts).toEqual([
      { title: '中卫市人民政府法律顾问管理办法', kind: '办法' },
      { title: '中卫市人民政府法律顾问工作经费管理办法', kind: '办法' },
    ]);
  });

  it('get_document resolves title words and returns validity, outline and text', async () => {
    const first = await call('get_document', { document: '国有资产出租' });
    const start = (first.structuredContent as { parts: { textOffset: number }[] }).parts[0].textOffset;
    const r = await call('get_document', { document: '国有资产出租', includeText: true, offset: start });
    expect(r.isError).toBeFalsy();
    const doc = r.structuredContent as { docNumber: string; parts: { validFrom: string; validUntil: string; outline: { locator: string }[]; text: string }[] };
    expect(doc.docNumber).toBe('卫政办规发〔2019〕2号');
    expect(doc.parts[0]).toMatchObject({ validFrom: '2019-05-01', validUntil: '2021-04-30' });
    expect(doc.parts[0].outline.map((o) => o.locator)).toContain('第四条（四）');
    expect(doc.parts[0].text).toContain('（四）法律法规规章或国家和自治区有关文件规定不得出租（对外承包）的。');
  });

  it('get_document pages through a whole notice by offset/nextOffset/total, as lists do, each page within the text budget', async () => {
    let offset: number | null = 0;
    const texts = ['', '', '', ''];
    let pages = 0;
    let total = 0;
    while (offset !== null) {
      const r = await call('get_document', { document: '卫政办发〔2019〕43号', includeText: true, offset });
      expect(Buffer.byteLength(r.content[0].text as string)).toBeLessThanOrEqual(4096);
      const doc = r.structuredContent as { notice: { text?: string }; parts: { text?: string }[]; offset: number; nextOffset: number | null; total: number };
      expect(doc.offset).toBe(offset);
      [doc.notice, ...doc.parts].forEach((p, k) => (texts[k] += p.text ?? ''));
      ({ total, nextOffset: offset } = doc);
      pages++;
    }
    expect(pages).toBeGreaterThan(20);
    expect(texts.every((t) => t.length > 0)).toBe(true);
    expect(texts.join('')).toHaveLength(total);
    expect(texts[2]).toContain('中卫市第四排水沟黑臭水体达到长制久清目标');
  });

  it('get_document lists the candidates of an ambiguous reference', async () => {
    const r = await call('get_document', { document: '实施方案' });
    expect(r.isError).toBe(true);
    expect(r.content[0].text).toContain('卫政办发〔2019〕68号');
    expect(r.content[0].text).toContain('卫政办发〔2019〕85号');
  });

  it('verify_quote ignores spacing and width, and says where a near miss is', async () => {
    const found = await call('verify_quote', { quote: '全市湿地面积不低于 ５３.２９ 万亩' });
    expect(found.structuredContent).toMatchObject({
      found: true,
      citations: [{ docNumber: '卫政办发〔2019〕74号', locator: '一、（三）', page: 33, quote: '全市湿地面积不低于53.29万亩' }],
    });
    const missing = await call('verify_quote', { quote: '全市湿地面积不低于60万亩' });
    expect(missing.isError).toBeFalsy();
    expect(missing.structuredContent!.found).toBe(false);
    expect(missing.content[0].text).toContain('最接近的原文');
  });

  it('serves each notice as a resource', async () => {
    const { resources } = await client.listResources();
    expect(resources).toHaveLength(12);
    const uri = resources.find((r) => r.name === '卫政办发〔2019〕74号')!.uri;
    const { contents } = await client.readResource({ uri });
    const text = (contents[0] as { text: string }).text;
    expect(text).toContain('根据全市湿地保护情况，落实纳入生态保护红线的湿地范围');
    expect(text).not.toContain('公报》');
  });

  it('offers the drafter’s prompt, with 文号 and titles completed as typed', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => [p.name, p.arguments?.map((a) => [a.name, a.required])])).toEqual([['draft_explainer', [['document', true]]]]);
    const complete = async (value: string) =>
      (await client.complete({ ref: { type: 'ref/prompt', name: 'draft_explainer' }, argument: { name: 'document', value } })).completion.values;
    expect(await complete('法律顾问')).toEqual(['中卫市人民政府法律顾问管理办法', '中卫市人民政府法律顾问工作经费管理办法']);
    expect(await complete('卫政办规发[2019]2号')).toEqual(['卫政办规发〔2019〕2号', '中卫市本级行政事业单位国有资产出租实施办法（试行）']);
    expect((await complete('')).length).toBe(22);
    const got = await client.getPrompt({ name: 'draft_explainer', arguments: { document: '国有资产出租' } });
    const text = (got.messages[0].content as { text: string }).text;
    expect(got.description).toBe('政策解读：中卫市本级行政事业单位国有资产出租实施办法（试行）（卫政办规发〔2019〕2号）');
    // Outline → cited draft → check_draft → fix → answer, in that order.
    const steps = ['draft_explainer', '出处', 'check_draft', '逐条修改', '定稿'].map((w) => text.indexOf(w));
    expect(steps.every((at, k) => at >= 0 && (k === 0 || at > steps[k - 1]))).toBe(true);
    await expect(client.getPrompt({ name: 'draft_explainer', arguments: { document: '卫政规发〔2019〕1号' } })).rejects.toThrow(/印发了多个文本/);
    await expect(client.getPrompt({ name: 'draft_explainer', arguments: { document: '不存在的办法' } })).rejects.toThrow(/没有与“不存在的办法”唯一对应的文件/);
  });

  it('completes a resource’s 文号 from any spelling or title words', async () => {
    const complete = async (value: string) =>
      (await client.complete({ ref: { type: 'ref/resource', uri: 'gazette://documents/{docNumber}' }, argument: { name: 'docNumber', value } })).completion
        .values;
    expect(await complete('政策解读')).toEqual(['卫政办发〔2019〕44号']);
    expect(await complete('卫政办发(2019)43号')).toEqual(['卫政办发〔2019〕43号']);
    expect(await complete('卫政干')).toEqual(['卫政干发〔2019〕14号', '卫政干发〔2019〕15号']);
  });

  it('answers bad input with a readable error and stays up', async () => {
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['search_gazette', { query: '' }, /query.*不能为空/s],
      ['search_gazette', { query: '湿'.repeat(10_000) }, /不能超过 500 个字符/],
      ['search_gazette', { query: '湿地 AND (面积 OR NEAR(x))*' }, /不支持检索语法/],
      ['search_gazette', { query: '.*[湿地]+$' }, /不支持检索语法/],
      ['search_gazette', { query: "'; DROP TABLE notices; --" }, /SQL/],
      ['search_gazette', { query: '\ud800湿地' }, /Unicode/],
      ['search_gazette', { query: '湿地', limit: 0 }, /limit/],
      ['search_gazette', { query: '湿地', docNumber: '第43号文件' }, /docNumber.*不是文号格式/s],
      ['search_gazette', { query: '湿地', docNumber: '卫政办发〔2019〕99号' }, /docNumber.*语料中没有文号 卫政办发〔2019〕99号/s],
      ['list_tasks', { docNumber: '卫政办发[2020]43号' }, /docNumber.*语料中没有文号/s],
      ['get_document', { document: '卫政办发〔2019〕99号' }, /没有与“卫政办发〔2019〕99号”对应的通知/],
      ['get_document', { document: '  ' }, /document.*不能为空/s],
      ['verify_quote', { quote: '' }, /quote/],
      ['compute_deadline', { expression: '15个工作日内', referenceDate: '2019-02-30' }, /referenceDate.*不是真实存在的日期/s],
      ['compute_deadline', { expression: '15个工作日内', referenceDate: '2019/04/26' }, /referenceDate.*YYYY-MM-DD/s],
      ['compute_deadline', { expression: '15个工作日内' }, /referenceDate.*相对期限/s],
      ['compute_deadline', { expression: '2019年2月30日前' }, /expression.*不是真实存在的日期/s],
      ['find_lead_unit', { task: '' }, /task.*不能为空/s],
      ['list_tasks', { role: 'boss' }, /role.*lead、support 或 any/s],
      ['list_tasks', { dueFrom: '2019-13-01' }, /dueFrom/],
      ['list_tasks', { dueFrom: '2019-12-01', dueTo: '2019-01-01' }, /dueTo/],
      ['list_appointments', { asOf: '2020-02-30' }, /asOf.*不是真实存在的日期/s],
      ['cite_clause', { document: '法律顾问管理办法', clause: '第X条' }, /clause/],
      // Type errors get the same bilingual answer as every other input problem.
      ['find_lead_unit', { task: 5 }, /参数 task 无效：应为文字（字符串）。示例：柴油货车污染治理\nInvalid task: must be a string/],
      ['search_gazette', { query: '湿地', limit: 'x' }, /参数 limit 无效：应为数字。示例：5\nInvalid limit: must be a number/],
      ['search_gazette', { query: '湿地', limit: 2.5 }, /参数 limit 无效：应为整数/],
      ['get_document', { document: '43号', includeText: 'yes' }, /includeText.*true 或 false/s],
      ['list_tasks', { unit: ['住建局'] }, /unit.*应为文字/s],
      ['find_lead_unit', {}, /参数 task 无效：不能为空（必填）/],
    ];
    for (const [tool, args, message] of bad) {
      const r = await call(tool, args);
      expect(r.isError, `${tool} ${JSON.stringify(args).slice(0, 40)}`).toBe(true);
      expect(r.content[0].text).toMatch(message);
      expect(r.content[0].text).toMatch(/Invalid|No notice/);
    }
    const after = await call('search_gazette', { query: '湿地' });
    expect(after.isError).toBeFalsy();
  });

  it('compute_deadline explains a working-day count over a holiday', async () => {
    const r = await call('compute_deadline', { expression: '15个工作日内', referenceDate: '2019-04-26', asOf: '2019-05-06' });
    expect(r.structuredContent).toMatchObject({ date: '2019-05-20', kind: 'working_days', daysRemaining: 14, workingDaysRemaining: 10, overdue: false });
    expect(r.content[0].text).toContain('劳动节');
  });

  it('find_lead_unit answers who leads a task, with the note it read', async () => {
    const r = await call('find_lead_unit', { task: '谁牵头柴油货车污染治理' });
    const [first] = r.structuredContent!.matches as {
      task: string;
      leadUnits: string[];
      deadline: { date: string };
      citation: { locator: string; quote: string };
    }[];
    expect(first).toMatchObject({ task: '开展柴油货车污染治理专项行动', leadUnits: ['市交通运输局', '市生态环境局'], deadline: { date: '2019-12-31' } });
    expect(first.citation.locator).toBe('二、（十二）');
    expect(r.content[0].text).toContain(
      '【卫政办发〔2019〕43号 · 二、（十二） · 第6页：“（牵头单位：市交通运输局、生态环境局；配合单位：市市场监督管理局、公安局、商务局、财政局、发展和改革委员会；完成时限：2019年底。）”】',
    );
    expect(r.content[0].text).toMatch(/^只有一项任务与问题相符：/);
    const verified = await call('verify_quote', { quote: first.citation.quote });
    expect(verified.structuredContent!.found).toBe(true);
  });

  it('find_lead_unit matches phrases jieba splits, and names words the gazette never uses', async () => {
    const split = await call('find_lead_unit', { task: '煤改电电网升级', limit: 1 });
    expect((split.structuredContent!.matches as { task: string }[])[0].task).toBe('加大政策扶持力度');
    const noise = await call('find_lead_unit', { task: '噪声污染防治' });
    expect(noise.structuredContent!.message).toContain('公报中没有出现“噪声”');
  });

  it('list_tasks takes short unit names and sorts by deadline', async () => {
    const r = await call('list_tasks', { unit: '住建局', role: 'lead', dueTo: '2019-09-30', limit: 50 });
    const tasks = r.structuredContent!.tasks as { leadUnits: string[]; deadline: { date: string } }[];
    expect(r.structuredContent!.units).toEqual(['市住房和城乡建设局']);
    expect(tasks.length).toBeGreaterThan(5);
    expect(tasks.every((t) => t.leadUnits.includes('市住房和城乡建设局') && t.deadline.date <= '2019-09-30')).toBe(true);
    expect(tasks.map((t) => t.deadline.date)).toEqual([...tasks.map((t) => t.deadline.date)].sort());
    const unknown = await call('list_tasks', { unit: '生态环保局' });
    expect(unknown.isError).toBeFalsy();
    expect(unknown.content[0].text).toContain('市生态环境局');
  });

  it('cite_clause returns a clause cut by a header, whole, with its validity on any day', async () => {
    const on = async (asOf: string) =>
      (await call('cite_clause', { document: '国有资产出租', clause: '第4条', asOf })).structuredContent as {
        text: string;
        clause: string;
        validity: { inForce: boolean };
        citation: { page: number };
      };
    const before = await on('2019-04-30');
    expect(before.clause).toBe('第四条');
    expect(before.text.endsWith('（四）法律法规规章或国家和自治区有关文件规定不得出租（对外承包）的。')).toBe(true);
    expect(before.citation.page).toBe(52);
    expect(before.validity.inForce).toBe(false);
    expect((await on('2020-06-01')).validity.inForce).toBe(true);
    expect((await on('2021-04-30')).validity.inForce).toBe(true);
    expect((await on('2021-05-01')).validity.inForce).toBe(false);
  });

  it('cite_clause lists the candidates of an ambiguous 文号 and the nearest clauses of an unknown one', async () => {
    const ambiguous = await call('cite_clause', { document: '卫政规发[2019]1号', clause: '十' });
    expect(ambiguous.isError).toBe(true);
    expect(ambiguous.content[0].text).toContain('《中卫市人民政府法律顾问管理办法》');
    expect(ambiguous.content[0].text).toContain('《中卫市人民政府法律顾问工作经费管理办法》');
    const quoted = await call('cite_clause', { document: '《中卫市人民政府法律顾问管理办法》', clause: '第3条' });
    expect((quoted.structuredContent as { clause: string }).clause).toBe('第三条');
    const chosen = await call('cite_clause', { document: '卫政规发〔2019〕1号 经费', clause: '十' });
    expect((chosen.structuredContent as { text: string }).text.startsWith('第十条 本办法第四条第一款第（一）项')).toBe(true);
    const row = await call('cite_clause', { document: '卫政办发〔2019〕44号', clause: '附件 序号8' });
    expect((row.structuredContent as { text: string }).text).toContain('市残联');
    const unknown = await call('cite_clause', { document: '法律顾问管理办法', clause: '第四十条' });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0].text).toContain('最接近的是：第三十九条');
  });

  it('get_document says what a text replaced', async () => {
    const r = await call('get_document', { document: '法律顾问工作经费管理办法' });
    const parts = r.structuredContent!.parts as { title: string; replaces: { title: string; docNumber: string }[] }[];
    expect(parts.find((p) => p.title === '中卫市人民政府法律顾问工作经费管理办法')!.replaces).toEqual([
      { title: '中卫市法律顾问室工作经费管理办法', docNumber: '卫政办发〔2017〕19号' },
    ]);
  });

  it('meets every eval threshold', async () => {
    const results = await runSuites(client);
    const below = results.filter((r) => r.accuracy < r.threshold);
    expect(below, formatResults(results)).toEqual([]);
  });

  it('stops a call over its time budget with isError, as over HTTP, and goes on serving', async () => {
    const tight = await connectServer({ GAZETTE_DB: db, GAZETTE_CALL_BUDGET_MS: '10' });
    try {
      await expectBudgetStopsAndRecovers(tight);
    } finally {
      await tight.close();
    }
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'dist', 'server', 'main.js')], {
      env: { ...process.env, GAZETTE_DB: db, GAZETTE_LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // Wait for the start-up log line (on stderr), then ask it to stop.
    await new Promise<void>((ready) => {
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('gazette-mcp ready')) ready();
      });
    });
    expect(stdout).toBe('');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(stdout).toBe(''); // nothing but JSON-RPC may reach stdout, and nothing was asked
  });
});
