import { dns1123Label, labelValue, NameProblem, qualifiedName } from '../../../k8s-spec/name-rules';
import { isRecord } from '../../object-index';
import { jsonPath } from '../../schema/json-path';
import { error, Violation, warning } from '../../violation';

/** What a name prefix or suffix may hold: what a DNS subdomain name (most kinds' names) may. */
const NAME_AFFIX = /^[a-z0-9.-]*$/;

/**
 * What a kustomization stamps on every object it builds must be something the API server takes, or Argo CD's sync of
 * the build fails however valid the files are: `namespace` a DNS label; the keys and values of `commonLabels` and
 * `labels[].pairs` label keys and values; the keys of `commonAnnotations` annotation keys; `namePrefix` and
 * `nameSuffix` characters of a name, not putting `-` or `.` at a name's start or end (a warning: RBAC names take more).
 */
export function checkStamps(kustomization: Readonly<Record<string, unknown>>): Violation[] {
  const violations: Violation[] = [];
  const namespace = kustomization.namespace;
  if (typeof namespace === 'string' && namespace !== '') {
    const problem = dns1123Label(namespace);
    if (problem) {
      violations.push(error('namespace', 'kustomize/namespace', `namespace "${namespace}" ${problem}; kustomize sets it on every object it builds, `
        + 'and the API server refuses them all', 'use a namespace name such as "ml-prod"'));
    }
  }
  const labelMaps: [string[], unknown][] = [[['commonLabels'], kustomization.commonLabels]];
  if (Array.isArray(kustomization.labels)) {
    kustomization.labels.forEach((label, i) => {
      if (isRecord(label)) labelMaps.push([['labels', i, 'pairs'] as string[], label.pairs]);
    });
  }
  for (const [at, labels] of labelMaps) {
    if (!isRecord(labels)) continue;
    for (const key of Object.keys(labels)) {
      const value = labels[key];
      const problem: NameProblem = qualifiedName(key) ?? (typeof value === 'string' ? labelValue(value) : undefined);
      if (!problem) continue;
      const what = qualifiedName(key) ? `label key "${key}"` : `label value "${String(value)}" of ${key}`;
      violations.push(error(jsonPath([...at, key]), 'kustomize/label', `${what} ${problem}; kustomize puts the label on every object it builds, `
        + 'and the API server refuses them all', 'use a valid label: keys like app.kubernetes.io/name, values of at most 63 alphanumerics, \'-\', \'_\' or \'.\''));
    }
  }
  const annotations = kustomization.commonAnnotations;
  if (isRecord(annotations)) {
    for (const key of Object.keys(annotations)) {
      const problem = qualifiedName(key);
      if (problem) {
        violations.push(error(jsonPath(['commonAnnotations', key]), 'kustomize/annotation', `annotation key "${key}" ${problem}; kustomize puts it `
          + 'on every object it builds, and the API server refuses them all', 'use a valid annotation key, like example.com/owner'));
      }
    }
  }
  for (const [field, bad] of [['namePrefix', /^[-.]/], ['nameSuffix', /[-.]$/]] as const) {
    const affix = kustomization[field];
    if (typeof affix !== 'string' || affix === '' || (NAME_AFFIX.test(affix) && !bad.test(affix))) continue;
    // A warning: the names of a few kinds (RBAC roles and bindings) may hold more.
    violations.push(warning(field, 'kustomize/name-affix', `${field} "${affix}" makes names that most kinds refuse: their names hold lowercase `
      + `alphanumerics, '-' and '.', and ${field === 'namePrefix' ? 'start' : 'end'} with an alphanumeric`,
    `use lowercase alphanumerics and '-', like ${field === 'namePrefix' ? '"dev-"' : '"-dev"'}`));
  }
  return violations;
}
