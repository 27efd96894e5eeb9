import { Construct } from 'constructs';
import { PropsGuard } from '../guards';
import { checkResource, renderResource, RESOURCE_OPTIONS_GUARDS, ResourceOptions, resourceValues } from './resource-template';
import { Step, STEP_PROPS_GUARDS, StepProps } from './step';
import type { TemplateBody } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { Value } from './value';

/** Props of {@link ResourceStep}. */
export interface ResourceStepProps extends StepProps, ResourceOptions {}

/**
 * A step that creates, applies, patches, reads or deletes a Kubernetes object (KFP `ResourceOp`, Argo `resource`);
 * parameters and outputs in the manifest are wired like any step's values.
 *
 * @example
 * new ResourceStep(pipeline, 'scale', { action: ResourceAction.PATCH, mergeStrategy: MergeStrategy.MERGE,
 *   manifest: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'server' }, spec: { replicas } } });
 */
export class ResourceStep extends Step {
  public readonly resource: ResourceOptions;

  constructor(scope: Construct, id: string, props: ResourceStepProps) {
    super(scope, id, RESOURCE_STEP_PROPS.check(scope, id, props, new.target === ResourceStep));
    this.resource = checkResource(props, this.node.path);
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return { resource: renderResource(r, this.resource) };
  }

  protected values(): Value[] {
    return resourceValues(this.resource);
  }
}

/** Checks the props of a {@link ResourceStep}. */
export const RESOURCE_STEP_PROPS = new PropsGuard<ResourceStepProps>('ResourceStepProps', { ...STEP_PROPS_GUARDS, ...RESOURCE_OPTIONS_GUARDS });
