// The bundled gazette, parsed once per test file, and lookups into it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIssue, type IssueDoc, type NoticeDoc } from '../../corpus/issue.js';
import type { BuiltText } from '../../corpus/outline.js';
import type { OutlineNode } from '../../corpus/outline.js';
import { ingestCorpus } from '../../ingest/ingest.js';
import pino from 'pino';
import { openGazette } from '../../server/open-gazette.js';
import { type PoolOptions, ToolPool } from '../../server/tool-pool.js';
import type { ToolContext } from '../../tools/common.js';
import { findTool, runTool } from '../../tools/index.js';

export const SEED_DIR = join(import.meta.dirname, '..', '..', 'seeds');
export const SEED_FILE = join(SEED_DIR, 'zhongwei-gazette-2019-no04.txt');

let cached: IssueDoc | null = null;
export function seedIssue(): IssueDoc {
  cached ??= parseIssue(readFileSync(SEED_FILE, 'utf8'), 'zhongwei-gazette-2019-no04.txt');
  return cached;
}

export function notice(issue: IssueDoc, docNumber: string): NoticeDoc {
  const n = issue.notices.find((x) => x.docNumber === docNumber);
  if (!n) throw new Error(`no notice ${docNumber}`);
  return n;
}

/** The text of a notice whose title contains `titleWords` (parts first, then the notice itself). */
export function textOf(issue: IssueDoc, docNumber: string, titleWords: string): BuiltText {
  const n = notice(issue, docNumber);
  const t = [...n.parts, n.body].find((x) => x.title.includes(titleWords));
  if (!t) throw new Error(`no text "${titleWords}" in ${docNumber}`);
  return t;
}

export function nodeAt(text: BuiltText, locator: string): OutlineNode {
  const find = (nodes: OutlineNode[]): OutlineNode | undefined => {
    for (const n of nodes) {
      if (n.locator === locator) return n;
      const inner = find(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const node = find(text.outline);
  if (!node) throw new Error(`no ${locator} in ${text.title}`);
  return node;
}

export function clause(docNumber: string, titleWords: string, locator: string): string {
  return nodeAt(textOf(seedIssue(), docNumber, titleWords), locator).text;
}

let gazetteDb: string | null = null;
/** A database of the bundled issue, built once per test file, and a tool context over it. */
/** The bundled issue ingested once per test file: the database's path. */
export function seedDatabase(): string {
  gazetteDb ??= (() => {
    const db = join(mkdtempSync(join(tmpdir(), 'gazette-seed-')), 'gazette.db');
    ingestCorpus(SEED_DIR, db);
    return db;
  })();
  return gazetteDb;
}

export function seedContext(): ToolContext {
  return openGazette(
    { dbPath: seedDatabase(), today: '2026-11-29' },
    {
      logError: (tool, err) => {
        throw new Error(`${tool}: ${(err as Error).message}`);
      },
      // As the server's tool threads open it.
      warm: true,
    },
  ).ctx;
}

/** Runs a tool by name in this process, as the server would. */
export function call(ctx: ToolContext, name: string, args: Record<string, unknown>) {
  const result = runTool(ctx, findTool(name)!, args);
  return { ...result, text: (result.content[0] as { text: string }).text };
}

/**
 * Tool threads over the seed database, running the built worker as the server does (npm test
 * builds first): one thread, a generous budget, silent logs, unless the test says otherwise.
 */
export function seedToolPool(overrides: Partial<PoolOptions> = {}): ToolPool {
  return new ToolPool({
    config: { dbPath: seedDatabase() },
    size: 1,
    budgetMs: 30_000,
    logger: pino({ level: 'silent' }),
    workerScript: new URL('../../dist/server/tool-worker.js', import.meta.url),
    ...overrides,
  });
}
