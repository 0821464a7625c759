// Replicas behind nginx, rolled out one by one under load (docs/scaling.md, Replicas). Three
// stateless HTTP replicas on loopback serve one immutable, versioned database file; a new issue is
// built into a new file, and each replica in turn is replaced by one serving it while clients keep
// calling through nginx. Prints the requests that failed (must be 0), throughput, and which version
// answered in each phase. Needs nginx on the PATH (not part of npm test: CI has none).
//
//   npm run build && node dist/evals/replicas.js [--clients 8] [--copies 2]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir } from '../corpus/paths.js';
import { ingestCorpus } from '../ingest/ingest.js';
import { issueCopy } from './corpora.js';
import { startHttp, type Running } from './load.js';

const MAIN = join(import.meta.dirname, '..', 'server', 'main.js');
const { values } = parseArgs({ options: { clients: { type: 'string', default: '8' }, copies: { type: 'string', default: '2' } } });
const CLIENTS = Number(values.clients);
const COPIES = Number(values.copies);

const nginxBin = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
if (!nginxBin) {
  process.stderr.write('nginx not found: apt-get install -y nginx (this eval is not part of npm test)\n');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'gazette-replicas-'));
const seed = readFileSync(join(corpusDir(), 'zhongwei-gazette-2019-no04.txt'), 'utf8');

/** A release: the corpus folder it was built from and its database file, named by its fingerprint. */
interface Release {
  corpus: string;
  db: string;
  fingerprint: string;
  notices: number;
}

/** Builds a release from `copies` issues into its own immutable file (what a build host would copy out). */
function release(copies: number): Release {
  const corpus = join(work, `corpus-${copies}`);
  mkdirSync(corpus);
  for (let k = 0; k < copies; k++) writeFileSync(join(corpus, `issue-${k}.txt`), issueCopy(seed, k));
  const built = join(work, `build-${copies}.db`);
  const summary = ingestCorpus(corpus, built);
  const db = join(work, `gazette-${summary.fingerprint.slice(0, 12)}.db`);
  copyFileSync(built, db);
  return { corpus, db, fingerprint: summary.fingerprint, notices: summary.issues.reduce((n, i) => n + i.notices, 0) };
}

const NGINX_PORT = 18_000 + (process.pid % 2_000);

function startReplica(r: Release): Promise<Running> {
  return startHttp(MAIN, ['--http', '--stateless', '--port', '0', '--rate', '1000000', '--allowed-hosts', `127.0.0.1:${NGINX_PORT}`], {
    GAZETTE_DB: r.db,
    GAZETTE_CORPUS_DIR: r.corpus,
    GAZETTE_LOG_LEVEL: 'info', // the ready line names the port
  });
}

const portOf = (r: Running) => new URL(r.url).port;

/** nginx's own config in the temp folder, balancing over the replicas given. */
function writeNginx(replicas: Running[]): string {
  const conf = join(work, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon on;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  # A connection a client keeps open is closed by nginx's old worker at a reload, and a request sent
  # on it just then is lost (the client sees no answer): one request a connection.
  keepalive_timeout 0;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  upstream gazette { ${replicas.map((r) => `server 127.0.0.1:${portOf(r)};`).join(' ')} keepalive 16; }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      proxy_pass http://gazette;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_buffering off;
      # Every tool is read-only: a request that finds a replica gone is sent to the next.
      proxy_next_upstream error timeout non_idempotent;
    }
  }
}
`,
  );
  return conf;
}

function nginx(args: string[]): void {
  const r = spawnSync(nginxBin, ['-p', work, '-c', join(work, 'nginx.conf'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nginx ${args.join(' ')}: ${r.stderr}`);
}

async function readyz(r: Running): Promise<boolean> {
  try {
    return (await fetch(r.url.replace(/\/mcp$/, '/readyz'))).status === 200;
  } catch {
    return false;
  }
}

/** One tools/call through nginx, stateless: how many notices list_documents says, or why it failed. */
async function listDocuments(): Promise<{ notices: number } | { failed: string }> {
  try {
    const res = await fetch(`http://127.0.0.1:${NGINX_PORT}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_documents', arguments: {} } }),
    });
    const text = await res.text();
    if (res.status !== 200) return { failed: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    const line = text.split('\n').find((l) => l.startsWith('data: ')) ?? text;
    const reply = JSON.parse(line.replace(/^data: /, '')) as {
      result?: { isError?: boolean; structuredContent?: { total: number } };
      error?: { message: string };
    };
    if (reply.error || reply.result?.isError || !reply.result?.structuredContent) return { failed: JSON.stringify(reply).slice(0, 200) };
    return { notices: reply.result.structuredContent.total };
  } catch (err) {
    return { failed: `${String(err)} (${String((err as { cause?: unknown }).cause)})` };
  }
}

interface Phase {
  name: string;
  started: number;
  ok: number;
  failed: string[];
  versions: Map<number, number>;
}

let phase!: Phase;
const phases: Phase[] = [];
const begin = (name: string) => {
  phase = { name, started: performance.now(), ok: 0, failed: [], versions: new Map() };
  phases.push(phase);
};
const ended = new Map<Phase, number>();

const v1 = release(COPIES);
const v2 = release(COPIES + 1);
const replicas = await Promise.all([0, 1, 2].map(() => startReplica(v1)));
writeNginx(replicas);
nginx([]);
const stopNginx = () => nginx(['-s', 'quit']);

let running = true;
begin('steady, v1');
const clients = Array.from({ length: CLIENTS }, async () => {
  while (running) {
    const p = phase;
    const r = await listDocuments();
    if ('failed' in r) p.failed.push(r.failed);
    else {
      p.ok++;
      p.versions.set(r.notices, (p.versions.get(r.notices) ?? 0) + 1);
    }
  }
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
try {
  await pause(5_000);
  ended.set(phase, performance.now());
  begin('rolling out v2, replica by replica');
  for (let k = 0; k < replicas.length; k++) {
    const next = await startReplica(v2);
    while (!(await readyz(next))) await pause(50);
    const old = replicas[k];
    replicas[k] = next;
    writeNginx(replicas);
    nginx(['-s', 'reload']);
    // nginx's old workers finish what they hold; then the old replica drains and stops (SIGTERM).
    await pause(1_000);
    old.proc.kill('SIGTERM');
    await new Promise((r) => old.proc.once('exit', r));
  }
  ended.set(phase, performance.now());
  begin('steady, v2');
  await pause(5_000);
  ended.set(phase, performance.now());
} finally {
  running = false;
  await Promise.all(clients);
  stopNginx();
  for (const r of replicas) r.proc.kill('SIGTERM');
}

const versionName = (n: number) => (n === v1.notices ? `v1 (${n} notices)` : n === v2.notices ? `v2 (${n} notices)` : `${n} notices?`);
const lines = [
  `Replicas: 3 × gazette-mcp --http --stateless behind nginx ${spawnSync(nginxBin, ['-v'], { encoding: 'utf8' })
    .stderr.trim()
    .replace(/^nginx version: /, '')}, ${CLIENTS} clients calling list_documents through it without pause; v1 = ${COPIES} issues, v2 = ${COPIES + 1}.`,
  '',
  '| phase | seconds | answered | failed | requests/s | answered by |',
  '| --- | --- | --- | --- | --- | --- |',
  ...phases.map((p) => {
    const s = ((ended.get(p) ?? performance.now()) - p.started) / 1000;
    const by = [...p.versions].map(([n, count]) => `${versionName(n)}: ${count}`).join(', ');
    return `| ${p.name} | ${s.toFixed(1)} | ${p.ok} | ${p.failed.length} | ${(p.ok / s).toFixed(0)} | ${by} |`;
  }),
];
process.stdout.write(`${lines.join('\n')}\n`);
const failures = phases.flatMap((p) => p.failed);
for (const f of failures.slice(0, 10)) process.stdout.write(`FAILED ${f}\n`);
process.exitCode = failures.length ? 1 : 0;
