import type { CpuResources, MemoryResources } from 'cdk8s-plus-27';

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
