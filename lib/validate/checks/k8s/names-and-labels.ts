import { Check } from '../../check';
import { isRecord, metadataOf } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { joinPath, segmentsPath } from '../argo/template-tags';
import { dns1035Label, dns1123Label, dns1123Subdomain, labelValue, NameProblem, pathSegmentName, qualifiedName } from '../../../k8s-spec/name-rules';
import { own } from '../../../own';

/** Kinds named by RFC 1035 labels (they become DNS names). */
const DNS1035_KINDS = new Set(['Service']);
/** Kinds named by RFC 1123 labels. */
const DNS1123_LABEL_KINDS = new Set(['Namespace']);
/** RBAC kinds take path-segment names (`system:controller:foo`), which the API server barely restricts. */
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
/**
 * Names that end up in a 63-character label value (`workflows.argoproj.io/workflow`, `job-name`), or that a
 * controller suffixes: longer names are accepted at apply and fail when the pods start.
 */
const MAX_NAME_LENGTH: Readonly<Record<string, number>> = { CronJob: 52, Workflow: 63, WorkflowTemplate: 63, ClusterWorkflowTemplate: 63, CronWorkflow: 52, Job: 63 };

/**
 * `metadata.name` and `metadata.namespace` follow Kubernetes' naming rules and length limits; label keys and
 * values, annotation keys and label selectors follow the label syntax, wherever an object embeds metadata
 * (pod templates, Argo templates). Values holding `{{...}}` are resolved at run time and are skipped.
 */
export const checkNamesAndLabels: Check = (object) => {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const violations: Violation[] = [];
  const metadata = metadataOf(object);
  const name = metadata.name;
  if (typeof name === 'string' && !isTemplated(name)) {
    const problem = nameProblem(kind, name);
    if (problem) {
      violations.push(error('metadata.name', 'k8s/name', `${kind} name "${name}" ${problem}`,
        'rename it, e.g. lowercase with \'-\' instead of \'_\' or spaces'));
    }
  } else if (name === undefined && typeof metadata.generateName !== 'string') {
    // The API server rejects a nameless object, but `argo submit` is how Workflows usually arrive, and a run may
    // be named there; so for a Workflow it is only a warning.
    const report = kind === 'Workflow' ? warning : error;
    violations.push(report('metadata.name', 'k8s/name', `${kind || 'the object'} has neither metadata.name nor metadata.generateName`,
      kind === 'Workflow' ? 'set metadata.generateName (e.g. "train-") so every submission gets a unique name' : 'set metadata.name'));
  }
  const namespace = metadata.namespace;
  if (typeof namespace === 'string' && namespace !== '' && !isTemplated(namespace)) {
    const problem = dns1123Label(namespace);
    if (problem) violations.push(error('metadata.namespace', 'k8s/name', `namespace "${namespace}" ${problem}`, 'use a lowercase DNS label'));
  }
  // A CRD's schema has fields named metadata and matchLabels that describe labels rather than hold them.
  if (kind !== 'CustomResourceDefinition') walkLabels(object, [], violations);
  return violations;
};

function nameProblem(kind: string, name: string): NameProblem {
  if (PATH_SEGMENT_KINDS.has(kind)) return pathSegmentName(name);
  const base = DNS1035_KINDS.has(kind) ? dns1035Label(name) : DNS1123_LABEL_KINDS.has(kind) ? dns1123Label(name) : dns1123Subdomain(name);
  if (base) return base;
  const max = own(MAX_NAME_LENGTH, kind);
  return max !== undefined && name.length > max ? `is ${name.length} characters; ${kind} names must be at most ${max}` : undefined;
}

function isTemplated(value: string): boolean {
  return value.includes('{{') || value.includes('$(');
}

/**
 * Finds label maps wherever metadata or selectors are embedded, and checks them.
 *
 * @param at where `value` is: one stack of keys and indexes for the whole walk, made a path only for a label map
 *   found, since every object validated is walked to its leaves
 */
function walkLabels(value: unknown, at: (string | number)[], out: Violation[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      at.push(i);
      walkLabels(v, at, out);
      at.pop();
    });
    return;
  }
  if (!isRecord(value)) return;
  for (const key in value) {
    const child = value[key];
    if (!isRecord(child)) {
      if (Array.isArray(child)) {
        at.push(key);
        walkLabels(child, at, out);
        at.pop();
      }
      continue;
    }
    at.push(key);
    if (key === 'metadata' || key === 'podMetadata' || key === 'workflowMetadata') {
      if (isRecord(child.labels)) checkLabelMap(child.labels, joinPath(segmentsPath(at), 'labels'), 'label', out);
      if (isRecord(child.annotations)) checkKeys(child.annotations, joinPath(segmentsPath(at), 'annotations'), out);
    } else if (key === 'matchLabels') {
      checkLabelMap(child, segmentsPath(at), 'selector label', out);
    }
    walkLabels(child, at, out);
    at.pop();
  }
}

function checkLabelMap(labels: Record<string, unknown>, path: string, what: string, out: Violation[]): void {
  for (const [key, value] of Object.entries(labels)) {
    if (isTemplated(key)) continue;
    const keyProblem = qualifiedName(key);
    if (keyProblem) out.push(error(joinPath(path, key), 'k8s/label', `${what} key "${key}" ${keyProblem}`, 'use a key like "app.kubernetes.io/name"'));
    if (typeof value === 'string' && !isTemplated(value)) {
      const valueProblem = labelValue(value);
      if (valueProblem) {
        out.push(error(joinPath(path, key), 'k8s/label', `${what} "${key}" has value "${value}", which ${valueProblem}`,
          'shorten it or replace other characters with \'-\'; put free text in an annotation'));
      }
    }
  }
}

function checkKeys(annotations: Record<string, unknown>, path: string, out: Violation[]): void {
  for (const key of Object.keys(annotations)) {
    if (isTemplated(key)) continue;
    const problem = qualifiedName(key);
    if (problem) out.push(error(joinPath(path, key), 'k8s/annotation', `annotation key "${key}" ${problem}`, 'use a key like "example.com/note"'));
  }
}
