// The HTTP load bench: many concurrent sessions, each making a run of mixed calls, against our
// server and against an echo server started the same way; throughput, latency and server memory.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Running {
  url: string;
  proc: ChildProcess;
}

/** What is kept of a server's log, for the error when it exits before it listens. */
const LOG_TAIL = 4096;

/**
 * Starts a server that logs {"url": …} on stderr once it listens. Its log is read on and dropped:
 * kept whole and searched at every chunk, as it once was, the access lines of a load run cost this
 * process (on the same cores as the server) time growing with the square of the run.
 */
export async function startHttp(entry: string, args: string[], env: Record<string, string>): Promise<Running> {
  const proc = spawn(process.execPath, [entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let listening = false;
  const url = await new Promise<string>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      if (listening) return;
      stderr = (stderr + d.toString()).slice(-LOG_TAIL);
      const m = /"url":"([^"]+)"/.exec(stderr);
      if (m) {
        listening = true;
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`${entry} exited ${code}: ${stderr.slice(-400)}`)));
  });
  return { url, proc };
}

/** Resident and peak memory of a process, in MB (Linux /proc). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export interface LoadResult {
  calls: number;
  errors: number;
  ms: number;
  latencies: number[];
}

/** `sessions` clients at once, each making `calls` calls in turn; every failure or isError counts. */
export async function load(url: string, sessions: number, calls: number, pick: (k: number) => [string, Record<string, unknown>]): Promise<LoadResult> {
  const clients = await Promise.all(
    Array.from({ length: sessions }, async () => {
      const client = new Client({ name: 'load', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      return client;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, s) => {
      for (let k = 0; k < calls; k++) {
        const [name, args] = pick(s * calls + k);
        const t0 = performance.now();
        try {
          const r = await client.callTool({ name, arguments: args });
          if (r.isError) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const ms = performance.now() - started;
  await Promise.all(clients.map((c) => c.close()));
  return { calls: sessions * calls, errors, ms, latencies };
}
