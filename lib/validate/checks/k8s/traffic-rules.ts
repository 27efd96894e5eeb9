import { dns1123Subdomain } from '../../../k8s-spec/name-rules';
import { isRecord, KubeObject } from '../../object-index';
import { error, Violation } from '../../violation';
import { indexed } from './pod-specs';

/**
 * What the API server refuses in the objects that route or guard traffic to pods, beyond their schemas:
 *
 * - an Ingress rule's `host` is a DNS name, a wildcard only as its first label (`*.example.com`), never an IP, and
 *   every path is absolute (validateIngressRules, validateHTTPIngressPath);
 * - a NetworkPolicy port's `endPort` goes with a numeric `port` no greater than it (ValidateNetworkPolicyPort);
 * - a PodDisruptionBudget sets `minAvailable` or `maxUnavailable`, not both (ValidatePodDisruptionBudgetSpec).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/networking/validation/validation.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/policy/validation/validation.go
 */
export function trafficViolations(object: KubeObject): Violation[] {
  if (!isRecord(object.spec)) return [];
  const group = typeof object.apiVersion === 'string' ? object.apiVersion.split('/')[0] : '';
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
      if (typeof entry.path === 'string' && entry.path !== '' && !entry.path.startsWith('/') && !entry.path.includes('{{')) {
        out.push(error(`${at}.http.paths[${j}].path`, 'k8s/ingress', `path "${entry.path}" is not absolute, which the API server refuses ("must be an absolute path")`,
          `start it with "/": "/${entry.path}"`));
      }
    }
  }
  return out;
}

/** Why an Ingress host is refused: an IP address, or no (wildcard) DNS subdomain. */
function hostProblem(host: string): string | undefined {
  // A value a tool fills in later (`{{...}}`) is judged once it is filled in.
  if (host.includes('{{')) return undefined;
  if (/^\d+(\.\d+){3}$/.test(host) || host.includes(':')) return 'is an IP address; an Ingress host must be a DNS name';
  const name = host.startsWith('*.') ? host.slice(2) : host;
  const problem = dns1123Subdomain(name);
  return problem === undefined ? undefined : `${problem}${host.includes('*') && !host.startsWith('*.') ? ' (a wildcard "*" is only the whole first label)' : ''}`;
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
        } else if (port.endPort < port.port) {
          out.push(error(`${at}.endPort`, 'k8s/network-policy', `endPort ${port.endPort} is below port ${port.port} ("must be greater than or equal to port")`,
            `set endPort to ${port.port} or more`));
        }
      }
    }
  }
  return out;
}

function budgetViolations(spec: Record<string, unknown>): Violation[] {
  const set = (v: unknown) => v !== undefined && v !== null;
  if (!set(spec.minAvailable) || !set(spec.maxUnavailable)) return [];
  return [error('spec.maxUnavailable', 'k8s/disruption-budget', 'the PodDisruptionBudget sets both minAvailable and maxUnavailable, which the API server refuses '
    + '("minAvailable and maxUnavailable cannot be both set")', 'keep one of minAvailable and maxUnavailable')];
}
