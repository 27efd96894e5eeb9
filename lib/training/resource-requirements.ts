import type { ContainerResources } from '../dsl/container-resources';

/** A container's `resources` block as Kubernetes takes it, with quantities as strings. */
export interface ResourceRequirements {
  readonly requests?: Record<string, string>;
  readonly limits?: Record<string, string>;
}

/** Renders CPU, memory and GPU requests and limits the way steps render them (memory in Mi, GPUs as limits). */
export function renderResourceRequirements(res: ContainerResources): ResourceRequirements {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (res.cpu?.request) requests.cpu = res.cpu.request.amount;
  if (res.cpu?.limit) limits.cpu = res.cpu.limit.amount;
  if (res.memory?.request) requests.memory = `${res.memory.request.toMebibytes()}Mi`;
  if (res.memory?.limit) limits.memory = `${res.memory.limit.toMebibytes()}Mi`;
  // Kubernetes only takes extended resources such as GPUs as limits (requests default to them).
  if (res.gpu) limits[res.gpu.vendor ?? 'nvidia.com/gpu'] = String(res.gpu.count);
  return {
    ...(Object.keys(requests).length > 0 && { requests }),
    ...(Object.keys(limits).length > 0 && { limits }),
  };
}
