// The drafter's eval (npm run eval -- --drafter): evals/user/, written from the gazette text alone.
// Per half (tune / heldout): must-have points in the outline, points cut before their figure in the
// default answer, elements called absent where the text addresses them, responsibility, and
// check_draft's planted errors caught per kind and false alarms on correct claims.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { coverage } from '../domain/similarity.js';
import { matchKey } from '../domain/text.js';
import { readCases } from './harness.js';

interface MustText {
  id: string;
  half: string;
  docNumber: string;
  title: string;
  inScope: boolean;
  absentElements?: string[] | null;
  responsibility: { unit: string | null; deadline: string | null };
  points: { element: string; must: string; evidence: string; locator: string }[];
}

interface DraftCase {
  id: string;
  half: string;
  docNumber: string;
  draft: string;
  errors: { quote: string; kind: string }[];
  correct: { quote: string }[];
}

interface Outline {
  elements?: { element: string; points: { text: string }[]; note?: string }[];
  responsibility?: { unit: string | null; deadline?: { text: string; date: string | null } };
  scope?: string;
}

interface Finding {
  text: string;
  offset: number;
  verdict: string;
}

/** Drafts with planted errors, each file written on its own by a different hand. */
const DRAFT_FILES = ['user/drafts.jsonl', 'user/drafts-2.jsonl', 'user/drafts-3.jsonl', 'user/drafts-4.jsonl', 'user/drafts-5.jsonl', 'user/drafts-6.jsonl'];

/** Per half: [hits, out of] for each measure. */
export type DrafterReport = Record<string, Record<string, [number, number]>>;

const FIGURES = /\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+(?=[个日月年天项次%名人])/g;

/** The evidence's content is in a point: its figures all, and nearly all its words. */
function holds(point: string, evidence: string): boolean {
  const [p, e] = [matchKey(point), matchKey(evidence)];
  if (p.includes(e)) return true;
  return (e.match(FIGURES) ?? []).every((f) => p.includes(f)) && coverage(e, p) >= 0.85;
}

/** Text of one gazette text as draft_explainer is asked for it: the 文号, with title words where the 文号 issues several. */
const documentOf = (t: MustText, shared: Set<string>) => (shared.has(t.docNumber) ? `${t.docNumber} ${t.title}` : t.docNumber);

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const r = await client.callTool({ name, arguments: args });
  const text = (r.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
  return { structured: r.structuredContent as Record<string, unknown> | undefined, text, isError: !!r.isError };
}

/** Points of the default answer shown cut (…) before a figure their whole sentence holds. */
function cutBeforeFigure(answer: string, points: string[]): [number, number] {
  let cut = 0;
  let shown = 0;
  for (const line of answer.split('\n')) {
    const m = /^- (.+?)(?:【[^【】]*】)?$/.exec(line);
    if (!m || m[1].startsWith('（')) continue;
    shown++;
    const head = m[1].replace(/…$/, '');
    if (head === m[1]) continue;
    const whole = points.find((p) => p.startsWith(head));
    if (whole && /\d/.test(whole.slice(head.length)) && !/\d/.test(head)) cut++;
  }
  return [cut, shown];
}

function responsibilityRight(t: MustText, o: Outline | undefined, text: string): boolean {
  if (!t.inScope) return !o?.elements?.length && /不属于|不在|outside/.test(text);
  const r = o?.responsibility;
  if (!r) return false;
  const unitRight = t.responsibility.unit === null ? !r.unit : r.unit === t.responsibility.unit;
  const d = t.responsibility.deadline ?? '';
  const deadlineRight = /5月24日/.test(d) ? r.deadline?.date === '2019-05-24' : /同步/.test(d) ? /同步/.test(r.deadline?.text ?? '') : true;
  return unitRight && deadlineRight;
}

export async function drafterEval(client: Client): Promise<{ report: DrafterReport; failures: string[] }> {
  const report: DrafterReport = {};
  const failures: string[] = [];
  const add = (half: string, measure: string, hit: boolean | [number, number]) => {
    const row = (report[half] ??= {});
    const [a, b] = row[measure] ?? [0, 0];
    const [h, n] = typeof hit === 'boolean' ? [hit ? 1 : 0, 1] : hit;
    row[measure] = [a + h, b + n];
  };
  const texts = readCases<MustText>('user/explainer-musts.jsonl');
  const counts = new Map<string, number>();
  // The held-out half is counted, never shown: what is tuned must not see its cases.
  const fail = (half: string, why: string) => {
    if (half !== 'heldout') failures.push(why);
  };
  for (const t of texts) counts.set(t.docNumber, (counts.get(t.docNumber) ?? 0) + 1);
  const shared = new Set([...counts].filter(([, n]) => n > 1).map(([d]) => d));
  for (const t of texts) {
    const document = documentOf(t, shared);
    // The structured result holds every point; the text answer is the default, chat-sized one.
    const answer = await call(client, 'draft_explainer', { document });
    const o = answer.structured as Outline | undefined;
    const right = responsibilityRight(t, o, answer.text);
    add(t.half, 'responsibility right', right);
    if (!right) fail(t.half, `${t.id}: responsibility ${JSON.stringify(o?.responsibility ?? answer.text.slice(0, 120))}`);
    if (!t.inScope) continue;
    const elements = o?.elements ?? [];
    for (const p of t.points) {
      const inElement = elements.find((e) => e.element === p.element)?.points.some((x) => holds(x.text, p.evidence)) ?? false;
      const anywhere = elements.some((e) => e.points.some((x) => holds(x.text, p.evidence)));
      add(t.half, 'points in the right element', inElement);
      add(t.half, 'points in any element', anywhere);
      if (!anywhere) fail(t.half, `${t.id}: missing ${p.element} ${p.evidence}`);
    }
    add(
      t.half,
      'points cut before their figure (default answer)',
      cutBeforeFigure(
        answer.text,
        elements.flatMap((e) => e.points.map((x) => x.text)),
      ),
    );
    add(t.half, 'default answer ≤ 4.5 KB', Buffer.byteLength(answer.text) <= 4608);
    const absent = new Set(t.absentElements ?? []);
    for (const e of elements) {
      if (absent.has(e.element)) continue;
      add(t.half, 'elements called absent where addressed', !e.points.length);
      if (!e.points.length) fail(t.half, `${t.id}: ${e.element} called absent`);
    }
  }
  // Each file of drafts on its own, and all of them together.
  for (const file of DRAFT_FILES) {
    const name = file.replace(/^user\//, '').replace(/\.jsonl$/, '');
    for (const d of readCases<DraftCase>(file)) {
      const r = await call(client, 'check_draft', { text: d.draft, docNumber: d.docNumber });
      const findings = ((r.structured?.findings as Finding[] | undefined) ?? []).filter((f) => f.verdict !== 'verified');
      const flagged = (quote: string) => {
        const at = d.draft.indexOf(quote);
        if (at < 0) throw new Error(`${d.id}: “${quote}” is not in the draft`);
        return findings.some((f) => f.offset < at + quote.length && f.offset + f.text.length > at);
      };
      for (const e of d.errors) {
        const caught = flagged(e.quote);
        add(d.half, `caught: ${e.kind}`, caught);
        add(d.half, 'caught: all', caught);
        add(d.half, `caught: all (${name})`, caught);
        if (!caught) fail(d.half, `${d.id}: missed ${e.kind} “${e.quote}”`);
      }
      for (const c of d.correct) {
        const alarm = flagged(c.quote);
        add(d.half, 'false alarms on correct claims', alarm);
        add(d.half, `false alarms on correct claims (${name})`, alarm);
        if (alarm) fail(d.half, `${d.id}: false alarm on “${c.quote}”`);
      }
      add(d.half, 'answer ≤ 4.5 KB', Buffer.byteLength(r.text) <= 4608);
    }
  }
  return { report, failures };
}

export function formatDrafter(report: DrafterReport): string {
  const halves = Object.keys(report).sort().reverse();
  const measures = [...new Set(halves.flatMap((h) => Object.keys(report[h])))].sort(
    (a, b) => Number(a.startsWith('caught: ')) - Number(b.startsWith('caught: ')) || a.localeCompare(b),
  );
  const cell = (x?: [number, number]) => (x ? `${x[0]}/${x[1]} (${x[1] ? ((x[0] / x[1]) * 100).toFixed(0) : '–'}%)` : '');
  return [
    `| measure | ${halves.join(' | ')} |`,
    `| --- | ${halves.map(() => '---').join(' | ')} |`,
    ...measures.map((m) => `| ${m} | ${halves.map((h) => cell(report[h][m])).join(' | ')} |`),
  ].join('\n');
}
