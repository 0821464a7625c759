// Options of the HTTP server: each from a flag or an environment variable (the flag wins), with a
// default that is safe on a shared machine: loopback only, tokens required off loopback, limits on.
import { availableParallelism, hostname, networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface HttpOptions {
  host: string;
  port: number;
  path: string;
  stateless: boolean;
  tokensFile: string;
  insecureNoAuth: boolean;
  /** Host header values accepted (DNS-rebinding protection); null: the listening address (see hostDefaults). */
  allowedHosts: string[] | null;
  /** Origin header values accepted when a browser sends one; null: the listening address's own. */
  allowedOrigins: string[] | null;
  maxBodyBytes: number;
  ratePerMinute: number;
  maxSessions: number;
  /** Open sessions one token may hold, so that no token can hold them all. */
  maxSessionsPerToken: number;
  sessionIdleMs: number;
  callBudgetMs: number;
  workers: number;
  /** The address clients reach us at, when a proxy (nginx with TLS) stands in front. */
  publicUrl: string | null;
}

/** Every option: its flag, its environment variable, what it is, and its default (for --help and the README). */
export const HTTP_OPTIONS = [
  ['--host', 'GAZETTE_HTTP_HOST', 'address to listen on', '127.0.0.1'],
  ['--port', 'GAZETTE_HTTP_PORT', 'port', '8787'],
  ['--path', 'GAZETTE_HTTP_PATH', 'path of the MCP endpoint', '/mcp'],
  ['--stateless', 'GAZETTE_HTTP_STATELESS', 'no sessions: every request stands alone (replicas behind a load balancer)', 'off'],
  ['--tokens', 'GAZETTE_TOKENS', 'token file made by `gazette tokens add`', '<database folder>/tokens.json'],
  ['--insecure-no-auth', 'GAZETTE_INSECURE_NO_AUTH', 'serve a non-loopback address without tokens', 'off'],
  [
    '--allowed-hosts',
    'GAZETTE_ALLOWED_HOSTS',
    'Host headers accepted, comma-separated',
    'the listening host:port, with localhost/127.0.0.1/[::1] on loopback, and the machine’s names and addresses on 0.0.0.0 or ::',
  ],
  [
    '--allowed-origins',
    'GAZETTE_ALLOWED_ORIGINS',
    'Origin headers accepted from browsers, comma-separated',
    'http://localhost:<port>, http://127.0.0.1:<port>',
  ],
  ['--max-body', 'GAZETTE_HTTP_MAX_BODY', 'largest request body, bytes (413 above)', '1048576'],
  ['--rate', 'GAZETTE_HTTP_RATE', 'requests per minute per token (429 above)', '600'],
  ['--max-sessions', 'GAZETTE_HTTP_MAX_SESSIONS', 'open sessions at once (503 above)', '200'],
  ['--max-sessions-per-token', 'GAZETTE_HTTP_MAX_SESSIONS_PER_TOKEN', 'open sessions one token may hold (429 above)', 'three quarters of --max-sessions'],
  ['--session-idle', 'GAZETTE_HTTP_SESSION_IDLE', 'seconds a session may stay idle before it is closed', '600'],
  ['--call-budget', 'GAZETTE_CALL_BUDGET_MS', 'milliseconds a tool call may take before it is stopped (isError)', '10000'],
  ['--workers', 'GAZETTE_WORKERS', 'threads running tool calls', 'the number of cores, at most 4'],
  [
    '--public-url',
    'GAZETTE_PUBLIC_URL',
    'the URL clients use, behind a proxy (for the OAuth metadata)',
    'http://<host>:<port>; on 0.0.0.0 or ::, the machine’s first network address',
  ],
] as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\./.test(host);
}

const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean)
    : null;
const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

/** How long one tool call may run, on either transport (stdio reads GAZETTE_CALL_BUDGET_MS). */
export function callBudgetMs(value: string | undefined): number {
  return int('call-budget', 10, 600_000).parse(value ?? 10_000);
}

/** Addresses that listen on every interface: no client can reach the server by that name. */
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/** What this machine is called on the network: its host name and its interfaces' addresses. */
export interface MachineNames {
  hostname: string;
  addresses: { address: string; family: string; internal: boolean }[];
}

function thisMachine(): MachineNames {
  return { hostname: hostname(), addresses: Object.values(networkInterfaces()).flatMap((list) => list ?? []) };
}

/**
 * The Host and Origin values accepted by default, once the port is bound: the address itself, and
 * on loopback its other names. On a wildcard address, the names clients can use: the machine's
 * loopback names, host name and addresses, the first network address first (it is the one
 * advertised, with no --public-url).
 */
export function hostDefaults(host: string, port: number, machine: MachineNames = thisMachine()): { hosts: string[]; origins: string[] } {
  const hostPort = (h: string) => `${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`;
  let names: string[];
  if (WILDCARD.has(host)) {
    // Link-local IPv6 addresses need a zone, which a Host header cannot carry.
    const reachable = machine.addresses.filter((a) => !a.address.toLowerCase().startsWith('fe80:'));
    const external = reachable.filter((a) => !a.internal).sort((a, b) => (a.family === 'IPv4' ? 0 : 1) - (b.family === 'IPv4' ? 0 : 1));
    names = [...external.map((a) => a.address), 'localhost', '127.0.0.1', '[::1]', machine.hostname.toLowerCase(), ...reachable.map((a) => a.address)];
  } else names = isLoopback(host) ? [host, 'localhost', '127.0.0.1', '[::1]'] : [host];
  const hosts = [...new Set(names.filter(Boolean).map(hostPort))];
  return { hosts, origins: hosts.map((h) => `http://${h}`) };
}

/** Reads the options from the command line and the environment; throws with a readable message. */
export function httpOptions(argv: string[], env: NodeJS.ProcessEnv, dbPath: string): HttpOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      http: { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      path: { type: 'string' },
      stateless: { type: 'boolean' },
      tokens: { type: 'string' },
      'insecure-no-auth': { type: 'boolean' },
      'allowed-hosts': { type: 'string' },
      'allowed-origins': { type: 'string' },
      'max-body': { type: 'string' },
      rate: { type: 'string' },
      'max-sessions': { type: 'string' },
      'max-sessions-per-token': { type: 'string' },
      'session-idle': { type: 'string' },
      'call-budget': { type: 'string' },
      workers: { type: 'string' },
      'public-url': { type: 'string' },
    },
  });
  const flag = (b: boolean | undefined, e: string | undefined) => b === true || e === '1' || e === 'true';
  const host = values.host ?? env.GAZETTE_HTTP_HOST ?? '127.0.0.1';
  const port = int('port', 0, 65535).parse(values.port ?? env.GAZETTE_HTTP_PORT ?? 8787);
  const path = values.path ?? env.GAZETTE_HTTP_PATH ?? '/mcp';
  if (!/^\/[\w\-/]*$/.test(path)) throw new Error(`path must start with / and hold only letters, digits, - and / (got "${path}")`);
  const maxSessions = int('max-sessions', 1, 100_000).parse(values['max-sessions'] ?? env.GAZETTE_HTTP_MAX_SESSIONS ?? 200);
  return {
    host,
    port,
    path,
    stateless: flag(values.stateless, env.GAZETTE_HTTP_STATELESS),
    tokensFile: resolve(values.tokens ?? env.GAZETTE_TOKENS ?? join(dirname(dbPath), 'tokens.json')),
    insecureNoAuth: flag(values['insecure-no-auth'], env.GAZETTE_INSECURE_NO_AUTH),
    allowedHosts: list(values['allowed-hosts'] ?? env.GAZETTE_ALLOWED_HOSTS),
    allowedOrigins: list(values['allowed-origins'] ?? env.GAZETTE_ALLOWED_ORIGINS),
    maxBodyBytes: int('max-body', 1024, 64 * 1024 * 1024).parse(values['max-body'] ?? env.GAZETTE_HTTP_MAX_BODY ?? 1024 * 1024),
    ratePerMinute: int('rate', 1, 1_000_000).parse(values.rate ?? env.GAZETTE_HTTP_RATE ?? 600),
    maxSessions,
    maxSessionsPerToken: int('max-sessions-per-token', 1, maxSessions).parse(
      values['max-sessions-per-token'] ?? env.GAZETTE_HTTP_MAX_SESSIONS_PER_TOKEN ?? maxSessions - Math.floor(maxSessions / 4),
    ),
    sessionIdleMs: 1000 * int('session-idle', 1, 86_400).parse(values['session-idle'] ?? env.GAZETTE_HTTP_SESSION_IDLE ?? 600),
    callBudgetMs: callBudgetMs(values['call-budget'] ?? env.GAZETTE_CALL_BUDGET_MS),
    workers: int('workers', 1, 64).parse(values.workers ?? env.GAZETTE_WORKERS ?? Math.min(4, availableParallelism())),
    publicUrl: (values['public-url'] ?? env.GAZETTE_PUBLIC_URL ?? '').replace(/\/$/, '') || null,
  };
}
