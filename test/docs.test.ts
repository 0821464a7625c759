// docs/tools.md is generated from the tool definitions; a stale copy fails here (and so in CI).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOL_DOCS_PATH, toolDocs } from '../evals/tool-docs.js';
import { TOOLS } from '../tools/index.js';
import { seedContext } from './support/seed.js';

describe('docs/tools.md', () => {
  it('is what the tool definitions generate today (run npm run docs after changing a tool)', () => {
    const generated = toolDocs({ ...seedContext(), today: () => '2020-01-01' });
    expect(readFileSync(TOOL_DOCS_PATH, 'utf8')).toBe(generated);
    for (const t of TOOLS) expect(generated).toContain(`## \`${t.name}\``);
  });
});
