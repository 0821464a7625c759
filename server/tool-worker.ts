// A worker thread that runs tool calls for the server: its own read-only view of the store, opened
// by openGazette with the server's own config (so today is the server's), following each version
// an ingest publishes. A call that runs long can be stopped (the thread is ended) without
// touching the others.
import { parentPort, workerData } from 'node:worker_threads';
import { findTool, runTool } from '../tools/index.js';
import { openGazette, type GazetteConfig } from './open-gazette.js';

const { ctx } = openGazette(workerData as GazetteConfig, {
  logError: (tool, err) => parentPort!.postMessage({ log: { tool, message: (err as Error).stack ?? String(err) } }),
  note: (level, message, fields) => parentPort!.postMessage({ note: { level, message, fields } }),
  warm: true,
});

parentPort!.on('message', (job: { id: number; tool: string; args: unknown }) => {
  const tool = findTool(job.tool);
  const result = tool ? runTool(ctx, tool, job.args) : { content: [{ type: 'text', text: `unknown tool ${job.tool}` }], isError: true };
  parentPort!.postMessage({ id: job.id, result });
});
parentPort!.postMessage({ ready: true });
