import type { Affinity as IIoK8sApiCoreV1Affinity } from 'kubernetes-types/core/v1';
import type { EnvFromSource as IIoK8sApiCoreV1EnvFromSource } from 'kubernetes-types/core/v1';
import type { EnvVar as IIoK8sApiCoreV1EnvVar } from 'kubernetes-types/core/v1';
import type { HostAlias as IIoK8sApiCoreV1HostAlias } from 'kubernetes-types/core/v1';
import type { PodSecurityContext as IIoK8sApiCoreV1PodSecurityContext } from 'kubernetes-types/core/v1';
import type { ResourceRequirements as IIoK8sApiCoreV1ResourceRequirements } from 'kubernetes-types/core/v1';
import type { SecurityContext as IIoK8sApiCoreV1SecurityContext } from 'kubernetes-types/core/v1';
import type { Toleration as IIoK8sApiCoreV1Toleration } from 'kubernetes-types/core/v1';
import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { VolumeMount as IIoK8sApiCoreV1VolumeMount } from 'kubernetes-types/core/v1';
import type { UserContainer as IUserContainer } from '../../imports/argo-workflows';
import {
  arrayOf, BOOLEAN, checkArguments, checkEach, func, object, OptionalGuard, PropGuards, recordOf, required, shape, STRING,
} from '../guards';
import { envVarName } from '../k8s-spec/name-rules';
import { UserError } from '../user-error';
import { checkResources, ContainerResources, renderResourceRequirements, RESOURCES } from './container-resources';
import { ENV_VALUE, EnvValue, EnvVarSource, isEnvSource } from './env-var-source';
import { SecretKey } from './secret-key';
import { ITemplateRenderer, renderValued } from './template-renderer';
import { TEXT, Valued, Value, VALUE, VALUES, valuesIn } from './value';

/**
 * A container that runs beside the main one (Argo `sidecars`) or before it (`initContainers`): any container field,
 * with values that may be references, and `env` by name like the main container's.
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/sidecars/
 */
export type UserContainer = Valued<Omit<IUserContainer, 'env' | 'command' | 'args'>> & {
  /** Entrypoint. @default - the image's */
  readonly command?: readonly Value[];
  /** Arguments; numbers and booleans are written as strings. @default - none */
  readonly args?: readonly Value[];
  /** Environment variables, in order. @default - none */
  readonly env?: Readonly<Record<string, EnvValue>>;
};

/** Props of {@link PodBuilder}: what every pod-making construct (steps, templates, TFJobs, TF-Serving) takes. */
export interface PodOptions {
  /** Environment variables of the main container, in order. @default - none */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** Variables taken in bulk from ConfigMaps or Secrets (`envFrom`). @default - none */
  readonly envFrom?: readonly IIoK8sApiCoreV1EnvFromSource[];
  /** CPU, memory and GPU requests and limits of the main container. @default - none (the namespace's defaults) */
  readonly resources?: ContainerResources;
  /** Volumes of the pod. @default - none */
  readonly volumes?: readonly Valued<IIoK8sApiCoreV1Volume>[];
  /** Where the main container mounts volumes. @default - none */
  readonly volumeMounts?: readonly Valued<IIoK8sApiCoreV1VolumeMount>[];
  /** Node labels the pod must match. @default - any node (or the workflow's `nodeSelector`) */
  readonly nodeSelector?: Readonly<Record<string, Value>>;
  /** Taints the pod tolerates. @default - none (or the workflow's `tolerations`) */
  readonly tolerations?: readonly Valued<IIoK8sApiCoreV1Toleration>[];
  /** Node and pod (anti-)affinity. @default - none (or the workflow's `affinity`) */
  readonly affinity?: Valued<IIoK8sApiCoreV1Affinity>;
  /** The pod's security context (user, group, fsGroup, seccomp). @default - none (or the workflow's) */
  readonly securityContext?: Valued<IIoK8sApiCoreV1PodSecurityContext>;
  /** The main container's security context (capabilities, privileged, read-only root). @default - none */
  readonly containerSecurityContext?: Valued<IIoK8sApiCoreV1SecurityContext>;
  /** Containers that run beside the main one for its whole life. @default - none */
  readonly sidecars?: readonly UserContainer[];
  /** Containers that run to completion before the main one starts. @default - none */
  readonly initContainers?: readonly UserContainer[];
  /** The pod's service account. @default - the workflow's, else the namespace's default */
  readonly serviceAccountName?: string;
  /** Whether the service account token is mounted. @default - Kubernetes' default (mounted) */
  readonly automountServiceAccountToken?: boolean;
  /** The pod's priority class. @default - the workflow's, else the cluster default */
  readonly priorityClassName?: string;
  /** The scheduler that places the pod. @default - the default scheduler */
  readonly schedulerName?: string;
  /** Extra `/etc/hosts` entries. @default - none */
  readonly hostAliases?: readonly IIoK8sApiCoreV1HostAlias[];
}

/** A reusable setting applied to a pod-making construct, e.g. `useGcpSecret()`: KFP's `op.apply(...)`. */
export type PodOption = (pod: PodBuilder) => void;

/** Implemented by every construct that makes a pod; `apply()` runs pod options on its {@link PodBuilder}. */
export interface IPodOwner {
  /** The pod the construct makes. */
  readonly pod: PodBuilder;
  /**
   * The pod runs in an object the step applies (a TFJob's replicas), not as the workflow's pod, so it can mount
   * only its own volumes, never the workflow's; the construct checks its mounts itself, and the pipeline leaves
   * them to it
   * @default false
   */
  readonly checksOwnMounts?: boolean;
}

/** The pod-level fields of a rendered pod, named as in a Kubernetes PodSpec and an Argo template alike. */
export interface RenderedPod {
  readonly volumes?: IIoK8sApiCoreV1Volume[];
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: IIoK8sApiCoreV1Toleration[];
  readonly affinity?: IIoK8sApiCoreV1Affinity;
  readonly securityContext?: IIoK8sApiCoreV1PodSecurityContext;
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly priorityClassName?: string;
  readonly schedulerName?: string;
  readonly hostAliases?: IIoK8sApiCoreV1HostAlias[];
}

/** The main container's fields the pod builder owns. */
export interface RenderedContainerParts {
  readonly env?: IIoK8sApiCoreV1EnvVar[];
  readonly envFrom?: IIoK8sApiCoreV1EnvFromSource[];
  readonly resources?: IIoK8sApiCoreV1ResourceRequirements;
  readonly volumeMounts?: IIoK8sApiCoreV1VolumeMount[];
  readonly securityContext?: IIoK8sApiCoreV1SecurityContext;
}

/**
 * The one pod builder: environment (literals, references, Secret and ConfigMap keys), volumes and mounts, resources
 * with GPUs, placement (node selector, tolerations, affinity, priority), security contexts, sidecars and init
 * containers, composed into every construct that makes a pod (container and script steps and templates, TFJobs,
 * TF-Serving), the way cdk8s-plus' `AbstractPod` serves its workloads. Rules hold for all of them: adding the same
 * volume or mount again changes nothing, two sources under one volume name are an error, every mount needs its
 * volume, and a later environment value for a name replaces the earlier one.
 */
export class PodBuilder {
  public readonly resources?: ContainerResources;
  public readonly nodeSelector?: Readonly<Record<string, Value>>;
  public readonly tolerations?: readonly Valued<IIoK8sApiCoreV1Toleration>[];
  public readonly affinity?: Valued<IIoK8sApiCoreV1Affinity>;
  public readonly securityContext?: Valued<IIoK8sApiCoreV1PodSecurityContext>;
  public readonly containerSecurityContext?: Valued<IIoK8sApiCoreV1SecurityContext>;
  public readonly serviceAccountName?: string;
  public readonly automountServiceAccountToken?: boolean;
  public readonly priorityClassName?: string;
  public readonly schedulerName?: string;
  public readonly hostAliases?: readonly IIoK8sApiCoreV1HostAlias[];
  private readonly envVars = new Map<string, EnvValue>();
  private readonly envFromList: IIoK8sApiCoreV1EnvFromSource[] = [];
  private readonly volumeList: Valued<IIoK8sApiCoreV1Volume>[] = [];
  private readonly mountList: Valued<IIoK8sApiCoreV1VolumeMount>[] = [];
  private readonly sidecarList: UserContainer[] = [];
  private readonly initList: UserContainer[] = [];

  /** @param path construct path that prefixes errors */
  constructor(private readonly path: string, options: PodOptions = {}) {
    this.resources = options.resources && checkResources(options.resources, path);
    this.nodeSelector = options.nodeSelector;
    this.tolerations = options.tolerations;
    this.affinity = options.affinity;
    this.securityContext = options.securityContext;
    this.containerSecurityContext = options.containerSecurityContext;
    this.serviceAccountName = options.serviceAccountName;
    this.automountServiceAccountToken = options.automountServiceAccountToken;
    this.priorityClassName = options.priorityClassName;
    this.schedulerName = options.schedulerName;
    this.hostAliases = options.hostAliases;
    for (const [name, value] of Object.entries(options.env ?? {})) this.addEnv(name, value);
    this.envFromList.push(...options.envFrom ?? []);
    for (const volume of options.volumes ?? []) this.addVolume(volume);
    for (const mount of options.volumeMounts ?? []) this.addVolumeMount(mount);
    for (const sidecar of options.sidecars ?? []) this.addSidecar(sidecar);
    for (const init of options.initContainers ?? []) this.addInitContainer(init);
  }

  /** The main container's environment, in the order set. */
  get env(): ReadonlyMap<string, EnvValue> {
    return this.envVars;
  }

  /** The volumes, in the order added. */
  get volumes(): readonly Valued<IIoK8sApiCoreV1Volume>[] {
    return this.volumeList;
  }

  /** The main container's mounts, in the order added. */
  get volumeMounts(): readonly Valued<IIoK8sApiCoreV1VolumeMount>[] {
    return this.mountList;
  }

  /** The sidecars, in the order added. */
  get sidecars(): readonly UserContainer[] {
    return this.sidecarList;
  }

  /** The init containers, in the order added. */
  get initContainers(): readonly UserContainer[] {
    return this.initList;
  }

  /**
   * Runs pod options (`useGcpSecret()`, or your own `(pod) => ...`) on this pod: what every pod-making construct's
   * `apply()` does.
   */
  apply(...options: PodOption[]): this {
    checkEach(this.path, options, POD_OPTION, (i) => `apply() argument ${i + 1}`);
    for (const option of options) option(this);
    return this;
  }

  /** Sets an environment variable of the main container; a later value for the same name replaces the earlier. */
  addEnv(name: string, value: EnvValue): this {
    checkArguments(this.path, [['environment variable name', name, required(STRING)], [`env.${name}`, value, required(ENV_VALUE)]]);
    const problem = envVarName(name);
    if (problem) throw new UserError(`[${this.path}] environment variable name ${JSON.stringify(name)} ${problem}; rename it`);
    this.envVars.set(name, value);
    return this;
  }

  /** Adds a volume to the pod; one of the same name must be identical. */
  addVolume(volume: Valued<IIoK8sApiCoreV1Volume>): this {
    checkArguments(this.path, [['volume', volume, required(VOLUME)]]);
    const existing = this.volumeList.find((v) => v.name === volume.name);
    if (existing && JSON.stringify(existing) !== JSON.stringify(volume)) {
      throw new UserError(`[${this.path}] volume '${String(volume.name)}' is added twice with different sources; give one a different name`);
    }
    if (!existing) this.volumeList.push(volume);
    return this;
  }

  /** Mounts a volume into the main container; the same volume at the same path again changes nothing. */
  addVolumeMount(mount: Valued<IIoK8sApiCoreV1VolumeMount>): this {
    checkArguments(this.path, [['volume mount', mount, required(VOLUME_MOUNT)]]);
    const same = (m: Valued<IIoK8sApiCoreV1VolumeMount>) => JSON.stringify(m.mountPath) === JSON.stringify(mount.mountPath) && m.name === mount.name;
    if (!this.mountList.some(same)) this.mountList.push(mount);
    return this;
  }

  /** Adds a container that runs beside the main one. */
  addSidecar(container: UserContainer): this {
    checkArguments(this.path, [['sidecar', container, required(USER_CONTAINER)]]);
    this.checkContainerName(container, 'sidecar');
    this.sidecarList.push(container);
    return this;
  }

  /** Adds a container that runs before the main one. */
  addInitContainer(container: UserContainer): this {
    checkArguments(this.path, [['init container', container, required(USER_CONTAINER)]]);
    this.checkContainerName(container, 'init container');
    this.initList.push(container);
    return this;
  }

  /** Every value the pod is built from, so the owner can check and wire its references. */
  values(): Value[] {
    const env = (e: Iterable<EnvValue>) => [...e].flatMap((v) => (v instanceof EnvVarSource ? valuesIn(v.source) : v instanceof SecretKey ? [] : [v as Value]));
    const containers = [...this.sidecarList, ...this.initList].flatMap((c) => [...valuesIn({ ...c, env: undefined }), ...env(Object.values(c.env ?? {}))]);
    return [
      ...env(this.envVars.values()),
      ...valuesIn([this.volumeList, this.mountList, this.nodeSelector, this.tolerations, this.affinity, this.securityContext, this.containerSecurityContext]),
      ...containers,
    ];
  }

  /** The main container's env, mounts, resources and security context. */
  renderContainerParts(r: ITemplateRenderer): RenderedContainerParts {
    return {
      ...(this.envVars.size > 0 && { env: renderEnv(this.envVars, r) }),
      ...(this.envFromList.length > 0 && { envFrom: [...this.envFromList] }),
      ...(this.resources && { resources: renderResourceRequirements(this.resources) }),
      ...(this.mountList.length > 0 && { volumeMounts: renderValued<IIoK8sApiCoreV1VolumeMount[]>(r, this.mountList) }),
      ...(this.containerSecurityContext && { securityContext: renderValued<IIoK8sApiCoreV1SecurityContext>(r, this.containerSecurityContext) }),
    };
  }

  /** The pod-level fields; sidecars and init containers are rendered by {@link renderUserContainers}. */
  renderPod(r: ITemplateRenderer): RenderedPod {
    return {
      ...(this.volumeList.length > 0 && { volumes: renderValued<IIoK8sApiCoreV1Volume[]>(r, this.volumeList) }),
      ...(this.nodeSelector && { nodeSelector: renderValued<Record<string, string>>(r, this.nodeSelector) }),
      ...(this.tolerations && { tolerations: renderValued<IIoK8sApiCoreV1Toleration[]>(r, this.tolerations) }),
      ...(this.affinity && { affinity: renderValued<IIoK8sApiCoreV1Affinity>(r, this.affinity) }),
      ...(this.securityContext && { securityContext: renderValued<IIoK8sApiCoreV1PodSecurityContext>(r, this.securityContext) }),
      ...(this.serviceAccountName !== undefined && { serviceAccountName: this.serviceAccountName }),
      ...(this.automountServiceAccountToken !== undefined && { automountServiceAccountToken: this.automountServiceAccountToken }),
      ...(this.priorityClassName !== undefined && { priorityClassName: this.priorityClassName }),
      ...(this.schedulerName !== undefined && { schedulerName: this.schedulerName }),
      ...(this.hostAliases && { hostAliases: [...this.hostAliases] }),
    };
  }

  /** Sidecars and init containers, as Argo's `UserContainer`s. */
  renderUserContainers(r: ITemplateRenderer): { sidecars?: IUserContainer[]; initContainers?: IUserContainer[] } {
    const render = (c: UserContainer): IUserContainer => {
      const { env, command, args, ...rest } = c;
      return {
        ...renderValued<IUserContainer>(r, rest),
        ...(command && { command: command.map((v) => r.value(v)) }),
        ...(args && { args: args.map((v) => r.value(v)) }),
        ...(env && { env: renderEnv(new Map(Object.entries(env)), r) }),
      };
    };
    return {
      ...(this.sidecarList.length > 0 && { sidecars: this.sidecarList.map(render) }),
      ...(this.initList.length > 0 && { initContainers: this.initList.map(render) }),
    };
  }

  /**
   * Why a mount names no volume of the pod nor one of `elsewhere` (the workflow's volumes and volume claims), or
   * undefined; checked once everything is added.
   */
  mountProblem(elsewhere: readonly unknown[] = []): string | undefined {
    const mounts = [...this.mountList, ...[...this.sidecarList, ...this.initList].flatMap((c) => c.volumeMounts ?? [])];
    // A name set at run time (an input, `{{inputs.parameters.vol}}`) may be any volume of the workflow: not judged.
    const undeclared = mounts.find((m) => typeof m.name === 'string' && !this.volumeList.some((v) => v.name === m.name) && !elsewhere.includes(m.name));
    return undeclared && `[${this.path}] volume mount '${String(undeclared.name)}' has no volume of that name; add it with volumes or addVolume()`;
  }

  private checkContainerName(container: UserContainer, what: string): void {
    const taken = [...this.sidecarList, ...this.initList].some((c) => c.name === container.name);
    if (taken || container.name === 'main') {
      throw new UserError(`[${this.path}] ${what} name '${String(container.name)}' is already used in this pod; container names must be unique (and 'main' is the main container's)`);
    }
  }
}

const POD_OPTION = func('a pod option (a function such as useGcpSecret())');
const VOLUME = shape<Pick<Valued<IIoK8sApiCoreV1Volume>, 'name'>>('Volume', { name: required(TEXT) }, { open: true });
const VOLUME_MOUNT = shape<Pick<Valued<IIoK8sApiCoreV1VolumeMount>, 'name' | 'mountPath'>>('VolumeMount',
  { name: required(TEXT), mountPath: required(TEXT) }, { open: true });

/** Guards a sidecar or init container: the fields kfops reads by name, the others as Kubernetes takes them. */
const USER_CONTAINER: OptionalGuard = shape<Pick<UserContainer, 'name' | 'image' | 'command' | 'args' | 'env'>>('UserContainer', {
  name: required(TEXT), image: TEXT, command: VALUES, args: VALUES, env: recordOf(ENV_VALUE),
}, { open: true });

/** The guards of {@link PodOptions}, which every pod-making construct takes. */
export const POD_OPTIONS_GUARDS: PropGuards<PodOptions> = {
  env: recordOf(ENV_VALUE),
  envFrom: arrayOf(object('an EnvFromSource')),
  resources: RESOURCES,
  volumes: arrayOf(VOLUME, 'an array of Volumes'),
  volumeMounts: arrayOf(VOLUME_MOUNT, 'an array of VolumeMounts'),
  nodeSelector: recordOf(VALUE),
  tolerations: arrayOf(object('a Toleration')),
  affinity: object('an Affinity'),
  securityContext: object('a PodSecurityContext'),
  containerSecurityContext: object('a SecurityContext'),
  sidecars: arrayOf(USER_CONTAINER, 'an array of containers'),
  initContainers: arrayOf(USER_CONTAINER, 'an array of containers'),
  serviceAccountName: STRING,
  automountServiceAccountToken: BOOLEAN,
  priorityClassName: STRING,
  schedulerName: STRING,
  hostAliases: arrayOf(object('a HostAlias')),
};

/** Renders environment variables in order: literals and references as `value`, run-time sources as `valueFrom`. */
export function renderEnv(env: ReadonlyMap<string, EnvValue>, r: ITemplateRenderer): IIoK8sApiCoreV1EnvVar[] {
  return [...env].map(([name, value]) => {
    if (!isEnvSource(value)) return { name, value: r.value(value) };
    if (value instanceof SecretKey) {
      return { name, valueFrom: { secretKeyRef: { name: value.secretName, key: value.key, ...(value.optional && { optional: true }) } } };
    }
    return { name, valueFrom: renderValued(r, value.source) };
  });
}
