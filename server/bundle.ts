// Run by `npm run build` after tsc: the server's two entry points, dist/server/main.js and the
// tool thread's dist/server/tool-worker.js, are replaced by one file each holding all the code
// they load. Node loads a program of some 500 modules (the MCP SDK, zod, ours) a module at a time;
// one file halves the time to a first answer (spawn → first call, bundled issue, this machine).
// Packages with native code or files of their own stay outside and are loaded from node_modules:
// better-sqlite3, nodejieba (the ingest's word splitter) and pdfjs-dist (read in a child process).
import { build } from 'esbuild';
import { join } from 'node:path';
import { projectRoot } from '../corpus/paths.js';

const root = projectRoot();
await build({
  absWorkingDir: root,
  entryPoints: ['server/main.ts', 'server/tool-worker.ts'],
  outdir: join(root, 'dist', 'server'),
  allowOverwrite: true,
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
  logLevel: 'warning',
});
