// A running server and the ingests beside it: the server answers from one published version of
// the store at a time, moves every tool thread, list and resource to a new version as soon as an
// ingest publishes it, and goes on answering from the old one when an ingest is killed mid-write;
// a fixed today reaches the tool threads.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { issueCopy } from '../../evals/corpora.js';
import { ingestCorpus } from '../../ingest/ingest.js';
import { readMeta } from '../../store/writer.js';
import { httpServer } from '../support/raw-server.js';
import { SEED_DIR, SEED_FILE } from '../support/seed.js';

const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'server', 'main.js');
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'gazette.js');
const seed = readFileSync(SEED_FILE, 'utf8');

type ToolResult = { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: Record<string, unknown> };

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

/** A corpus folder holding copies of the bundled issue, and a database built from it. */
function store(copies: number[]): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-ver-'));
  for (const k of copies) writeFileSync(join(dir, `issue-${k}.txt`), issueCopy(seed, k));
  const db = join(mkdtempSync(join(tmpdir(), 'gazette-ver-db-')), 'gazette.db');
  ingestCorpus(dir, db);
  return { dir, db };
}

async function stdioClient(env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'versions-e2e', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [MAIN],
      env: { ...(process.env as Record<string, string>), GAZETTE_LOG_LEVEL: 'warn', ...env },
      stderr: 'ignore',
    }),
  );
  cleanup.push(() => client.close());
  return client;
}

async function http(env: Record<string, string>) {
  // Load from one address far past the default rate a token may call at.
  const server = await httpServer(['--rate', '1000000'], env);
  cleanup.push(() => server.stop());
  const connect = async () => {
    const client = new Client({ name: 'versions-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    cleanup.push(() => client.close());
    return client;
  };
  const readyz = async () => {
    const r = await fetch(server.url.replace(/\/mcp$/, '/readyz'));
    return { status: r.status, body: (await r.json()) as { version?: { fingerprint: string } } };
  };
  return { server, connect, readyz };
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult;
const noticesListed = async (client: Client) => {
  const r = await call(client, 'list_documents');
  expect(r.isError).toBeFalsy();
  return r.structuredContent!.total as number;
};

/** Runs `gazette ingest DIR --db DB` in a child process. */
function ingest(dir: string, db: string) {
  const child = spawn(process.execPath, [CLI, 'ingest', dir, '--db', db], { stdio: 'ignore' });
  return { child, exited: new Promise<number | null>((r) => child.on('exit', r)) };
}

describe('a server and the store versions ingests publish', () => {
  it('answers dates by the today it was started with, in its tool threads', async () => {
    const client = await stdioClient({
      GAZETTE_CORPUS_DIR: SEED_DIR,
      GAZETTE_DB: join(mkdtempSync(join(tmpdir(), 'gazette-ver-')), 'g.db'),
      GAZETTE_TODAY: '2020-01-01',
    });
    const cite = await call(client, 'cite_clause', { document: '国有资产出租', clause: '第四条' });
    expect(cite.content[0].text).toContain('截至 2020-01-01 有效');
    // A recurring deadline falls due next from today.
    const due = await call(client, 'compute_deadline', { expression: '每季度末' });
    expect(due.content[0].text).toContain('取今天（2020-01-01）当日或之后最近的季度末：2020-03-31');
  }, 60_000);

  it('moves to a new version under load: every answer from one version, none an error, the new notices citable at once', async () => {
    const { dir, db } = store([0]);
    const { connect, readyz } = await http({ GAZETTE_CORPUS_DIR: dir, GAZETTE_DB: db });
    const before = (await readyz()).body.version!.fingerprint;
    expect(before).toBe(readMeta(db, 'fingerprint'));
    const clients = await Promise.all([0, 1, 2].map(() => connect()));
    writeFileSync(join(dir, 'issue-1.txt'), issueCopy(seed, 1));
    const run = ingest(dir, db);
    let done = false;
    void run.exited.then(() => (done = true));
    const seen: number[][] = clients.map(() => []);
    const failures: string[] = [];
    // Each client calls until the ingest has published, then once more.
    await Promise.all(
      clients.map(async (client, k) => {
        for (let last = false; !last; ) {
          last = done;
          try {
            seen[k].push(await noticesListed(client));
            const [name, args] = [
              ['search_gazette', { query: '湿地面积' }],
              ['find_lead_unit', { task: '秸秆禁烧' }],
              ['get_document', { document: '卫政办规发〔2019〕2号' }],
            ][k] as [string, Record<string, unknown>];
            const r = await call(client, name, args);
            if (r.isError) failures.push(`${name}: ${r.content[0].text}`);
          } catch (err) {
            failures.push(String(err));
          }
        }
      }),
    );
    expect(await run.exited).toBe(0);
    expect(failures).toEqual([]);
    // One version per answer, and once a client has seen the new one it never sees the old again.
    for (const answers of seen) expect(answers.join(' ')).toMatch(/^(12 )*(24 )*24$/);
    expect(seen.flat()).toContain(12);
    for (const client of clients) expect(await noticesListed(client)).toBe(24);
    const cite = await call(clients[0], 'cite_clause', { document: '卫政办规发〔2020〕2号', clause: '第四条' });
    expect(cite.isError).toBeFalsy();
    expect(cite.content[0].text).toContain('【卫政办规发〔2020〕2号 · 第四条】');
    const after = (await readyz()).body.version!.fingerprint;
    expect(after).not.toBe(before);
    expect(after).toBe(readMeta(db, 'fingerprint'));
    // Lists and resources move with the tool threads; a new session's instructions too.
    const fresh = await connect();
    expect((await fresh.listResources()).resources.length).toBeGreaterThanOrEqual(24);
    expect(await noticesListed(fresh)).toBe(24);
  }, 180_000);

  it('goes on answering from the old version when an ingest is killed mid-write, over HTTP and stdio, and moves when one finishes', async () => {
    const { dir, db } = store([0]);
    const env = { GAZETTE_CORPUS_DIR: dir, GAZETTE_DB: db };
    const { connect, readyz } = await http(env);
    const stdio = await stdioClient(env);
    const before = (await readyz()).body.version!.fingerprint;
    for (const k of [1, 2, 3, 4, 5, 6]) writeFileSync(join(dir, `issue-${k}.txt`), issueCopy(seed, k));
    const run = ingest(dir, db);
    const tmp = () => readdirSync(dirname(db)).some((name) => name.startsWith(`${basename(db)}.tmp-`));
    while (!tmp()) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGKILL');
    await run.exited;
    expect(existsSync(`${db}-journal`)).toBe(false);
    // Every transport answers from the old version; a new HTTP session opens; /readyz says which version.
    expect(await noticesListed(stdio)).toBe(12);
    expect((await call(stdio, 'cite_clause', { document: '卫政办规发〔2019〕2号', clause: '第四条' })).isError).toBeFalsy();
    const session = await connect();
    expect(await noticesListed(session)).toBe(12);
    expect(await readyz()).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'ready', version: expect.objectContaining({ fingerprint: before }) }),
    });
    // The next ingest takes over the dead one's lock and publishes; both servers move to it.
    expect(await ingest(dir, db).exited).toBe(0);
    expect(await noticesListed(stdio)).toBe(7 * 12);
    expect(await noticesListed(session)).toBe(7 * 12);
    expect((await readyz()).body.version!.fingerprint).toBe(readMeta(db, 'fingerprint'));
  }, 180_000);
});
