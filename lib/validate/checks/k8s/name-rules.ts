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
