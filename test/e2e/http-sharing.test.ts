// The HTTP server shared by several tokens: a revoked token stops at once, one token's heavy calls
// or open sessions cannot crowd out another's, and a server on every interface answers to the
// machine's own names.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../ingest/ingest.js';
import { TokenStore } from '../../server/tokens.js';
import { httpServer } from '../support/raw-server.js';
import { SEED_DIR } from '../support/seed.js';

const work = mkdtempSync(join(tmpdir(), 'gazette-share-'));
const db = join(work, 'gazette.db');
const tokensFile = join(work, 'tokens.json');
const store = new TokenStore(tokensFile);
const HEAVY = store.add('heavy');
const LIGHT = store.add('light');

type Served = Awaited<ReturnType<typeof httpServer>>;
const running: Served[] = [];
const start = async (args: string[]) => {
  const s = await httpServer(['--tokens', tokensFile, ...args], { GAZETTE_DB: db });
  running.push(s);
  return s;
};

async function connect(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'share-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

/** A GET with a Host header of our choosing (fetch will not send one). */
function _get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Characters no gazette sentence holds in that order: verify_quote's slowest case. */
function noise(length: number, seed: number): string {
  let s = seed;
  return Array.from({ length }, () => String.fromCodePoint(0x4e00 + ((s = (s * 1103515245 + 12345) % 2 ** 31) % 2000))).join('');
}

beforeAll(() => {
  ingestCorpus(SEED_DIR, db);
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

describe('tokens shared on one server', () => {
  it('one token’s heavy calls do not push another’s call past its budget', async () => {
    const server = await start(['--workers', '2', '--call-budget', '3000']);
    const [heavy, light] = await Promise.all([connect(server.url, HEAVY), connect(server.url, LIGHT)]);
    // Both tokens are in use: each keeps off one of the two threads.
    expect((await light.callTool({ name: 'list_documents', arguments: {} })).isError).toBeFalsy();
    const flood = Promise.all(Array.from({ length: 6 }, (_, k) => heavy.callTool({ name: 'verify_quote', arguments: { quote: noise(5000, k + 1) } })));
    await new Promise((r) => setTimeout(r, 300));
    // Within its 3 s budget, or it would be an isError: the budget is the bound, not a timer here.
    const r = await light.callTool({ name: 'list_documents', arguments: {} });
    expect(r.isError, (r.content as { text: string }[])[0].text).toBeFalsy();
    await flood;
    await Promise.all([heavy.close(), light.close()]);
  }, 60_000);

  it('one token cannot hold every session', async () => {
    const server = await start(['--max-sessions', '4', '--max-sessions-per-token', '2']);
    await connect(server.url, HEAVY);
    await connect(server.url, HEAVY);
    await expect(connect(server.url, HEAVY)).rejects.toThrow(/429|the most one token may/);
    const light = await connect(server.url, LIGHT);
    expect((await light.callTool({ name: 'list_documents', arguments: {} })).isError).toBeFalsy();
  });

  it('stops a revoked token at its next request, without a restart', async () => {
    const server = await start([]);
    const revoked = store.add('revoked');
    const client = await connect(server.url, revoked);
    expect((await client.callTool({ name: 'list_documents', arguments: {} })).isError).toBeFalsy();
    store.revoke('revoked');
    await expect(client.callTool({ name: 'list_documents', arguments: {} })).rejects.toThrow(/401|not valid/);
    await expect(connect(server.url, revoked)).rejects.toThrow(/401|not valid/);
    // A token added while it runs is taken at once.
    const added = await connect(server.url, store.add('added'));
    expect((await added.callTool({ name: 'list_documents', arguments: {} })).isError).toBeFalsy();
  });
});
