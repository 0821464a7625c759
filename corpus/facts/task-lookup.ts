// Finding tasks: by a question (谁牵头柴油货车污染治理), or by unit, role and due dates.
import { UNIT_SHORT_NAMES } from '../units.js';
import { foldWidth } from '../text.js';
import { normalizeUnit } from './responsibility.js';
import type { Task } from './tasks.js';

/** A task as stored: what was extracted, and where it stands in the corpus. */
export interface StoredTask extends Task {
  id: number;
  docNumber: string;
  /** Printed order across the corpus. */
  order: number;
}

export type Role = 'lead' | 'support' | 'any';

// Words that ask about responsibility rather than name the task.
const QUESTION_WORDS =
  /谁来?牵头|由谁|谁负责|谁来负责|是谁|哪个(?:单位|部门)|哪些(?:单位|部门)|(?:牵头|责任|配合)单位(?:是)?|完成时限|什么时候(?:完成)?|何时(?:完成)?|截止|期限|牵头|负责|的工作|吗|呢|[？?。，,！!\s]/g;

export function taskQuestion(question: string): string {
  return foldWidth(question).replace(QUESTION_WORDS, ' ').trim();
}

/** Ranks tasks for a question: words in the task's own heading count most, then its sentence. */
const folded = new WeakMap<StoredTask, { t: StoredTask; head: string; ctx: string }>();

export function rankTasks(tasks: StoredTask[], terms: string[]): { task: StoredTask; score: number }[] {
  if (!terms.length) return [];
  const lower = (s: string) => foldWidth(s).toLowerCase();
  // Folded once per task and kept: the same tasks are ranked for every question.
  const docs = tasks.map((t) => {
    let d = folded.get(t);
    if (!d) folded.set(t, (d = { t, head: lower(t.task), ctx: lower(t.context) }));
    return d;
  });
  // One pass finds where each term occurs (3 in the heading, 1 in the sentence), the next scores.
  const matches: { t: StoredTask; weights: number[] }[] = [];
  const df = new Array<number>(terms.length).fill(0);
  for (const { t, head, ctx } of docs) {
    let weights: number[] | null = null;
    terms.forEach((term, k) => {
      const w = head.includes(term) ? 3 : ctx.includes(term) ? 1 : 0;
      if (!w) return;
      weights ??= new Array<number>(terms.length).fill(0);
      weights[k] = w;
      df[k]++;
    });
    if (weights) matches.push({ t, weights });
  }
  const idf = df.map((n) => Math.log(1 + docs.length / (1 + n)));
  const wanted = terms.reduce((n, t) => n + t.length, 0);
  return matches
    .map(({ t, weights }) => {
      let score = 0;
      let covered = 0;
      weights.forEach((w, k) => {
        if (!w) return;
        // A lone character (改, 电) matches almost anything: it counts little.
        score += w * idf[k] * terms[k].length * (terms[k].length === 1 ? 0.3 : 1);
        covered += terms[k].length;
      });
      return { task: t, score: score * (0.5 + covered / wanted) };
    })
    .sort((a, b) => b.score - a.score || a.task.order - b.task.order);
}

/** The names a unit query stands for: a short name (住建局) expanded, the elided 市 restored. */
export function unitQuery(input: string): string {
  const raw = foldWidth(input).replace(/\s+/g, '');
  const bare = raw.replace(/^市(?!场)/, '');
  return normalizeUnit(UNIT_SHORT_NAMES[bare] ?? bare);
}

/** Units named in the tasks that a query matches: the exact name, else names containing it. */
export function matchUnits(query: string, known: string[]): string[] {
  const q = unitQuery(query);
  const bare = q.replace(/^市(?!场)/, '');
  // The name itself, and the names that contain it (工业园区管委会 → 中卫工业园区管委会 too).
  const containing = known.filter((u) => u.includes(bare));
  if (containing.length || known.includes(q)) return [...new Set([...(known.includes(q) ? [q] : []), ...containing])];
  return known.filter((u) => bare.length >= 3 && bare.includes(u.replace(/^市(?!场)/, '')));
}

export interface TaskFilter {
  units: string[] | null;
  role: Role;
  docNumber: string | null;
  dueFrom: string | null;
  dueTo: string | null;
}

export function filterTasks(tasks: StoredTask[], f: TaskFilter): StoredTask[] {
  const hasUnit = (t: StoredTask) => {
    if (!f.units) return true;
    const pool = f.role === 'lead' ? t.leadUnits : f.role === 'support' ? [...t.supportUnits, ...t.implementingUnits] : [...t.leadUnits, ...t.supportUnits, ...t.implementingUnits];
    return pool.some((u) => f.units!.includes(u));
  };
  return tasks
    .filter((t) => hasUnit(t))
    .filter((t) => !f.docNumber || t.docNumber === f.docNumber)
    .filter((t) => (!f.dueFrom && !f.dueTo) || (t.deadline?.date && (!f.dueFrom || t.deadline.date >= f.dueFrom) && (!f.dueTo || t.deadline.date <= f.dueTo)))
    .sort((a, b) => (a.deadline?.date ?? '9999') .localeCompare(b.deadline?.date ?? '9999') || a.order - b.order);
}

/** Units whose names share most character pairs with the query: did-you-mean. */
export function closestUnits(query: string, known: string[], max = 5): string[] {
  const pairs = (s: string) => new Set([...s].slice(1).map((ch, i) => s[i] + ch));
  const q = pairs(query.replace(/^市(?!场)/, ''));
  return known
    .map((u) => {
      const p = pairs(u.replace(/^市(?!场)/, ''));
      const common = [...q].filter((g) => p.has(g)).length;
      return { u, score: q.size + p.size ? (2 * common) / (q.size + p.size) : 0 };
    })
    .filter((x) => x.score >= 0.3)
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .map((x) => x.u);
}
