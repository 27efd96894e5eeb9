import { Size } from 'cdk8s';
import type { ResourceRequirements as IIoK8sApiCoreV1ResourceRequirements } from 'kubernetes-types/core/v1';
import type { Cpu } from 'cdk8s-plus-27';
import { anyOf, custom, NUMBER, OptionalGuard, required, shape, SIZE, STRING } from '../guards';
import { isQuantity } from '../k8s-spec/quantity';
import { UserError } from '../user-error';

/** A CPU amount: cdk8s-plus `Cpu`, a Kubernetes quantity such as `'500m'` or `'2'`, or a number of cores. */
export type CpuAmount = Cpu | string | number;

/** A memory or storage amount: cdk8s `Size`, or a Kubernetes quantity such as `'512Mi'` or `'4Gi'`. */
export type SizeAmount = Size | string;

/** Separate request and limit; a bare amount sets both alike. */
export interface RequestAndLimit<T> {
  /** What the scheduler reserves. @default - the limit (Kubernetes' rule), or none */
  readonly request?: T;
  /** The most the container may use. @default - no limit */
  readonly limit?: T;
}

/** GPUs for a step, as an extended resource limit. */
export interface GpuResources {
  /** Number of GPUs. */
  readonly count: number;
  /** The device plugin's resource name. @default 'nvidia.com/gpu' */
  readonly vendor?: string;
}

/**
 * CPU, memory and GPU for a container (KFP `set_cpu_limit`, `set_memory_request`, `set_gpu_limit`, ...). Amounts are
 * written the way Kubernetes users write them (`'500m'`, `'2'`, `'4Gi'`) or with cdk8s `Cpu`/`Size`.
 *
 * @example { cpu: { request: '500m', limit: '2' }, memory: '4Gi', gpu: { count: 1 } }
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface ContainerResources {
  /** CPU: a bare amount is both request and limit. @default - none */
  readonly cpu?: CpuAmount | RequestAndLimit<CpuAmount>;
  /** Memory: a bare amount is both request and limit. @default - none */
  readonly memory?: SizeAmount | RequestAndLimit<SizeAmount>;
  /** Local ephemeral storage: a bare amount is both request and limit. @default - none */
  readonly ephemeralStorage?: SizeAmount | RequestAndLimit<SizeAmount>;
  /** GPUs. @default - none */
  readonly gpu?: GpuResources;
}

/** A container's `resources` block as Kubernetes takes it: quantities as written, `Size` in Mi, GPUs as limits. */
export function renderResourceRequirements(res: ContainerResources): IIoK8sApiCoreV1ResourceRequirements & {
  requests?: Record<string, string>; limits?: Record<string, string>;
} {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const put = <T>(name: string, amount: T | RequestAndLimit<T> | undefined, format: (a: T) => string) => {
    if (amount === undefined) return;
    const split = splitAmount(amount);
    if (split.request !== undefined) requests[name] = format(split.request);
    if (split.limit !== undefined) limits[name] = format(split.limit);
  };
  put('cpu', res.cpu, formatCpu);
  put('memory', res.memory, formatSize);
  put('ephemeral-storage', res.ephemeralStorage, formatSize);
  // Kubernetes only takes extended resources such as GPUs as limits (requests default to them).
  if (res.gpu) limits[res.gpu.vendor ?? 'nvidia.com/gpu'] = String(res.gpu.count);
  return {
    ...(Object.keys(requests).length > 0 && { requests }),
    ...(Object.keys(limits).length > 0 && { limits }),
  };
}

/** A bare amount as request and limit alike; a pair as given. */
export function splitAmount<T>(amount: T | RequestAndLimit<T>): RequestAndLimit<T> {
  const isPair = typeof amount === 'object' && amount !== null && !(amount instanceof Size) && !('amount' in amount)
    && ('request' in amount || 'limit' in amount);
  return isPair ? amount as RequestAndLimit<T> : { request: amount as T, limit: amount as T };
}

function formatCpu(cpu: CpuAmount): string {
  return typeof cpu === 'object' ? cpu.amount : String(cpu);
}

function formatSize(size: SizeAmount): string {
  return size instanceof Size ? `${size.toMebibytes()}Mi` : size;
}

/**
 * Throws, naming the construct path, when an amount is not a quantity or the GPU count is not a whole number >= 1;
 * what kind of value each field holds was checked by {@link RESOURCES} where the props were given.
 */
export function checkResources(res: ContainerResources, path: string, prop = 'resources'): ContainerResources {
  const check = (field: string, amount: unknown) => {
    if (amount === undefined) return;
    const split = splitAmount(amount);
    for (const [which, a] of Object.entries(split)) {
      if (a === undefined) continue;
      const text = typeof a === 'number' ? String(a) : typeof a === 'string' ? a : undefined;
      if (typeof a === 'number' && !(a > 0)) throw new UserError(`[${path}] ${prop}.${field}.${which} must be > 0, got ${a}`);
      if (text !== undefined && !isQuantity(text)) {
        throw new UserError(`[${path}] ${prop}.${field}.${which} ${JSON.stringify(a)} is not a Kubernetes quantity `
          + `(write e.g. ${field === 'cpu' ? "'500m' or '2'" : "'512Mi' or '4Gi'"}, or use ${field === 'cpu' ? 'Cpu' : 'Size'})`);
      }
    }
  };
  check('cpu', res.cpu);
  check('memory', res.memory);
  check('ephemeralStorage', res.ephemeralStorage);
  if (res.gpu !== undefined && (!Number.isInteger(res.gpu.count) || res.gpu.count < 1)) {
    throw new UserError(`[${path}] ${prop}.gpu.count must be a whole number >= 1, got ${res.gpu.count} (omit gpu for CPU-only work)`);
  }
  return res;
}

const isCpu = (v: unknown): boolean => typeof v === 'object' && v !== null && typeof (v as { amount?: unknown }).amount === 'string';
const CPU_AMOUNT = custom("a CPU amount ('500m', '2', 2 or Cpu.millis(500))", ['string', 'number', 'instance'],
  (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || isCpu(v));
const SIZE_AMOUNT = anyOf([STRING, SIZE], "a memory or storage amount ('512Mi', '4Gi' or Size.gibibytes(4))");

// A bare amount, or { request, limit } of them.
function amount(of: OptionalGuard, name: string): OptionalGuard {
  return anyOf([of, shape<RequestAndLimit<unknown>>(name, { request: of, limit: of })], `${of.expected}, or { request, limit } of them`);
}

/** Guards {@link ContainerResources}; {@link checkResources} then checks the amounts. */
export const RESOURCES: OptionalGuard = shape<ContainerResources>('ContainerResources', {
  cpu: amount(CPU_AMOUNT, 'RequestAndLimit'),
  memory: amount(SIZE_AMOUNT, 'RequestAndLimit'),
  ephemeralStorage: amount(SIZE_AMOUNT, 'RequestAndLimit'),
  gpu: shape<GpuResources>('GpuResources', { count: required(NUMBER), vendor: STRING }),
});
