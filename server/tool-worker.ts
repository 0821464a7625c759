// A worker thread that runs tool calls for the server: its own read-only view of the store,
// so a call that runs long can be stopped (the thread is ended) without touching the others.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import { findTool, runTool } from '../tools/index.js';

const { dbPath } = workerData as { dbPath: string };
const gazette = new SqliteGazette(dbPath);
gazette.warmUp();
const ctx = {
  gazette,
  logError: (tool: string, err: unknown) => parentPort!.postMessage({ log: { tool, message: (err as Error).stack ?? String(err) } }),
  today: () => new Date().toISOString().slice(0, 10),
};

parentPort!.on('message', (job: { id: number; tool: string; args: unknown }) => {
  const tool = findTool(job.tool);
  const result = tool ? runTool(ctx, tool, job.args) : { content: [{ type: 'text', text: `unknown tool ${job.tool}` }], isError: true };
  parentPort!.postMessage({ id: job.id, result });
});
parentPort!.postMessage({ ready: true });
