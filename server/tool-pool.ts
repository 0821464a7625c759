// Tool calls, on either transport, run in worker threads with a time budget per call. A call over
// budget is answered with an isError result and its thread is replaced; every other call, on
// every other session, goes on being served. Over HTTP the pool also spreads calls over the cores,
// shared fairly between the tokens calling.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { StoreCheck } from '../store/health.js';
import type { GazetteConfig } from './open-gazette.js';

interface Job {
  id: number;
  /** Whom the call is run for: the threads are shared between callers. */
  caller: string;
  tool: string;
  args: unknown;
  resolve: (r: CallToolResult) => void;
  timer: NodeJS.Timeout;
}

/** What a thread says: ready, the store's check, a call's result, a failure or a note for the log. */
interface ThreadMessage {
  ready?: true;
  checked?: StoreCheck;
  id?: number;
  result?: CallToolResult;
  log?: { tool: string; message: string };
  note?: { level: 'info' | 'warn'; message: string; fields: Record<string, unknown> };
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job: Job | null;
  /** The thread said it is ready. */
  started: boolean;
}

export interface PoolOptions {
  /** What each thread opens the gazette with: the server's own, so every call answers as the server would. */
  config: GazetteConfig;
  size: number;
  /** A call not answered in this time (waiting included) gets an isError answer. */
  budgetMs: number;
  logger: Logger;
  /** The script each thread runs: the built tool-worker.js beside this file unless a test names another. */
  workerScript?: URL;
  /**
   * The threads load their code at once but open the store only at open(): the server starts them
   * before it has brought the store up to date, so loading the tools' code and checking the store
   * go on at the same time (spawn → first answer: the thread's start was half of it).
   */
  openLater?: boolean;
  /**
   * The first thread checks the store (checkStore) as soon as its code is loaded, for storeCheck():
   * the server's own code loads meanwhile, and the check is off the path to its first answer.
   */
  checkStore?: boolean;
}

/**
 * Each tool thread's heap. A call needs a few MB: the old generation's bound ends a runaway call
 * (answered as an internal error, its thread replaced) before it can take the machine's memory;
 * the young generation is kept small, which leaves less unused heap resident per thread.
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };

/**
 * Whom a call is run for (a token's name), set by the HTTP transport around each request. It
 * travels with the request's async context because nothing between the transport and the pool
 * (the MCP server, its runTool) carries it.
 */
export const callerOf = new AsyncLocalStorage<string>();

/**
 * How long a caller counts as sharing the threads after its last call. While two or more do, each
 * keeps off one thread, so another's call always finds one within one call's time (12 heavy calls
 * from one token once pushed another token's list_documents past its budget, queued behind them
 * all); a caller alone uses every thread.
 */
const SHARING_MS = 10 * 60_000;

/** A thread that cannot even start (a broken install) is not started again and again. */
const MAX_FAILED_STARTS = 3;

const fail = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

export class ToolPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** When each caller last called, for as long as it counts as sharing. */
  private readonly lastCall = new Map<string, number>();
  private closed = false;
  /** Threads that failed before they were ready, in a row: past MAX_FAILED_STARTS none is started again. */
  private failedStarts = 0;
  /** Rejected when threads fail to start MAX_FAILED_STARTS times in a row. */
  private readonly startFailure: Promise<never>;
  private giveUp!: (err: Error) => void;
  /** The threads may open the store (see openLater). */
  private opened: boolean;
  private readonly checked: Promise<StoreCheck | null>;
  private settleCheck: (check: StoreCheck | null) => void = () => {};

  constructor(private readonly options: PoolOptions) {
    this.opened = !options.openLater;
    this.startFailure = new Promise<never>((_, reject) => (this.giveUp = reject));
    // Nobody may be waiting on ready() when the pool gives up: that is not an unhandled rejection.
    this.startFailure.catch(() => {});
    this.checked = new Promise((resolve) => (this.settleCheck = resolve));
    for (let k = 0; k < options.size; k++) this.slots.push(this.spawn());
    if (options.checkStore && this.slots.length) this.slots[0].worker.postMessage({ check: options.config });
    else this.settleCheck(null);
  }

  /** The store's check made by the first thread (checkStore); null when it was not asked or its thread ended first. */
  storeCheck(): Promise<StoreCheck | null> {
    return this.checked;
  }

  /** Resolves once every worker has opened the store; rejects if they cannot start. */
  async ready(): Promise<void> {
    await Promise.race([Promise.all(this.slots.map((s) => s.ready)), this.startFailure]);
  }

  /** The store is up to date: the threads open it (with openLater; at once otherwise). */
  open(): void {
    if (this.opened) return;
    this.opened = true;
    for (const slot of this.slots) slot.worker.postMessage({ open: this.options.config });
  }

  run(tool: string, args: unknown): Promise<CallToolResult> {
    if (this.closed) return Promise.resolve(fail('服务正在关闭 / the server is shutting down'));
    if (!this.slots.length) return Promise.resolve(fail('内部错误：工具线程无法启动 / internal error: the tool threads cannot start'));
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.expire(id), this.options.budgetMs);
      const caller = callerOf.getStore() ?? '';
      this.lastCall.set(caller, Date.now());
      this.queue.push({ id, caller, tool, args, resolve, timer });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.settleCheck(null);
    for (const job of this.queue.splice(0)) this.finish(job, fail('服务正在关闭 / the server is shutting down'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.workerScript ?? new URL('./tool-worker.js', import.meta.url), { resourceLimits: WORKER_LIMITS });
    if (this.opened) worker.postMessage({ open: this.options.config });
    let markReady!: () => void;
    const slot: Slot = { worker, ready: new Promise((r) => (markReady = r)), job: null, started: false };
    worker.on('message', (msg: ThreadMessage) => {
      if (msg.checked) this.settleCheck(msg.checked);
      else if (msg.ready) {
        slot.started = true;
        this.failedStarts = 0;
        markReady();
        this.dispatch();
      } else if (msg.log) this.options.logger.error({ tool: msg.log.tool, err: msg.log.message }, 'tool failed');
      else if (msg.note) this.options.logger[msg.note.level]({ ...msg.note.fields, thread: worker.threadId }, msg.note.message);
      else if (slot.job && msg.id === slot.job.id) {
        const job = slot.job;
        slot.job = null;
        this.finish(job, msg.result!);
        this.dispatch();
      }
    });
    worker.on('error', (err) => {
      this.options.logger.error({ err }, 'tool worker failed');
      this.replace(slot, fail('内部错误，请稍后重试 / internal error, please retry'));
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || !this.queue.length) continue;
      // A slot is usable once its worker said ready; a new worker takes its first job after that.
      void slot.ready.then(() => {
        if (slot.job || !this.slots.includes(slot)) return;
        const job = this.next();
        if (!job) return;
        slot.job = job;
        try {
          slot.worker.postMessage({ id: job.id, tool: job.tool, args: job.args });
        } catch (err) {
          // Arguments that cannot be copied (a stack overflow, a value that does not clone) fail
          // their own call; thrown here, unhandled, they would end the process.
          slot.job = null;
          this.options.logger.error({ err, tool: job.tool }, 'tool call could not be passed to its thread');
          this.finish(job, fail('内部错误：参数无法传给工具线程 / internal error: the arguments could not be passed to the tool thread'));
          this.dispatch();
        }
      });
    }
  }

  /**
   * The queued call to run next: from the caller running fewest calls now, the first it queued,
   * passing over callers at their share (see SHARING_MS). Every caller gets a thread in turn,
   * however many calls another has queued.
   */
  private next(): Job | undefined {
    const now = Date.now();
    for (const [caller, at] of this.lastCall) if (now - at > SHARING_MS) this.lastCall.delete(caller);
    const share = this.lastCall.size > 1 ? Math.max(1, this.slots.length - 1) : this.slots.length;
    const running = new Map<string, number>();
    for (const s of this.slots) if (s.job) running.set(s.job.caller, (running.get(s.job.caller) ?? 0) + 1);
    let best = -1;
    let fewest = share;
    for (let k = 0; k < this.queue.length; k++) {
      const n = running.get(this.queue[k].caller) ?? 0;
      if (n < fewest) {
        best = k;
        fewest = n;
      }
    }
    return best < 0 ? undefined : this.queue.splice(best, 1)[0];
  }

  private finish(job: Job, result: CallToolResult): void {
    clearTimeout(job.timer);
    job.resolve(result);
  }

  /** A call over budget: answered now; if it was running, its thread is ended and replaced. */
  private expire(id: number): void {
    const budget = `调用超过时间预算 ${this.options.budgetMs} ms，已停止；请缩小问题范围后重试。\nThe call exceeded its time budget of ${this.options.budgetMs} ms and was stopped; narrow the question and retry.`;
    const waiting = this.queue.findIndex((j) => j.id === id);
    if (waiting >= 0) {
      this.finish(this.queue.splice(waiting, 1)[0], fail(budget));
      return;
    }
    const slot = this.slots.find((s) => s.job?.id === id);
    if (slot) {
      this.options.logger.warn({ tool: slot.job!.tool, budgetMs: this.options.budgetMs }, 'tool call over budget; worker replaced');
      this.replace(slot, fail(budget));
    }
  }

  private replace(slot: Slot, answer: CallToolResult): void {
    // A thread ended before it checked the store: the server checks it itself.
    this.settleCheck(null);
    if (slot.job) this.finish(slot.job, answer);
    slot.job = null;
    void slot.worker.terminate();
    const at = this.slots.indexOf(slot);
    if (at < 0 || this.closed) return;
    if (!slot.started && ++this.failedStarts >= MAX_FAILED_STARTS) {
      this.options.logger.error({ failedStarts: this.failedStarts }, 'tool threads fail to start; not starting more');
      this.giveUp(new Error(`the tool threads failed to start ${this.failedStarts} times in a row (see the log)`));
      this.slots.splice(at, 1);
      if (!this.slots.length)
        for (const job of this.queue.splice(0)) this.finish(job, fail('内部错误：工具线程无法启动 / internal error: the tool threads cannot start'));
      return;
    }
    this.slots[at] = this.spawn();
  }
}
