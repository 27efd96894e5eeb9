import { Check } from '../../check';
import { isRecord, namespaceOf } from '../../object-index';
import { error, warning } from '../../violation';
import { runCreatedObjects } from './pod-templates';
import { podsAreKnown } from './service-selectors';

/**
 * A HorizontalPodAutoscaler's `scaleTargetRef` names an object in the input, in the same namespace. When the
 * input may not show everything in the namespace, a missing target is a warning.
 */
export const checkHpaTarget: Check = (object, { index }) => {
  if (object.kind !== 'HorizontalPodAutoscaler' || !isRecord(object.spec) || !isRecord(object.spec.scaleTargetRef)) return [];
  const ref = object.spec.scaleTargetRef;
  if (typeof ref.kind !== 'string' || typeof ref.name !== 'string') return [];
  const namespace = namespaceOf(object);
  if (index.find(ref.kind, ref.name, namespace)) return [];
  // A Deployment a pipeline applies through a resource template (e.g. a TF-Serving step) is a target too.
  const created = runCreatedObjects(index).some((c) => c.kind === ref.kind
    && isRecord(c.metadata) && c.metadata.name === ref.name && (namespaceOf(c) ?? namespace) === namespace);
  if (created) return [];
  const candidates = index.ofKind(ref.kind).map((o) => (isRecord(o.metadata) ? String(o.metadata.name) : '')).filter((n) => n !== '');
  const message = `scaleTargetRef names ${ref.kind} "${ref.name}", which is not in ${namespace ? `namespace "${namespace}"` : 'the validated files'}`;
  const fix = candidates.length > 0 ? `use one of: ${candidates.join(', ')}` : `add the ${ref.kind} or fix scaleTargetRef`;
  return [podsAreKnown(index, namespace) ? error('spec.scaleTargetRef.name', 'k8s/hpa-target', message, fix) : warning('spec.scaleTargetRef.name', 'k8s/hpa-target', message, fix)];
};
