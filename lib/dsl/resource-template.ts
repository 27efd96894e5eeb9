import type { ResourceTemplate as IResourceTemplate } from '../../imports/argo-workflows';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { anyOf, BOOLEAN, enumOf, instanceOf, object, PropGuards, PropsGuard, required } from '../guards';
import { UserError } from '../user-error';
import { InputArtifact } from './inputs';
import { isReferenceable } from './reference';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import { ITemplateRenderer, renderValued } from './template-renderer';
import { Concat, Valued, Value, VALUE, VALUES, valuesIn } from './value';

/**
 * What a resource template does with its manifest (`kubectl <action>`).
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 */
export enum ResourceAction {
  GET = 'get',
  CREATE = 'create',
  APPLY = 'apply',
  DELETE = 'delete',
  REPLACE = 'replace',
  PATCH = 'patch',
}

/** How a `patch` merges (`kubectl patch --type`). */
export enum MergeStrategy {
  STRATEGIC = 'strategic',
  MERGE = 'merge',
  JSON = 'json',
}

/** Props of a resource: the manifest and the conditions that end the step. */
export interface ResourceOptions {
  /** What to do with the manifest. */
  readonly action: ResourceAction;
  /**
   * The object: YAML text (references compiled in), or the object itself, written as YAML.
   * @default - `manifestFrom` (or, for get and delete, the objects `flags` select)
   */
  readonly manifest?: Value | Valued<Readonly<Record<string, unknown>>>;
  /** Read the manifest from an input artifact instead. @default - `manifest` */
  readonly manifestFrom?: InputArtifact;
  /** The step succeeds when this holds on the object, e.g. `status.succeeded > 0`. @default - once the action is done */
  readonly successCondition?: Value;
  /** The step fails when this holds on the object, e.g. `status.failed > 3`. @default - never */
  readonly failureCondition?: Value;
  /** Make the workflow the object's owner, so deleting the run deletes it. @default false */
  readonly setOwnerReference?: boolean;
  /** How `patch` merges. @default - kubectl's default (strategic) */
  readonly mergeStrategy?: MergeStrategy;
  /** Extra `kubectl` flags, e.g. `['--namespace', 'ml']`. @default - none */
  readonly flags?: readonly Value[];
}

/** Props of {@link ResourceTemplate}. */
export interface ResourceTemplateProps extends TemplateProps, ResourceOptions {}

/**
 * A template that creates, applies, patches, reads or deletes a Kubernetes object (Argo `resource`), and waits for
 * its success or failure condition.
 *
 * @example
 * new ResourceTemplate(pipeline, 'create-job', {
 *   action: ResourceAction.CREATE, successCondition: 'status.succeeded > 0', failureCondition: 'status.failed > 3',
 *   manifest: { apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'pi-job-' }, spec: { ... } },
 * });
 */
export class ResourceTemplate extends Template {
  public readonly resource: ResourceOptions;

  constructor(scope: Construct, id: string, props: ResourceTemplateProps) {
    super(scope, id, RESOURCE_TEMPLATE_PROPS.check(scope, id, props, new.target === ResourceTemplate));
    this.resource = checkResource(props, this.node.path);
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return { resource: renderResource(r, this.resource) };
  }

  protected values(): Value[] {
    return resourceValues(this.resource);
  }
}

/** Throws when the options cannot make a resource template. */
export function checkResource(options: ResourceOptions, path: string): ResourceOptions {
  if (options.manifest !== undefined && options.manifestFrom !== undefined) {
    throw new UserError(`[${path}] give the object as manifest or manifestFrom, not both`);
  }
  // get and delete may select objects by flags alone (e.g. --selector); the other actions need the object.
  if (options.manifest === undefined && options.manifestFrom === undefined && options.action !== ResourceAction.GET && options.action !== ResourceAction.DELETE) {
    throw new UserError(`[${path}] a ${options.action} needs the object: give manifest or manifestFrom`);
  }
  const { action, manifest, manifestFrom, successCondition, failureCondition, setOwnerReference, mergeStrategy, flags } = options;
  return { action, manifest, manifestFrom, successCondition, failureCondition, setOwnerReference, mergeStrategy, flags };
}

/** The values a resource's manifest and conditions are built from. */
export function resourceValues(options: ResourceOptions): Value[] {
  return valuesIn([options.manifest, options.successCondition, options.failureCondition, options.flags]);
}

/** Renders Argo's `resource` block. */
export function renderResource(r: ITemplateRenderer, o: ResourceOptions): IResourceTemplate {
  const m = o.manifest;
  const isText = typeof m === 'string' || typeof m === 'number' || typeof m === 'boolean' || m instanceof Concat || isReferenceable(m);
  return {
    action: o.action,
    ...(m !== undefined && {
      manifest: isText ? r.value(m as Value) : stringify(renderValued(r, m), { lineWidth: 0, version: '1.1' }),
    }),
    ...(o.manifestFrom && { manifestFrom: { artifact: { name: o.manifestFrom.name } } }),
    ...(o.successCondition !== undefined && { successCondition: r.value(o.successCondition) }),
    ...(o.failureCondition !== undefined && { failureCondition: r.value(o.failureCondition) }),
    ...(o.setOwnerReference !== undefined && { setOwnerReference: o.setOwnerReference }),
    ...(o.mergeStrategy && { mergeStrategy: o.mergeStrategy }),
    ...(o.flags && { flags: o.flags.map((f) => r.value(f)) }),
  };
}

/** The guards of {@link ResourceOptions}. */
export const RESOURCE_OPTIONS_GUARDS: PropGuards<ResourceOptions> = {
  action: required(enumOf(ResourceAction, 'ResourceAction')),
  manifest: anyOf([VALUE, object('a Kubernetes object')], 'YAML text, or the Kubernetes object itself'),
  manifestFrom: instanceOf(InputArtifact, 'an InputArtifact'),
  successCondition: VALUE,
  failureCondition: VALUE,
  setOwnerReference: BOOLEAN,
  mergeStrategy: enumOf(MergeStrategy, 'MergeStrategy'),
  flags: VALUES,
};

/** Checks the props of a {@link ResourceTemplate}. */
export const RESOURCE_TEMPLATE_PROPS = new PropsGuard<ResourceTemplateProps>('ResourceTemplateProps',
  { ...TEMPLATE_PROPS_GUARDS, ...RESOURCE_OPTIONS_GUARDS });
