import { append } from '../../../append';
import { groupOf, isRecord, KubeObject } from '../../object-index';
import { error, Violation } from '../../violation';
import { joinPath } from '../argo/template-tags';

/** A Job spec's counts and durations (validateJobSpec), also under a CronJob's `jobTemplate`. */
const JOB_FIELDS = ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'ttlSecondsAfterFinished'];

/**
 * The counts and durations of each workload kind's spec that the API server takes only at 0 or more
 * (`ValidateNonnegativeField`); the published schema gives no minimum for them.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
 *   ValidateReplicaSetSpec, ValidateStatefulSetSpec, ValidateDaemonSetSpec)
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/batch/validation/validation.go (validateJobSpec, validateCronJobSpec)
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (ValidateReplicationControllerSpec)
 */
const NON_NEGATIVE: Readonly<Record<string, { readonly group: string; readonly fields: readonly string[] }>> = {
  Deployment: { group: 'apps', fields: ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds'] },
  ReplicaSet: { group: 'apps', fields: ['replicas', 'minReadySeconds'] },
  ReplicationController: { group: '', fields: ['replicas', 'minReadySeconds'] },
  StatefulSet: { group: 'apps', fields: ['replicas', 'minReadySeconds'] },
  DaemonSet: { group: 'apps', fields: ['minReadySeconds', 'revisionHistoryLimit'] },
  Job: { group: 'batch', fields: JOB_FIELDS },
  CronJob: { group: 'batch', fields: ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] },
};

/**
 * Counts the API server refuses below 0 (replicas, history limits, deadlines) in a workload's spec. Values that are
 * no numbers (a templated `{{...}}`) are the schema's to report; a Deployment's progressDeadlineSeconds against its
 * minReadySeconds is a strategy rule (workload-rules.ts).
 */
export function countViolations(object: KubeObject): Violation[] {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  // The built-in kinds only: a custom resource of the same kind name (kubebuilder's tutorial CronJob) has rules of its own.
  if (!Object.hasOwn(NON_NEGATIVE, kind) || groupOf(object) !== NON_NEGATIVE[kind].group || !isRecord(object.spec)) return [];
  const out = negativeCounts(object.spec, NON_NEGATIVE[kind].fields, 'spec');
  if (kind === 'CronJob' && isRecord(object.spec.jobTemplate) && isRecord(object.spec.jobTemplate.spec)) {
    append(out, negativeCounts(object.spec.jobTemplate.spec, JOB_FIELDS, 'spec.jobTemplate.spec'));
  }
  return out;
}

/**
 * A violation for each of the counts that is below 0, which `ValidateNonnegativeField` refuses.
 *
 * @param at where the counts are (`spec`, `spec.containers[0].livenessProbe`)
 * @param rule the rule they fall under
 * @param owner what messages name the counts by (`livenessProbe`) @default - the field alone
 */
export function negativeCounts(spec: Record<string, unknown>, fields: readonly string[], at: string, rule = 'k8s/counts', owner?: string): Violation[] {
  const out: Violation[] = [];
  for (const field of fields) {
    const value = spec[field];
    if (typeof value !== 'number' || value >= 0) continue;
    out.push(error(joinPath(at, field), rule, `${owner === undefined ? '' : `${owner}.`}${field} is ${value}, which the API server refuses ("must be greater than or equal to 0")`,
      `set ${field} to 0 or more, or drop it for the default`));
  }
  return out;
}
