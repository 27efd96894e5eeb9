/**
 * Kubernetes' name and label rules, as the API server applies them.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why a value breaks a name rule, or undefined when it follows it. */
export type NameProblem = string | undefined;

/** RFC 1123 subdomain: lowercase alphanumerics, '-' and '.', at most 253 characters. */
export function dns1123Subdomain(value: string): NameProblem {
  if (value.length > 253) return `is ${value.length} characters, over the limit of 253`;
  if (!DNS1123_SUBDOMAIN.test(value)) return 'must consist of lowercase alphanumerics, \'-\' and \'.\', and start and end with an alphanumeric';
  return undefined;
}

/** RFC 1123 label: lowercase alphanumerics and '-', at most 63 characters. */
export function dns1123Label(value: string): NameProblem {
  if (value.length > 63) return `is ${value.length} characters, over the limit of 63`;
  if (!DNS1123_LABEL.test(value)) return 'must consist of lowercase alphanumerics and \'-\', and start and end with an alphanumeric';
  return undefined;
}

/** RFC 1035 label (Service names): like an RFC 1123 label, but must start with a letter. */
export function dns1035Label(value: string): NameProblem {
  if (value.length > 63) return `is ${value.length} characters, over the limit of 63`;
  if (!DNS1035_LABEL.test(value)) return 'must consist of lowercase alphanumerics and \'-\', start with a letter and end with an alphanumeric';
  return undefined;
}

/** A label or annotation key: optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function qualifiedName(key: string): NameProblem {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix === '') return 'has an empty prefix before \'/\'';
    const problem = dns1123Subdomain(prefix);
    if (problem) return `prefix "${prefix}" ${problem}`;
  }
  if (name.length === 0) return 'has an empty name';
  if (name.length > 63) return `name part is ${name.length} characters, over the limit of 63`;
  if (!QUALIFIED_NAME_PART.test(name)) return 'name part must consist of alphanumerics, \'-\', \'_\' or \'.\', and start and end with an alphanumeric';
  return undefined;
}

/** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. */
export function labelValue(value: string): NameProblem {
  if (value === '') return undefined;
  if (value.length > 63) return `is ${value.length} characters, over the limit of 63`;
  if (!QUALIFIED_NAME_PART.test(value)) return 'must consist of alphanumerics, \'-\', \'_\' or \'.\', and start and end with an alphanumeric';
  return undefined;
}

const IANA_SVC_NAME_CHARS = /^[-a-z0-9]+$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * IANA_SVC_NAME (container and probe port names): at most 15 lowercase alphanumerics or '-', with a letter, no
 * '--', not starting or ending with '-'.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go (IsValidPortName)
 */
export function ianaSvcName(value: string): NameProblem {
  if (value.length > 15) return `is ${value.length} characters, over the limit of 15`;
  if (!IANA_SVC_NAME_CHARS.test(value)) return 'must contain only lowercase alphanumerics and \'-\'';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  if (value.includes('--')) return 'must not contain consecutive hyphens';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/**
 * An environment variable name, as Kubernetes 1.32+ checks it (RelaxedEnvironmentVariableValidation, on by
 * default): printable ASCII other than '='.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go (IsRelaxedEnvVarName)
 */
export function envVarName(value: string): NameProblem {
  if (value === '') return 'is empty';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code < 32 || code > 126 || ch === '=') return 'must consist only of printable ASCII characters other than \'=\'';
  }
  return undefined;
}

/**
 * A ConfigMap or Secret key (also `key` of a ConfigMap or Secret key selector): alphanumerics, '-', '_' or '.',
 * at most 253 characters, not '.' or '..' nor starting with '..'.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go (IsConfigMapKey)
 */
export function configMapKey(value: string): NameProblem {
  if (value.length > 253) return `is ${value.length} characters, over the limit of 253`;
  if (!CONFIG_MAP_KEY.test(value)) return 'must consist of alphanumerics, \'-\', \'_\' or \'.\'';
  if (value === '.' || value === '..' || value.startsWith('..')) return 'must not be \'.\' or \'..\' nor start with \'..\'';
  return undefined;
}

/**
 * A path segment name (RBAC object names, scaleTargetRef names): not '.' or '..', no '/' or '%'.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/api/validation/path/name.go (IsValidPathSegmentName)
 */
export function pathSegmentName(value: string): NameProblem {
  return value === '.' || value === '..' || /[/%]/.test(value) ? 'may not be "." or ".." or contain \'/\' or \'%\'' : undefined;
}
