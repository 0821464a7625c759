// The bundled gazette, parsed once per test file, and lookups into it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssue, type IssueDoc, type NoticeDoc } from '../../corpus/issue.js';
import type { BuiltText } from '../../corpus/outline.js';
import type { OutlineNode } from '../../corpus/outline.js';

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
