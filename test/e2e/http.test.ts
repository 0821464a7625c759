// The built server over Streamable HTTP, driven by the SDK's own HTTP client as an office's chat
// platform drives it, and probed with raw requests for every refusal it must make.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../server/tokens.js';
import { expectBudgetStopsAndRecovers } from '../support/budget.js';

const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'server', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'gazette-http-'));
const db = join(work, 'gazette.db');
const tokensFile = join(work, 'tokens.json');
const store = new TokenStore(tokensFile);
const OFFICE = store.add('办公室');
const OTHER = store.add('财政局');

interface Running {
  url: string;
  proc: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

const running: Running[] = [];

/** Starts the built server with --http on a free port and waits for its ready log line. */
async function start(args: string[] = [], env: Record<string, string> = {}): Promise<Running> {
  const proc = spawn(process.execPath, [MAIN, '--http', '--port', '0', '--tokens', tokensFile, ...args], {
    env: { ...process.env, GAZETTE_DB: db, GAZETTE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exit = new Promise<number | null>((r) => proc.on('exit', r));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /"url":"([^"]+)"/.exec(stderr);
      if (m) resolve(m[1]);
    });
    void exit.then((code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  const r = { url, proc, stderr: () => stderr, exit };
  running.push(r);
  return r;
}

async function connect(url: string, token: string | null = OFFICE): Promise<Client> {
  const client = new Client({ name: 'http-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : undefined));
  return client;
}

/** A raw request, with whatever headers a test needs (Host included). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.headers?.Expect === '100-continue') {
      req.on('continue', () => req.end(options.body));
      return;
    }
    req.end(options.body);
  });
}

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

let server: Running;
beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  for (const r of running) r.proc.kill('SIGTERM');
  await Promise.all(running.map((r) => r.exit));
});

describe('the HTTP server', () => {
  it('answers every tool and the resource over Streamable HTTP, with a token', async () => {
    const client = await connect(server.url);
    const calls: [string, Record<string, unknown>][] = [
      ['search_gazette', { query: '湿地面积' }],
      ['list_documents', {}],
      ['get_document', { document: '卫政办发〔2019〕43号' }],
      ['verify_quote', { quote: '全市湿地面积不低于53.29万亩' }],
      ['compute_deadline', { expression: '15个工作日内', referenceDate: '2019-04-26' }],
      ['find_lead_unit', { task: '谁牵头秸秆禁烧' }],
      ['list_tasks', { unit: '住建局' }],
      ['cite_clause', { document: '国有资产出租', clause: '第四条' }],
      ['list_appointments', { person: '田力' }],
      ['draft_explainer', { document: '国有资产出租' }],
      ['check_draft', { text: '公告期应当不少于10个工作日。【卫政办规发〔2019〕2号 · 第五条（三）】' }],
    ];
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(calls.map(([n]) => n).sort());
    for (const [name, args] of calls) {
      const r = await client.callTool({ name, arguments: args });
      expect(r.isError, name).toBeFalsy();
      expect(r.structuredContent, name).toBeDefined();
    }
    const { resources } = await client.listResources();
    expect(resources).toHaveLength(12);
    await client.close();
  });

  it('refuses without a token, with a wrong one, from a foreign Origin or Host, and an oversized body', async () => {
    const none = await raw(server.url, { headers: JSON_HEADERS, body: INIT });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer .*resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
    const wrong = await raw(server.url, { headers: { ...JSON_HEADERS, Authorization: 'Bearer gz_not-a-token' }, body: INIT });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('error="invalid_token"');
    const origin = await raw(server.url, { headers: { ...JSON_HEADERS, Authorization: `Bearer ${OFFICE}`, Origin: 'http://evil.example' }, body: INIT });
    expect(origin.status).toBe(403);
    expect(JSON.parse(origin.body).error.message).toContain('origin "http://evil.example" is not allowed');
    const host = await raw(server.url, { headers: { ...JSON_HEADERS, Authorization: `Bearer ${OFFICE}`, Host: 'evil.example' }, body: INIT });
    expect(host.status).toBe(403);
    // Asked first, as curl asks for large bodies: refused before a byte of the body is sent.
    const big = await raw(server.url, {
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${OFFICE}`, Expect: '100-continue' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(big.status).toBe(413);
    // What it serves without a token: health, readiness, and how to authenticate (RFC 9728).
    expect((await raw(server.url.replace('/mcp', '/healthz'), { method: 'GET' })).status).toBe(200);
    expect((await raw(server.url.replace('/mcp', '/readyz'), { method: 'GET' })).status).toBe(200);
    const meta = JSON.parse((await raw(server.url.replace('/mcp', '/.well-known/oauth-protected-resource/mcp'), { method: 'GET' })).body);
    expect(meta).toMatchObject({ resource: server.url, bearer_methods_supported: ['header'] });
  });

  it('keeps each session to its token', async () => {
    const office = await connect(server.url);
    const sessionId = (office.transport as StreamableHTTPClientTransport).sessionId!;
    const stolen = await raw(server.url, {
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${OTHER}`, 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(stolen.status).toBe(404);
    await office.close();
  });

  it('answers a year-9999 deadline with isError at once while a call on another session is answered', async () => {
    const [a, b] = await Promise.all([connect(server.url), connect(server.url, OTHER)]);
    const [far, near] = await Promise.all([
      a.callTool({ name: 'compute_deadline', arguments: { expression: '3650个工作日', referenceDate: '9999-01-01' } }),
      b.callTool({ name: 'search_gazette', arguments: { query: '秸秆' } }),
    ]);
    expect(far.isError).toBe(true);
    expect((far.content as { text: string }[])[0].text).toMatch(/referenceDate.*Invalid referenceDate/s);
    expect(near.isError).toBeFalsy();
    await Promise.all([a.close(), b.close()]);
  });

  it('logs each request with the token’s name, never the token', async () => {
    expect(server.stderr()).toMatch(/"token":"办公室","rpc":"tools\/call","tool":"search_gazette","status":200,"ms":\d+/);
    expect(server.stderr()).not.toContain(OFFICE);
    expect(server.stderr()).not.toContain(OTHER);
  });
});

describe('limits', () => {
  it('answers over the rate with 429 and Retry-After', async () => {
    const limited = await start(['--rate', '3']);
    const statuses: number[] = [];
    let retry: string | string[] | undefined;
    for (let k = 0; k < 5; k++) {
      const r = await raw(limited.url, { headers: { ...JSON_HEADERS, Authorization: `Bearer ${OFFICE}` }, body: INIT });
      statuses.push(r.status);
      retry ??= r.headers['retry-after'];
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retry)).toBeGreaterThan(0);
  });

  it('stops a call over its time budget with isError and goes on serving', async () => {
    const tight = await start(['--workers', '1', '--call-budget', '10']);
    const client = await connect(tight.url);
    await expectBudgetStopsAndRecovers(client);
    await client.close();
  });

  it('caps open sessions and closes idle ones', async () => {
    const capped = await start(['--max-sessions', '2', '--session-idle', '1']);
    const a = await connect(capped.url);
    await connect(capped.url);
    await expect(connect(capped.url)).rejects.toThrow(/503|too many open sessions/);
    await new Promise((r) => setTimeout(r, 2500));
    await expect(a.listTools()).rejects.toThrow(/404|session/i);
    await connect(capped.url); // room again
  });

  it('serves stateless requests without sessions', async () => {
    const stateless = await start(['--stateless']);
    const client = await connect(stateless.url);
    expect((client.transport as StreamableHTTPClientTransport).sessionId).toBeUndefined();
    const r = await client.callTool({ name: 'find_lead_unit', arguments: { task: '秸秆禁烧' } });
    expect(r.isError).toBeFalsy();
    await client.close();
  });

  it('refuses to listen off loopback with no tokens', async () => {
    const empty = join(work, 'no-tokens.json');
    writeFileSync(empty, '{"tokens": []}');
    const proc = spawn(process.execPath, [MAIN, '--http', '--host', '0.0.0.0', '--port', '0', '--tokens', empty], {
      env: { ...process.env, GAZETTE_DB: db },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await new Promise((r) => proc.on('exit', r))).toBe(1);
    expect(stderr).toContain('refusing to serve 0.0.0.0 without tokens');
  });
});
