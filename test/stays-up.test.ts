// What a fault-injection pass found that must not end or mislead the server, each reproduced in
// process: arguments that cannot be copied to a tool thread, a revoked token, a wildcard listen
// address.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostDefaults } from '../server/http-options.js';
import { TokenCheck, TokenStore } from '../server/tokens.js';
import { ARGUMENT_LIMITS, argumentsTooLarge } from '../tools/common.js';
import { seedToolPool } from './support/seed.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'gazette-up-'));

describe('arguments on their way to a tool thread', () => {
  const pool = seedToolPool();
  afterAll(() => pool.close());

  it('a call whose arguments cannot be copied fails alone, and the next is answered', async () => {
    let deep: unknown = [];
    for (let k = 0; k < 100_000; k++) deep = [deep];
    const failed = await pool.run('search_gazette', { query: deep });
    expect(failed.isError).toBe(true);
    expect((failed.content[0] as { text: string }).text).toContain('the arguments could not be passed to the tool thread');
    expect((await pool.run('search_gazette', { query: '湿地' })).isError).toBeFalsy();
  });

  it('are refused by shape, naming the bound passed, at any size at little cost', () => {
    let deep: unknown = 1;
    for (let k = 0; k < 5000; k++) deep = [deep];
    expect(argumentsTooLarge({ query: deep })?.message).toBe(
      `参数 arguments 无效：嵌套超过 ${ARGUMENT_LIMITS.depth} 层，已拒绝。示例：{"query": "湿地面积"}\nInvalid arguments: nest deeper than ${ARGUMENT_LIMITS.depth} levels; refused. Example: {"query": "湿地面积"}`,
    );
    expect(argumentsTooLarge({ query: Array.from({ length: 5000 }, () => 1) })?.en).toBe(`hold more than ${ARGUMENT_LIMITS.values} values; refused`);
    expect(argumentsTooLarge({ quote: 'x'.repeat(ARGUMENT_LIMITS.chars + 1) })?.en).toMatch(/longer than \d+ characters in all/);
    expect(argumentsTooLarge({ text: '字'.repeat(20_000), docNumber: '卫政办发〔2019〕43号', limit: 5, full: true })).toBeNull();
    expect(argumentsTooLarge(undefined)).toBeNull();
  });
});

describe('the process', () => {
  it('logs a rejection nobody waited on and goes on serving', () => {
    const createServer = new URL('../dist/server/create-server.js', import.meta.url).href;
    const script = `const { keepServingOnRejection } = await import(${JSON.stringify(createServer)});
      keepServingOnRejection({ error: (o, m) => console.error(m, o.err.message) });
      Promise.reject(new Error('nobody waits'));
      setTimeout(() => console.log('still serving'), 50);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toContain('unhandled rejection; still serving nobody waits');
    expect(r.stdout).toContain('still serving');
    expect(r.status).toBe(0);
  });
});

describe('tokens', () => {
  it('are re-read when their file changes: a revoked token fails at once, a new one works', () => {
    const file = join(fresh(), 'tokens.json');
    const store = new TokenStore(file);
    const office = store.add('办公室');
    const check = new TokenCheck(store.entries());
    const errors: string[] = [];
    check.follow(file, (m) => errors.push(m));
    expect(check.verify(office)).toBe('办公室');
    store.revoke('办公室');
    expect(check.verify(office)).toBeNull();
    const finance = store.add('财政局');
    expect(check.verify(finance)).toBe('财政局');
    expect(check.size).toBe(1);
    // A file broken by hand keeps the tokens read before, and says so.
    writeFileSync(file, '{"tokens": [');
    expect(check.verify(finance)).toBe('财政局');
    expect(errors.join()).toContain('could not be read; keeping the 1 tokens read before');
  });
});

describe('a wildcard listen address', () => {
  const machine = {
    hostname: 'Office-PC',
    addresses: [
      { address: '127.0.0.1', family: 'IPv4', internal: true },
      { address: '::1', family: 'IPv6', internal: true },
      { address: 'fe80::1', family: 'IPv6', internal: false },
      { address: '2001:db8::5', family: 'IPv6', internal: false },
      { address: '10.0.0.5', family: 'IPv4', internal: false },
    ],
  };

  it('accepts the machine’s own names and advertises its first network address, never 0.0.0.0', () => {
    const { hosts, origins } = hostDefaults('0.0.0.0', 8787, machine);
    expect(hosts[0]).toBe('10.0.0.5:8787');
    expect(hosts).toEqual(expect.arrayContaining(['localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'office-pc:8787', '[2001:db8::5]:8787']));
    expect(hosts.join()).not.toMatch(/0\.0\.0\.0|fe80/);
    expect(origins).toContain('http://localhost:8787');
    expect(hostDefaults('::', 8787, { hostname: 'pc', addresses: [] }).hosts[0]).toBe('localhost:8787');
    // Any other address is accepted by its own name only, as before.
    expect(hostDefaults('10.0.0.5', 8787, machine).hosts).toEqual(['10.0.0.5:8787']);
  });
});
