// The eval harness: spawns the built server over stdio, drives it with the SDK client as a chat
// client would, runs every case of every suite and scores it. Each later tool adds a suite here.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../corpus/paths.js';
import { matchKey } from '../domain/text.js';

export interface SuiteResult {
  suite: string;
  tool: string;
  cases: number;
  passed: number;
  accuracy: number;
  threshold: number;
  failures: string[];
}

type Structured = Record<string, unknown> | undefined;

interface Suite<C> {
  file: string;
  tool: string;
  threshold: number;
  args: (c: C) => Record<string, unknown>;
  /** null when the case passes, else why it failed. */
  check: (c: C, result: Structured, isError: boolean) => string | null;
}

interface SearchCase {
  question: string;
  expect: string;
  docNumber: string;
}

interface SearchResultShape {
  results: { text: string; citation: { docNumber: string; quote: string } }[];
}

interface DeadlineCase {
  expression: string;
  referenceDate?: string;
  asOf?: string;
  date?: string | null;
  kind?: string;
  daysRemaining?: number;
  workingDaysRemaining?: number;
  overdue?: boolean;
  warning?: boolean;
  /** The field an error must name, for input that cannot be computed. */
  error?: string;
}

interface LeadCase {
  question: string;
  lead: string[];
  docNumber: string;
}

interface LeadResultShape {
  matches: { task: string; leadUnits: string[]; citation: { docNumber: string; locator: string } }[];
}

interface ClauseCase {
  document: string;
  clause: string;
  docNumber?: string;
  /** The printed clause, joined from the gazette's own lines without spaces. */
  expect?: string;
  /** Why the call must fail, for ambiguous or unknown references. */
  error?: string;
}

interface AppointmentCase {
  question: string;
  args: Record<string, string>;
  /** Every record the answer must hold, no more: person and action, and any field given. */
  expect: { person: string; action: string; position?: string; kind?: string; probationEnd?: string; inProbation?: boolean; probation?: null; docNumber?: string; date?: string }[];
}

interface AppointmentShape {
  appointments: { person: string; action: string; position: string; docNumber: string; date: string; probation: { kind: string; end: string; inProbation?: boolean } | null }[];
}

const SUITES: Suite<never>[] = [
  {
    file: 'search.jsonl',
    tool: 'search_gazette',
    threshold: 0.95,
    args: (c: SearchCase) => ({ query: c.question, limit: 5 }),
    // recall@5: one of the first five passages is from the expected notice and holds the expected words.
    check: (c: SearchCase, result) => {
      const hits = (result as unknown as SearchResultShape | undefined)?.results ?? [];
      const want = matchKey(c.expect);
      if (hits.some((h) => h.citation.docNumber === c.docNumber && matchKey(h.text).includes(want))) return null;
      return `${c.question} → wanted “${c.expect}” (${c.docNumber}); got ${hits.map((h) => `${h.citation.docNumber} “${h.citation.quote.slice(0, 24)}”`).join(' | ') || 'nothing'}`;
    },
  } as Suite<SearchCase> as Suite<never>,
  {
    file: 'deadline.jsonl',
    tool: 'compute_deadline',
    threshold: 1,
    args: (c: DeadlineCase) => ({ expression: c.expression, referenceDate: c.referenceDate, asOf: c.asOf }),
    check: (c: DeadlineCase, result, isError) => {
      const label = `${c.expression} (ref ${c.referenceDate ?? '-'}, asOf ${c.asOf ?? '-'})`;
      if (c.error) return isError ? null : `${label} → wanted an error naming ${c.error}`;
      if (isError || !result) return `${label} → unexpected error`;
      const wanted: Record<string, unknown> = { date: c.date, kind: c.kind, daysRemaining: c.daysRemaining, workingDaysRemaining: c.workingDaysRemaining, overdue: c.overdue };
      for (const [k, v] of Object.entries(wanted)) if (v !== undefined && result[k] !== v) return `${label} → ${k} ${String(result[k])}, wanted ${String(v)}`;
      if (c.warning && !result.warning) return `${label} → wanted a coverage warning`;
      return null;
    },
  } as Suite<DeadlineCase> as Suite<never>,
  {
    file: 'lead.jsonl',
    tool: 'find_lead_unit',
    threshold: 0.95,
    args: (c: LeadCase) => ({ task: c.question, limit: 3 }),
    // Lead-unit set accuracy: the first match is from the expected notice and names exactly the expected lead units.
    check: (c: LeadCase, result) => {
      const first = (result as unknown as LeadResultShape | undefined)?.matches[0];
      const same = first && first.citation.docNumber === c.docNumber && [...first.leadUnits].sort().join('、') === [...c.lead].sort().join('、');
      return same ? null : `${c.question} → wanted ${c.lead.join('、')} (${c.docNumber}); got ${first ? `${first.leadUnits.join('、')} (${first.citation.docNumber} ${first.citation.locator} ${first.task.slice(0, 20)})` : 'nothing'}`;
    },
  } as Suite<LeadCase> as Suite<never>,
  {
    file: 'clause.jsonl',
    tool: 'cite_clause',
    threshold: 1,
    args: (c: ClauseCase) => ({ document: c.document, clause: c.clause }),
    // The clause text equals the printed clause once whitespace is ignored.
    check: (c: ClauseCase, result, isError) => {
      const label = `${c.document} ${c.clause}`;
      if (c.error) return isError ? null : `${label} → wanted an error (${c.error})`;
      const r = result as { text?: string; citation?: { docNumber: string } } | undefined;
      if (isError || !r?.text) return `${label} → unexpected error`;
      if (r.citation?.docNumber !== c.docNumber) return `${label} → cited ${r.citation?.docNumber}, wanted ${c.docNumber}`;
      return matchKey(r.text) === matchKey(c.expect!) ? null : `${label} → text differs:\n  got  ${matchKey(r.text).slice(0, 160)}\n  want ${matchKey(c.expect!).slice(0, 160)}`;
    },
  } as Suite<ClauseCase> as Suite<never>,
  {
    file: 'appointments.jsonl',
    tool: 'list_appointments',
    threshold: 1,
    args: (c: AppointmentCase) => c.args,
    check: (c: AppointmentCase, result, isError) => {
      if (isError) return `${c.question} → unexpected error`;
      const got = (result as unknown as AppointmentShape).appointments;
      const key = (x: { person: string; action: string }) => `${x.person}/${x.action}`;
      if (got.map(key).sort().join() !== c.expect.map(key).sort().join()) return `${c.question} → got ${got.map(key).join(', ') || 'nothing'}`;
      for (const e of c.expect) {
        const a = got.find((g) => key(g) === key(e))!;
        const actual: Record<string, unknown> = { position: a.position, kind: a.probation?.kind, probationEnd: a.probation?.end, inProbation: a.probation?.inProbation, docNumber: a.docNumber, date: a.date };
        for (const [k, v] of Object.entries(e)) {
          if (k === 'person' || k === 'action') continue;
          if (k === 'probation' ? a.probation !== null : actual[k] !== v) return `${c.question} → ${e.person} ${k} ${String(k === 'probation' ? JSON.stringify(a.probation) : actual[k])}, wanted ${String(v)}`;
        }
      }
      return null;
    },
  } as Suite<AppointmentCase> as Suite<never>,
];

export function readCases<C>(file: string): C[] {
  return readFileSync(join(projectRoot(), 'evals', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as C);
}

export async function connectServer(env: Record<string, string> = {}): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(projectRoot(), 'dist', 'server', 'main.js')],
    env: { ...(process.env as Record<string, string>), GAZETTE_LOG_LEVEL: 'warn', ...env },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'gazette-eval', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

export async function runSuites(client: Client): Promise<SuiteResult[]> {
  const out: SuiteResult[] = [];
  for (const suite of SUITES) {
    const cases = readCases<never>(suite.file);
    const failures: string[] = [];
    for (const c of cases) {
      const r = await client.callTool({ name: suite.tool, arguments: suite.args(c) });
      const why = suite.check(c, r.structuredContent as Structured, r.isError === true);
      if (why) failures.push(why);
    }
    const passed = cases.length - failures.length;
    out.push({ suite: suite.file, tool: suite.tool, cases: cases.length, passed, accuracy: cases.length ? passed / cases.length : 0, threshold: suite.threshold, failures });
  }
  return out;
}

export function formatResults(results: SuiteResult[]): string {
  const lines = ['| tool | suite | cases | passed | accuracy | threshold |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of results) lines.push(`| ${r.tool} | ${r.suite} | ${r.cases} | ${r.passed} | ${r.accuracy.toFixed(3)} | ${r.threshold} |`);
  for (const r of results) for (const f of r.failures) lines.push(`FAIL ${r.tool}: ${f}`);
  return lines.join('\n');
}
