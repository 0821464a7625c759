// The built server on either transport, spoken to as raw as a client can be: any bytes as a
// message, each reply read back by its id. The e2e fault tests drive both transports through it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'server', 'main.js');

export type Reply = { id?: unknown; result?: Record<string, unknown>; error?: { code: number; message: string } };

export interface RawServer {
  readonly name: string;
  /** Sends one message as it is and resolves with its reply (HTTP: with the status too). */
  send(body: string, id: number | string | null): Promise<{ status: number; reply: Reply | null }>;
  /** Everything the server logged. */
  stderr(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

const INIT = { jsonrpc: '2.0', method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

function spawnMain(
  args: string[],
  env: Record<string, string>,
): { proc: ChildProcessWithoutNullStreams; log: { text: string }; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, GAZETTE_LOG_LEVEL: 'info', ...env } });
  const log = { text: '' };
  proc.stderr.on('data', (d: Buffer) => (log.text += d.toString()));
  const exited = new Promise<number | null>((r) => proc.on('exit', r));
  return { proc, log, exited };
}

/** The stdio server: one line a message; a reply without an id (a parse error) answers the oldest wait. */
export async function stdioServer(env: Record<string, string>): Promise<RawServer> {
  const { proc, log, exited } = spawnMain([], env);
  let running = true;
  void exited.then(() => (running = false));
  let buffer = '';
  const waiting = new Map<unknown, (r: Reply) => void>();
  proc.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const reply = JSON.parse(buffer.slice(0, nl)) as Reply;
      buffer = buffer.slice(nl + 1);
      const key = waiting.has(reply.id) ? reply.id : waiting.keys().next().value;
      const resolve = waiting.get(key);
      waiting.delete(key);
      resolve?.(reply);
    }
  });
  const server: RawServer = {
    name: 'stdio',
    send: (body, id) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`stdio: no reply to ${String(id)}; ${running ? 'still running' : 'exited'}; log: ${log.text.slice(-800)}`)),
          30_000,
        );
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          resolve({ status: 200, reply });
        });
        void exited.then(() => reject(new Error(`stdio server exited: ${log.text.slice(-800)}`)));
        proc.stdin.write(`${body}\n`);
      }),
    stderr: () => log.text,
    alive: () => running,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
  await server.send(JSON.stringify({ ...INIT, id: 'init' }), 'init');
  proc.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return server;
}

/** A running HTTP server's address, read from its ready line. */
export async function httpServer(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; log: () => string; alive: () => boolean; stop: () => Promise<void> }> {
  const { proc, log, exited } = spawnMain(['--http', '--port', '0', ...args], env);
  let running = true;
  void exited.then(() => (running = false));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stderr.on('data', () => {
      const m = /"url":"([^"]+)"/.exec(log.text);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`server exited ${code}: ${log.text}`)));
  });
  return {
    url,
    log: () => log.text,
    alive: () => running,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** The JSON-RPC messages of a reply body, JSON or an event stream. */
function messagesOf(body: string): Reply[] {
  if (!body.trim()) return [];
  if (body.trimStart().startsWith('{') || body.trimStart().startsWith('[')) {
    const parsed = JSON.parse(body) as Reply | Reply[];
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return body
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)) as Reply);
}

/** A session on an HTTP server opened with `token`. */
export async function httpSession(
  server: { url: string; log: () => string; alive: () => boolean; stop: () => Promise<void> },
  token: string | null,
): Promise<RawServer> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
  const post = async (body: string) => {
    const res = await fetch(server.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
    return { res, text: await res.text() };
  };
  const init = await post(JSON.stringify({ ...INIT, id: 'init' }));
  if (init.res.status !== 200) throw new Error(`initialize: ${init.res.status} ${init.text}`);
  headers['Mcp-Session-Id'] = init.res.headers.get('mcp-session-id')!;
  headers['Mcp-Protocol-Version'] = '2025-06-18';
  await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  return {
    name: 'http',
    send: async (body, id) => {
      const { res, text } = await post(body);
      const messages = res.status === 200 ? messagesOf(text) : [JSON.parse(text) as Reply];
      return { status: res.status, reply: messages.find((m) => m.id === id) ?? messages[0] ?? null };
    },
    stderr: server.log,
    alive: server.alive,
    stop: server.stop,
  };
}

export const toolCall = (id: number | string, name: string, args: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

/** Text of a tool result. */
export const textOf = (reply: Reply | null) => ((reply?.result?.content as { text: string }[] | undefined) ?? [])[0]?.text ?? '';
