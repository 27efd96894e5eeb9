import { metricNameProblem } from '../../../argo-spec/names';
import { isRecord, records } from '../../object-index';
import { error, Violation } from '../../violation';
import { checkNames, CONTAINER_NAMES, namedEntries } from './field-names';
import { TEMPLATE_TYPES, TemplateInfo, templateLabel } from './workflow-model';

/**
 * What any template must get right whatever it does: exactly one type, fields only where its type uses them
 * (`parallelism` on steps and DAGs, `activeDeadlineSeconds` and `timeout` on templates that do the work, ...),
 * named init containers, pod-level resources Kubernetes takes, and metrics Prometheus takes. (The retry policy is an
 * enum the schema walker checks, from the enum facts: not reported twice.)
 *
 * Argo: `validateTemplateType`, `validateTemplate`, `validateNonLeaf`, `validateLeaf` (activeDeadlineSeconds,
 * parallelism), `validateInitContainers`, `validatePodResources` and the metrics checks of `workflow/metrics`.
 */
export function templateRules(info: TemplateInfo): Violation[] {
  const { template, path } = info;
  const label = templateLabel(info);
  const violations: Violation[] = [];
  if (info.types.length === 0) {
    violations.push(error(path, 'argo/template-type', `${label} has no type, so it does nothing`, `set exactly one of: ${TEMPLATE_TYPES.join(', ')}`));
  } else if (info.types.length > 1) {
    violations.push(error(path, 'argo/template-type', `${label} sets ${info.types.length} types (${info.types.join(', ')})`, 'split it into one template per type'));
  }
  const type = info.type;
  const misplaced = (field: string, message: string, fix: string) => violations.push(error(`${path}.${field}`, 'argo/template-field', message, fix));
  const orchestrates = type === 'steps' || type === 'dag';
  if (template.parallelism !== undefined && template.parallelism !== null && type !== undefined && !orchestrates) {
    misplaced('parallelism', `${label} sets parallelism, which only steps and dag templates have`, 'drop it, or set it on the steps or dag template that calls this one');
  }
  if (template.activeDeadlineSeconds !== undefined && template.activeDeadlineSeconds !== null) {
    if (orchestrates) {
      misplaced('activeDeadlineSeconds', `${label} is a ${type} template; activeDeadlineSeconds only applies to templates that run something`,
        'set it on the templates this one calls, or on the whole workflow (spec.activeDeadlineSeconds)');
    } else {
      violations.push(...deadlineProblems(template.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`, label));
    }
  }
  for (const field of ['timeout', 'pendingTimeout']) {
    const value = template[field];
    if (typeof value !== 'string' || value === '' || type === undefined) continue;
    if (!info.leaf) {
      misplaced(field, `${label} is a ${type} template, which does not support ${field}`, `set ${field} on the templates that run pods, or drop it`);
    } else if (field === 'timeout' && /^[+-]?\d+$/.test(value.trim())) {
      violations.push(error(`${path}.timeout`, 'argo/timeout', `timeout "${value}" of ${label} has no unit`, `write a duration, e.g. "${value.trim()}s"`));
    }
  }
  if (Array.isArray(template.resourceClaims) && template.resourceClaims.length > 0 && type !== undefined && !info.pod) {
    misplaced('resourceClaims', `${label} is a ${type} template, which creates no pod to attach resourceClaims to`, 'set resourceClaims on the container or script templates it runs');
  }
  if (template.podResources !== undefined) {
    if (type === 'http' || type === 'plugin') {
      misplaced('podResources', `${label} is a ${type} template, which runs on the shared agent pod, so podResources cannot apply`, 'drop podResources here');
    } else {
      violations.push(...podResourceProblems(template.podResources, `${path}.podResources`));
    }
  }
  violations.push(...checkNames(namedEntries(template.initContainers, `${path}.initContainers`), CONTAINER_NAMES, `the initContainers of ${label}`));
  if (isRecord(template.metrics)) violations.push(...metricProblems(template.metrics, `${path}.metrics`, label));
  return violations;
}

/** `activeDeadlineSeconds` is a non-negative whole number of seconds, or a `{{...}}` variable (Argo's `IsValidIntOrArgoVariable`). */
function deadlineProblems(value: unknown, path: string, label: string): Violation[] {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) return [];
  if (text.startsWith('{{') && text.endsWith('}}')) return [];
  if (/^[+-]?\d+$/.test(text) && Number(text) >= 0) return [];
  return [error(path, 'argo/active-deadline', `activeDeadlineSeconds of ${label} is ${JSON.stringify(value)}; it must be a whole number of seconds >= 0, or an Argo variable`,
    'set a positive number of seconds, e.g. 3600')];
}

/** Kubernetes takes only cpu, memory and hugepages-* at pod level, and no claims (Argo's `validatePodResources`). */
export function podResourceProblems(resources: unknown, path: string): Violation[] {
  if (!isRecord(resources)) return [];
  const violations: Violation[] = [];
  if (Array.isArray(resources.claims) && resources.claims.length > 0) {
    violations.push(error(`${path}.claims`, 'argo/pod-resources', 'pod-level resources cannot have claims', 'attach claims with resourceClaims on the template, or on a container'));
  }
  for (const list of ['limits', 'requests']) {
    const entries = resources[list];
    if (!isRecord(entries)) continue;
    for (const name of Object.keys(entries)) {
      if (name === 'cpu' || name === 'memory' || name.startsWith('hugepages-')) continue;
      violations.push(error(`${path}.${list}`, 'argo/pod-resources', `"${name}" is not a pod-level resource; Kubernetes takes only cpu, memory and hugepages-*`,
        `request ${name} in a container's resources instead`));
    }
  }
  return violations;
}

/** Prometheus metrics: valid names and label keys, a help text, and a value for each gauge, counter and histogram. */
function metricProblems(metrics: Record<string, unknown>, path: string, label: string): Violation[] {
  const violations: Violation[] = [];
  records(metrics.prometheus).forEach((metric, i) => {
    const at = `${path}.prometheus[${i}]`;
    const name = typeof metric.name === 'string' ? metric.name : '';
    const nameProblem = metricNameProblem(name);
    if (nameProblem) violations.push(error(`${at}.name`, 'argo/metric-name', `metric name "${name}" of ${label} ${nameProblem}`, `rename it, e.g. "${name.replace(/[^a-zA-Z0-9_]+/g, '_')}"`));
    records(metric.labels).forEach((l, j) => {
      const problem = typeof l.key === 'string' ? metricNameProblem(l.key) : 'is missing';
      if (problem) violations.push(error(`${at}.labels[${j}].key`, 'argo/metric-name', `metric label key "${String(l.key)}" ${problem}`, 'use letters, digits and \'_\''));
    });
    if (typeof metric.help !== 'string' || metric.help === '') {
      violations.push(error(at, 'argo/metric', `metric "${name}" of ${label} has no help text`, 'set help: to a sentence describing the metric'));
    }
    for (const kind of ['gauge', 'counter', 'histogram']) {
      const body = metric[kind];
      if (!isRecord(body)) continue;
      // A value of another type is there, and the schema's to report (Go reads no number into the string).
      if (body.value === undefined || body.value === null || body.value === '') {
        violations.push(error(`${at}.${kind}`, 'argo/metric', `${kind} metric "${name}" of ${label} has no value`, `set ${kind}.value, e.g. "{{duration}}"`));
      } else if (kind === 'gauge' && body.realtime === true && typeof body.value === 'string' && body.value.includes('resourcesDuration.')) {
        violations.push(error(`${at}.gauge.value`, 'argo/metric', `realtime gauge "${name}" reads resourcesDuration, which is known only when the node finishes`,
          'set realtime: false, or emit another value'));
      }
    }
  });
  return violations;
}
