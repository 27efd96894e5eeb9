import type { CheckContext } from '../../check';
/**
 * Whether the Argo Workflows version the cluster runs is at least `since` (`'4.1'`): undefined when the version is
 * not known, so a rule only newer versions enforce can say so instead of guessing.
 */
export function argoVersionAtLeast(version: string | undefined, since: string): boolean | undefined {
  if (version === undefined) return undefined;
  const parse = (v: string) => v.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  const [a, b] = [parse(version), parse(since)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** True when the cluster runs Argo Workflows v4 or later and schemas are checked: the schema reports what v4 removed. */
export function removedInV4({ argoVersion, schemas }: CheckContext): boolean {
  return schemas !== undefined && argoVersionAtLeast(argoVersion, '4.0') === true;
}
