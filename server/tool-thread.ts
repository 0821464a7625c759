// The tool thread's entry in the built server (`npm run build` writes it as dist/server/tool-worker.js):
// it runs the thread's code (server/tool-worker.ts, bundled as CommonJS into tool-worker.cjs) from
// V8's code cache (server/code-cache.ts), which the build has the thread write once after its code
// has run and called every tool once, so the cache holds the functions a start and a call run.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { cacheFileOf, compileBundle, runBundle } from './code-cache.js';

const code = fileURLToPath(new URL('./tool-worker.cjs', import.meta.url));
const making = (workerData as { makeCodeCache?: boolean } | null)?.makeCodeCache === true;
const { script, rejected } = compileBundle(code, !making);
runBundle(script, code);
if (rejected)
  parentPort!.postMessage({
    note: { level: 'warn', message: 'the tool code cache does not fit this Node: each thread compiles its code (run `npm run build` again)', fields: { code } },
  });
if (making) {
  writeFileSync(cacheFileOf(code), script.createCachedData());
  process.exit(0);
}
