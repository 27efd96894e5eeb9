import { isRecord, KubeObject, records } from '../../object-index';
import { error, Violation } from '../../violation';
import { stringMap } from '../../../string-map';

/** Controllers whose pods run for ever: template restartPolicy must be Always. */
const LONG_RUNNING = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);

/**
 * Workload rules beyond the pod spec: a controller's selector is not empty and selects its own pod template
 * (else the API server rejects it: "`selector` does not match template `labels`"); Deployments, ReplicaSets,
 * StatefulSets and DaemonSets run pods with restartPolicy Always, Jobs with OnFailure or Never; a Deployment's
 * rolling-update settings fit its strategy.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/apps/validation/validation.go
 *   (ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidatePodTemplateSpecForReplicaSet,
 *   ValidateStatefulSetSpec, ValidateDaemonSetSpec)
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/batch/validation/validation.go (validateJobSpec)
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (ValidatePodTemplateSpecForRC)
 */
export function workloadViolations(object: KubeObject): Violation[] {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (!spec) return [];
  if (kind === 'Job') return jobTemplateViolations(spec, 'spec', spec.manualSelector === true);
  if (kind === 'CronJob') {
    const job = isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
    return job ? jobTemplateViolations(job, 'spec.jobTemplate.spec', job.manualSelector === true) : [];
  }
  if (!LONG_RUNNING.has(kind) || !isRecord(spec.template)) return [];
  const out: Violation[] = [];
  const labels = stringMap(isRecord(spec.template.metadata) ? spec.template.metadata.labels : undefined);
  // A ReplicationController's selector is a plain map, defaulted to the template's labels when empty.
  if (kind === 'ReplicationController') {
    if (isRecord(spec.selector) && Object.keys(spec.selector).length > 0) out.push(...selectorMatch({ matchLabels: spec.selector }, labels, kind));
  } else if (isRecord(spec.selector)) {
    const empty = Object.keys(isRecord(spec.selector.matchLabels) ? spec.selector.matchLabels : {}).length === 0 && records(spec.selector.matchExpressions).length === 0;
    if (empty) out.push(error('spec.selector', 'k8s/selector', `the ${kind}'s selector is empty, which the API server refuses for a ${kind}`, 'set spec.selector.matchLabels to labels of spec.template.metadata.labels'));
    else out.push(...selectorMatch(spec.selector, labels, kind));
  }
  const podSpec = isRecord(spec.template.spec) ? spec.template.spec : {};
  const policy = podSpec.restartPolicy;
  if (typeof policy === 'string' && policy !== '' && policy !== 'Always') {
    out.push(error('spec.template.spec.restartPolicy', 'k8s/restart-policy', `a ${kind} runs its pods with restartPolicy Always, got "${policy}"`,
      'remove restartPolicy (it defaults to Always), or use a Job for pods that run to completion'));
  }
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    out.push(error('spec.template.spec.activeDeadlineSeconds', 'k8s/restart-policy', `a ${kind}'s pods may not set activeDeadlineSeconds`, 'remove it; use a Job for pods with a deadline'));
  }
  if (kind === 'Deployment') out.push(...strategyViolations(spec));
  return out;
}

function jobTemplateViolations(job: Record<string, unknown>, path: string, manualSelector: boolean): Violation[] {
  const template = isRecord(job.template) ? job.template : undefined;
  if (!template) return [];
  const out: Violation[] = [];
  const policy = isRecord(template.spec) ? template.spec.restartPolicy : undefined;
  if (policy !== 'OnFailure' && policy !== 'Never') {
    out.push(error(`${path}.template.spec.restartPolicy`, 'k8s/restart-policy',
      policy === undefined || policy === '' ? 'a Job\'s pods need restartPolicy OnFailure or Never (the default, Always, is refused)' : `a Job's pods need restartPolicy OnFailure or Never, got "${String(policy)}"`,
      'set restartPolicy: Never (the Job retries failed pods) or OnFailure (the kubelet restarts them)'));
  }
  if (manualSelector && isRecord(job.selector)) {
    const labels = stringMap(isRecord(template.metadata) ? template.metadata.labels : undefined);
    out.push(...selectorMatch(job.selector, labels, 'Job', `${path}.selector`));
  }
  return out;
}

/** The selector selects the template's labels. */
function selectorMatch(selector: Record<string, unknown>, labels: Readonly<Record<string, string>>, kind: string, path = 'spec.selector'): Violation[] {
  const result = matches(selector, labels);
  if (result !== false) return [];
  const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'none';
  return [error(path, 'k8s/selector', `the ${kind}'s selector does not select its own pod template (template labels: ${shown})`,
    'make spec.selector.matchLabels a subset of spec.template.metadata.labels')];
}

/**
 * Whether a LabelSelector (matchLabels and matchExpressions with In, NotIn, Exists, DoesNotExist) selects the
 * labels; undefined when it cannot tell (values set at run time, unknown operators the schema reports).
 */
export function matches(selector: Record<string, unknown>, labels: Readonly<Record<string, string>>): boolean | undefined {
  const runTime = (v: string) => v.includes('{{');
  if (Object.entries(labels).some(([k, v]) => runTime(k) || runTime(v))) return undefined;
  for (const [key, value] of Object.entries(isRecord(selector.matchLabels) ? selector.matchLabels : {})) {
    if (typeof value !== 'string' || runTime(value) || runTime(key)) return undefined;
    if (labels[key] !== value) return false;
  }
  for (const expression of records(selector.matchExpressions)) {
    const { key, operator } = expression;
    const values = Array.isArray(expression.values) ? expression.values : [];
    if (typeof key !== 'string') return undefined;
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In': if (!has || !values.includes(labels[key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return undefined;
    }
  }
  return true;
}

/** ValidateDeploymentStrategy and ValidateRollingUpdateDeployment. */
function strategyViolations(spec: Record<string, unknown>): Violation[] {
  const strategy = isRecord(spec.strategy) ? spec.strategy : {};
  const rolling = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : undefined;
  const out: Violation[] = [];
  if (strategy.type === 'Recreate' && rolling) {
    out.push(error('spec.strategy.rollingUpdate', 'k8s/deployment-strategy', 'rollingUpdate may not be set when strategy.type is Recreate', 'remove rollingUpdate, or set type: RollingUpdate'));
  } else if (rolling) {
    const unavailable = rolling.maxUnavailable;
    if (typeof unavailable === 'string' && /^\d+%$/.test(unavailable) && Number.parseInt(unavailable, 10) > 100) {
      out.push(error('spec.strategy.rollingUpdate.maxUnavailable', 'k8s/deployment-strategy', `maxUnavailable ${unavailable} is over 100%`, 'use at most 100%'));
    }
    if (isZero(unavailable) && isZero(rolling.maxSurge)) {
      out.push(error('spec.strategy.rollingUpdate', 'k8s/deployment-strategy', 'maxUnavailable and maxSurge are both 0, so a rollout could never replace a pod',
        'allow at least one: e.g. maxSurge: 1 (or 25%)'));
    }
  }
  const { progressDeadlineSeconds: deadline, minReadySeconds: minReady } = spec;
  if (typeof deadline === 'number' && typeof minReady === 'number' && deadline <= minReady) {
    out.push(error('spec.progressDeadlineSeconds', 'k8s/deployment-strategy', `progressDeadlineSeconds ${deadline} must be greater than minReadySeconds ${minReady}`, `raise progressDeadlineSeconds above ${minReady}`));
  }
  return out;
}

function isZero(value: unknown): boolean {
  return value === 0 || value === '0' || value === '0%';
}
