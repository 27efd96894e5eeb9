import { isRecord, KubeObject } from '../../object-index';
import { joinPath } from '../argo/template-tags';

/** A pod spec inside an object, with the metadata its pods get and where it sits. */
export interface PodSpecAt {
  /** JSON path of the pod spec in the object (`spec.template.spec`) */
  readonly path: string;
  readonly spec: Record<string, unknown>;
  /** the pod template's metadata (the object's own, for a Pod) */
  readonly metadata: unknown;
  /** `pod` for a Pod's own spec, `pod-template` for a template controllers create pods from */
  readonly source: 'pod' | 'pod-template';
  /** volumes the controller adds to each pod, by name: a StatefulSet's `volumeClaimTemplates` @default none */
  readonly claimVolumes?: readonly string[];
}

/**
 * Where a container is written: a Pod's spec (the API server checks it as is), a pod template, an Argo template
 * (Argo builds the pod from it after substitution), or Argo's `templateDefaults` (merged into every template).
 */
export type ContainerSource = PodSpecAt['source'] | 'argo-template' | 'argo-defaults';

/** One container and where it sits. */
export interface ContainerAt {
  /** JSON path of the container in the object */
  readonly path: string;
  readonly container: Record<string, unknown>;
  /** `containers`, `initContainers`, `ephemeralContainers`, or the Argo field that holds it (`container`, `sidecars`, ...) */
  readonly list: string;
  readonly source: ContainerSource;
}

/** Kinds whose pods come from `spec.template`. */
const TEMPLATE_KINDS = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);
const ARGO_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);
/** The Kubeflow training jobs' replica maps (`tfReplicaSpecs`, `pytorchReplicaSpecs`, ...), each replica with a pod template. */
const REPLICA_SPECS = /ReplicaSpecs$/;

/**
 * Every Kubernetes pod spec an object holds: workloads' and Jobs' `spec.template`, CronJobs' job template, a
 * Pod's spec, a PodTemplate's template, the replica templates of Kubeflow training jobs (TFJob, PyTorchJob, ...).
 * Argo templates are not pod specs (Argo builds the pod); see {@link argoContainersOf}.
 */
export function podSpecsOf(object: KubeObject): PodSpecAt[] {
  const kind = object.kind;
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (typeof kind !== 'string') return [];
  if (kind === 'Pod') return spec ? [{ path: 'spec', spec, metadata: object.metadata, source: 'pod' }] : [];
  if (kind === 'PodTemplate') return fromTemplate(object.template, 'template');
  if (!spec) return [];
  if (kind === 'StatefulSet') {
    // The StatefulSet controller adds a volume per claim template to each pod, named after it.
    const claimVolumes = indexed(spec.volumeClaimTemplates).map(([claim]) => (isRecord(claim.metadata) ? claim.metadata.name : undefined))
      .filter((name): name is string => typeof name === 'string' && name !== '');
    return fromTemplate(spec.template, 'spec.template').map((pod) => ({ ...pod, claimVolumes }));
  }
  if (TEMPLATE_KINDS.has(kind)) return fromTemplate(spec.template, 'spec.template');
  if (kind === 'CronJob') {
    const job = isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
    return job ? fromTemplate(job.template, 'spec.jobTemplate.spec.template') : [];
  }
  if (typeof object.apiVersion === 'string' && object.apiVersion.startsWith('kubeflow.org/')) {
    return Object.entries(spec).filter(([key, value]) => REPLICA_SPECS.test(key) && isRecord(value)).flatMap(([key, replicas]) =>
      Object.entries(replicas as Record<string, unknown>).flatMap(([type, replica]) =>
        (isRecord(replica) ? fromTemplate(replica.template, joinPath(joinPath(joinPath('spec', key), type), 'template')) : [])));
  }
  return [];
}

/** The containers of a pod spec: `containers`, `initContainers`, `ephemeralContainers`. */
export function containersOf(pod: PodSpecAt): ContainerAt[] {
  return ['containers', 'initContainers', 'ephemeralContainers'].flatMap((list) =>
    indexed(pod.spec[list]).map(([container, i]) => ({ path: `${joinPath(pod.path, list)}[${i}]`, container, list, source: pod.source })));
}

/**
 * The containers of Argo Workflows' templates (`container`, `script`, `initContainers`, `sidecars`,
 * `containerSet.containers`), the `inline` templates of their steps and tasks included, which Argo puts into the
 * pods it creates as written, after substituting `{{...}}`.
 */
export function argoContainersOf(object: KubeObject): ContainerAt[] {
  const workflow = argoSpecOf(object);
  if (!workflow) return [];
  const found: ContainerAt[] = [];
  const queue = indexed(workflow.spec.templates).map(([template, i]) => ({ template, at: `${workflow.path}.templates[${i}]` }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    found.push(...templateContainers(next.template, next.at, 'argo-template'));
    queue.push(...inlineTemplates(next.template, next.at));
  }
  return found;
}

/**
 * The pod security contexts of an Argo workflow: the workflow's own (`spec.securityContext`, for every pod it runs)
 * and each template's, `inline` templates included, with their paths.
 */
export function argoPodSecurityContextsOf(object: KubeObject): { context: unknown; path: string }[] {
  const workflow = argoSpecOf(object);
  if (!workflow) return [];
  const found = [{ context: workflow.spec.securityContext, path: joinPath(workflow.path, 'securityContext') }];
  const queue = indexed(workflow.spec.templates).map(([template, i]) => ({ template, at: `${workflow.path}.templates[${i}]` }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    found.push({ context: next.template.securityContext, path: joinPath(next.at, 'securityContext') });
    queue.push(...inlineTemplates(next.template, next.at));
  }
  return found.filter((f) => isRecord(f.context));
}

/**
 * The containers of Argo's `templateDefaults`, which Argo merges into every template: partial by design (a
 * default may leave out what each template sets), so only what they hold is judged.
 */
export function argoDefaultContainersOf(object: KubeObject): ContainerAt[] {
  const workflow = argoSpecOf(object);
  const defaults = workflow?.spec.templateDefaults;
  return workflow && isRecord(defaults) ? templateContainers(defaults, `${workflow.path}.templateDefaults`, 'argo-defaults') : [];
}

/** The workflow spec of an Argo object (a CronWorkflow's `workflowSpec`) and its path. */
function argoSpecOf(object: KubeObject): { spec: Record<string, unknown>; path: string } | undefined {
  if (typeof object.kind !== 'string' || !ARGO_KINDS.has(object.kind) || !isRecord(object.spec)) return undefined;
  if (object.kind !== 'CronWorkflow') return { spec: object.spec, path: 'spec' };
  return isRecord(object.spec.workflowSpec) ? { spec: object.spec.workflowSpec, path: 'spec.workflowSpec' } : undefined;
}

function templateContainers(template: Record<string, unknown>, at: string, source: ContainerSource): ContainerAt[] {
  const found: ContainerAt[] = [];
  for (const single of ['container', 'script']) {
    if (isRecord(template[single])) found.push({ path: joinPath(at, single), container: template[single] as Record<string, unknown>, list: single, source });
  }
  for (const list of ['initContainers', 'sidecars']) {
    for (const [container, j] of indexed(template[list])) found.push({ path: `${joinPath(at, list)}[${j}]`, container, list, source });
  }
  if (isRecord(template.containerSet)) {
    for (const [container, j] of indexed(template.containerSet.containers)) {
      found.push({ path: `${at}.containerSet.containers[${j}]`, container, list: 'containerSet', source });
    }
  }
  return found;
}

/** The `inline` templates of a template's DAG tasks and steps. */
function inlineTemplates(template: Record<string, unknown>, at: string): { template: Record<string, unknown>; at: string }[] {
  const found: { template: Record<string, unknown>; at: string }[] = [];
  if (isRecord(template.dag)) {
    for (const [task, i] of indexed(template.dag.tasks)) if (isRecord(task.inline)) found.push({ template: task.inline, at: `${at}.dag.tasks[${i}].inline` });
  }
  if (Array.isArray(template.steps)) {
    template.steps.forEach((group, g) => {
      for (const [step, i] of indexed(group)) if (isRecord(step.inline)) found.push({ template: step.inline, at: `${at}.steps[${g}][${i}].inline` });
    });
  }
  return found;
}

function fromTemplate(template: unknown, path: string): PodSpecAt[] {
  return isRecord(template) && isRecord(template.spec) ? [{ path: `${path}.spec`, spec: template.spec, metadata: template.metadata, source: 'pod-template' }] : [];
}

/** The records of a list with their indexes in it (non-records skipped, indexes kept). */
export function indexed(value: unknown): [Record<string, unknown>, number][] {
  const out: [Record<string, unknown>, number][] = [];
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) if (isRecord(value[i])) out.push([value[i] as Record<string, unknown>, i]);
  return out;
}
