import type { ContainerNode as IContainerNode } from '../../imports/argo-workflows';
import type { ContainerSetRetryStrategy as IContainerSetRetryStrategy } from '../../imports/argo-workflows';
import { Construct } from 'constructs';
import { arrayOf, object, omit, PropsGuard, recordOf, required, shape, STRING } from '../guards';
import { UserError } from '../user-error';
import { ENV_VALUE, EnvValue, isEnvSource } from './env-var-source';
import { IPodOwner, PodBuilder, PodOption, PodOptions, POD_OPTIONS_GUARDS, renderEnv } from './pod-builder';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import { ITemplateRenderer, renderValued } from './template-renderer';
import { TEXT, Valued, Value, VALUES, valuesIn } from './value';

/** One container of a container set: any container field, `env` by name, and the containers it waits for. */
export type ContainerSetContainer = Valued<Omit<IContainerNode, 'env' | 'dependencies' | 'command' | 'args'>> & {
  /** Entrypoint. @default - the image's */
  readonly command?: readonly Value[];
  /** Arguments; numbers and booleans are written as strings. @default - none */
  readonly args?: readonly Value[];
  /** Environment variables, in order. @default - none */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** Names of the containers of the set that must finish first. @default - none: starts at once */
  readonly dependencies?: readonly string[];
};

/** Props of {@link ContainerSetTemplate}. */
export interface ContainerSetTemplateProps extends TemplateProps, Omit<PodOptions, 'env' | 'envFrom' | 'resources' | 'containerSecurityContext'> {
  /** The containers, run in one pod in the order their dependencies allow. */
  readonly containers: readonly ContainerSetContainer[];
  /** How failed containers of the set are retried (`containerSet.retryStrategy`: retries, duration). @default - no retries */
  readonly containerRetryStrategy?: Valued<IContainerSetRetryStrategy>;
}

/**
 * Several containers in one pod, ordered by their dependencies and sharing its volumes (Argo `containerSet`): cheap
 * steps that pass files without artifacts. `volumeMounts` apply to every container.
 * @see https://argo-workflows.readthedocs.io/en/latest/container-set-template/
 */
export class ContainerSetTemplate extends Template implements IPodOwner {
  public readonly containers: readonly ContainerSetContainer[];
  public readonly containerRetryStrategy?: Valued<IContainerSetRetryStrategy>;
  /** The pod the containers share: volumes, placement, security context. */
  public readonly pod: PodBuilder;

  constructor(scope: Construct, id: string, props: ContainerSetTemplateProps) {
    super(scope, id, CONTAINER_SET_TEMPLATE_PROPS.check(scope, id, props, new.target === ContainerSetTemplate));
    this.pod = new PodBuilder(this.node.path, props);
    this.containers = props.containers;
    this.containerRetryStrategy = props.containerRetryStrategy;
    const names = props.containers.map((c) => c.name);
    for (const c of props.containers) {
      const unknown = (c.dependencies ?? []).find((d) => !names.includes(d));
      if (unknown !== undefined) {
        throw new UserError(`[${this.node.path}] container '${String(c.name)}' depends on '${unknown}', which is not in the set (${names.join(', ')})`);
      }
    }
  }

  /** Applies reusable pod options to the shared pod. */
  apply(...options: PodOption[]): this {
    this.pod.apply(...options);
    return this;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    const parts = this.pod.renderContainerParts(r);
    return {
      containerSet: {
        containers: this.containers.map((c) => {
          const { env, command, args, ...rest } = c;
          return {
            ...renderValued<IContainerNode>(r, rest),
            ...(command && { command: command.map((v) => r.value(v)) }),
            ...(args && { args: args.map((v) => r.value(v)) }),
            ...(env && { env: renderEnv(new Map(Object.entries(env)), r) }),
          };
        }),
        ...(parts.volumeMounts && { volumeMounts: parts.volumeMounts }),
        ...(this.containerRetryStrategy && { retryStrategy: renderValued(r, this.containerRetryStrategy) }),
      },
      ...this.pod.renderPod(r),
      ...this.pod.renderUserContainers(r),
    };
  }

  protected values(): Value[] {
    return [...valuesIn(this.containers.map((c) => ({ ...c, env: undefined }))),
      ...this.containers.flatMap((c) => Object.values(c.env ?? {}).filter((v): v is Value => !isEnvSource(v))),
      ...valuesIn(this.containerRetryStrategy),
      ...this.pod.values()];
  }
}

const CONTAINER = shape<Pick<ContainerSetContainer, 'name' | 'image' | 'command' | 'args' | 'env' | 'dependencies'>>('ContainerSetContainer', {
  name: required(TEXT), image: TEXT, command: VALUES, args: VALUES, env: recordOf(ENV_VALUE), dependencies: arrayOf(STRING),
}, { open: true });

/** Checks the props of a {@link ContainerSetTemplate}. */
export const CONTAINER_SET_TEMPLATE_PROPS = new PropsGuard<ContainerSetTemplateProps>('ContainerSetTemplateProps', {
  ...TEMPLATE_PROPS_GUARDS,
  ...omit(POD_OPTIONS_GUARDS, ['env', 'envFrom', 'resources', 'containerSecurityContext']),
  containers: required(arrayOf(CONTAINER, 'an array of containers')),
  containerRetryStrategy: object('a ContainerSetRetryStrategy ({ retries, duration })'),
});
