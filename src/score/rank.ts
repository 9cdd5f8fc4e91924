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

/** Ranks past an award's places by count, and how many subjects of them are marked 并列 (those tied with another). */
type AwardTie = { ranks: number[]; marked: number };

/**
 * Subjects with rank ≤ top win (convention 5). When that makes more than `top` winners, the rank
 * groups that do not fit whole in the first `top` places by count are past the places, and the
 * committee decides; of those, the subjects tied with another are marked 并列 ("all tied subjects
 * are listed and marked 并列"), a sole subject is not, having no tie. With competition ranks that
 * is the tie at the boundary (1, 2, 2, 4 cannot overflow; 1, 2, 3, 3 of three marks both 3rds);
 * with dense ranks a tie above can push a sole rank past the places (1, 2, 2, 3 of three: the 3rd
 * is 4th by count, past the places, and unmarked: the warning says so).
 */
export function topAwards(ranks: readonly number[], top: number): { winners: number[]; tied: (i: number) => boolean; tie: AwardTie | null } {
  const winners = ranks
    .map((r, i) => [r, i] as const)
    .filter(([r]) => r <= top)
    .sort(([a, i], [b, j]) => a - b || i - j)
    .map(([, i]) => i);
  const pastPlaces = new Set(winners.slice(top).map((i) => ranks[i] as number));
  if (pastPlaces.size === 0) return { winners, tied: () => false, tie: null };
  const groupSize = new Map<number, number>();
  for (const i of winners) groupSize.set(ranks[i] as number, (groupSize.get(ranks[i] as number) ?? 0) + 1);
  const tied = (i: number) => pastPlaces.has(ranks[i] as number) && (groupSize.get(ranks[i] as number) as number) > 1;
  return { winners, tied, tie: { ranks: [...pastPlaces].sort((a, b) => a - b), marked: winners.filter(tied).length } };
}
