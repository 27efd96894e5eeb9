import { isRecord, KubeObject } from '../../object-index';
import { error, Violation } from '../../violation';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from '../../../k8s-spec/name-rules';
import { jsonPath } from '../../schema/json-path';
import { indexed } from './pod-specs';
import { isPortNumber, PORT_FIX, portNumOrNameViolation, portProblem } from './ports';

/**
 * A Service's spec as the API server checks it: a selector of valid label keys and values; ports present (but for headless and ExternalName Services), each
 * port 1-65535 with a valid targetPort; names DNS labels, required when there are several, unique; no two ports
 * with the same port and protocol; nodePort only where a node port is allocated; ExternalName with a DNS name.
 * Which pods the selector picks and which container ports targetPort names: service-selectors.ts.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (ValidateService, validateServicePort)
 */
export function serviceViolations(object: KubeObject): Violation[] {
  if (object.kind !== 'Service' || object.apiVersion !== 'v1' || !isRecord(object.spec)) return [];
  const spec = object.spec;
  const type = typeof spec.type === 'string' && spec.type !== '' ? spec.type : 'ClusterIP';
  const headless = spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None');
  const out: Violation[] = [];
  const ports = indexed(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') {
    out.push(error('spec.ports', 'k8s/service-port', 'the Service has no ports', 'add a port, e.g. {port: 80, targetPort: 8080}, or set clusterIP: None for a headless Service'));
  }
  if (type === 'ExternalName') {
    const name = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
    const problem = name === '' ? 'is missing' : dns1123Subdomain(name);
    if (problem) out.push(error('spec.externalName', 'k8s/service-port', `externalName ${name === '' ? '' : `"${name}" `}${problem}`, 'set externalName to the DNS name to alias, e.g. db.example.com'));
  }
  // ValidateService: the selector is a label selector, its keys and values label keys and values.
  if (isRecord(spec.selector)) {
    for (const key of Object.keys(spec.selector)) {
      // A key or value a tool fills in later (`{{...}}`) is judged once it is filled in.
      if (key.includes('{{')) continue;
      const value = spec.selector[key];
      const problem = qualifiedName(key) ?? (typeof value === 'string' && !value.includes('{{') ? labelValue(value) : undefined);
      if (problem) {
        out.push(error(jsonPath(['spec', 'selector', key]), 'k8s/service-selector', `selector ${qualifiedName(key) ? `key "${key}"` : `value "${String(value)}" of ${key}`} ${problem}`,
          'select by labels the pods carry: keys like app.kubernetes.io/name, values of at most 63 alphanumerics, \'-\', \'_\' or \'.\''));
      }
    }
  }
  const names = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const [port, i] of ports) {
    const at = `spec.ports[${i}]`;
    const name = port.name;
    if (typeof name === 'string' && name !== '') {
      const problem = dns1123Label(name);
      if (problem) out.push(error(`${at}.name`, 'k8s/service-port', `port name "${name}" ${problem}`, 'use a lowercase DNS label, e.g. "http" or "grpc"'));
      else if (names.has(name)) out.push(error(`${at}.name`, 'k8s/service-port', `port name "${name}" is already the name of spec.ports[${names.get(name)}]`, 'give each port its own name'));
      names.set(name, i);
    } else if (ports.length > 1) {
      out.push(error(`${at}.name`, 'k8s/service-port', `spec.ports[${i}] has no name; every port needs one when a Service has several`, 'name each port, e.g. "http" and "grpc"'));
    }
    if (typeof port.port === 'number') {
      if (!isPortNumber(port.port)) out.push(error(`${at}.port`, 'k8s/service-port', `port ${port.port} ${portProblem(port.port)}`, PORT_FIX));
      const key = `${port.port}/${typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP'}`;
      if (pairs.has(key)) out.push(error(at, 'k8s/service-port', `port ${key} is already exposed by spec.ports[${pairs.get(key)}]`, 'use another port number, or another protocol'));
      else pairs.set(key, i);
    }
    const target = portNumOrNameViolation(port.targetPort, `${at}.targetPort`, 'k8s/service-port', 'targetPort');
    if (target) out.push(target);
    if (typeof port.nodePort === 'number' && port.nodePort !== 0 && type === 'ClusterIP') {
      out.push(error(`${at}.nodePort`, 'k8s/service-port', 'nodePort may not be set on a ClusterIP Service', 'remove nodePort, or set type: NodePort'));
    }
  }
  return out;
}
