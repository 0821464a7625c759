// The HTTP server's tool threads: bounded heaps that give the same answers as a call in-process,
// threads started before the store is ready that open it only when told, and a pool that stops
// starting threads that cannot start.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKER_LIMITS } from '../server/tool-pool.js';
import { call, seedContext, seedDatabase, seedToolPool } from './support/seed.js';

const pool = seedToolPool();
afterAll(() => pool.close());

describe('tool threads', () => {
  it('keep a small young generation and a bound on the old', () => {
    expect(WORKER_LIMITS).toEqual({ maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 });
  });

  it('answer the largest draft the checker takes as the server itself would', async () => {
    const draft = '根据《中卫市人民政府法律顾问管理办法》第十八条，法律顾问审查合同原则上不超过5个工作日。“特邀法律顾问和法律助理任期两年”。'
      .repeat(400)
      .slice(0, 20_000);
    const inThread = await pool.run('check_draft', { text: draft });
    const inProcess = call(seedContext(), 'check_draft', { text: draft });
    expect(inThread.isError).toBeFalsy();
    expect(inThread.structuredContent).toEqual(inProcess.structuredContent);
    expect((inThread.content[0] as { text: string }).text).toBe(inProcess.text);
  });

  it('started before the store exists, open it only once told, and answer the calls that waited', async () => {
    // A thread that opened the store at start would find no file, fail, and be replaced until the
    // pool gave up: every call would then be answered with an error.
    const dbPath = join(mkdtempSync(join(tmpdir(), 'gazette-later-')), 'gazette.db');
    const later = seedToolPool({ config: { dbPath }, openLater: true });
    const waiting = later.run('list_documents', {});
    await sleep(3000);
    copyFileSync(seedDatabase(), dbPath);
    later.open();
    await later.ready();
    const r = await waiting;
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toEqual(call(seedContext(), 'list_documents', {}).structuredContent);
    await later.close();
    rmSync(dirname(dbPath), { recursive: true, force: true });
  });

  it('stops starting threads that cannot start, says so, and answers calls with an error instead of hanging', async () => {
    const broken = seedToolPool({ size: 2, workerScript: new URL('./no-such-worker.js', import.meta.url) });
    await expect(broken.ready()).rejects.toThrow('failed to start 3 times in a row');
    const r = await broken.run('search_gazette', { query: '湿地' });
    expect(r.isError).toBe(true);
    expect((r.content[0] as { text: string }).text).toContain('the tool threads cannot start');
    await broken.close();
  });
});
