// What a tool call over its time budget must do on any transport: come back as isError in words,
// and leave the server serving once the stopped thread is replaced.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect } from 'vitest';

/** Sends 60 calls at once to a server whose budget is 10 ms, then waits for it to answer again. */
export async function expectBudgetStopsAndRecovers(client: Client): Promise<void> {
  const results = await Promise.all(Array.from({ length: 60 }, () => client.callTool({ name: 'find_lead_unit', arguments: { task: '柴油货车污染治理' } })));
  const over = results.filter((r) => r.isError);
  expect(over.length).toBeGreaterThan(0);
  expect((over[0].content as { text: string }[])[0].text).toContain('exceeded its time budget of 10 ms');
  // A stopped thread is replaced; once the new one has opened the store, calls are answered again.
  let after = { isError: true } as { isError?: boolean };
  for (let attempt = 0; attempt < 30 && after.isError; attempt++) {
    await new Promise((r) => setTimeout(r, 200));
    after = await client.callTool({ name: 'compute_deadline', arguments: { expression: '年底前', referenceDate: '2019-04-30' } });
  }
  expect(after.isError).toBeFalsy();
}
