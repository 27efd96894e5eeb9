import type { Container as IIoK8sApiCoreV1Container } from 'kubernetes-types/core/v1';
import type { ContainerPort as IIoK8sApiCoreV1ContainerPort } from 'kubernetes-types/core/v1';
import { anyOf, arrayOf, BOOLEAN, enumOf, object, OptionalGuard, PropGuards, required, STRING } from '../guards';
import { IMAGE_REFERENCE_EXAMPLE, imageReferenceProblem } from '../k8s-spec/image-reference';
import { UserError } from '../user-error';
import { PodBuilder, PodOptions, POD_OPTIONS_GUARDS } from './pod-builder';
import { REFERENCE } from './reference';
import type { TemplateBody } from './template';
import { ITemplateRenderer, renderValued } from './template-renderer';
import { CONCAT, Valued, Value, VALUE, VALUES, valuesIn } from './value';

/**
 * When the kubelet pulls the image.
 * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
 */
export enum ImagePullPolicy {
  ALWAYS = 'Always',
  IF_NOT_PRESENT = 'IfNotPresent',
  NEVER = 'Never',
}

/** Props of the main container of a container or script step or template, plus its pod. */
export interface ContainerOptions extends PodOptions {
  /** Image to run, pinned by tag or digest; a reference (e.g. an input) is allowed. */
  readonly image: Value;
  /** Entrypoint (KFP `command`). @default - the image's entrypoint */
  readonly command?: readonly Value[];
  /** Arguments (KFP `arguments`); parameters, outputs, items and {@link fmt} strings are compiled to Argo references. @default - none */
  readonly args?: readonly Value[];
  /** Working directory of the container. @default - the image's */
  readonly workingDir?: Value;
  /** When the image is pulled. @default - Kubernetes' default (IfNotPresent, Always for `:latest`) */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Ports the container listens on (e.g. a daemon's). @default - none */
  readonly ports?: readonly IIoK8sApiCoreV1ContainerPort[];
  /** Keep the step running in the background while later steps use it (Argo `daemon`). @default false */
  readonly daemon?: boolean;
  /**
   * Container fields kfops has no prop for yet (probes, lifecycle, stdin, ...), written as given; a field kfops
   * also sets is an error. @default - none
   */
  readonly container?: Valued<Partial<IIoK8sApiCoreV1Container>>;
}

/**
 * The main container and pod of a container or script template: shared by {@link ContainerStep},
 * {@link ContainerTemplate}, {@link ScriptStep} and {@link ScriptTemplate}, so they check and render alike.
 */
export class ContainerBody {
  public readonly image: Value;
  public readonly command?: readonly Value[];
  public readonly args: readonly Value[];
  public readonly workingDir?: Value;
  public readonly imagePullPolicy?: ImagePullPolicy;
  public readonly ports?: readonly IIoK8sApiCoreV1ContainerPort[];
  public readonly daemon: boolean;
  public readonly container?: Valued<Partial<IIoK8sApiCoreV1Container>>;
  public readonly pod: PodBuilder;

  /**
   * @param path construct path that prefixes errors
   * @param mainName the main container's name, written when given
   */
  constructor(private readonly path: string, options: ContainerOptions, private readonly mainName?: string) {
    checkImage(options.image, path);
    this.image = options.image;
    this.command = options.command;
    this.args = options.args ?? [];
    this.workingDir = options.workingDir;
    this.imagePullPolicy = options.imagePullPolicy;
    this.ports = options.ports;
    this.daemon = options.daemon ?? false;
    this.container = options.container;
    this.pod = new PodBuilder(path, options);
  }

  /** Every value the container and pod are built from. */
  values(): Value[] {
    return [this.image, ...(this.command ?? []), ...this.args, ...(this.workingDir !== undefined ? [this.workingDir] : []),
      ...valuesIn(this.container), ...this.pod.values()];
  }

  /** Renders `container` (or `script`, with `extra` such as its source) and the pod-level template fields. */
  render(r: ITemplateRenderer, kind: 'container' | 'script', extra: Record<string, unknown> = {}): TemplateBody {
    const main = {
      ...(this.mainName !== undefined && { name: this.mainName }),
      image: r.value(this.image),
      ...(this.command && { command: this.command.map((v) => r.value(v)) }),
      ...(this.args.length > 0 && { args: this.args.map((v) => r.value(v)) }),
      ...this.pod.renderContainerParts(r),
      ...(this.workingDir !== undefined && { workingDir: r.value(this.workingDir) }),
      ...(this.imagePullPolicy && { imagePullPolicy: this.imagePullPolicy }),
      ...(this.ports && { ports: [...this.ports] }),
      ...extra,
    };
    const escape = this.container ? renderValued<Record<string, unknown>>(r, this.container) : {};
    const clash = Object.keys(escape).find((k) => k in main);
    if (clash) {
      throw new UserError(`[${this.path}] container.${clash} is set twice, by a prop and by 'container'; remove it from 'container'`);
    }
    return {
      [kind]: { ...main, ...escape },
      ...this.pod.renderPod(r),
      ...this.pod.renderUserContainers(r),
      ...(this.daemon && { daemon: true }),
    } as TemplateBody;
  }
}

/** Guards an image prop: a reference such as 'gcr.io/my-project/trainer:1.4.0', or a parameter or input holding one. */
const IMAGE: OptionalGuard = anyOf([STRING, REFERENCE, CONCAT], `an image reference such as ${IMAGE_REFERENCE_EXAMPLE}, or a parameter or input holding one`);

/** The guards of {@link ContainerOptions}. */
export const CONTAINER_OPTIONS_GUARDS: PropGuards<ContainerOptions> = {
  ...POD_OPTIONS_GUARDS,
  image: required(IMAGE),
  command: VALUES,
  args: VALUES,
  workingDir: VALUE,
  imagePullPolicy: enumOf(ImagePullPolicy, 'ImagePullPolicy'),
  ports: arrayOf(object('a ContainerPort')),
  daemon: BOOLEAN,
  container: object('Kubernetes container fields'),
};

/**
 * Throws unless a literal image is an OCI / Docker image reference; references are checked when the run resolves
 * them, and other kinds of values by {@link IMAGE} where the props were given.
 */
export function checkImage(image: Value, path: string): void {
  if (typeof image !== 'string') return;
  const problem = imageReferenceProblem(image);
  if (problem) {
    throw new UserError(`[${path}] image ${JSON.stringify(image)} is not an image reference: ${problem} `
      + `(expected [registry[:port]/]repository[:tag][@digest], e.g. ${IMAGE_REFERENCE_EXAMPLE})`);
  }
}
