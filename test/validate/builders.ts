import { Check } from '../../lib/validate/check';
import { KubeObject, ObjectIndex } from '../../lib/validate/object-index';
import { Violation } from '../../lib/validate/violation';

/** Runs one check on an object, with the other objects of the run (and the cluster's Argo version, when given). */
export function runCheck(check: Check, object: KubeObject, others: readonly KubeObject[] = [], argoVersion?: string): Violation[] {
  return check(object, { index: new ObjectIndex([object, ...others]), argoVersion });
}

/** The rules of the violations, for compact assertions. */
export function rules(violations: readonly Violation[]): string[] {
  return violations.map((v) => `${v.severity}:${v.rule}`);
}

/** A Workflow with the given templates and spec fields. */
export function workflow(templates: unknown[], spec: Record<string, unknown> = {}, kind = 'Workflow'): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1', kind,
    metadata: kind === 'Workflow' ? { generateName: 'wf-' } : { name: 'wf' },
    spec: { entrypoint: 'main', ...spec, templates },
  };
}

/** A container template. */
export function container(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, container: { image: 'alpine:3.19', command: ['echo'] }, ...extra };
}

/** A DAG template named main with the given tasks. */
export function dag(tasks: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'main', dag: { tasks }, ...extra };
}
