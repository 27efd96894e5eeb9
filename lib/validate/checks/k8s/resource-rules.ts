import { isRecord } from '../../object-index';
import { quantityValue } from '../../../k8s-spec/quantity';
import { error, Violation } from '../../violation';
import { joinPath } from '../argo/template-tags';
import { qualifiedName } from '../../../k8s-spec/name-rules';

/** Resource names a container may request without a domain. */
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const HUGE_PAGES = /^hugepages-/;

/**
 * A container's `resources`, as the API server checks them: resource names (cpu, memory, ephemeral-storage,
 * hugepages-<size>, or a domain-qualified extended resource such as nvidia.com/gpu), quantities not negative,
 * extended resources in whole numbers, each request at most its limit, and for resources that cannot be
 * overcommitted (extended resources, huge pages) a limit set and equal to the request. Quantities the schema
 * rejects, and values Argo substitutes at run time, are not judged here.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
 *   (validateResourceRequirements, validateContainerResourceName, ValidateResourceQuantityValue)
 */
export function resourceViolations(resources: Record<string, unknown>, path: string): Violation[] {
  const out: Violation[] = [];
  const limits = isRecord(resources.limits) ? resources.limits : {};
  const requests = isRecord(resources.requests) ? resources.requests : {};
  for (const [list, values] of [['limits', limits], ['requests', requests]] as const) {
    for (const name in values) {
      const raw = values[name];
      const problem = resourceNameProblem(name);
      if (problem) {
        out.push(error(at(path, list, name), 'k8s/resources', `resource name "${name}" ${problem}`, name.includes('gpu')
          ? 'use the device plugin\'s name, e.g. nvidia.com/gpu' : 'use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-qualified extended resource'));
        continue;
      }
      // Parsing every quantity is the costly part: only signed values and extended resources need it here.
      const extended = isExtended(name);
      if (!extended && !(typeof raw === 'string' ? raw.startsWith('-') : typeof raw === 'number' && raw < 0)) continue;
      const value = quantityValue(raw);
      if (value === undefined) continue;
      if (value < 0) out.push(error(at(path, list, name), 'k8s/resources', `${list}.${name} ${String(raw)} is negative`, 'use a quantity of 0 or more'));
      else if (extended && !Number.isInteger(value)) out.push(error(at(path, list, name), 'k8s/resources', `${list}.${name} ${String(raw)} is not a whole number`, `extended resources come in whole units: use ${Math.ceil(value)}`));
    }
  }
  for (const name in requests) {
    if (resourceNameProblem(name)) continue;
    const raw = requests[name];
    const overcommit = !isExtended(name) && !HUGE_PAGES.test(name);
    if (!Object.prototype.hasOwnProperty.call(limits, name)) {
      if (!overcommit && quantityValue(raw) !== undefined) {
        out.push(error(at(path, 'requests', name), 'k8s/resources', `${name} is requested without a limit; it cannot be overcommitted, so its limit must be set`, `add limits.${name}: ${String(raw)}`));
      }
      continue;
    }
    if (raw === limits[name]) continue;
    const request = quantityValue(raw);
    const limit = quantityValue(limits[name]);
    if (request === undefined || limit === undefined) continue;
    if (!overcommit && request !== limit) {
      out.push(error(at(path, 'requests', name), 'k8s/resources', `requests.${name} ${String(raw)} differs from limits.${name} ${String(limits[name])}; ${name} cannot be overcommitted`, `set both to the same quantity (or set only the limit)`));
    } else if (request > limit) {
      out.push(error(at(path, 'requests', name), 'k8s/resources', `requests.${name} ${String(raw)} is more than limits.${name} ${String(limits[name])}`, 'lower the request or raise the limit'));
    }
  }
  const names = [...Object.keys(limits), ...Object.keys(requests)];
  if (names.some((n) => n.startsWith('hugepages-')) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    out.push(error(path, 'k8s/resources', 'huge pages are requested without cpu or memory', 'add a cpu or memory request or limit'));
  }
  return out;
}

/** The path of one quantity; built only for a violation, as most resources have none. */
function at(path: string, list: string, name: string): string {
  return joinPath(joinPath(path, list), name);
}

function resourceNameProblem(name: string): string | undefined {
  if (!name.includes('/')) {
    return STANDARD_CONTAINER_RESOURCES.has(name) || HUGE_PAGES.test(name) ? undefined : 'is not a standard container resource';
  }
  const problem = qualifiedName(name);
  if (problem) return problem;
  return name.startsWith('requests.') ? 'may not start with "requests."' : undefined;
}

/** A domain-qualified resource outside kubernetes.io (nvidia.com/gpu): advertised by a device plugin, whole units, no overcommit. */
function isExtended(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/');
}
