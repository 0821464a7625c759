// Ranking tasks for a question (谁牵头柴油货车污染治理) on their own words, with a floor of relevance.
import type { TaskRecord } from '../domain/reader.js';
import { foldCharacters } from '../domain/text.js';

/** A task as the store serves it: the record, the words it stands for, and its printed order. */
export interface StoredTask extends TaskRecord {
  /** The task's heading and the sentence(s) or table row it stands for. */
  context: string;
  /** Printed order across the corpus. */
  order: number;
}

const folded = new WeakMap<StoredTask, { head: string; ctx: string }>();

/**
 * How good a match must be to be answered beside the best one: a share of the best score, and a
 * share of the question's words it holds. Fewer matches rather than unrelated ones.
 */
export const RELEVANCE_FLOOR = { ofBest: 0.4, covered: 0.5 };

/**
 * What a question asks for, one part at a time: an index term of its own, or a paraphrase (烧秸秆)
 * found by any of the gazette's words for it (秸秆禁烧, 秸秆焚烧). `length` is how much of the
 * question the part stands for.
 */
export interface AskedPart {
  variants: string[];
  length: number;
}

/** Parts of a question from its own terms, each one part. */
export const ownParts = (terms: string[]): AskedPart[] => terms.map((t) => ({ variants: [t], length: t.length }));

/** Ranks tasks for a question's parts: words in the task's own heading count most, then its sentence. */
export function rankTasks(tasks: StoredTask[], parts: AskedPart[]): { task: StoredTask; score: number; covered: number }[] {
  if (!parts.length) return [];
  const lower = (s: string) => foldCharacters(s).toLowerCase();
  const variants = parts.map((p) => p.variants.map(lower));
  // Folded once per task and kept: the same tasks are ranked for every question.
  const docs = tasks.map((t) => {
    let d = folded.get(t);
    if (!d) folded.set(t, (d = { head: lower(t.task), ctx: lower(t.context) }));
    return { t, ...d };
  });
  // One pass finds where each part occurs (3 in the heading, 1 in the sentence), the next scores.
  const matches: { t: StoredTask; weights: number[] }[] = [];
  const df = new Array<number>(parts.length).fill(0);
  for (const { t, head, ctx } of docs) {
    let weights: number[] | null = null;
    variants.forEach((vs, k) => {
      const w = vs.some((v) => head.includes(v)) ? 3 : vs.some((v) => ctx.includes(v)) ? 1 : 0;
      if (!w) return;
      weights ??= new Array<number>(parts.length).fill(0);
      weights[k] = w;
      df[k]++;
    });
    if (weights) matches.push({ t, weights });
  }
  const idf = df.map((n) => Math.log(1 + docs.length / (1 + n)));
  const wanted = parts.reduce((n, p) => n + p.length, 0);
  return matches
    .map(({ t, weights }) => {
      let score = 0;
      let covered = 0;
      weights.forEach((w, k) => {
        if (!w) return;
        // A lone character (改, 电) matches almost anything: it counts little.
        score += w * idf[k] * parts[k].length * (parts[k].length === 1 ? 0.3 : 1);
        covered += parts[k].length;
      });
      return { task: t, score: score * (0.5 + covered / wanted), covered: covered / wanted };
    })
    .sort((a, b) => b.score - a.score || a.task.order - b.task.order);
}

/** The matches worth answering: the best, and those within the floor of it. */
export function relevant<T extends { score: number; covered: number }>(ranked: T[]): T[] {
  const best = ranked[0];
  if (!best) return [];
  return ranked.filter((r, k) => k === 0 || (r.score >= RELEVANCE_FLOOR.ofBest * best.score && r.covered >= RELEVANCE_FLOOR.covered));
}
