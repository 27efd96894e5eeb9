import { Check } from '../../check';
import { isRecord, nameOf, namespaceOf, ObjectIndex, RunMemo, sameNamespace } from '../../object-index';
import { list } from '../../schema/schema-messages';
import { suggestName } from '../../../suggest-name';
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
  if (runCreatedObjects(index).find(ref.kind, ref.name, namespace)) return [];
  const message = `scaleTargetRef names ${ref.kind} "${ref.name}", which is not in ${namespace ? `namespace "${namespace}"` : 'the validated files'}`;
  const fix = missingTargetFix(index, ref.kind, ref.name, namespace);
  return [podsAreKnown(index, namespace) ? error('spec.scaleTargetRef.name', 'k8s/hpa-target', message, fix) : warning('spec.scaleTargetRef.name', 'k8s/hpa-target', message, fix)];
};

const fixes = new RunMemo<string>();

/**
 * The fix for a missing target: the closest name of its kind in the namespace, else the names there. Once per
 * target, kind and namespace: HPAs copied across folders name the same missing target, and each suggestion weighs
 * every name of the kind.
 */
function missingTargetFix(index: ObjectIndex, kind: string, name: string, namespace: string | undefined): string {
  return fixes.get(index, JSON.stringify([kind, namespace ?? null, name]), () => {
    const candidates = namesOfKind(index, kind, namespace);
    const close = suggestName(name, candidates);
    return close !== undefined ? `did you mean "${close}"?` : candidates.length > 0 ? `use one of: ${list(candidates)}` : `add the ${kind} or fix scaleTargetRef`;
  });
}

const names = new RunMemo<readonly string[]>();

/**
 * The names of the run's objects of a kind that an HPA in the namespace may target, for its fix: computed once per
 * kind and namespace, not for every HPA.
 */
function namesOfKind(index: ObjectIndex, kind: string, namespace: string | undefined): readonly string[] {
  return names.get(index, JSON.stringify([kind, namespace ?? null]), () =>
    index.ofKind(kind).filter((o) => sameNamespace(namespaceOf(o), namespace)).map(nameOf).filter((n): n is string => n !== undefined && n !== ''));
}
