import { dns1123Subdomain } from '../../../k8s-spec/name-rules';
import { groupOf, isRecord, KubeObject } from '../../object-index';
import { error, Violation } from '../../violation';
import { indexed } from './pod-specs';

/**
 * What the API server refuses in the objects that route or guard traffic to pods, beyond their schemas:
 *
 * - an Ingress rule's `host` is a DNS name, a wildcard only as its first label (`*.example.com`), never an IP, and
 *   every path is absolute, an Exact or Prefix one without `//`, `/./`, `/../`, `%2f` or a trailing `/.`, `/..`
 *   (validateIngressRules, validateHTTPIngressPath);
 * - a NetworkPolicy port's `endPort` goes with a numeric `port` no greater than it, and is a port number
 *   (ValidateNetworkPolicyPort);
 * - a PodDisruptionBudget sets `minAvailable` or `maxUnavailable`, not both, each 0 or more or a percentage up to 100%
 *   (ValidatePodDisruptionBudgetSpec).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/networking/validation/validation.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/policy/validation/validation.go
 */
export function trafficViolations(object: KubeObject): Violation[] {
  if (!isRecord(object.spec)) return [];
  const group = groupOf(object);
  if (object.kind === 'Ingress' && group === 'networking.k8s.io') return ingressViolations(object.spec);
  if (object.kind === 'NetworkPolicy' && group === 'networking.k8s.io') return networkPolicyViolations(object.spec);
  if (object.kind === 'PodDisruptionBudget' && group === 'policy') return budgetViolations(object.spec);
  return [];
}

function ingressViolations(spec: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  for (const [rule, i] of indexed(spec.rules)) {
    const at = `spec.rules[${i}]`;
    if (typeof rule.host === 'string' && rule.host !== '') {
      const problem = hostProblem(rule.host);
      if (problem) out.push(error(`${at}.host`, 'k8s/ingress', `host "${rule.host}" ${problem}`, 'use a lowercase DNS name, e.g. "ml.example.com" or "*.example.com"'));
    }
    const paths = isRecord(rule.http) ? indexed(rule.http.paths) : [];
    for (const [entry, j] of paths) {
      const problem = pathProblem(entry.path, entry.pathType);
      if (problem) out.push(error(`${at}.http.paths[${j}].path`, 'k8s/ingress', `path ${typeof entry.path === 'string' ? `"${entry.path}"` : '(none)'} ${problem.what}`, problem.fix));
    }
  }
  return out;
}

/** What validateHTTPIngressPath refuses in a path of an Exact or Prefix path type (a path holding `{{` is judged once filled in). */
const BAD_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const BAD_SUFFIXES = ['/..', '/.'];

/** Why the API server refuses an Ingress path, with the fix; undefined when it takes it. */
function pathProblem(value: unknown, pathType: unknown): { what: string; fix: string } | undefined {
  const path = typeof value === 'string' ? value : '';
  if (path.includes('{{')) return undefined;
  const problem = (what: string, fix: string) => ({ what, fix });
  const strict = pathType === 'Exact' || pathType === 'Prefix';
  if ((strict || path !== '') && !path.startsWith('/')) {
    return problem('is not absolute, which the API server refuses ("must be an absolute path")', path === '' ? 'set path, e.g. "/"' : `start it with "/": "/${path}"`);
  }
  if (!strict) return undefined;
  const sequence = BAD_SEQUENCES.find((s) => path.includes(s));
  if (sequence) return problem(`holds "${sequence}", which the API server refuses for pathType ${String(pathType)}`, `remove "${sequence}" from the path`);
  const suffix = BAD_SUFFIXES.find((s) => path.endsWith(s));
  if (suffix) return problem(`ends with "${suffix}", which the API server refuses for pathType ${String(pathType)}`, `remove the trailing "${suffix}"`);
  return undefined;
}

/** An IPv4 address as Go's ParseIPSloppy reads one (leading zeros allowed), or an IPv6 address. */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|0*\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|0*\d?\d)$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/;

/** Why an Ingress host is refused: an IP address, or no (wildcard) DNS subdomain. */
function hostProblem(host: string): string | undefined {
  // A value a tool fills in later (`{{...}}`) is judged once it is filled in.
  if (host.includes('{{')) return undefined;
  if (IPV4.test(host) || IPV6.test(host)) return 'is an IP address; an Ingress host must be a DNS name';
  // The wildcard is the whole first label; the name's length limit counts it.
  if (host.startsWith('*.')) {
    if (host.length > 253) return `is ${host.length} characters, over the limit of 253`;
    return dns1123Subdomain(host.slice(2));
  }
  const problem = dns1123Subdomain(host);
  return problem === undefined ? undefined : `${problem}${host.includes('*') ? ' (a wildcard "*" is only the whole first label)' : ''}`;
}

function networkPolicyViolations(spec: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  for (const direction of ['ingress', 'egress']) {
    for (const [rule, i] of indexed(spec[direction])) {
      for (const [port, j] of indexed(rule.ports)) {
        if (typeof port.endPort !== 'number') continue;
        const at = `spec.${direction}[${i}].ports[${j}]`;
        if (typeof port.port !== 'number') {
          out.push(error(`${at}.endPort`, 'k8s/network-policy', 'endPort needs a numeric port to start the range', 'set port to the first port number of the range'));
        } else if (port.endPort < port.port || port.endPort > 65535) {
          out.push(error(`${at}.endPort`, 'k8s/network-policy', port.endPort > 65535 ? `endPort ${port.endPort} is no port number (1-65535)`
            : `endPort ${port.endPort} is below port ${port.port} ("must be greater than or equal to port")`, `set endPort from ${port.port} to 65535`));
        }
      }
    }
  }
  return out;
}

/** A PodDisruptionBudget's bounds (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent): one of them, 0 or more, or a percentage up to 100%. */
function budgetViolations(spec: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  const set = (v: unknown) => v !== undefined && v !== null;
  for (const field of ['minAvailable', 'maxUnavailable']) {
    const value = spec[field];
    const problem = typeof value === 'number' ? (value < 0 ? 'is below 0' : undefined)
      : typeof value !== 'string' ? undefined
        : !/^[0-9]+%$/.test(value) ? 'is neither a number nor a percentage ("a valid percent string must be a numeric string followed by an ending \'%\'")'
          : Number(value.slice(0, -1)) > 100 ? 'is over 100%' : undefined;
    if (problem) out.push(error(`spec.${field}`, 'k8s/disruption-budget', `${field} ${JSON.stringify(value)} ${problem}`, 'use a number of pods (0 or more) or a percentage up to 100%, like "50%"'));
  }
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) {
    out.push(error('spec.maxUnavailable', 'k8s/disruption-budget', 'the PodDisruptionBudget sets both minAvailable and maxUnavailable, which the API server refuses '
      + '("minAvailable and maxUnavailable cannot be both set")', 'keep one of minAvailable and maxUnavailable'));
  }
  return out;
}
