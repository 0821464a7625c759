// MCP over Streamable HTTP for an office: POST/GET/DELETE on one path, sessions by
// Mcp-Session-Id (or none, in stateless mode), bearer tokens, Host and Origin checks, a body size
// limit, a rate per token, a cap on sessions and an idle timeout, /healthz and /readyz, and an
// access log line per request. Every limit is an option (server/http-options.ts).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { keepServingOnRejection } from '../create-server.js';
import { hostDefaults, type HttpOptions } from '../http-options.js';
import type { TokenCheck } from '../tokens.js';
import { callerOf } from '../tool-pool.js';

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  token: string | null;
  lastSeen: number;
}

export interface HttpServing {
  server: Server;
  /** Stops taking requests, closes every session. */
  close: () => Promise<void>;
  sessions: () => number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A token bucket per caller: `perMinute` requests a minute, in bursts of up to that many. */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perMinute: number) {}

  /** Seconds to wait before the next request is allowed, or 0 to go ahead. */
  take(key: string): number {
    const now = Date.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / rate / 1000);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** A JSON-RPC error body for an HTTP refusal, so an MCP client shows the reason. */
function refusal(status: number, message: string): unknown {
  return { jsonrpc: '2.0', id: null, error: { code: status === 429 || status === 503 ? -32000 : -32001, message } };
}

async function readBody(req: IncomingMessage, max: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw new HttpError(413, `request body over ${max} bytes / 请求体超过 ${max} 字节`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, `request body over ${max} bytes / 请求体超过 ${max} 字节`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not JSON / 请求体不是 JSON');
  }
}

/** What one POST asks, for the access log: the method, and the tool for tools/call. */
function described(body: unknown): { rpc?: string; tool?: string } {
  const first = Array.isArray(body) ? body[0] : body;
  if (!first || typeof first !== 'object') return {};
  const m = first as { method?: unknown; params?: { name?: unknown } };
  return {
    rpc: typeof m.method === 'string' ? m.method : undefined,
    tool: m.method === 'tools/call' && typeof m.params?.name === 'string' ? m.params.name : undefined,
  };
}

/** Serves the calendar feeds under FEEDS_PREFIX (server/feeds.ts); answers with the feed's id for the access log. */
export type FeedRoute = (req: IncomingMessage, res: ServerResponse, path: string) => string | null;
export const FEEDS_PREFIX = '/feeds/';

export function serveHttp(
  makeServer: () => McpServer,
  options: HttpOptions,
  tokens: TokenCheck,
  logger: Logger,
  readiness: () => Record<string, unknown> | null,
  feeds?: FeedRoute,
): HttpServing {
  keepServingOnRejection(logger);
  const sessions = new Map<string, Session>();
  const limit = new RateLimit(options.ratePerMinute);
  // Tokens are re-read when their file changes; revoking the last one locks everyone out rather
  // than opening the server to anyone.
  tokens.follow(options.tokensFile, (message) => logger.error(message));
  const startedWithTokens = tokens.size > 0;
  const authRequired = () => startedWithTokens || tokens.size > 0;
  // Known once the port is bound (it may be 0: any free port).
  let base = '';
  let allowedHosts: string[] = [];
  let allowedOrigins: string[] = [];
  const metadataUrl = () => `${base}/.well-known/oauth-protected-resource${options.path}`;

  const authenticate = (req: IncomingMessage): string | null => {
    if (!authRequired()) return null;
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const challenge = `Bearer realm="gazette-mcp", resource_metadata="${metadataUrl()}"`;
    if (!m) throw new HttpError(401, 'a bearer token is required / 需要访问令牌（Authorization: Bearer …）', { 'WWW-Authenticate': challenge });
    const name = tokens.verify(m[1]);
    if (!name) throw new HttpError(401, 'the bearer token is not valid / 访问令牌无效', { 'WWW-Authenticate': `${challenge}, error="invalid_token"` });
    return name;
  };

  const checkHostAndOrigin = (req: IncomingMessage) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.includes(host)) throw new HttpError(403, `host "${host}" is not allowed / 不允许的 Host`);
    const origin = req.headers.origin;
    if (origin && !allowedOrigins.includes(origin.toLowerCase())) throw new HttpError(403, `origin "${origin}" is not allowed / 不允许的来源（Origin）`);
  };

  const newSession = async (token: string | null): Promise<Session> => {
    if (sessions.size >= options.maxSessions)
      throw new HttpError(503, `too many open sessions (${options.maxSessions}) / 会话数已达上限`, { 'Retry-After': '30' });
    // One token cannot hold every session: past its share it waits for its own to close or idle out.
    if (token !== null && [...sessions.values()].filter((s) => s.token === token).length >= options.maxSessionsPerToken) {
      throw new HttpError(
        429,
        `this token has ${options.maxSessionsPerToken} open sessions, the most one token may; close one or retry later / 此令牌的会话数已达上限（${options.maxSessionsPerToken}）`,
        { 'Retry-After': '30' },
      );
    }
    const server = makeServer();
    const session: Session = { server, token, lastSeen: Date.now(), transport: null as unknown as StreamableHTTPServerTransport };
    session.transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => void sessions.set(id, session),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    session.transport.onclose = () => {
      if (session.transport.sessionId) sessions.delete(session.transport.sessionId);
    };
    await server.connect(session.transport);
    return session;
  };

  const handleMcp = async (req: IncomingMessage, res: ServerResponse, token: string | null, log: Record<string, unknown>) => {
    const body = req.method === 'POST' ? await readBody(req, options.maxBodyBytes) : undefined;
    Object.assign(log, described(body));
    if (options.stateless) {
      const server = makeServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
      return;
    }
    const id = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(id) ? id[0] : id;
    if (sessionId) {
      const session = sessions.get(sessionId);
      // A session is its token's: another token (or none) cannot use it, nor learn it exists.
      if (!session || session.token !== token) throw new HttpError(404, 'no such session / 会话不存在或已过期');
      session.lastSeen = Date.now();
      await session.transport.handleRequest(req, res, body);
      return;
    }
    if (req.method !== 'POST' || !(Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body))) {
      throw new HttpError(400, 'an Mcp-Session-Id header is required after initialize / 初始化之后的请求须带 Mcp-Session-Id');
    }
    const session = await newSession(token);
    await session.transport.handleRequest(req, res, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const log: Record<string, unknown> = { req: randomUUID(), method: req.method, path: req.url };
    res.on('finish', () => logger.info({ ...log, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'http'));
    try {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (path === '/readyz') {
        const ready = readiness();
        return ready ? sendJson(res, 200, { status: 'ready', sessions: sessions.size, ...ready }) : sendJson(res, 503, { status: 'starting' });
      }
      if (path === '/.well-known/oauth-protected-resource' || path === `/.well-known/oauth-protected-resource${options.path}`) {
        // RFC 9728: where this resource is and how to present a token; the tokens are issued by
        // `gazette tokens add`, so there is no authorization server to name.
        return sendJson(res, 200, {
          resource: `${base}${options.path}`,
          bearer_methods_supported: ['header'],
          resource_name: 'gazette-mcp',
          resource_documentation: `${base}/healthz`,
        });
      }
      if (feeds && path.startsWith(FEEDS_PREFIX)) {
        // A calendar program cannot send a bearer header: the secret in the path is the credential, kept out of the log.
        log.path = `${FEEDS_PREFIX}…`;
        checkHostAndOrigin(req);
        log.feed = feeds(req, res, path);
        return;
      }
      if (path !== options.path) throw new HttpError(404, `not found: ${path} (MCP is served at ${options.path})`);
      checkHostAndOrigin(req);
      const token = authenticate(req);
      log.token = token;
      const caller = token ?? req.socket.remoteAddress ?? 'anonymous';
      const wait = limit.take(caller);
      if (wait) throw new HttpError(429, `too many requests; retry in ${wait} s / 请求过于频繁，请 ${wait} 秒后重试`, { 'Retry-After': String(wait) });
      if (!['POST', 'GET', 'DELETE'].includes(req.method ?? ''))
        throw new HttpError(405, `${req.method} is not served / 不支持 ${req.method}`, { Allow: 'GET, POST, DELETE' });
      // The tool threads are shared between callers, each call counted against its own.
      await callerOf.run(caller, () => handleMcp(req, res, token, log));
    } catch (err) {
      if (err instanceof HttpError) {
        log.refused = err.message;
        // An oversized body is refused before it is read: the client may still be sending.
        if (err.status === 413) res.setHeader('Connection', 'close');
        sendJson(res, err.status, refusal(err.status, err.message), err.headers);
        return;
      }
      logger.error({ err, req: log.req }, 'http request failed');
      sendJson(res, 500, refusal(500, 'internal error / 内部错误'));
    }
  };

  const server = createHttpServer((req, res) => void handle(req, res));
  // A client that asks first (Expect: 100-continue, as curl does for large bodies) hears 413 before
  // it sends an oversized body, instead of a reset connection halfway through.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) {
      void handle(req, res);
      return;
    }
    res.writeContinue();
    void handle(req, res);
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const defaults = hostDefaults(options.host, port);
    allowedHosts = options.allowedHosts ?? defaults.hosts;
    allowedOrigins = options.allowedOrigins ?? defaults.origins;
    base = options.publicUrl ?? `http://${defaults.hosts[0]}`;
  });
  // A slow client cannot hold a connection for ever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;

  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [id, s] of sessions) {
        if (now - s.lastSeen <= options.sessionIdleMs) continue;
        sessions.delete(id);
        logger.info({ session: id, token: s.token }, 'idle session closed');
        void s.transport.close();
        void s.server.close();
      }
    },
    Math.min(options.sessionIdleMs, 30_000),
  );
  sweep.unref();

  return {
    server,
    sessions: () => sessions.size,
    close: async () => {
      clearInterval(sweep);
      await Promise.all(
        [...sessions.values()].map(async (s) => {
          await s.transport.close().catch(() => undefined);
          await s.server.close().catch(() => undefined);
        }),
      );
      sessions.clear();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
