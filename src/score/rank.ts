/**
 * Ranks by descending total. Competition ranking (1, 2, 2, 4) is the default; dense ranking
 * (中国式排名: 1, 2, 2, 3) when a scheme asks for it. Input order breaks display ties.
 */
export function rankDescending(totals: readonly number[], method: 'competition' | 'dense'): { order: number[]; ranks: number[] } {
  const order = totals.map((_, i) => i).sort((a, b) => (totals[b] as number) - (totals[a] as number) || a - b);
  const ranks = new Array<number>(totals.length);
  let dense = 0;
  order.forEach((index, position) => {
    const previous = position > 0 ? order[position - 1] : undefined;
    const sameAsPrevious = previous !== undefined && totals[previous] === totals[index];
    if (!sameAsPrevious) dense += 1;
    ranks[index] = sameAsPrevious ? (ranks[previous] as number) : method === 'dense' ? dense : position + 1;
  });
  return { order, ranks };
}

/**
 * Subjects with rank ≤ top win; when a tie at the boundary makes more than `top` winners,
 * the tied ones at the boundary rank are marked so the committee can decide. A tie is two
 * subjects sharing the rank: dense ranks after a tie above (1, 2, 2, 3, 4, 5) give six winners
 * of five places, and the sole 5th is no more tied than the 3rd.
 */
export function topAwards(ranks: readonly number[], top: number): { winners: number[]; tiedAt: number | null } {
  const winners = ranks.map((r, i) => [r, i] as const).filter(([r]) => r <= top).map(([, i]) => i);
  if (winners.length <= top) return { winners, tiedAt: null };
  const boundary = Math.max(...winners.map((i) => ranks[i] as number));
  const tied = winners.filter((i) => ranks[i] === boundary).length > 1;
  return { winners, tiedAt: tied ? boundary : null };
}
