/** A Kubernetes object as read from YAML: any shape until a check proves otherwise. */
export type KubeObject = Record<string, unknown>;

/** The object's `metadata`, or an empty record. */
export function metadataOf(object: KubeObject): Record<string, unknown> {
  const metadata = object.metadata;
  return isRecord(metadata) ? metadata : {};
}

/** The API group of an object's apiVersion: `apps` for `apps/v1`, `` for the core `v1`; undefined without an apiVersion. */
export function groupOf(object: KubeObject): string | undefined {
  const { apiVersion } = object;
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `metadata.name` when it is a string. */
export function nameOf(object: KubeObject): string | undefined {
  const name = metadataOf(object).name;
  return typeof name === 'string' ? name : undefined;
}

/** `metadata.namespace` when it is a string; `undefined` means "wherever it is applied". */
export function namespaceOf(object: KubeObject): string | undefined {
  const namespace = metadataOf(object).namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value as an array of records, skipping anything else; `[]` when it is not an array. */
export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * Two namespaces are the same place when equal, or when either is unset: an object without a namespace lands
 * in whatever namespace it is applied to, which for one tree of manifests is the same for all of them.
 */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Every object of a validation run, for checks that look across objects (a Service and its pods, a
 * `templateRef` and its WorkflowTemplate).
 */
export class ObjectIndex {
  private readonly byKind = new Map<string, KubeObject[]>();
  /** kind, then name: the objects of that kind and name in input order, built on the first {@link find} */
  private byName?: Map<string, Map<string, KubeObject[]>>;

  constructor(public readonly objects: readonly KubeObject[]) {
    for (const object of objects) {
      const kind = typeof object.kind === 'string' ? object.kind : '';
      const list = this.byKind.get(kind) ?? [];
      list.push(object);
      this.byKind.set(kind, list);
    }
  }

  /** All objects of a kind. */
  ofKind(kind: string): readonly KubeObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The object of that kind and name in the namespace, if the input holds it (the first, in input order). */
  find(kind: string, name: string, namespace: string | undefined): KubeObject | undefined {
    // Checks look objects up for each object they check: an index keeps that linear in the run's size.
    if (!this.byName) {
      this.byName = new Map();
      for (const [k, objects] of this.byKind) {
        const names = new Map<string, KubeObject[]>();
        for (const o of objects) {
          const n = nameOf(o);
          if (n === undefined) continue;
          const same = names.get(n);
          if (same) same.push(o);
          else names.set(n, [o]);
        }
        this.byName.set(k, names);
      }
    }
    return this.byName.get(kind)?.get(name)?.find((o) => sameNamespace(namespaceOf(o), namespace));
  }

  /** The kinds present, for checks that need to know what else the tree holds. */
  kinds(): IterableIterator<string> {
    return this.byKind.keys();
  }
}

/**
 * Values worked out once per run (index) and key: what the objects of a run ask alike (the pods a selector selects,
 * the names of a kind in a namespace), where working it out for each object would make a run quadratic. A key is
 * built with `JSON.stringify` of its parts, so no two parts run together.
 */
export class RunMemo<T> {
  private readonly byIndex = new WeakMap<ObjectIndex, Map<string, T>>();

  get(index: ObjectIndex, key: string, compute: () => T): T {
    let byKey = this.byIndex.get(index);
    if (!byKey) this.byIndex.set(index, byKey = new Map());
    if (byKey.has(key)) return byKey.get(key)!;
    const value = compute();
    byKey.set(key, value);
    return value;
  }
}
