// runTool, the one way the server, its tool threads and the CLI run a tool: an answer that breaks
// the output schema tools/list promises is refused as our bug (logged, readable), never sent.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, ok, readOnly, textField } from '../tools/common.js';
import { runTool } from '../tools/index.js';
import { seedContext } from './support/seed.js';

const broken = defineTool({
  name: 'broken',
  use: '测试',
  example: { query: '湿地' },
  config: { title: 'Broken / 坏', description: '输出不合其模式 / answers off its schema', inputSchema: { query: textField('q', 10, '湿地') }, outputSchema: { total: z.number() }, annotations: readOnly },
  run: () => ok({ total: 'many' }, '很多'),
});

describe('runTool', () => {
  it('refuses an answer off its output schema: logged, and an isError in both languages', () => {
    const logged: unknown[] = [];
    const ctx = { ...seedContext(), logError: (_tool: string, err: unknown) => logged.push(err) };
    const r = runTool(ctx, broken, broken.example);
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toBeUndefined();
    expect((r.content[0] as { text: string }).text).toMatch(/内部错误[\s\S]*Internal error in broken: structuredContent does not fit the output schema[\s\S]*total/);
    expect(logged).toHaveLength(1);
  });
});
