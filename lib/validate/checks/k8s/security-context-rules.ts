import { isRecord } from '../../object-index';
import { error, Violation } from '../../violation';
import { joinPath } from '../argo/template-tags';
import type { ContainerAt } from './pod-specs';

/** The largest user or group ID the API server takes (`IsValidUserID`, `IsValidGroupID`: 0 to 2^31 - 1). */
const MAX_ID = 2147483647;

/**
 * The user and group IDs of a pod's security context (a pod spec's, an Argo workflow's or template's) are IDs the
 * API server takes: `runAsUser`, `runAsGroup`, `fsGroup` and `supplementalGroups`, each 0 to 2147483647.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (validatePodSpecSecurityContext)
 */
export function podSecurityContextViolations(context: unknown, at: string): Violation[] {
  const out: Violation[] = [];
  if (!isRecord(context)) return out;
  for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) idProblem(context[field], joinPath(at, field), out);
  if (Array.isArray(context.supplementalGroups)) context.supplementalGroups.forEach((g, i) => idProblem(g, `${joinPath(at, 'supplementalGroups')}[${i}]`, out));
  return out;
}

/**
 * A container's `securityContext.runAsUser` and `runAsGroup`, as {@link podSecurityContextViolations}.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (ValidateSecurityContext)
 */
export function containerSecurityContextViolations({ container, path }: ContainerAt): Violation[] {
  const out: Violation[] = [];
  if (!isRecord(container.securityContext)) return out;
  const at = joinPath(path, 'securityContext');
  for (const field of ['runAsUser', 'runAsGroup']) idProblem(container.securityContext[field], joinPath(at, field), out);
  return out;
}

function idProblem(value: unknown, path: string, out: Violation[]): void {
  // A fraction is no integer: the schema's type error says so, once.
  if (typeof value !== 'number' || !Number.isInteger(value) || (value >= 0 && value <= MAX_ID)) return;
  out.push(error(path, 'k8s/security-context', `${path.slice(path.lastIndexOf('.') + 1)} ${value} is no ID the API server takes ("must be between 0 and ${MAX_ID}, inclusive")`,
    'use an ID from 0 to 2147483647, e.g. 1000 for a non-root user'));
}
