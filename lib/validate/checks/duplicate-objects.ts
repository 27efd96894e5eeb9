import * as path from 'path';
import { isKustomization } from '../../layout';
import { Check, CheckContext } from '../check';
import { groupOf, isRecord, KubeObject, nameOf, namespaceOf, ObjectIndex } from '../object-index';
import { error } from '../violation';
import { decodeKustomization } from './kustomize/kustomization-fields';
import { isRemote } from './kustomize/kustomization-file';

/**
 * Kinds Kubernetes keeps without a namespace (`kubectl api-resources --namespaced=false`: the OpenAPI paths of the
 * GA APIs without `{namespace}`), and Argo's ClusterWorkflowTemplate. A `metadata.namespace` on one of them is
 * ignored by the API server, so it is no part of the object's identity.
 */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService', 'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/IPAddress', 'networking.k8s.io/ServiceCIDR', 'node.k8s.io/RuntimeClass',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'resource.k8s.io/DeviceClass', 'resource.k8s.io/ResourceSlice', 'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/StorageClass', 'storage.k8s.io/VolumeAttachment',
  'storage.k8s.io/VolumeAttributesClass', 'argoproj.io/ClusterWorkflowTemplate',
]);

/** The objects of a run by identity, and each object's identities (so the check does not build them twice). */
interface Identities {
  readonly objects: ReadonlyMap<string, readonly KubeObject[]>;
  readonly keys: ReadonlyMap<KubeObject, readonly string[]>;
}

const cache = new WeakMap<ObjectIndex, Identities>();

/**
 * The same object (API group, kind, namespace, name) twice in what one Argo CD Application applies: applying
 * both, the second silently replaces the first, so one of them never takes effect. Reported on every copy after
 * the first, naming both files.
 *
 * What one Application applies is a folder of the tree (kfops writes one per environment: `dist/dev/`, and
 * Argo CD syncs each as its own Application, possibly to another cluster), together with the folders a
 * kustomization of the run includes (`resources: [../base]`). Objects in different folders are never compared:
 * two environments sharing a namespace on different clusters are no conflict. The namespace is ignored for
 * cluster-scoped kinds (built-in ones, ClusterWorkflowTemplate, and CRDs of the run with `scope: Cluster`).
 */
export const checkDuplicateObjects: Check = (object, context) => {
  const { objects, keys } = objectsByIdentity(context);
  const first = (keys.get(object) ?? identities(object, context, clusterScoped(context.index))).map((key) => objects.get(key) ?? [])
    .find((same) => same.indexOf(object) > 0)?.[0];
  if (first === undefined) return [];
  const where = (o: KubeObject) => context.sourceOf?.(o) ?? 'another document';
  const namespace = clusterScoped(context.index).has(groupKind(object)) ? undefined : namespaceOf(object);
  return [error('metadata.name', 'input/duplicate-object',
    `${String(object.kind)} "${nameOf(object)}"${namespace ? ` in namespace "${namespace}"` : ''} is defined twice: in ${where(first)} and in ${where(object)}`,
    'keep one definition, or give the objects different names or namespaces')];
};

/** `group/Kind`, the group without its version (`apps/Deployment`, `/ConfigMap` for the core group). */
function groupKind(object: KubeObject): string {
  return `${groupOf(object) ?? ''}/${String(object.kind)}`;
}

/** The identity the API server stores an object under, within each folder that applies it. */
function identities(object: KubeObject, context: CheckContext, cluster: ReadonlySet<string>): string[] {
  const name = nameOf(object);
  if (name === undefined || name === '' || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string') return [];
  const kind = groupKind(object);
  const clusterScoped = cluster.has(kind);
  // NUL joins the parts: no folder, kind, namespace or name the API server takes holds one. A build's namespace
  // (the outermost kustomization's that sets one) replaces the object's own.
  return scopes(context).of(object).map(({ scope, namespace }) =>
    `${scope}\u0000${kind}\u0000${clusterScoped ? '' : namespace ?? namespaceOf(object) ?? ''}\u0000${name}`);
}

function objectsByIdentity(context: CheckContext): Identities {
  let found = cache.get(context.index);
  if (!found) {
    const objects = new Map<string, KubeObject[]>();
    const keys = new Map<KubeObject, readonly string[]>();
    const cluster = clusterScoped(context.index);
    for (const object of context.index.objects) {
      const own = identities(object, context, cluster);
      keys.set(object, own);
      for (const key of own) {
        const same = objects.get(key);
        if (same) same.push(object);
        else objects.set(key, [object]);
      }
    }
    found = { objects, keys };
    cache.set(context.index, found);
  }
  return found;
}

const clusterCache = new WeakMap<ObjectIndex, ReadonlySet<string>>();

/** The built-in cluster-scoped kinds, and those the run's CRDs declare `scope: Cluster`. */
function clusterScoped(index: ObjectIndex): ReadonlySet<string> {
  let kinds = clusterCache.get(index);
  if (!kinds) {
    const found = new Set(CLUSTER_SCOPED);
    for (const o of index.objects) {
      if (o.kind !== 'CustomResourceDefinition' || !isRecord(o.spec) || o.spec.scope !== 'Cluster') continue;
      const names = isRecord(o.spec.names) ? o.spec.names : {};
      if (typeof o.spec.group === 'string' && typeof names.kind === 'string') found.add(`${o.spec.group}/${names.kind}`);
    }
    kinds = found;
    clusterCache.set(index, kinds);
  }
  return kinds;
}

/**
 * Where an object is applied: a folder nothing includes (its own, or that of a kustomization of the run that includes
 * it), with the name changes of the kustomizations on the way (so objects that two bases rename apart, each with its
 * own namePrefix, do not meet), and the namespace the build gives it, if one of them sets it.
 */
interface Scope {
  readonly scope: string;
  readonly namespace?: string;
}

/** The scopes of each object. */
interface Scopes {
  of(object: KubeObject): readonly Scope[];
}

const scopeCache = new WeakMap<ObjectIndex, Scopes>();
/** The scopes of an object read from no file (checks run on objects built in code): one, shared by all. */
const UNPLACED: readonly Scope[] = [{ scope: '' }];

/** How many kustomizations the walk up from one file visits at most. */
const MAX_PATHS = 1000;

/** Fields of a Kustomization that bring in files or folders to apply. */
const INCLUDES = ['resources', 'bases', 'components'] as const;

function scopes(context: CheckContext): Scopes {
  const cached = scopeCache.get(context.index);
  if (cached) return cached;
  // A file or folder -> the folders of the kustomizations that list it.
  const includedBy = new Map<string, Set<string>>();
  // A kustomization's folder -> how its build renames what it holds (namePrefix, nameSuffix), and its namespace.
  const renames = new Map<string, string>();
  const namespaces = new Map<string, string>();
  for (const o of context.index.objects) {
    const file = context.fileOf?.(o);
    if (file === undefined || !isKustomization(file, o)) continue;
    const folder = path.dirname(file);
    // Read as kustomize reads it (`NamePrefix:` is `namePrefix`).
    const k = decodeKustomization(o).value;
    const rename = [k.namePrefix, k.nameSuffix].map((r) => (typeof r === 'string' ? r : ''));
    if (rename.some((r) => r !== '')) renames.set(folder, rename.join('\u0000'));
    if (typeof k.namespace === 'string' && k.namespace !== '') namespaces.set(folder, k.namespace);
    for (const field of INCLUDES) {
      for (const entry of Array.isArray(k[field]) ? k[field] as unknown[] : []) {
        if (typeof entry !== 'string' || isRemote(entry)) continue;
        const target = path.join(folder, entry);
        if (target === folder) continue;
        const by = includedBy.get(target) ?? new Set<string>();
        by.add(folder);
        includedBy.set(target, by);
      }
    }
  }
  // Up the kustomizations from `at` to the folders nothing includes, each path with the renames and the last
  // namespace on it (an outer kustomization's namespace replaces an inner one's). A cycle stops where it closes;
  // each path keeps its own trail, so two paths through one folder (a diamond) are both followed.
  const roots = (at: string, renamed: string, namespace: string | undefined, seen: ReadonlySet<string>, budget: { left: number }): Scope[] => {
    // A lattice of includes has exponentially many paths: a file's scopes stop at MAX_PATHS.
    if (--budget.left < 0) return [];
    const rename = renames.get(at);
    const here = rename === undefined ? renamed : `${renamed}\u0001${rename}`;
    const inNamespace = namespaces.get(at) ?? namespace;
    const by = includedBy.get(at);
    if (!by || seen.has(at)) return [{ scope: `${at}\u0002${here}`, namespace: inNamespace }];
    const trail = new Set(seen).add(at);
    return [...by].flatMap((folder) => roots(folder, here, inNamespace, trail, budget));
  };
  const scopesFrom = (starts: readonly string[]): readonly Scope[] => {
    const budget = { left: MAX_PATHS };
    const all = starts.flatMap((start) => roots(start, '', undefined, new Set(), budget));
    return [...new Map(all.map((s) => [`${s.scope}\u0003${s.namespace ?? ''}`, s])).values()];
  };
  // By file: the documents of one file (a 50 MB List's items) share their scopes; and by folder, since a file no
  // kustomization lists by name is applied with its folder, like every other such file there.
  const byFile = new Map<string, readonly Scope[]>();
  const byFolder = new Map<string, readonly Scope[]>();
  const found: Scopes = { of: (o) => {
    const file = context.fileOf?.(o);
    if (file === undefined) return UNPLACED;
    let of = byFile.get(file);
    if (!of) {
      const listedBy = includedBy.get(file);
      if (listedBy) {
        of = scopesFrom([...listedBy]);
      } else {
        const folder = path.dirname(file);
        of = byFolder.get(folder);
        if (!of) byFolder.set(folder, of = scopesFrom([folder]));
      }
      byFile.set(file, of);
    }
    return of;
  } };
  scopeCache.set(context.index, found);
  return found;
}

