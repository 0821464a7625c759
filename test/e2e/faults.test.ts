// What a fault-injection pass found, each reproduced: a damaged or half-built database, an
// unwritable or missing folder, messages too large or malformed for the protocol, load, a bad
// log level. The server answers, rebuilds or serves the last good database, and says so.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDatabase, ingestCorpus } from '../../ingest/ingest.js';
import { SEED_DIR, SEED_FILE } from '../support/seed.js';

const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'server', 'main.js');
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'gazette.js');
const fresh = () => mkdtempSync(join(tmpdir(), 'gazette-fault-'));

/** The stdio server spoken to line by line, as raw as a client can be. */
class RawServer {
  readonly proc: ChildProcessWithoutNullStreams;
  stderr = '';
  private buffer = '';
  private readonly replies = new Map<number | string | null, Record<string, unknown>>();
  private waiters: (() => void)[] = [];

  constructor(env: Record<string, string>) {
    this.proc = spawn(process.execPath, [MAIN], { env: { ...process.env, GAZETTE_LOG_LEVEL: 'info', ...env } });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdout.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const msg = JSON.parse(this.buffer.slice(0, nl)) as Record<string, unknown>;
        this.buffer = this.buffer.slice(nl + 1);
        this.replies.set(msg.id as number, msg);
      }
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  send(line: string | Buffer): void {
    this.proc.stdin.write(line);
  }

  async reply(id: number | null, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const until = Date.now() + timeoutMs;
    while (!this.replies.has(id)) {
      if (Date.now() > until) throw new Error(`no reply to ${id}; stderr: ${this.stderr.slice(-500)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.replies.get(id)!;
  }

  async initialize(): Promise<void> {
    this.send(
      `${JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } })}\n`,
    );
    await this.reply(0);
    this.send(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  }

  call(id: number, name: string, args: unknown): void {
    this.send(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } })}\n`);
  }
}

const servers: RawServer[] = [];
const raw = (env: Record<string, string>) => {
  const s = new RawServer(env);
  servers.push(s);
  return s;
};
afterEach(() => {
  for (const s of servers.splice(0)) s.proc.kill();
});

function builtDb(): string {
  const db = join(fresh(), 'gazette.db');
  ingestCorpus(SEED_DIR, db);
  return db;
}

describe('the store under faults', () => {
  it('finds damaged pages behind a readable meta table and rebuilds from the corpus', async () => {
    const db = builtDb();
    // Garbage over a stretch in the middle: the header and the meta table stay readable.
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(statSync(db).size / 2));
    closeSync(fd);
    const { rebuilt, warnings } = ensureDatabase(SEED_DIR, db);
    expect(rebuilt).toBe(true);
    expect(warnings.join('\n')).toMatch(new RegExp(`database ${db} cannot be served \\([\\s\\S]+\\); rebuilding it from`));
    const server = raw({ GAZETTE_DB: db });
    await server.initialize();
    server.call(1, 'cite_clause', { document: '国有资产出租', clause: '第四条' });
    expect(((await server.reply(1)).result as { isError?: boolean }).isError).toBeFalsy();
  });

  it('leaves nothing of a killed build behind', async () => {
    const dir = fresh();
    const db = join(dir, 'gazette.db');
    const child = spawn(process.execPath, [CLI, 'ingest', SEED_DIR, '--db', db]);
    while (!readdirSync(dir).some((f) => f.includes('.tmp-'))) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(true);
    const { warnings } = ensureDatabase(SEED_DIR, db);
    expect(warnings[0]).toMatch(/^removed what a stopped ingest left beside .*gazette\.db: .*gazette\.db\.tmp-\d+-\d+/);
    expect(readdirSync(dir)).toEqual(['gazette.db']);
  });

  it('names the folder it cannot write in', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const r = spawnSync(process.execPath, [CLI, 'search', '湿地'], {
      encoding: 'utf8',
      env: { ...process.env, GAZETTE_DB: join(dir, 'not-a-folder', 'gazette.db') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot write a database in ${join(dir, 'not-a-folder')}`);
  });

  it('serves the last good database, with a warning, when the corpus folder is gone or changed but unbuildable', async () => {
    const db = builtDb();
    const server = raw({ GAZETTE_DB: db, GAZETTE_CORPUS_DIR: join(fresh(), 'missing') });
    await server.initialize();
    server.call(1, 'search_gazette', { query: '湿地' });
    expect(((await server.reply(1)).result as { isError?: boolean }).isError).toBeFalsy();
    expect(server.stderr).toMatch(/cannot read the corpus folder .*missing: corpus folder not found.*; serving the last good database/);
    // A corpus that changed into something unreadable: the last good database still serves.
    const corpus = fresh();
    copyFileSync(SEED_FILE, join(corpus, 'a.txt'));
    const db2 = join(fresh(), 'g.db');
    ensureDatabase(corpus, db2);
    writeFileSync(join(corpus, 'a.txt'), '');
    expect(ensureDatabase(corpus, db2).warnings.join()).toMatch(/no usable gazette issue in .*a\.txt: empty file.*serving the last good database/);
  });
});

describe('protocol edges over stdio', () => {
  it('refuses a message over 10 MB in words, logs it, and answers the next', async () => {
    const server = raw({ GAZETTE_DB: builtDb() });
    await server.initialize();
    const huge = JSON.stringify({
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'verify_quote', arguments: { quote: '湿'.repeat(4 * 1024 * 1024) } },
    });
    server.send(`${huge}\n`);
    server.call(8, 'search_gazette', { query: '湿地' });
    expect(await server.reply(7)).toMatchObject({ error: { code: -32600, message: expect.stringContaining('message over 10485760 bytes refused') } });
    expect(((await server.reply(8)).result as { isError?: boolean }).isError).toBeFalsy();
    expect(server.stderr).toContain('message over the size limit refused');
    server.send('{"jsonrpc": "2.0", "id": 9, "method": \n');
    expect(await server.reply(null)).toMatchObject({ error: { code: -32700 } });
  });

  it('answers a malformed resource URI and wrong-typed params with -32602 in words', async () => {
    const server = raw({ GAZETTE_DB: builtDb() });
    await server.initialize();
    server.send(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'resources/read', params: { uri: 'gazette://documents/%E0%A4%A' } })}\n`);
    server.send(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 5, arguments: 'x' } })}\n`);
    server.send(`${JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: 5 } })}\n`);
    expect(await server.reply(1)).toMatchObject({ error: { code: -32602, message: expect.stringContaining('malformed resource URI') } });
    expect(await server.reply(2)).toMatchObject({
      error: {
        code: -32602,
        message: expect.stringContaining(
          'invalid params for tools/call: params.name: Invalid input: expected string, received number; params.arguments: Invalid input: expected record, received string / tools/call 的参数无效',
        ),
      },
    });
    const third = (await server.reply(3)) as { error: { code: number; message: string } };
    expect(third.error.code).toBe(-32602);
    expect(third.error.message).toContain('invalid params for resources/read: params.uri: Invalid input: expected string, received number');
  });

  it('takes concurrent load without a listener warning', async () => {
    const server = raw({ GAZETTE_DB: builtDb() });
    await server.initialize();
    server.send(
      Array.from(
        { length: 400 },
        (_, k) =>
          `${JSON.stringify({ jsonrpc: '2.0', id: 100 + k, method: 'tools/call', params: { name: 'get_document', arguments: { document: '卫政办发〔2019〕43号', includeText: true } } })}\n`,
      ).join(''),
    );
    await server.reply(499, 60_000);
    expect(server.stderr).not.toContain('MaxListenersExceededWarning');
  });

  it('starts with a bad log level, says so, and logs at info', async () => {
    const server = raw({ GAZETTE_DB: builtDb(), GAZETTE_LOG_LEVEL: 'bogus' });
    await server.initialize();
    expect(server.stderr).toContain('GAZETTE_LOG_LEVEL=bogus is not a level');
    // Ready is logged once the tool thread has opened the store, which may follow the handshake.
    for (let waited = 0; waited < 5000 && !server.stderr.includes('gazette-mcp ready'); waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(server.stderr).toContain('gazette-mcp ready');
  });
});
