import type { CpuResources, MemoryResources } from 'cdk8s-plus-27';
import type { ResourceRequirements as IIoK8sApiCoreV1ResourceRequirements } from 'kubernetes-types/core/v1';

/** GPUs for a step, as an extended resource limit. */
export interface GpuResources {
  /** Number of GPUs. */
  readonly count: number;
  /** The device plugin's resource name. @default 'nvidia.com/gpu' */
  readonly vendor?: string;
}

/** CPU, memory and GPU for a container (KFP `set_cpu_limit`, `set_memory_request`, `set_gpu_limit`, ...). */
export interface ContainerResources {
  /** CPU request and limit, e.g. `{ request: Cpu.millis(500), limit: Cpu.units(2) }`. @default - none */
  readonly cpu?: CpuResources;
  /** Memory request and limit, e.g. `{ request: Size.gibibytes(2) }`. @default - none */
  readonly memory?: MemoryResources;
  /** GPUs. @default - none */
  readonly gpu?: GpuResources;
}

/** A container's `resources` block as Kubernetes takes it: memory in Mi, GPUs as limits. */
export function renderResourceRequirements(res: ContainerResources): IIoK8sApiCoreV1ResourceRequirements & {
  requests?: Record<string, string>; limits?: Record<string, string>;
} {
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
