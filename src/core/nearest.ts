/** Edit distance, for "did you mean" suggestions on unknown codes. */
function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The closest candidate, or null when nothing is reasonably close. Equal distances prefer the
 * longer shared beginning, so "7.3" suggests 7.1 (same item), not 1.3.
 */
export function nearest(input: string, candidates: readonly string[]): string | null {
  let best: { candidate: string; d: number; prefix: number } | null = null;
  for (const candidate of candidates) {
    // One inside the other is near only when it is at least half of it: 'id' inside 'provided_by' is no typo of it.
    const [shorter, longer] = input.length <= candidate.length ? [input, candidate] : [candidate, input];
    const d = longer.includes(shorter) && shorter.length * 2 >= longer.length ? 0.5 : distance(input, candidate);
    const prefix = commonPrefix(input, candidate);
    if (best === null || d < best.d || (d === best.d && prefix > best.prefix)) best = { candidate, d, prefix };
  }
  if (best === null) return null;
  return best.d <= Math.max(1, Math.ceil(input.length / 2)) ? best.candidate : null;
}
