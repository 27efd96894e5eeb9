import { Check } from '../../check';
import { isRecord, KubeObject, namespaceOf, nameOf, ObjectIndex, records, RunMemo, sameNamespace } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { stringMap } from '../../../string-map';
import { PODLESS_KINDS, podTemplatesIn, portNames, runCreatedObjects, selectedTemplates } from './pod-templates';
import { podSpecsOf } from './pod-specs';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'ReplicationController', 'Workflow', 'CronWorkflow']);

/**
 * True when the input shows every pod of the namespace: it holds workloads there, and no kind that might create
 * pods of its own (an operator's custom resource). Only then is "selects nothing" surely an error.
 */
export function podsAreKnown(index: ObjectIndex, namespace: string | undefined): boolean {
  return known.get(index, JSON.stringify(namespace ?? null), () =>
    podTemplatesIn(index, namespace, 1).length > 0 && onlyKnownKinds(index) && onlyKnownKinds(runCreatedObjects(index)));
}

/** {@link podsAreKnown} per index and namespace: each Service and HPA that finds nothing asks. */
const known = new RunMemo<boolean>();

function onlyKnownKinds(index: ObjectIndex): boolean {
  for (const kind of index.kinds()) if (!PODLESS_KINDS.has(kind) && !WORKLOAD_KINDS.has(kind)) return false;
  return true;
}

/**
 * Each Service selects the pods of some workload in its namespace, and its named `targetPort`s are ports the
 * selected containers name. When the input may not show every pod (no workloads, or custom resources that may
 * run pods), a Service that selects nothing is a warning.
 */
export const checkServiceSelectors: Check = (object, { index, patches }) => {
  if (object.kind !== 'Service' || object.apiVersion !== 'v1' || !isRecord(object.spec)) return [];
  const spec = object.spec;
  if (spec.type === 'ExternalName' || !isRecord(spec.selector)) return [];
  const selector = stringMap(spec.selector);
  if (Object.keys(selector).length === 0) return [];
  const namespace = namespaceOf(object);
  const matched = selectedTemplates(index, namespace, selector);
  const shown = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  if (matched.length === 0) {
    const where = namespace ? `namespace "${namespace}"` : 'the validated files';
    const candidates = podTemplatesIn(index, namespace, 3).map((t) => `${String(t.owner.kind)} ${nameOf(t.owner) ?? ''} has ${Object.entries(t.labels).map(([k, v]) => `${k}=${v}`).join(',') || 'no labels'}`);
    const fix = candidates.length > 0 ? `make spec.selector match a pod template's labels (${candidates.join('; ')})` : 'make spec.selector match the labels of the pods to serve';
    const message = `selector ${shown} matches no pod template in ${where}`;
    return [podsAreKnown(index, namespace) ? error('spec.selector', 'k8s/service-selector', message, fix) : warning('spec.selector', 'k8s/service-selector', message, fix)];
  }
  const violations: Violation[] = [];
  let names: string[][] | undefined;
  records(spec.ports).forEach((port, i) => {
    const target = port.targetPort;
    if (typeof target !== 'string' || /^\d+$/.test(target)) return;
    names ??= matched.map((t) => [...t.portNames, ...patchedPortNames(t.owner, patches)]);
    if (names.some((n) => n.includes(target))) return;
    const known = [...new Set(names.flat())];
    violations.push(error(`spec.ports[${i}].targetPort`, 'k8s/service-target-port',
      `targetPort "${target}" is not a named container port of the selected pods (${matched.map((t) => `${String(t.owner.kind)} ${nameOf(t.owner) ?? ''}`).join(', ')})`,
      known.length > 0 ? `use one of: ${known.join(', ')}, or a port number` : 'name the container port (ports[].name) or use a port number'));
  });
  return violations;
};

/**
 * The port names the run's strategic-merge patches give a workload's pods: kustomize merges a patch's containers
 * into the object of its kind and name (kubebuilder's `manager_auth_proxy_patch.yaml` adds the kube-rbac-proxy
 * container and its `https` port that `auth_proxy_service.yaml` targets).
 */
function patchedPortNames(owner: KubeObject, patches: ObjectIndex | undefined): string[] {
  if (!patches) return [];
  const name = nameOf(owner);
  return patches.ofKind(String(owner.kind)).filter((p) => nameOf(p) === name && sameNamespace(namespaceOf(p), namespaceOf(owner)))
    .flatMap((p) => podSpecsOf(p).flatMap((pod) => [...portNames(pod.spec)]));
}
