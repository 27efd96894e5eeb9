import { own } from '../own';

/**
 * Which field identifies the items of a list, per list field name, so that lists are matched item by item the way
 * Kubernetes strategic merge patch does instead of by position: a reorder is no change and an insert is one
 * addition.
 *
 * Candidates are tried in order; the first one every item on both sides has, with unique values per side, wins.
 *
 * @see https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/#notes-on-the-strategic-merge-patch
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/
 */
export const MERGE_KEYS: Readonly<Record<string, readonly string[]>> = {
  // Kubernetes PodSpec / Container (patchMergeKey in the upstream API).
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  // Container ports are keyed by containerPort upstream; kfops prefers the name when every port has one because
  // that is what a reviewer reads. Service ports use `port`.
  ports: ['name', 'containerPort', 'port'],
  // Argo Workflows: templates, DAG tasks, steps, parameters and artifacts are referenced by name.
  templates: ['name'],
  tasks: ['name'],
  parameters: ['name'],
  artifacts: ['name'],
};

/**
 * Lists not in {@link MERGE_KEYS} are still matched by `name` when every item on both sides is a map with a unique
 * `name` (Argo `steps` groups, Kubeflow and Argo CD lists); other lists are compared by position.
 */
export const FALLBACK_MERGE_KEY = 'name';

/**
 * The merge key for a list field, or undefined when its items must be compared by position.
 *
 * @param field the list's field name (a number for a list nested directly in a list)
 */
export function mergeKeyFor(field: string | number | undefined, before: readonly unknown[], after: readonly unknown[]): string | undefined {
  const candidates = (typeof field === 'string' ? own(MERGE_KEYS, field) : undefined) ?? [FALLBACK_MERGE_KEY];
  return candidates.find((key) => isKeyedBy(before, key) && isKeyedBy(after, key));
}

function isKeyedBy(items: readonly unknown[], key: string): boolean {
  const seen = new Set<string>();
  for (const item of items) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
    const value = (item as Record<string, unknown>)[key];
    if (typeof value !== 'string' && typeof value !== 'number') return false;
    const k = String(value);
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}
