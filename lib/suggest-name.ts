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
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
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
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/** A fix that suggests the closest candidate (`did you mean "epochs"?`), or `otherwise` when none is close. */
export function didYouMean(name: string, candidates: Iterable<string>, otherwise: string): string {
  const suggestion = suggestName(name, candidates);
  return suggestion !== undefined ? `did you mean "${suggestion}"?` : otherwise;
}
