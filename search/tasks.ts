// Tasks for a responsibility question (谁牵头柴油货车污染治理): the tasks holding the question's
// rarest words, or the gazette's words for its paraphrases, ranked on their own words — the
// heading counts most, then the sentence it stands for — with a floor of relevance: fewer
// matches rather than unrelated ones.
import type { SearchOptions } from './options.js';
import type { TaskWords } from './port.js';
import { normalize } from './terms.js';

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

/** A task's words as ranking matches them (folded, lower case), kept between questions. */
export interface TaskReading {
  task: TaskWords;
  head: string;
  ctx: string;
}

export function readTask(task: TaskWords): TaskReading {
  return { task, head: normalize(task.task), ctx: normalize(task.context) };
}

export interface RankedTask {
  task: TaskWords;
  score: number;
  /** The share of the question's parts it holds. */
  covered: number;
}

/** Ranks tasks (given in printed order) for a question's parts. */
export function rankTasks(tasks: TaskReading[], parts: AskedPart[], options: SearchOptions['tasks']): RankedTask[] {
  if (!parts.length) return [];
  const variants = parts.map((p) => p.variants.map(normalize));
  // One pass finds where each part occurs (headWeight in the heading, 1 in the sentence), the next scores.
  const matches: { t: TaskWords; weights: number[] }[] = [];
  const df = new Array<number>(parts.length).fill(0);
  for (const { task: t, head, ctx } of tasks) {
    let weights: number[] | null = null;
    variants.forEach((vs, k) => {
      const w = vs.some((v) => head.includes(v)) ? options.headWeight : vs.some((v) => ctx.includes(v)) ? 1 : 0;
      if (!w) return;
      weights ??= new Array<number>(parts.length).fill(0);
      weights[k] = w;
      df[k]++;
    });
    if (weights) matches.push({ t, weights });
  }
  const idf = df.map((n) => Math.log(1 + tasks.length / (1 + n)));
  const wanted = parts.reduce((n, p) => n + p.length, 0);
  return matches
    .map(({ t, weights }) => {
      let score = 0;
      let covered = 0;
      weights.forEach((w, k) => {
        if (!w) return;
        score += w * idf[k] * parts[k].length * (parts[k].length === 1 ? options.singleCharWeight : 1);
        covered += parts[k].length;
      });
      return { task: t, score: score * (0.5 + covered / wanted), covered: covered / wanted };
    })
    .sort((a, b) => b.score - a.score || a.task.id - b.task.id);
}

/** The matches worth answering: the best, and those within the floor of it. */
export function relevant<T extends { score: number; covered: number }>(ranked: T[], floor: SearchOptions['tasks']['floor']): T[] {
  const best = ranked[0];
  if (!best) return [];
  return ranked.filter((r, k) => k === 0 || (r.score >= floor.ofBest * best.score && r.covered >= floor.covered));
}
