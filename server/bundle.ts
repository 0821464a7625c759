// Run by `npm run build` after tsc: the server's two entry points, dist/server/main.js and the
// tool thread's dist/server/tool-worker.js, are replaced by one file each holding all the code
// they load. Node loads a program of some 500 modules (the MCP SDK, zod, ours) a module at a time;
// one file halves the time to a first answer (spawn → first call, bundled issue, this machine).
// Packages with native code or files of their own stay outside and are loaded from node_modules:
// better-sqlite3, nodejieba (the ingest's word splitter) and pdfjs-dist (read in a child process).
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../corpus/paths.js';
import { ensureDatabase } from '../ingest/ingest.js';
import { compileBundle } from './code-cache.js';
import { WORKER_LIMITS } from './tool-pool.js';

const root = projectRoot();

/**
 * The MCP SDK's modules only define (schemas, classes) when loaded, but its package does not say
 * so; said here, a bundle leaves out the modules it imports and never uses: the tool thread's
 * bundle then holds no MCP server, transport or JSON-schema validator (Ajv), which the tools'
 * resource and prompt registrations import for the main thread alone.
 */
const sdkWithoutSideEffects: Plugin = {
  name: 'sdk-without-side-effects',
  setup(b) {
    b.onResolve({ filter: /^@modelcontextprotocol\/sdk\// }, async (args) => {
      if (args.pluginData === 'resolved') return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolved' });
      return { ...resolved, sideEffects: false };
    });
  },
};

const out = join(root, 'dist', 'server');
for (const name of readdirSync(out)) if (/^chunk-\w+\.js$|\.(cjs|cache)$/.test(name)) rmSync(join(out, name));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'nodejieba', 'pdfjs-dist'],
  // Less to parse at each start (a fourth of the bytes); names are kept, for readable stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [sdkWithoutSideEffects],
  logLevel: 'warning',
} satisfies BuildOptions;
/**
 * Each program is one CommonJS file, run by a small entry point from V8's code cache
 * (server/code-cache.ts). The tool thread's is built on its own: split with main.ts, chunks
 * shared with the main thread held code only the main thread runs (the SDK's schemas and Ajv),
 * which the thread then compiled and ran too; alone, it holds the tools, zod and nothing of the SDK.
 */
for (const [program, entry] of [
  ['main', 'main-entry'],
  ['tool-worker', 'tool-thread'],
]) {
  await build({
    ...common,
    entryPoints: [`server/${program}.ts`],
    outfile: join(out, `${program}.cjs`),
    format: 'cjs',
    define: { 'import.meta.url': 'import_meta_url' },
  });
  await build({ ...common, entryPoints: [`server/${entry}.ts`], outfile: join(out, `${program}.js`), format: 'esm', allowOverwrite: true });
}
// Each cache is written after its code has run through what a start and a first call run, so it
// holds those functions too, not only the top level (V8 compiles a function when first called):
// the tool thread runs every tool's example call, the server a session over stdio. They run on the
// bundled issue, ingested once into dist/ and kept while it is current. Without it (an ingest that
// fails) the caches hold the code's top level, and the build goes on.
const exercised = exerciseStore();
await new Promise<void>((resolve, reject) => {
  const thread = new Worker(join(out, 'tool-worker.js'), {
    workerData: { makeCodeCache: true, exercise: exercised ? { dbPath: exercised } : undefined },
    resourceLimits: WORKER_LIMITS,
  });
  thread.once('error', reject);
  thread.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the tool thread exited with ${code} while making its code cache`))));
});
writeFileSync(join(out, 'main.cache'), compileBundle(join(out, 'main.cjs'), false).script.createCachedData());
if (exercised) await runSession(exercised);

/** The bundled issue's store for the caches' runs, or null (said) when it cannot be made. */
function exerciseStore(): string | null {
  const db = join(root, 'dist', 'code-cache.db');
  try {
    ensureDatabase(join(root, 'seeds'), db);
    return db;
  } catch (err) {
    console.warn(`code caches hold only the top level: the bundled issue could not be ingested (${(err as Error).message})`);
    return null;
  }
}

/** The server run once over stdio (initialize, the lists, every tool's example), writing its cache as it exits. */
async function runSession(db: string): Promise<void> {
  const { TOOLS } = await import('../tools/index.js');
  const calls = [
    { method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'build', version: '1' } } },
    { method: 'tools/list' },
    { method: 'resources/list' },
    { method: 'prompts/list' },
    ...TOOLS.map((t) => ({ method: 'tools/call', params: { name: t.name, arguments: t.example } })),
  ];
  const server = spawn(process.execPath, [join(out, 'main.js')], {
    env: { ...process.env, GAZETTE_DB: db, GAZETTE_CORPUS_DIR: join(root, 'seeds'), GAZETTE_LOG_LEVEL: 'warn', GAZETTE_MAKE_CODE_CACHE: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let answered = 0;
  let pending = '';
  server.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    answered += lines.filter((l) => l.includes('"id"')).length;
    if (answered === calls.length) server.stdin.end();
  });
  calls.forEach((c, k) => {
    server.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: k + 1, ...c })}\n`);
    if (k === 0) server.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  });
  const timer = setTimeout(() => server.kill(), 60_000);
  const code = await new Promise<number | null>((resolve) => server.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0 || answered !== calls.length)
    console.warn(`the server's code cache holds only the top level: its session ended with ${code} after ${answered} of ${calls.length} answers`);
}
