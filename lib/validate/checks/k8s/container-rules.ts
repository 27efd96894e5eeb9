import { append } from '../../../append';
import { negativeCounts } from './count-fields';
import { containerSecurityContextViolations } from './security-context-rules';
import { isRecord } from '../../object-index';
import { error, Violation } from '../../violation';
import { joinPath } from '../argo/template-tags';
import { configMapKey, dns1123Label, envVarName, ianaSvcName } from '../../../k8s-spec/name-rules';
import { imageViolations } from './image-rules';
import type { ContainerAt } from './pod-specs';
import { indexed } from './pod-specs';
import { isPortNumber, PORT_FIX, portNumOrNameViolation, portProblem } from './ports';
import { resourceViolations } from './resource-rules';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];
const ENV_FROM_SOURCES = ['configMapRef', 'secretRef'];

/**
 * The API server's checks of one container, wherever it sits (pod templates, Pods, Kubeflow replica templates,
 * Argo templates): its name, image reference, ports, env, resources, probes and lifecycle hooks.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
 *   (validateContainerCommon, validateContainers, validateInitContainers)
 */
export function containerViolations(at: ContainerAt): Violation[] {
  const { container, path } = at;
  const out: Violation[] = [];
  const name = container.name;
  if (typeof name === 'string' && name !== '' && !templated(name)) {
    const problem = dns1123Label(name);
    if (problem) out.push(error(joinPath(path, 'name'), 'k8s/container-name', `container name "${name}" ${problem}`, 'rename it, e.g. lowercase with \'-\''));
  }
  append(out, imageViolations(at));
  append(out, portViolations(container, path));
  append(out, envViolations(container, path));
  append(out, containerSecurityContextViolations(at));
  if (isRecord(container.resources)) append(out, resourceViolations(container.resources, joinPath(path, 'resources')));
  append(out, probeViolations(at));
  return out;
}

/** validateContainerPorts: port numbers, IANA_SVC_NAME port names, unique within the container. */
function portViolations(container: Record<string, unknown>, path: string): Violation[] {
  const out: Violation[] = [];
  const names = new Map<string, number>();
  for (const [port, i] of indexed(container.ports)) {
    const at = `${joinPath(path, 'ports')}[${i}]`;
    for (const field of ['containerPort', 'hostPort']) {
      const value = port[field];
      // hostPort 0 means none.
      if (typeof value !== 'number' || (field === 'hostPort' && value === 0) || isPortNumber(value)) continue;
      out.push(error(joinPath(at, field), 'k8s/container-port', `${field} ${value} ${portProblem(value)}`, PORT_FIX));
    }
    const portName = port.name;
    if (typeof portName !== 'string' || portName === '' || templated(portName)) continue;
    const problem = ianaSvcName(portName);
    if (problem) {
      out.push(error(joinPath(at, 'name'), 'k8s/container-port', `port name "${portName}" is not an IANA service name: it ${problem}`,
        'use at most 15 lowercase letters, digits and \'-\', with a letter, e.g. "http" or "grpc-api"'));
    } else if (names.has(portName)) {
      out.push(error(joinPath(at, 'name'), 'k8s/container-port', `port name "${portName}" is already the name of ports[${names.get(portName)}] in this container`,
        'give each port of a container its own name'));
    } else {
      names.set(portName, i);
    }
  }
  return out;
}

/** ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom: names, and exactly one source of a value. */
function envViolations(container: Record<string, unknown>, path: string): Violation[] {
  const out: Violation[] = [];
  for (const [env, i] of indexed(container.env)) {
    const at = `${joinPath(path, 'env')}[${i}]`;
    const name = env.name;
    const shown = typeof name === 'string' ? `"${name}"` : `env[${i}]`;
    if (typeof name === 'string' && !templated(name)) {
      const problem = envVarName(name);
      if (problem) out.push(error(joinPath(at, 'name'), 'k8s/env', `env var name ${shown} ${problem}`, `rename it, e.g. "${safeName(name)}"`));
    }
    if (!isRecord(env.valueFrom)) continue;
    const sources = ENV_SOURCES.filter((s) => isRecord((env.valueFrom as Record<string, unknown>)[s]));
    if (typeof env.value === 'string' && env.value !== '') {
      out.push(error(joinPath(at, 'valueFrom'), 'k8s/env', `env var ${shown} has both value and valueFrom`, 'remove value or valueFrom'));
    } else if (sources.length !== 1) {
      out.push(error(joinPath(at, 'valueFrom'), 'k8s/env',
        sources.length === 0 ? `valueFrom of env var ${shown} names no source` : `valueFrom of env var ${shown} names ${sources.length} sources (${sources.join(', ')})`,
        `keep exactly one of ${ENV_SOURCES.join(', ')}`));
    }
    for (const selector of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = (env.valueFrom as Record<string, unknown>)[selector];
      const key = isRecord(ref) ? ref.key : undefined;
      const problem = typeof key === 'string' && !templated(key) ? configMapKey(key) : undefined;
      if (problem) out.push(error(joinPath(joinPath(joinPath(at, 'valueFrom'), selector), 'key'), 'k8s/env', `key "${key as string}" ${problem}`, 'use the key as the ConfigMap or Secret holds it'));
    }
  }
  for (const [source, i] of indexed(container.envFrom)) {
    const at = `${joinPath(path, 'envFrom')}[${i}]`;
    const prefix = source.prefix;
    const problem = typeof prefix === 'string' && prefix !== '' && !templated(prefix) ? envVarName(prefix) : undefined;
    if (problem) out.push(error(joinPath(at, 'prefix'), 'k8s/env', `envFrom prefix "${prefix as string}" ${problem}`, `use e.g. "${safeName(prefix as string)}"`));
    const sources = ENV_FROM_SOURCES.filter((s) => isRecord(source[s]));
    if (sources.length !== 1) {
      out.push(error(at, 'k8s/env', sources.length === 0 ? `envFrom[${i}] names no source` : `envFrom[${i}] names both configMapRef and secretRef`,
        'keep exactly one of configMapRef, secretRef (use two envFrom entries for both)'));
    }
  }
  return out;
}

/** A probe's counts, which validateProbe takes only at 0 or more (0 is defaulted). */
const PROBE_COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

/**
 * validateProbe, validateHandler, validateLifecycle: exactly one handler each, their ports, counts not below 0, and
 * what liveness, startup and readiness probes each forbid; init containers (but sidecars) take no probes or
 * lifecycle hooks.
 */
function probeViolations(at: ContainerAt): Violation[] {
  const { container, path } = at;
  const out: Violation[] = [];
  const sidecar = container.restartPolicy === 'Always';
  for (const probe of PROBES) {
    const value = container[probe];
    if (!isRecord(value)) continue;
    const probePath = joinPath(path, probe);
    if (at.list === 'initContainers' && !sidecar) {
      out.push(error(probePath, 'k8s/probe', `${probe} is not allowed on an init container (it runs to completion)`,
        'remove it, or set restartPolicy: Always to make the init container a sidecar'));
      continue;
    }
    append(out, handlerViolations(value, PROBE_HANDLERS, probePath, probe));
    // Liveness and startup probes take a successThreshold of 1 only, said below.
    const counts = probe === 'readinessProbe' ? PROBE_COUNTS : PROBE_COUNTS.filter((f) => f !== 'successThreshold');
    append(out, negativeCounts(value, counts, probePath, 'k8s/probe', probe));
    if (typeof value.terminationGracePeriodSeconds === 'number' && value.terminationGracePeriodSeconds <= 0) {
      out.push(error(joinPath(probePath, 'terminationGracePeriodSeconds'), 'k8s/probe', `${probe}.terminationGracePeriodSeconds is ${value.terminationGracePeriodSeconds}; it must be greater than 0`,
        'set 1 or more seconds, or drop it for the pod\'s own'));
    }
    // 0 is unset, which the API server defaults to 1.
    if (probe !== 'readinessProbe' && typeof value.successThreshold === 'number' && value.successThreshold !== 1 && value.successThreshold !== 0) {
      out.push(error(joinPath(probePath, 'successThreshold'), 'k8s/probe', `${probe}.successThreshold must be 1, got ${value.successThreshold}`, 'set successThreshold: 1 or remove it'));
    }
    if (probe === 'readinessProbe' && value.terminationGracePeriodSeconds !== undefined && value.terminationGracePeriodSeconds !== null) {
      out.push(error(joinPath(probePath, 'terminationGracePeriodSeconds'), 'k8s/probe', 'readinessProbe may not set terminationGracePeriodSeconds', 'remove it (it applies to liveness and startup probes)'));
    }
  }
  const lifecycle = container.lifecycle;
  if (!isRecord(lifecycle)) return out;
  if (at.list === 'initContainers' && !sidecar) {
    out.push(error(joinPath(path, 'lifecycle'), 'k8s/probe', 'lifecycle is not allowed on an init container (it runs to completion)',
      'remove it, or set restartPolicy: Always to make the init container a sidecar'));
    return out;
  }
  for (const hook of ['postStart', 'preStop']) {
    if (isRecord(lifecycle[hook])) append(out, handlerViolations(lifecycle[hook] as Record<string, unknown>, LIFECYCLE_HANDLERS, joinPath(joinPath(path, 'lifecycle'), hook), hook));
  }
  return out;
}

function handlerViolations(handler: Record<string, unknown>, kinds: readonly string[], path: string, what: string): Violation[] {
  const set = kinds.filter((k) => isRecord(handler[k]));
  if (set.length === 0) return [error(path, 'k8s/probe', `${what} has no handler`, `set exactly one of ${kinds.join(', ')}`)];
  if (set.length > 1) return [error(path, 'k8s/probe', `${what} has ${set.length} handlers (${set.join(', ')})`, `keep exactly one of ${set.join(', ')}`)];
  const [kind] = set;
  const action = handler[kind] as Record<string, unknown>;
  const out: Violation[] = [];
  if (kind === 'exec' && (!Array.isArray(action.command) || action.command.length === 0)) {
    out.push(error(joinPath(joinPath(path, 'exec'), 'command'), 'k8s/probe', `${what}.exec has no command`, 'set command, e.g. ["cat", "/tmp/healthy"]'));
  }
  const port = portNumOrNameViolation(action.port, joinPath(joinPath(path, kind), 'port'), 'k8s/probe', `${what}.${kind}.port`);
  if (port) out.push(port);
  return out;
}

/** Values Argo substitutes at run time are judged then. */
export function templated(value: string): boolean {
  return value.includes('{{');
}

function safeName(name: string): string {
  return name.replace(/[^\x20-\x7e]|=/g, '_') || 'NAME';
}
