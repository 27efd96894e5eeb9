import { suggestName } from '../../suggest-name';

/**
 * The candidate closest to `name`, if it is close enough to be a likely typo (see {@link suggestName}: `replicaz`
 * suggests `replicas`, `foo` suggests nothing). Failing that, a candidate the name abbreviates (`strat` ->
 * `strategy`, `Rolling` -> `RollingUpdate`) is suggested when the name has at least 4 characters.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const best = suggestName(name, candidates);
  if (best !== undefined || name.length < 4) return best;
  const lower = name.toLowerCase();
  return candidates.find((candidate) => candidate.toLowerCase().startsWith(lower));
}
