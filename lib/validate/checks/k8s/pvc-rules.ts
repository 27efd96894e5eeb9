import { isRecord, KubeObject } from '../../object-index';
import { quantityValue } from '../../../k8s-spec/quantity';
import { error, Violation } from '../../violation';
import { joinPath } from '../argo/template-tags';
import { indexed } from './pod-specs';

/**
 * A PersistentVolumeClaim spec, wherever a claim is made from one (a PVC, a StatefulSet's or an Argo workflow's
 * volumeClaimTemplates, a pod's ephemeral volume): at least one access mode, ReadWriteOncePod alone, and a
 * positive storage request.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (ValidatePersistentVolumeClaimSpec)
 */
export function pvcSpecViolations(spec: Record<string, unknown>, path: string): Violation[] {
  const out: Violation[] = [];
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) {
    out.push(error(joinPath(path, 'accessModes'), 'k8s/pvc', 'the claim has no access mode', 'set accessModes, e.g. [ReadWriteOnce]'));
  } else if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    out.push(error(joinPath(path, 'accessModes'), 'k8s/pvc', 'ReadWriteOncePod may not be combined with other access modes', 'keep only ReadWriteOncePod, or drop it'));
  }
  const requests = isRecord(spec.resources) && isRecord(spec.resources.requests) ? spec.resources.requests : {};
  const storage = requests.storage;
  const at = joinPath(joinPath(joinPath(path, 'resources'), 'requests'), 'storage');
  if (storage === undefined || storage === null) {
    out.push(error(at, 'k8s/pvc', 'the claim requests no storage', 'set resources.requests.storage, e.g. 10Gi'));
  } else {
    const value = quantityValue(storage);
    if (value !== undefined && value <= 0) out.push(error(at, 'k8s/pvc', `storage request ${String(storage)} is not positive`, 'request a size above zero, e.g. 10Gi'));
  }
  return out;
}

/** Claim specs of an object itself: a PVC's spec, StatefulSet and Argo workflow volumeClaimTemplates (pods' ephemeral volumes go with their pod spec). */
export function pvcViolationsOf(object: KubeObject): Violation[] {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (!spec) return [];
  if (object.kind === 'PersistentVolumeClaim' && object.apiVersion === 'v1') return pvcSpecViolations(spec, 'spec');
  const workflowSpec = object.kind === 'CronWorkflow' && isRecord(spec.workflowSpec) ? spec.workflowSpec : spec;
  const base = workflowSpec === spec ? 'spec' : 'spec.workflowSpec';
  const kinds = ['StatefulSet', 'Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'];
  if (typeof object.kind !== 'string' || !kinds.includes(object.kind)) return [];
  return indexed(workflowSpec.volumeClaimTemplates).flatMap(([template, i]) =>
    (isRecord(template.spec) ? pvcSpecViolations(template.spec, `${base}.volumeClaimTemplates[${i}].spec`) : []));
}
