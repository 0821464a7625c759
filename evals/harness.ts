// The eval harness: spawns the built server over stdio, drives it with the SDK client as a chat
// client would, runs every case of every suite and scores it. Each later tool adds a suite here.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../corpus/paths.js';
import { matchKey } from '../domain/text.js';
import { holds } from './baseline.js';

export interface SuiteResult {
  suite: string;
  tool: string;
  cases: number;
  passed: number;
  accuracy: number;
  threshold: number;
  /** Why cases failed; a held-out case is counted in `passed` but its reason is never shown. */
  failures: string[];
  /** Per split of the cases (tune / held-out), where the suite has splits: passed of cases, and each measure's count of total. */
  splits: Record<string, { cases: number; passed: number; measures: Record<string, [number, number]> }>;
}

/** Counts a case adds to a suite's measures: [hits, out of]. */
type Measures = Record<string, [number, number]>;

type Structured = Record<string, unknown> | undefined;

interface Suite<C> {
  file: string;
  tool: string;
  threshold: number;
  args: (c: C) => Record<string, unknown>;
  /** null when the case passes, else why it failed; may ask the server more (to verify citations). */
  check: (c: C, result: Structured, isError: boolean, client: Client) => string | null | Promise<string | null>;
  /** Counts beyond pass/fail, summed per split (recall of planted errors, false alarms). */
  measure?: (c: C, result: Structured) => Measures;
}

interface SearchCase {
  question: string;
  expect: string;
  docNumber: string;
  split?: string;
}

/** Where the expected passage ranks in a search answer (0 first), or -1. */
function searchRank(c: SearchCase, hits: SearchResultShape['results']): number {
  return hits.findIndex((h) => h.citation.docNumber === c.docNumber && holds(h.text, c.expect));
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
  expect: {
    person: string;
    action: string;
    position?: string;
    kind?: string;
    probationEnd?: string;
    inProbation?: boolean;
    probation?: null;
    docNumber?: string;
    date?: string;
  }[];
}

interface AppointmentShape {
  appointments: {
    person: string;
    action: string;
    position: string;
    docNumber: string;
    date: string;
    probation: { kind: string; end: string; inProbation?: boolean } | null;
  }[];
}

interface ExplainerCase {
  document: string;
  /** Clauses an explainer must cite, by element: a point at the locator or inside it. */
  must: { element: string; locator: string }[];
  responsibility?: string;
  split: string;
}

interface ExplainerShape {
  elements: { element: string; points: { text: string; citation: { docNumber: string; title: string; locator: string; quote: string } }[]; note?: string }[];
  responsibility?: { unit: string };
}

interface DraftCase {
  id: string;
  text: string;
  docNumber?: string;
  /** The planted errors, each with the verdict it must get; none for a correct draft. */
  expect: { kind: string; text: string; verdict: string; expected?: string }[];
  split: string;
}

interface DraftShape {
  findings: { kind: string; text: string; verdict: string; expected?: string }[];
}

const PROBLEMS = new Set(['mismatch', 'not_found']);

/** The planted errors a check caught, and the problems it named that were not planted. */
function draftOutcome(c: DraftCase, result: Structured): { caught: number; alarms: string[] } {
  const findings = (result as unknown as DraftShape | undefined)?.findings ?? [];
  const used = new Set<object>();
  let caught = 0;
  for (const e of c.expect) {
    const f = findings.find(
      (x) => !used.has(x) && x.kind === e.kind && x.text.includes(e.text) && x.verdict === e.verdict && (e.expected === undefined || x.expected === e.expected),
    );
    if (f) {
      used.add(f);
      caught++;
    }
  }
  const alarms = findings.filter((f) => !used.has(f) && PROBLEMS.has(f.verdict)).map((f) => `${f.kind} “${f.text}” ${f.verdict}`);
  return { caught, alarms };
}

/** Lead-unit set accuracy: the first match is from the expected notice and names exactly the expected lead units. */
function leadSuite(file: string, threshold: number, bySplit = false): Suite<never> {
  return {
    file,
    tool: 'find_lead_unit',
    threshold,
    args: (c: LeadCase) => ({ task: c.question, limit: 3 }),
    check: (c: LeadCase, result) => {
      const first = (result as unknown as LeadResultShape | undefined)?.matches[0];
      const same = first && first.citation.docNumber === c.docNumber && [...first.leadUnits].sort().join('、') === [...c.lead].sort().join('、');
      return same
        ? null
        : `${c.question} → wanted ${c.lead.join('、')} (${c.docNumber}); got ${first ? `${first.leadUnits.join('、')} (${first.citation.docNumber} ${first.citation.locator} ${first.task.slice(0, 20)})` : 'nothing'}`;
    },
    // Counted by split (tune, held-out) when the file is split.
    measure: bySplit ? () => ({}) : undefined,
  } as Suite<LeadCase> as Suite<never>;
}

/** Colloquial questions: the first passage is from the expected notice and holds the expected words. */
function paraphraseSuite(file: string, threshold: number): Suite<never> {
  return {
    file,
    tool: 'search_gazette',
    threshold,
    args: (c: SearchCase) => ({ query: c.question, limit: 10 }),
    check: (c: SearchCase, result) => {
      const hits = (result as unknown as SearchResultShape | undefined)?.results ?? [];
      if (searchRank(c, hits) === 0) return null;
      return `${c.question} → wanted “${c.expect}” (${c.docNumber}) first; got ${
        hits
          .slice(0, 2)
          .map((h) => `${h.citation.docNumber} “${h.citation.quote.slice(0, 24)}”`)
          .join(' | ') || 'nothing'
      }`;
    },
    measure: (c: SearchCase, result) => {
      const rank = searchRank(c, (result as unknown as SearchResultShape | undefined)?.results ?? []);
      return { 'top-1': [rank === 0 ? 1 : 0, 1], 'in top 5': [rank >= 0 && rank < 5 ? 1 : 0, 1] };
    },
  } as Suite<SearchCase> as Suite<never>;
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
  paraphraseSuite('paraphrase.jsonl', 0.85),
  // Each written before the tuning that followed it (README, Evals). The floors guard against
  // regressions; they are not goals met.
  paraphraseSuite('paraphrase-2.jsonl', 0.65),
  paraphraseSuite('paraphrase-3.jsonl', 0.6),
  // Written by someone who had not read the code; prose and table questions (kind), split by half.
  paraphraseSuite('user/questions-4.jsonl', 0.75),
  {
    file: 'deadline.jsonl',
    tool: 'compute_deadline',
    threshold: 1,
    args: (c: DeadlineCase) => ({ expression: c.expression, referenceDate: c.referenceDate, asOf: c.asOf }),
    check: (c: DeadlineCase, result, isError) => {
      const label = `${c.expression} (ref ${c.referenceDate ?? '-'}, asOf ${c.asOf ?? '-'})`;
      if (c.error) return isError ? null : `${label} → wanted an error naming ${c.error}`;
      if (isError || !result) return `${label} → unexpected error`;
      const wanted: Record<string, unknown> = {
        date: c.date,
        kind: c.kind,
        daysRemaining: c.daysRemaining,
        workingDaysRemaining: c.workingDaysRemaining,
        overdue: c.overdue,
      };
      for (const [k, v] of Object.entries(wanted)) if (v !== undefined && result[k] !== v) return `${label} → ${k} ${String(result[k])}, wanted ${String(v)}`;
      if (c.warning && !result.warning) return `${label} → wanted a coverage warning`;
      return null;
    },
  } as Suite<DeadlineCase> as Suite<never>,
  leadSuite('lead.jsonl', 0.95),
  // Asked as officials talk (烧煤的电厂, 臭水沟), one per randomly drawn task; split like the paraphrases.
  leadSuite('lead-colloquial.jsonl', 0.8, true),
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
      return matchKey(r.text) === matchKey(c.expect!)
        ? null
        : `${label} → text differs:\n  got  ${matchKey(r.text).slice(0, 160)}\n  want ${matchKey(c.expect!).slice(0, 160)}`;
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
        const actual: Record<string, unknown> = {
          position: a.position,
          kind: a.probation?.kind,
          probationEnd: a.probation?.end,
          inProbation: a.probation?.inProbation,
          docNumber: a.docNumber,
          date: a.date,
        };
        for (const [k, v] of Object.entries(e)) {
          if (k === 'person' || k === 'action') continue;
          if (k === 'probation' ? a.probation !== null : actual[k] !== v)
            return `${c.question} → ${e.person} ${k} ${String(k === 'probation' ? JSON.stringify(a.probation) : actual[k])}, wanted ${String(v)}`;
        }
      }
      return null;
    },
  } as Suite<AppointmentCase> as Suite<never>,
  {
    file: 'explainer.jsonl',
    tool: 'draft_explainer',
    threshold: 1,
    args: (c: ExplainerCase) => ({ document: c.document }),
    // All nine elements; every clause the case names cited under its element; every point's citation found by verify_quote at its place.
    check: async (c: ExplainerCase, result, isError, client) => {
      if (isError || !result) return `${c.document} → unexpected error`;
      const r = result as unknown as ExplainerShape;
      if (r.elements.length !== 9) return `${c.document} → ${r.elements.length} elements`;
      const missing = c.must.filter(
        (m) =>
          !r.elements.find((e) => e.element === m.element)?.points.some((p) => p.citation.locator === m.locator || p.citation.locator.startsWith(m.locator)),
      );
      if (missing.length) return `${c.document} → no point cites ${missing.map((m) => `${m.element} ${m.locator}`).join('、')}`;
      if (c.responsibility && r.responsibility?.unit !== c.responsibility)
        return `${c.document} → responsibility ${r.responsibility?.unit}, wanted ${c.responsibility}`;
      for (const e of r.elements) {
        for (const p of e.points) {
          const v = await client.callTool({ name: 'verify_quote', arguments: { quote: p.citation.quote, docNumber: p.citation.docNumber } });
          const at = (v.structuredContent as { citations: { locator: string; title: string }[] }).citations;
          if (!at.some((x) => x.locator === p.citation.locator && x.title === p.citation.title))
            return `${c.document} → ${e.element} point at ${p.citation.locator} does not verify: “${p.citation.quote.slice(0, 30)}”`;
        }
      }
      return null;
    },
    measure: (c: ExplainerCase, result) => {
      const r = result as unknown as ExplainerShape | undefined;
      const cited = c.must.filter((m) =>
        r?.elements.find((e) => e.element === m.element)?.points.some((p) => p.citation.locator === m.locator || p.citation.locator.startsWith(m.locator)),
      );
      return { 'required clauses cited': [cited.length, c.must.length] };
    },
  } as Suite<ExplainerCase> as Suite<never>,
  {
    file: 'drafts.jsonl',
    tool: 'check_draft',
    threshold: 1,
    args: (c: DraftCase) => ({ text: c.text, ...(c.docNumber ? { docNumber: c.docNumber } : {}) }),
    // Every planted error caught with its verdict (and the source's words where given); no other problem named.
    check: (c: DraftCase, result, isError) => {
      if (isError || !result) return `${c.id} → unexpected error`;
      const { caught, alarms } = draftOutcome(c, result);
      if (caught < c.expect.length)
        return `${c.id} → caught ${caught}/${c.expect.length} planted errors: ${JSON.stringify((result as unknown as DraftShape).findings)}`;
      return alarms.length ? `${c.id} → false alarm: ${alarms.join('; ')}` : null;
    },
    measure: (c: DraftCase, result) => {
      const { caught, alarms } = draftOutcome(c, result);
      return { 'planted errors caught': [caught, c.expect.length], 'correct drafts with a false alarm': c.expect.length ? [0, 0] : [alarms.length ? 1 : 0, 1] };
    },
  } as Suite<DraftCase> as Suite<never>,
];

/** A case's split: tune or held-out, from `split` or, in the user's sets, `half` (heldout). */
export function splitOf(c: { split?: string; half?: string }): string {
  const split = c.split ?? c.half ?? 'all';
  return split === 'heldout' ? 'held-out' : split;
}

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
    const splits: SuiteResult['splits'] = {};
    let failed = 0;
    for (const c of cases) {
      const r = await client.callTool({ name: suite.tool, arguments: suite.args(c) });
      const why = await suite.check(c, r.structuredContent as Structured, r.isError === true, client);
      const split = splitOf(c);
      if (why) failed++;
      // A held-out case is counted, never shown: what is tuned must not see it.
      if (why && split !== 'held-out') failures.push(why);
      if (!suite.measure) continue;
      const row = (splits[split] ??= { cases: 0, passed: 0, measures: {} });
      row.cases++;
      if (!why) row.passed++;
      for (const [k, [hit, of]] of Object.entries(suite.measure?.(c, r.structuredContent as Structured) ?? {})) {
        const m = (row.measures[k] ??= [0, 0]);
        m[0] += hit;
        m[1] += of;
      }
    }
    const passed = cases.length - failed;
    out.push({
      suite: suite.file,
      tool: suite.tool,
      cases: cases.length,
      passed,
      accuracy: cases.length ? passed / cases.length : 0,
      threshold: suite.threshold,
      failures,
      splits,
    });
  }
  return out;
}

export function formatResults(results: SuiteResult[]): string {
  const lines = ['| tool | suite | cases | passed | accuracy | threshold |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of results) lines.push(`| ${r.tool} | ${r.suite} | ${r.cases} | ${r.passed} | ${r.accuracy.toFixed(3)} | ${r.threshold} |`);
  const split = results.filter((r) => Object.keys(r.splits).length);
  if (split.length) {
    lines.push('', '| tool | suite | split | cases | passed | measures |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of split) {
      for (const [name, row] of Object.entries(r.splits)) {
        const measures = Object.entries(row.measures).map(([k, [hit, of]]) => `${k} ${hit}/${of}`);
        lines.push(`| ${r.tool} | ${r.suite} | ${name} | ${row.cases} | ${row.passed} | ${measures.join('; ') || '–'} |`);
      }
    }
  }
  for (const r of results) for (const f of r.failures) lines.push(`FAIL ${r.tool}: ${f}`);
  return lines.join('\n');
}
