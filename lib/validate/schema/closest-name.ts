/**
 * The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
 *
 * "Close enough" is at most a third of the name's length (min 1, max 3) edits, so `replicaz` suggests `replicas`
 * while `foo` suggests nothing rather than an unrelated field. Failing that, a candidate the name abbreviates
 * (`mutex` -> `mutexes`, `Rolling` -> `RollingUpdate`) is suggested when the name has at least 4 characters.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance =
      candidate.toLowerCase() === name.toLowerCase() ? 0 : levenshtein(name, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined || name.length < 4) return best;
  const lower = name.toLowerCase();
  for (const candidate of candidates) if (candidate.toLowerCase().startsWith(lower)) return candidate;
  return undefined;
}

/** Levenshtein distance, giving up (returning `cap`) once it is known to reach `cap`. */
function levenshtein(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin >= cap) return cap;
    previous = current;
  }
  return Math.min(previous[b.length], cap);
}
