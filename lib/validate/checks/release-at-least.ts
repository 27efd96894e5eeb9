/**
 * Whether a release of what the cluster runs (Argo Workflows `'4.1'`, the Training Operator `'1.9'`) is at least
 * `since`: undefined when the release is not known, so a rule only newer releases enforce can say so instead of
 * guessing.
 */
export function releaseAtLeast(version: string | undefined, since: string): boolean | undefined {
  if (version === undefined) return undefined;
  const parse = (v: string) => v.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  const [a, b] = [parse(version), parse(since)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}
