// Run by `npm run build` after tsc: the server's two entry points, dist/server/main.js and the
// tool thread's dist/server/tool-worker.js, are replaced by one file each holding all the code
// they load. Node loads a program of some 500 modules (the MCP SDK, zod, ours) a module at a time;
// one file halves the time to a first answer (spawn → first call, bundled issue, this machine).
// Packages with native code or files of their own stay outside and are loaded from node_modules:
// better-sqlite3, nodejieba (the ingest's word splitter) and pdfjs-dist (read in a child process).
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../corpus/paths.js';
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
// The server's cache holds its top level (running it would start a server). The thread's is
// written by the thread after its code has run, in a thread as the pool starts it.
writeFileSync(join(out, 'main.cache'), compileBundle(join(out, 'main.cjs'), false).script.createCachedData());
await new Promise<void>((resolve, reject) => {
  const thread = new Worker(join(out, 'tool-worker.js'), { workerData: { makeCodeCache: true }, resourceLimits: WORKER_LIMITS });
  thread.once('error', reject);
  thread.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the tool thread exited with ${code} while making its code cache`))));
});
