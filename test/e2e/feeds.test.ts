// Calendar subscription feeds over HTTP, as a calendar program polls them: a secret URL made by
// `gazette feeds add`, fetched with no headers of ours while the MCP endpoint requires a token;
// an ETag that holds until the next issue is ingested; 404 once revoked. And the MCP resource
// gazette://calendar/{unit}. The server listens on 127.0.0.1 only.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import ICAL from 'ical.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../server/tokens.js';
import { SNOW_ISSUE } from '../support/made-up.js';
import { SEED_DIR } from '../support/seed.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'server', 'main.js');
const CLI = join(ROOT, 'dist', 'cli', 'gazette.js');
const work = mkdtempSync(join(tmpdir(), 'gazette-feeds-'));
const corpus = join(work, 'corpus');
cpSync(SEED_DIR, corpus, { recursive: true });
const env = { ...process.env, GAZETTE_DB: join(work, 'gazette.db'), GAZETTE_CORPUS_DIR: corpus, GAZETTE_FEEDS: join(work, 'feeds.json') };
const tokensFile = join(work, 'tokens.json');
const TOKEN = new TokenStore(tokensFile).add('办公室');

const gazette = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });

let proc: ChildProcess;
let base = '';
let exit: Promise<number | null>;

beforeAll(async () => {
  proc = spawn(process.execPath, [MAIN, '--http', '--host', '127.0.0.1', '--port', '0', '--tokens', tokensFile], {
    env: { ...env, GAZETTE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  exit = new Promise((r) => proc.on('exit', r));
  let stderr = '';
  base = await new Promise<string>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /"url":"(http:\/\/[^/"]+)\/mcp"/.exec(stderr);
      if (m) resolve(m[1]);
    });
    void exit.then((code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
});
afterAll(async () => {
  proc.kill('SIGTERM');
  await exit;
});

/** A request with exactly the headers given (node adds Host, as every client must). */
function get(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    // A connection of its own: a kept-alive one may be closed by the server while a test waits (an ingest).
    const req = request(url, { method, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');

describe('calendar feeds over HTTP', () => {
  it('serves a secret feed URL with no auth header, with an ETag, read-only; 404 once revoked', async () => {
    const added = gazette('feeds', 'add', '--unit', '住建局', '--public-url', base);
    expect(added.status).toBe(0);
    expect(added.stderr).toContain('市住房和城乡建设局牵头任务期限，19 个日程');
    const url = added.stdout.trim();
    expect(url).toMatch(new RegExp(`^${base}/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    const secret = /feeds\/(.+)\.ics$/.exec(url)![1];
    const listed = gazette('feeds', 'list');
    expect(listed.stdout).toMatch(/^f[0-9a-f]{6}\ttasks 住建局 role=lead remind=3wd\t/);
    expect(listed.stdout).not.toContain(secret);

    // The MCP endpoint wants a token; the feed does not.
    expect((await get(`${base}/mcp`)).status).toBe(401);
    const feed = await get(url);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(events(feed.body)).toHaveLength(19);
    const etag = String(feed.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect((await get(url, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(url)).headers.etag).toBe(etag);
    const head = await get(url, {}, 'HEAD');
    expect([head.status, head.body, head.headers.etag]).toEqual([200, '', etag]);
    expect((await get(url, {}, 'POST')).status).toBe(405);
    expect((await get(url, {}, 'DELETE')).status).toBe(405);
    expect((await get(`${base}/feeds/${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}.ics`)).status).toBe(404);
    expect((await get(`${base}/feeds/x.ics`)).status).toBe(404);

    const id = listed.stdout.split('\t')[0];
    expect(gazette('feeds', 'revoke', id).stdout).toBe(`revoked ${id}: its URL now gets 404\n`);
    const gone = await get(url);
    expect(gone.status).toBe(404);
    expect(gone.body).toContain('没有这个订阅');
    expect(gazette('feeds', 'revoke', id).status).toBe(1);
    expect(gazette('feeds', 'list').stdout).toBe(`no feeds in ${env.GAZETTE_FEEDS}\n`);
  });

  it('changes, and its ETag with it, when the next issue is ingested', async () => {
    const url = gazette('feeds', 'add', '--unit', '交通运输局', '--public-url', base).stdout.trim();
    const before = await get(url);
    expect(events(before.body)).toHaveLength(6);
    const issue = join(work, 'snow.txt');
    writeFileSync(issue, SNOW_ISSUE);
    expect(gazette('ingest', issue).status).toBe(0);
    const after = await get(url, { 'If-None-Match': String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const added = events(after.body).filter((v) => String(v.getFirstPropertyValue('summary')).includes('保障公交运行'));
    expect(added.map((v) => (v.getFirstPropertyValue('dtstart') as ICAL.Time).toString())).toEqual(['2022-02-28']);
    expect(events(after.body)).toHaveLength(7);
    // The events already there keep their UIDs: a calendar updates them rather than doubling them.
    const uids = (ics: string) => events(ics).map((v) => String(v.getFirstPropertyValue('uid')));
    expect(uids(after.body)).toEqual(expect.arrayContaining(uids(before.body)));
  });

  it('limits the rate of feed requests from one address', async () => {
    const url = gazette('feeds', 'add', '--probation', '--public-url', base).stdout.trim();
    const statuses: number[] = [];
    for (let k = 0; k < 70; k++) statuses.push((await get(url, {}, 'HEAD')).status);
    expect(statuses).toContain(429);
  });

  it('serves gazette://calendar/{unit} as text/calendar over MCP', async () => {
    const client = new Client({ name: 'feeds-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => [t.uriTemplate, t.mimeType])).toContainEqual(['gazette://calendar/{unit}', 'text/calendar']);
    const read = await client.readResource({ uri: `gazette://calendar/${encodeURIComponent('住建局')}` });
    expect(read.contents[0].mimeType).toBe('text/calendar');
    expect(events(String(read.contents[0].text))).toHaveLength(19);
    await expect(client.readResource({ uri: `gazette://calendar/${encodeURIComponent('不存在局')}` })).rejects.toThrow(/任务分工中没有“市不存在局”/);
    await client.close();
  });
});
