// Run by `npm run build` after tsc: the server's two entry points, dist/server/main.js and the
// tool thread's dist/server/tool-worker.js, are replaced by one file each holding all the code
// they load. Node loads a program of some 500 modules (the MCP SDK, zod, ours) a module at a time;
// one file halves the time to a first answer (spawn → first call, bundled issue, this machine).
// Packages with native code or files of their own stay outside and are loaded from node_modules:
// better-sqlite3, nodejieba (the ingest's word splitter) and pdfjs-dist (read in a child process).
import { build, type Plugin } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../corpus/paths.js';

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
for (const name of readdirSync(out)) if (/^chunk-\w+\.js$/.test(name)) rmSync(join(out, name));
await build({
  absWorkingDir: root,
  entryPoints: ['server/main.ts', 'server/tool-worker.ts'],
  outdir: out,
  allowOverwrite: true,
  // What main.ts imports after it has started the tool threads is in chunks of its own, loaded
  // then: the threads start before the bulk of the code is even read. The chunks sit beside the
  // entry points, so import.meta.url names the same folder in each.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'nodejieba', 'pdfjs-dist'],
  // Less to parse at each start (a fourth of the bytes); names are kept, for readable stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  // The CommonJS packages inside (pino, ajv) call require(), which an ES module has not got.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  plugins: [sdkWithoutSideEffects],
  logLevel: 'warning',
});
