/**
 * The candidate closest to `name` by edit distance ({@link editDistance}), when close enough to be a likely typo: at most
 * a third of the name's length in edits (min 1, max 3). Case-only differences always match.
 *
 * @example suggestName('learning_rte', ['learning_rate', 'epochs']) // 'learning_rate'
 */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    // Names that differ in length by the best distance so far are at least that far apart: skip the table.
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate, bestDistance - 1);
    // Replacing every character is not a typo: `Z` for `A` suggests nothing.
    if (distance < bestDistance && distance < name.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The edit distance between two strings, counting a swap of neighbours (`mian` for `main`) as one edit, as typos
 * make them (Levenshtein with transpositions: optimal string alignment).
 *
 * @param max distances over this are all alike to the caller: once a whole row of the table is over it, the
 *   result is (no later row can come back under it), and `max + 1` is returned without filling the rest
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
      least = Math.min(least, row[j]);
    }
    if (least > max) return max + 1;
    rows.push(row);
  }
  return Math.min(rows[a.length][b.length], max + 1);
}

/** A fix that suggests the closest candidate (`did you mean "epochs"?`), or `otherwise` when none is close. */
export function didYouMean(name: string, candidates: Iterable<string>, otherwise: string): string {
  const suggestion = suggestName(name, candidates);
  return suggestion !== undefined ? `did you mean "${suggestion}"?` : otherwise;
}
