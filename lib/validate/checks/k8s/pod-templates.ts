import { isRecord, KubeObject, namespaceOf, ObjectIndex, records, RunMemo, sameNamespace } from '../../object-index';
import { hasPlaceholder } from '../../../argo-spec/placeholder';
import { createdObject, embeddedManifests } from '../argo/embedded-manifests';
import { podSpecsOf } from './pod-specs';
import { stringMap } from '../../../string-map';

/** A pod template found in a workload, with the labels its pods carry and the ports its containers name. */
export interface PodTemplate {
  readonly owner: KubeObject;
  readonly labels: Readonly<Record<string, string>>;
  readonly portNames: ReadonlySet<string>;
}

/**
 * Kinds known to create no pods. A Service selecting nothing in a tree made only of these and the workload
 * kinds above is surely broken; next to any other kind (an operator's custom resource) it may select pods that
 * kind creates.
 */
export const PODLESS_KINDS = new Set([
  'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding',
  'Namespace', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'Ingress', 'IngressClass', 'NetworkPolicy',
  'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'CustomResourceDefinition', 'PriorityClass', 'LimitRange',
  'ResourceQuota', 'Endpoints', 'EndpointSlice', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'APIService', 'Application', 'ApplicationSet', 'AppProject', 'WorkflowTemplate', 'ClusterWorkflowTemplate',
  'WorkflowEventBinding', 'WorkflowTaskSet', 'SealedSecret', 'ExternalSecret',
]);

/** A pod template of the run, with its owner's namespace and its place in the input. */
type Placed = PodTemplate & { readonly namespace?: string; readonly order: number };

/** Every pod template of the run, and the same indexed by label, computed once per index (each Service looks). */
interface Templates {
  readonly all: readonly Placed[];
  /** by `key\0value` of each label */
  readonly byLabel: ReadonlyMap<string, readonly Placed[]>;
  /** by key, the templates whose label of that key is set at run time (it may take any value) */
  readonly runTimeByKey: ReadonlyMap<string, readonly Placed[]>;
}

/**
 * The pod templates in a namespace (all of them unless `limit`): workloads, CronJobs, bare Pods, Kubeflow replica
 * templates, Argo workflow templates, and workloads that Argo workflows create through resource templates.
 */
export function podTemplatesIn(index: ObjectIndex, namespace: string | undefined, limit = Infinity): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const t of templatesOf(index).all) {
    if (out.length >= limit) break;
    if (sameNamespace(t.namespace, namespace)) out.push(t);
  }
  return out;
}

const selected = new RunMemo<readonly PodTemplate[]>();

/**
 * The pod templates in a namespace whose labels a selector (a non-empty map) selects, in input order: once per
 * namespace and selector, as Services copied across folders (overlays of one app) select the same pods.
 */
export function selectedTemplates(index: ObjectIndex, namespace: string | undefined, selector: Readonly<Record<string, string>>): readonly PodTemplate[] {
  return selected.get(index, JSON.stringify([namespace ?? null, Object.entries(selector)]), () => selectTemplates(index, namespace, selector));
}

function selectTemplates(index: ObjectIndex, namespace: string | undefined, selector: Readonly<Record<string, string>>): PodTemplate[] {
  const { byLabel, runTimeByKey } = templatesOf(index);
  // Any selected template carries the selector's first label, with its value or one set at run time.
  const [key, value] = Object.entries(selector)[0];
  const byValue = byLabel.get(`${key}\u0000${value}`) ?? [];
  const runTime = runTimeByKey.get(key) ?? [];
  // A template is listed under one value of a key, or as set at run time: never in both lists.
  const candidates = runTime.length === 0 ? byValue : [...byValue, ...runTime].sort((a, b) => a.order - b.order);
  return candidates.filter((t) => sameNamespace(t.namespace, namespace) && selects(selector, t.labels));
}

const createdCache = new WeakMap<ObjectIndex, ReadonlyMap<KubeObject, readonly KubeObject[]>>();

/**
 * The objects each Argo workflow of the run creates through resource templates (`create`, `apply`, `replace`), by
 * the workflow, for the workflows that create any: computed once per index, since both the run's pod templates and
 * its created objects are made of them, and reading a workflow's resource manifests walks its templates.
 */
function createdByOwner(index: ObjectIndex): ReadonlyMap<KubeObject, readonly KubeObject[]> {
  let byOwner = createdCache.get(index);
  if (!byOwner) {
    const found = new Map<KubeObject, KubeObject[]>();
    for (const object of index.objects) {
      const created = embeddedManifests(object, index).map(createdObject).filter((o): o is KubeObject => o !== undefined);
      if (created.length > 0) found.set(object, created);
    }
    createdCache.set(index, byOwner = found);
  }
  return byOwner;
}

const runCreatedCache = new WeakMap<ObjectIndex, ObjectIndex>();

/**
 * The objects all workflows of the run create through resource templates, in input order and indexed by kind and
 * name, computed once per index: checks that look for a created target (each HPA, each Service) would otherwise
 * walk every object each time.
 */
export function runCreatedObjects(index: ObjectIndex): ObjectIndex {
  let created = runCreatedCache.get(index);
  if (!created) {
    created = new ObjectIndex([...createdByOwner(index).values()].flat());
    runCreatedCache.set(index, created);
  }
  return created;
}

const templateCache = new WeakMap<ObjectIndex, Templates>();

function templatesOf(index: ObjectIndex): Templates {
  const cached = templateCache.get(index);
  if (cached) return cached;
  const all: Placed[] = [];
  for (const object of index.objects) {
    const found: PodTemplate[] = [];
    addPodTemplates(object, object, found);
    for (const created of createdByOwner(index).get(object) ?? []) addPodTemplates(created, object, found);
    const namespace = namespaceOf(object);
    for (const { owner, labels, portNames } of found) all.push({ owner, labels, portNames, namespace, order: all.length });
  }
  // Built for every pod template of the run (one per Argo template of each workflow): no array per label.
  const byLabel = new Map<string, Placed[]>();
  const runTimeByKey = new Map<string, Placed[]>();
  const add = (map: Map<string, Placed[]>, key: string, t: Placed) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const t of all) {
    for (const k of Object.keys(t.labels)) {
      const v = t.labels[k];
      if (isRunTime(v)) add(runTimeByKey, k, t);
      else add(byLabel, `${k}\u0000${v}`, t);
    }
  }
  const templates = { all, byLabel, runTimeByKey };
  templateCache.set(index, templates);
  return templates;
}

/** Adds the pod templates of one object (`owner` is what reports name: the workflow for embedded manifests). */
function addPodTemplates(object: KubeObject, owner: KubeObject, found: PodTemplate[]): void {
  const add = (metadata: unknown, podSpec: unknown) => {
    const labels = stringMap(isRecord(metadata) ? metadata.labels : undefined);
    found.push({ owner, labels, portNames: portNames(podSpec) });
  };
  const kind = object.kind;
  const spec = isRecord(object.spec) ? object.spec : {};
  for (const pod of podSpecsOf(object)) add(pod.metadata, pod.spec);
  if (kind === 'Workflow' || kind === 'CronWorkflow') {
    // Argo pods carry the workflow's podMetadata and their template's metadata; daemon steps are served this way.
    const wfSpec = kind === 'CronWorkflow' && isRecord(spec.workflowSpec) ? spec.workflowSpec : spec;
    const podLabels = stringMap(isRecord(wfSpec.podMetadata) ? wfSpec.podMetadata.labels : undefined);
    for (const template of records(wfSpec.templates)) {
      const own = stringMap(isRecord(template.metadata) ? template.metadata.labels : undefined);
      // Into a map without a prototype, as stringMap's are: a spread into `{}` would give labels an inherited `constructor`.
      found.push({ owner, labels: Object.assign(stringMap(undefined), podLabels, own), portNames: portNames({ containers: [template.container, template.script].filter(isRecord) }) });
    }
  }
}

/** True when the selector picks pods with these labels; a label set at run time (`{{...}}`) may hold any value. */
export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const k of Object.keys(selector)) {
    const label = labels[k];
    if (label !== selector[k] && (label === undefined || !isRunTime(label))) return false;
  }
  return true;
}

function isRunTime(value: string): boolean {
  return value.includes('{{') || hasPlaceholder(value);
}


/** The port names of a pod spec's containers and init containers (sidecars). */
export function portNames(podSpec: unknown): Set<string> {
  const names = new Set<string>();
  if (!isRecord(podSpec)) return names;
  for (const container of [...records(podSpec.containers), ...records(podSpec.initContainers)]) {
    for (const port of records(container.ports)) if (typeof port.name === 'string') names.add(port.name);
  }
  return names;
}
