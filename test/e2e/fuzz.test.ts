// Deep, wide, huge and random JSON on both transports: no message may end the process or hold it,
// and after each the server still answers a normal call. A 10 KB request nesting 5,000 arrays
// once overflowed the stack on its way to the tool thread and took the server down.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../ingest/ingest.js';
import { TokenStore } from '../../server/tokens.js';
import { httpServer, httpSession, stdioServer, textOf, toolCall, type RawServer } from '../support/raw-server.js';
import { SEED_DIR } from '../support/seed.js';

const work = mkdtempSync(join(tmpdir(), 'gazette-fuzz-'));
const db = join(work, 'gazette.db');
const tokensFile = join(work, 'tokens.json');
const TOKEN = new TokenStore(tokensFile).add('fuzz');

const deepArrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObjects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const rpc = (id: number, method: string, params: string) => `{"jsonrpc":"2.0","id":${id},"method":"${method}","params":${params}}`;

/** Messages built to break a parser, a copy or a walk: [what, the message, its id]. */
function hostileMessages(maxBytes: number): [string, string, number | null][] {
  const wideArray = `[${Array.from({ length: Math.floor(maxBytes / 4) }, () => '1').join(',')}]`;
  const wideObject = `{${Array.from({ length: Math.floor(maxBytes / 16) }, (_, k) => `"k${k}":1`).join(',')}}`;
  const huge = (n: number) => JSON.stringify('湿'.repeat(n));
  return [
    ['5,000 nested arrays as a tool field', rpc(1, 'tools/call', `{"name":"search_gazette","arguments":{"query":${deepArrays(5000)}}}`), 1],
    ['100,000 nested arrays as a tool field', rpc(2, 'tools/call', `{"name":"verify_quote","arguments":{"quote":${deepArrays(100_000)}}}`), 2],
    ['20,000 nested objects as the arguments', rpc(3, 'tools/call', `{"name":"list_documents","arguments":${deepObjects(20_000)}}`), 3],
    ['nested arrays as a resource URI', rpc(4, 'resources/read', `{"uri":${deepArrays(50_000)}}`), 4],
    ['nested arrays as a prompt argument', rpc(5, 'prompts/get', `{"name":"draft_explainer","arguments":{"document":${deepArrays(50_000)}}}`), 5],
    [
      'nested arrays as a completion value',
      rpc(6, 'completion/complete', `{"ref":{"type":"ref/prompt","name":"draft_explainer"},"argument":{"name":"document","value":${deepArrays(50_000)}}}`),
      6,
    ],
    ['nested arrays in _meta', rpc(7, 'tools/list', `{"_meta":${deepArrays(100_000)}}`), 7],
    ['nested arrays as the params of an unknown method', rpc(8, 'no/such', deepArrays(100_000)), 8],
    ['nested arrays as the message', deepArrays(200_000), null],
    ['nested arrays as the id', `{"jsonrpc":"2.0","id":${deepArrays(50_000)},"method":"ping"}`, null],
    ['a wide array as a tool field', rpc(9, 'tools/call', `{"name":"search_gazette","arguments":{"query":${wideArray}}}`), 9],
    ['a wide object as the arguments', rpc(10, 'tools/call', `{"name":"search_gazette","arguments":${wideObject}}`), 10],
    ['a huge string as a tool field', rpc(11, 'tools/call', `{"name":"verify_quote","arguments":{"quote":${huge(maxBytes / 4)}}}`), 11],
    ['a huge tool name', rpc(12, 'tools/call', `{"name":${huge(maxBytes / 4)},"arguments":{}}`), 12],
    ['a huge resource URI', rpc(13, 'resources/read', `{"uri":${JSON.stringify(`gazette://documents/${'卫'.repeat(maxBytes / 8)}`)}}`), 13],
    [
      'a huge completion value',
      rpc(
        14,
        'completion/complete',
        `{"ref":{"type":"ref/resource","uri":"gazette://documents/{docNumber}"},"argument":{"name":"docNumber","value":${huge(maxBytes / 4)}}}`,
      ),
      14,
    ],
    ['a huge prompt argument', rpc(15, 'prompts/get', `{"name":"draft_explainer","arguments":{"document":${huge(300_000)}}}`), 15],
  ];
}

/** A random JSON value of bounded size, from a seeded generator, so a failure can be replayed. */
function randomJson(seed: number): () => string {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const value = (depth: number): unknown => {
    const kind = depth > 12 ? 0 : Math.floor(next() * 6);
    if (kind === 0) return pick([null, true, false, 0, -1, 1e308, 'x', '湿地', '\u0000', '\ud800', '卫政办发〔2019〕43号']);
    if (kind === 1) return 'é字'.repeat(Math.floor(next() * 3000));
    if (kind === 2) return Math.floor(next() * 2 ** 53) * (next() < 0.5 ? -1 : 1);
    if (kind === 3) return Array.from({ length: Math.floor(next() * 6) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(next() * 6) }, (_, k) => [
        pick(['query', 'document', 'limit', 'uri', 'name', `f${k}`, '__proto__', 'constructor']),
        value(depth + 1),
      ]),
    );
  };
  const methods = ['tools/call', 'tools/list', 'resources/read', 'resources/list', 'prompts/get', 'completion/complete', 'ping', 'logging/setLevel', 'no/such'];
  const tools = ['search_gazette', 'verify_quote', 'get_document', 'check_draft', 'compute_deadline', 'list_tasks'];
  return () => {
    const method = pick(methods);
    const params = method === 'tools/call' ? { name: pick(tools), arguments: value(0) } : value(0);
    return JSON.stringify({ jsonrpc: '2.0', id: 'fuzz', method, params });
  };
}

/** What every reply to a hostile message must be: an answer (an error or an isError result), soon. */
async function expectStillServing(server: RawServer, what: string): Promise<void> {
  const { reply } = await server.send(toolCall('check', 'search_gazette', { query: '湿地面积' }), 'check');
  expect(server.alive(), `${server.name}: after ${what}`).toBe(true);
  expect(reply?.result?.isError, `${server.name}: after ${what}: ${JSON.stringify(reply).slice(0, 300)}`).toBeFalsy();
  expect(textOf(reply)).toContain('湿地');
}

const servers: RawServer[] = [];
const transports: [string, () => Promise<RawServer>, number][] = [
  ['stdio', () => stdioServer({ GAZETTE_DB: db }), 4 * 1024 * 1024],
  ['Streamable HTTP', async () => httpSession(await httpServer(['--tokens', tokensFile, '--rate', '100000'], { GAZETTE_DB: db }), TOKEN), 900 * 1024],
];

beforeAll(() => {
  ingestCorpus(SEED_DIR, db);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe.each(transports)('hostile JSON over %s', (_name, open, maxBytes) => {
  let server: RawServer;
  beforeAll(async () => {
    server = await open();
    servers.push(server);
  });

  it('answers deep, wide and huge messages without dying, and then a normal call', async () => {
    // Each answer is bounded by the send's own time limit; how fast is the benchmark's business.
    for (const [what, message, id] of hostileMessages(maxBytes)) {
      const { status, reply } = await server.send(message, id);
      expect(server.alive(), `${server.name}: ${what} ended the process: ${server.stderr().slice(-800)}`).toBe(true);
      // Refused or answered, never a crash and never an echo of what was sent.
      expect(status === 200 || status === 400, `${what}: HTTP ${status}`).toBe(true);
      expect(reply?.error ?? reply?.result, `${what}: no answer`).toBeDefined();
      expect(JSON.stringify(reply ?? '').length, `${what}: echoed`).toBeLessThan(8 * 1024);
      await expectStillServing(server, what);
    }
    expect(server.stderr()).not.toMatch(/Maximum call stack|unhandled rejection/);
  }, 120_000);

  it('refuses arguments nested past the limit with an isError that names it', async () => {
    const { reply } = await server.send(rpc(20, 'tools/call', `{"name":"search_gazette","arguments":{"query":${deepArrays(5000)}}}`), 20);
    expect(reply?.result?.isError).toBe(true);
    expect(textOf(reply)).toContain('参数 arguments 无效：嵌套超过 8 层');
    expect(textOf(reply)).toContain('Invalid arguments: nest deeper than 8 levels');
  });

  it('caps a prompt argument at the tool field’s 200 characters, without echoing it', async () => {
    const { reply } = await server.send(
      rpc(21, 'prompts/get', `{"name":"draft_explainer","arguments":{"document":${JSON.stringify('法'.repeat(300_000))}}}`),
      21,
    );
    expect(reply?.error?.code).toBe(-32602);
    expect(reply?.error?.message).toContain('参数 document 无效：不能超过 200 个字符');
    expect(reply!.error!.message.length).toBeLessThan(1000);
    const completion = await server.send(
      rpc(
        23,
        'completion/complete',
        `{"ref":{"type":"ref/prompt","name":"draft_explainer"},"argument":{"name":"document","value":${JSON.stringify('法'.repeat(300_000))}}}`,
      ),
      23,
    );
    expect(completion.reply?.error?.code).toBe(-32602);
    expect(completion.reply?.error?.message).toContain('Invalid document: must be at most 200 characters');
  });

  it('answers "not a uri" with -32602 in words', async () => {
    const { reply } = await server.send(rpc(22, 'resources/read', '{"uri":"not a uri"}'), 22);
    expect(reply?.error?.code).toBe(-32602);
    expect(reply?.error?.message).toContain('not a URI / resources/read 的参数无效：不是有效的地址');
  });

  it('survives 150 random messages', async () => {
    const next = randomJson(25);
    for (let k = 0; k < 150; k++) {
      const message = next();
      const { reply } = await server.send(message, 'fuzz');
      expect(reply?.error ?? reply?.result, `no answer to ${message.slice(0, 200)}`).toBeDefined();
      expect(server.alive(), `ended by ${message.slice(0, 200)}`).toBe(true);
    }
    await expectStillServing(server, 'random messages');
  }, 120_000);
});
