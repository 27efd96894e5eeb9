import { displayText } from '../publish/display-text';
import { ObjectDiff } from './semantic-diff';

/**
 * Most objects a reviewer-facing list (Added, Removed, the Markdown summary table) names one by one; the rest are
 * counted by kind. A pull request comment naming 200,000 added Pods is read by no one.
 */
export const MAX_LISTED_OBJECTS = 50;

/** `Pod 194,000, ConfigMap 3`: how many objects of each kind, most first, at most five kinds named. */
function kindCounts(objects: readonly ObjectDiff[]): string {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.ref.kind, (counts.get(o.ref.kind) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const named = sorted.slice(0, 5).map(([kind, n]) => `${displayText(kind)} ${n.toLocaleString('en-US')}`);
  if (sorted.length > 5) named.push(`${sorted.length - 5} more kinds`);
  return named.join(', ');
}

/** `and 193,950 more objects (kinds: Pod 193,950)`, said of the objects a list left out. */
export function moreObjects(rest: readonly ObjectDiff[]): string {
  return `and ${rest.length.toLocaleString('en-US')} more object${rest.length === 1 ? '' : 's'} (kinds: ${kindCounts(rest)})`;
}
