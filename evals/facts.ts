// Every fact an issue yields, in the form two extractions of it are compared in: the words in
// match form (whitespace and width aside), pages left out (a re-wrapped page break may move a
// line), everything else exact.
import type { IssueDoc } from '../corpus/issue.js';
import { walkOutline, type BuiltText } from '../corpus/outline.js';
import { matchKey } from '../domain/text.js';

export interface IssueFacts {
  notices: string[];
  texts: string[];
  clauses: string[];
  tasks: string[];
  appointments: string[];
}

function textFacts(docNumber: string, t: BuiltText & { validFrom?: string | null; validUntil?: string | null }): { text: string; clauses: string[] } {
  const locators = [...walkOutline(t.outline)].map((n) => n.locator);
  const validity = t.validFrom !== undefined ? ` ${t.validFrom ?? '-'}…${t.validUntil ?? '-'}` : '';
  return {
    text: `${docNumber} [${t.role}/${t.kind}] ${matchKey(t.title)}${validity} :: ${locators.join(' ')}`,
    clauses: [...walkOutline(t.outline)].map((n) => `${docNumber} ${matchKey(t.title)} ${n.locator} = ${matchKey(n.text)}`),
  };
}

export function issueFacts(issue: IssueDoc): IssueFacts {
  const facts: IssueFacts = { notices: [], texts: [], clauses: [], tasks: [], appointments: [] };
  for (const n of issue.notices) {
    facts.notices.push(`${n.docNumber} ${n.date} ${n.issuer} ${matchKey(n.title)} → ${matchKey(n.recipients ?? '')}`);
    for (const t of [n.body, ...n.parts]) {
      const f = textFacts(n.docNumber, t);
      facts.texts.push(f.text);
      facts.clauses.push(...f.clauses);
    }
    for (const t of n.tasks) {
      const deadline = t.deadline ? `${matchKey(t.deadline.text)}=${t.deadline.date}` : (t.startYear ?? '-');
      facts.tasks.push(
        `${n.docNumber} ${t.locator} ${matchKey(t.task)} | 牵头 ${t.leadUnits.join('、')} | 配合 ${t.supportUnits.join('、')} | 落实 ${t.implementingUnits.join('、')} | ${deadline}`,
      );
    }
    for (const a of n.appointments) {
      facts.appointments.push(`${n.docNumber} ${a.person} ${a.action} ${matchKey(a.position)} ${a.probation ? `${a.probation.kind} ${a.probation.end}` : '-'}`);
    }
  }
  return facts;
}

export interface FactDiff {
  /** Facts of the expected issue the other lacks, and facts only the other has, per kind. */
  missing: Record<keyof IssueFacts, string[]>;
  extra: Record<keyof IssueFacts, string[]>;
  /** The 文号 of every notice whose facts differ. */
  notices: string[];
}

const DOC_NUMBER = /^\S+〔\d{4}〕\d+号/;

/** What differs between two readings of one issue, fact by fact (each a multiset). */
export function diffFacts(expected: IssueFacts, actual: IssueFacts): FactDiff {
  const kinds = Object.keys(expected) as (keyof IssueFacts)[];
  const less = (a: string[], b: string[]) => {
    const left = new Map<string, number>();
    for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
    return a.filter((x) => {
      const n = left.get(x) ?? 0;
      left.set(x, n - 1);
      return n <= 0;
    });
  };
  const missing = Object.fromEntries(kinds.map((k) => [k, less(expected[k], actual[k])])) as FactDiff['missing'];
  const extra = Object.fromEntries(kinds.map((k) => [k, less(actual[k], expected[k])])) as FactDiff['extra'];
  const notices = new Set<string>();
  for (const k of kinds) for (const f of [...missing[k], ...extra[k]]) notices.add(DOC_NUMBER.exec(f)?.[0] ?? '(no 文号)');
  return { missing, extra, notices: [...notices].sort() };
}

/** How many facts differ in all. */
export function diffSize(d: FactDiff): number {
  return Object.values(d.missing).reduce((n, xs) => n + xs.length, 0) + Object.values(d.extra).reduce((n, xs) => n + xs.length, 0);
}
