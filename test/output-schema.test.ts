// The server holds every answer to the outputSchema tools/list promises: an answer off it is our
// bug, logged and refused in both languages, never sent (test/e2e/server.test.ts checks that
// every tool's real answer fits).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import { createServer } from '../server/create-server.js';
import { ok } from '../tools/common.js';
import { seedContext } from './support/seed.js';

describe('an answer off its outputSchema', () => {
  it('is logged and answered with an isError in Chinese and English', async () => {
    const logged: string[] = [];
    const server = createServer(seedContext().gazette, { logError: (tool) => logged.push(tool), runTool: () => ok({ results: 'many' }, '很多') });
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(clientSide);
    const r = (await client.callTool({ name: 'search_gazette', arguments: { query: '湿地' } })) as {
      isError?: boolean;
      structuredContent?: unknown;
      content: { text: string }[];
    };
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toBeUndefined();
    expect(r.content[0].text).toMatch(/^内部错误[\s\S]*Internal error in search_gazette: structuredContent does not fit the output schema/);
    expect(logged).toEqual(['search_gazette']);
    await client.close();
  });
});
