// A corpus that yields no notices (its one file is not a gazette issue, and there is no database to
// fall back on): the built server still starts, over stdio and over HTTP, says why in its
// instructions, refuses every tool call with the same words, and logs the reason to stderr.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../tools/index.js';
import { httpServer } from '../support/raw-server.js';

const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'server', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'gazette-empty-'));
const corpus = join(work, 'corpus');
const db = join(work, 'gazette.db');
mkdirSync(corpus);
writeFileSync(join(corpus, 'minutes.txt'), '办公室会议纪要\n\n会议讨论了下周的值班安排和车辆使用登记。\n');

type ToolResult = { isError?: boolean; content: { type: string; text: string }[] };

const REASON = `no usable gazette issue in ${corpus} (minutes.txt: not a gazette issue: no notice header (issuer, 关于…的通知, 文号) found), and there is no usable database at ${db} (no database yet)`;
const MESSAGE = [
  `本服务器的语料没有读出任何通知，暂时无法回答关于公报的问题。原因：${REASON}`,
  '处理办法：把公报每期提取出的文本（每期一个 *.txt 文件）放入语料文件夹（GAZETTE_CORPUS_DIR），然后重启服务器；服务器日志（stderr）逐个写明了被拒文件及原因。',
  `The corpus yielded no notices, so this server cannot answer questions about the gazette. Why: ${REASON}`,
  'To fix: put each gazette issue as extracted text (one *.txt per issue) into the corpus folder (GAZETTE_CORPUS_DIR) and restart the server; its log (stderr) names each rejected file and why.',
].join('\n');

describe('a server whose corpus yields no notices, over stdio', () => {
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [MAIN],
      env: { ...(process.env as Record<string, string>), GAZETTE_CORPUS_DIR: corpus, GAZETTE_DB: db, GAZETTE_LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    transport.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    client = new Client({ name: 'empty-corpus-e2e', version: '1.0.0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('initializes, and its instructions say the corpus yielded nothing, naming the file and why', () => {
    expect(client.getServerVersion()?.name).toBe('gazette-mcp');
    expect(client.getInstructions()).toBe(MESSAGE);
  });

  it('answers list_documents, and every other tool, with isError giving the same reason in Chinese and English', async () => {
    const r = (await client.callTool({ name: 'list_documents', arguments: {} })) as ToolResult;
    expect(r.isError).toBe(true);
    expect(r.content).toEqual([{ type: 'text', text: MESSAGE }]);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    for (const { name, example } of TOOLS) {
      const other = (await client.callTool({ name, arguments: example })) as ToolResult;
      expect(other.isError, name).toBe(true);
      expect(other.content[0].text, name).toBe(MESSAGE);
    }
    expect((await client.listResources()).resources).toEqual([]);
  });

  it('logs why through pino on stderr, writes no database, and says it is ready', async () => {
    for (let waited = 0; waited < 5000 && !stderr.includes('gazette-mcp ready'); waited += 50) await new Promise((r) => setTimeout(r, 50));
    const lines = stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 50, msg: `the corpus yielded no notices: ${REASON}; serving anyway, every tool call refused with this reason` }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'gazette-mcp ready', notices: 0, noCorpus: REASON }));
    expect(existsSync(db)).toBe(false);
  });
});

describe('a server whose corpus yields no notices, over HTTP', () => {
  it('starts, and says the same in its instructions and to a tool call', async () => {
    const server = await httpServer(['--tokens', join(work, 'tokens.json')], { GAZETTE_CORPUS_DIR: corpus, GAZETTE_DB: db });
    try {
      const client = new Client({ name: 'empty-corpus-http', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
      expect(client.getInstructions()).toBe(MESSAGE);
      const r = (await client.callTool({ name: 'list_documents', arguments: {} })) as ToolResult;
      expect(r).toMatchObject({ isError: true, content: [{ type: 'text', text: MESSAGE }] });
      await client.close();
    } finally {
      await server.stop();
    }
  });
});
