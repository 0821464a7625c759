// How alike two strings are: the Dice coefficient of their character pairs (did-you-mean
// suggestions), the share of one's pairs the other has (a draft sentence against the source), and
// the closest span of a text to a quotation by edit distance (the source's own words).
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** How much of `part` is in `whole`: the share of its character pairs that `whole` has too. */
export function coverage(part: string, whole: string): number {
  const x = bigrams(part);
  if (!x.size) return 0;
  const y = bigrams(whole);
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / x.size;
}

/**
 * The span of `hay` closest to `needle` by edit distance, wherever it starts (Sellers' algorithm,
 * two rows, O(|needle|·|hay|)): for naming the source's own words where a quotation was altered.
 */
export function closestSpan(needle: string, hay: string): { start: number; end: number; distance: number } {
  const m = needle.length;
  let cost = Array.from({ length: hay.length + 1 }, () => 0);
  let start = Array.from({ length: hay.length + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const nextCost = [i];
    const nextStart = [0];
    for (let j = 1; j <= hay.length; j++) {
      const sub = cost[j - 1] + (needle[i - 1] === hay[j - 1] ? 0 : 1);
      const del = cost[j] + 1;
      const ins = nextCost[j - 1] + 1;
      const best = Math.min(sub, del, ins);
      nextCost.push(best);
      nextStart.push(best === sub ? start[j - 1] : best === del ? start[j] : nextStart[j - 1]);
    }
    cost = nextCost;
    start = nextStart;
  }
  let end = 0;
  // Of equally close spans, the longest: a changed last word is shown, not cut off.
  for (let j = 1; j <= hay.length; j++) if (cost[j] <= cost[end] && (cost[j] < cost[end] || j - start[j] > end - start[end])) end = j;
  return { start: start[end], end, distance: cost[end] };
}

export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}
