// A worker thread that runs tool calls for the server: its own read-only view of the store, opened
// by openGazette with the server's own config (so today is the server's), following each version
// an ingest publishes. A call that runs long can be stopped (the thread is ended) without
// touching the others. The thread loads its code as soon as it is started and opens the store
// when told to: the server starts it before it has checked the store, so both go on at once. The
// server's first thread also checks the store (checkStore) while the server loads its own code,
// and opens it at once when it is current.
import { parentPort, workerData } from 'node:worker_threads';
import type { ToolContext } from '../tools/common.js';
import { checkedAtStart, checkStore } from '../store/health.js';
import { findTool, runTool, TOOLS } from '../tools/index.js';
import { openGazette, type GazetteConfig } from './open-gazette.js';

let ctx: ToolContext | undefined;

const open = (config: GazetteConfig): ToolContext =>
  openGazette(config, {
    logError: (tool, err) => parentPort!.postMessage({ log: { tool, message: (err as Error).stack ?? String(err) } }),
    note: (level, message, fields) => parentPort!.postMessage({ note: { level, message, fields } }),
    warm: true,
  }).ctx;

parentPort!.on('message', (msg: { check: GazetteConfig } | { open: GazetteConfig } | { id: number; tool: string; args: unknown }) => {
  if ('check' in msg) {
    const checked = checkStore(msg.check.dbPath, checkedAtStart(msg.check.dbPath));
    parentPort!.postMessage({ checked });
    // A current store is what the server will serve (or, its corpus changed, the version it builds
    // next, which the reader follows): opened and warmed now, while the server loads its code,
    // it is not on the path to the first answer. Should it fail, open does it again.
    if (checked.current) {
      try {
        ctx = open(msg.check);
      } catch {
        ctx = undefined;
      }
    }
    return;
  }
  if ('open' in msg) {
    ctx ??= open(msg.open);
    parentPort!.postMessage({ ready: true });
    return;
  }
  // The pool sends calls only after ready, so ctx is set.
  const tool = findTool(msg.tool);
  const result = tool ? runTool(ctx!, tool, msg.args) : { content: [{ type: 'text', text: `unknown tool ${msg.tool}` }], isError: true };
  parentPort!.postMessage({ id: msg.id, result });
});

// The build (server/bundle.ts) makes the thread's code cache after this: every tool's example call
// on the bundled issue, so the cache holds the code a call runs, not only what loading runs.
const exercise = (workerData as { exercise?: GazetteConfig } | null)?.exercise;
if (exercise) {
  const opened = openGazette(exercise, { logError: () => {}, warm: true });
  for (const tool of TOOLS) runTool(opened.ctx, tool, tool.example);
  opened.close();
}
