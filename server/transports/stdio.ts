// The stdio transport: one client, one JSON-RPC message per line on stdin and stdout, logs on
// stderr. Unlike the SDK's, a message that is too large or not JSON is answered with a JSON-RPC
// error and logged rather than closing the connection, and replies wait for the pipe one at a
// time (no listener pile-up under load). The process ends when stdin closes or it is told to stop.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { keepServingOnRejection } from '../create-server.js';

/** The largest message read; past it the rest of the line is skipped and refused. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** The id of a request from the first bytes of its line, so even a refused message gets its answer. */
function idOf(head: string): string | number | null {
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,16})/.exec(head);
  if (!m) return null;
  try {
    return JSON.parse(m[1]) as string | number;
  } catch {
    return null;
  }
}

export class LineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  private chunks: Buffer[] = [];
  private size = 0;
  /** Skipping an over-long line: its first bytes, kept for its id. */
  private skipping: string | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly logger: Logger,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('error', (err: Error) => this.onerror?.(err));
  }

  private readonly onData = (chunk: Buffer) => {
    let from = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
      this.take(chunk.subarray(from, nl));
      this.endLine();
      from = nl + 1;
    }
    if (from < chunk.length) this.take(chunk.subarray(from));
  };

  private take(part: Buffer): void {
    if (this.skipping !== null) return;
    if (this.size + part.length > this.maxBytes) {
      this.skipping = Buffer.concat([...this.chunks, part])
        .subarray(0, 512)
        .toString('utf8');
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(part);
    this.size += part.length;
  }

  private endLine(): void {
    if (this.skipping !== null) {
      const id = idOf(this.skipping);
      this.skipping = null;
      this.logger.warn({ id, maxBytes: this.maxBytes }, 'message over the size limit refused');
      void this.reply(id, -32600, `message over ${this.maxBytes} bytes refused / 消息超过 ${this.maxBytes} 字节，未处理`);
      return;
    }
    const line = Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.logger.warn({ head: line.slice(0, 80) }, 'message is not JSON');
      void this.reply(null, -32700, 'parse error: the message is not JSON / 消息不是 JSON');
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(parsed);
    if (!message.success) {
      this.logger.warn({ head: line.slice(0, 80) }, 'message is not JSON-RPC');
      void this.reply(idOf(line.slice(0, 512)), -32600, 'invalid request: not a JSON-RPC 2.0 message / 不是 JSON-RPC 2.0 消息');
      return;
    }
    this.onmessage?.(message.data);
  }

  private reply(id: string | number | null, code: number, message: string): Promise<void> {
    return this.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.write(`${JSON.stringify(message)}\n`);
  }

  /** Writes one after another; a full pipe is waited for once, not once per pending reply. */
  private write(text: string): Promise<void> {
    this.writing = this.writing.then(
      () =>
        new Promise<void>((resolve) => {
          if (this.output.write(text)) resolve();
          else this.output.once('drain', () => resolve());
        }),
    );
    return this.writing;
  }

  async close(): Promise<void> {
    this.input.off('data', this.onData);
    this.input.pause();
    this.onclose?.();
  }
}

export async function serveStdio(server: McpServer, logger: Logger, onClose: () => void): Promise<void> {
  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    logger.info({ why }, 'shutting down');
    await server.close().catch(() => undefined);
    onClose();
    process.exit(0);
  };
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('close', () => void shutdown('stdin closed'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  keepServingOnRejection(logger);
  await server.connect(new LineTransport(process.stdin, process.stdout, logger));
}
