import { Construct } from 'constructs';
import { PropsGuard } from '../guards';
import { CONTAINER_OPTIONS_GUARDS, ContainerBody, ContainerOptions } from './container-body';
import { IPodOwner, PodBuilder, PodOption } from './pod-builder';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { Value } from './value';

/** Props of {@link ContainerTemplate}. */
export interface ContainerTemplateProps extends TemplateProps, ContainerOptions {}

/**
 * A reusable template that runs a container (Argo `container`), called by DAG tasks and workflow steps with
 * arguments for its inputs.
 *
 * @example
 * const message = new InputParameter('message');
 * const whalesay = new ContainerTemplate(pipeline, 'whalesay', {
 *   inputs: [message], image: 'docker/whalesay:latest', command: ['cowsay'], args: [message],
 * });
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#container
 */
export class ContainerTemplate extends Template implements IPodOwner {
  /** The main container and its pod. */
  public readonly body: ContainerBody;

  constructor(scope: Construct, id: string, props: ContainerTemplateProps) {
    super(scope, id, CONTAINER_TEMPLATE_PROPS.check(scope, id, props, new.target === ContainerTemplate));
    this.body = new ContainerBody(this.node.path, props);
  }

  /** The template's pod: environment, volumes, resources, placement, sidecars. */
  get pod(): PodBuilder {
    return this.body.pod;
  }

  /** Applies reusable pod options (e.g. `useGcpSecret()`), KFP's `op.apply(...)`. */
  apply(...options: PodOption[]): this {
    this.pod.apply(...options);
    return this;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return this.body.render(r, 'container');
  }

  protected values(): Value[] {
    return this.body.values();
  }
}

/** The guards of {@link ContainerTemplateProps}. */
export const CONTAINER_TEMPLATE_GUARDS = { ...TEMPLATE_PROPS_GUARDS, ...CONTAINER_OPTIONS_GUARDS };

/** Checks the props of a {@link ContainerTemplate}. */
export const CONTAINER_TEMPLATE_PROPS = new PropsGuard<ContainerTemplateProps>('ContainerTemplateProps', CONTAINER_TEMPLATE_GUARDS);
