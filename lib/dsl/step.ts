import type { Toleration as IIoK8sApiCoreV1Toleration } from 'kubernetes-types/core/v1';
import type { Template as ITemplate } from '../../imports/argo-workflows';
import type { ValueFrom as IValueFrom } from '../../imports/argo-workflows';
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { toDnsLabel } from '../argo/names';
import { UserError } from '../user-error';
import { Condition } from './condition';
import type { Loop } from './loop';
import { Pipeline } from './pipeline';
import { IReferenceable } from './reference';
import { Retry } from './retry';
import { StepOutput } from './step-output';
import type { ITemplateRenderer } from './template-renderer';
import { referencesOf, Value } from './value';

/** Props every kind of step takes. */
export interface StepProps {
  /** The step's name in Argo (task and template name). @default - the construct id */
  readonly name?: string;
  /** Steps that must finish first (same as calling `after()`). @default - none besides data dependencies */
  readonly after?: readonly Step[];
  /** Run only when this holds (Argo `when`). @default - always runs */
  readonly when?: Condition;
  /** Run once per item of this loop (Argo `withItems` / `withParam`). @default - runs once */
  readonly forEach?: Loop;
  /** Retry on failure (Argo `retryStrategy`). @default - no retries */
  readonly retry?: Retry;
  /** Fail the step when it runs longer than this (Argo `activeDeadlineSeconds`). @default - no limit */
  readonly timeout?: Duration;
  /** Labels of the step's pod. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the step's pod. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Node labels the step's pod must match. @default - the pipeline's nodeSelector */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Taints the step's pod tolerates. @default - the pipeline's tolerations */
  readonly tolerations?: readonly IIoK8sApiCoreV1Toleration[];
}

/** The kind-specific part of a step's Argo template (container, resource, ...), plus its volumes and sidecars. */
export type TemplateBody = Omit<ITemplate, 'name' | 'inputs' | 'outputs' | 'metadata' | 'retryStrategy'
  | 'activeDeadlineSeconds' | 'nodeSelector' | 'tolerations'>;

/**
 * A unit of work in a pipeline (KFP `ContainerOp`, an Argo DAG task and its template). Subclasses say what runs
 * (a container, a Kubernetes resource); this class holds what every step has: ordering, conditions, loops,
 * retries, outputs.
 */
export abstract class Step extends Construct {
  /** The step's name in Argo (DAG task and template name): `name` or the id, made a DNS-1123 label. */
  public readonly name: string;
  /** The pipeline the step belongs to. */
  public readonly pipeline: Pipeline;
  public readonly when?: Condition;
  public readonly forEach?: Loop;
  public readonly retry?: Retry;
  public readonly timeout?: Duration;
  public readonly labels: Readonly<Record<string, string>>;
  public readonly annotations: Readonly<Record<string, string>>;
  public readonly nodeSelector?: Readonly<Record<string, string>>;
  public readonly tolerations?: readonly IIoK8sApiCoreV1Toleration[];
  private readonly explicitDependencies: Step[] = [];
  private readonly outputSources = new Map<string, IValueFrom>();

  constructor(scope: Construct, id: string, props: StepProps) {
    super(scope, id);
    this.pipeline = Pipeline.of(this);
    this.name = toDnsLabel(props.name ?? id);
    if (this.name === '') {
      throw new UserError(`[${this.node.path}] step name '${props.name ?? id}' has no letters or digits; `
        + `Argo task and template names are DNS-1123 labels: rename the step or set 'name'`);
    }
    this.when = props.when;
    this.forEach = props.forEach;
    this.retry = props.retry;
    this.timeout = props.timeout;
    this.labels = props.labels ?? {};
    this.annotations = props.annotations ?? {};
    this.nodeSelector = props.nodeSelector;
    this.tolerations = props.tolerations;
    if (props.retry && (!Number.isInteger(props.retry.limit) || props.retry.limit < 0)) {
      throw new UserError(`[${this.node.path}] retry.limit must be a whole number >= 0, got ${props.retry.limit}`);
    }
    this.after(...(props.after ?? []));
  }

  /** Makes this step run after `steps` (KFP `op.after()`). Returns this step, for chaining. */
  after(...steps: Step[]): this {
    for (const step of steps) {
      if (step === this) throw new UserError(`[${this.node.path}] a step cannot run after itself`);
      if (!this.explicitDependencies.includes(step)) this.explicitDependencies.push(step);
    }
    return this;
  }

  /** An output of this step, to pass to later steps; throws when the step declares no such output. */
  output(name: string): StepOutput {
    if (!this.outputSources.has(name)) {
      const known = [...this.outputSources.keys()];
      throw new UserError(`[${this.node.path}] unknown output '${name}' (declared: ${known.length ? known.join(', ') : 'none'}; `
        + `declare it on the step first, e.g. fileOutputs: { '${name}': '/tmp/${name}' })`);
    }
    return new StepOutput(this, name);
  }

  /** Names and sources of the outputs this step declares, in declaration order. */
  get outputs(): ReadonlyMap<string, IValueFrom> {
    return this.outputSources;
  }

  /** Steps this step runs after: explicit `after()` ones and those whose outputs it reads, by name. */
  get dependencies(): Step[] {
    const deps = new Set<Step>(this.explicitDependencies);
    for (const ref of this.references()) {
      if (ref.reference.kind === 'output') deps.add(ref.reference.step);
    }
    deps.delete(this);
    return [...deps].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every reference the step uses: in its values, condition and loop. */
  references(): IReferenceable[] {
    const refs = this.values().flatMap(referencesOf);
    if (this.when) refs.push(...this.when.references);
    if (this.forEach?.source.kind === 'json') refs.push(this.forEach.source.list);
    return refs;
  }

  /** Compiles the kind-specific part of the step's Argo template. */
  abstract renderBody(renderer: ITemplateRenderer): TemplateBody;

  /** Every value the template body is built from, so references can be checked and wired before rendering. */
  protected abstract values(): Value[];

  /** Declares an output parameter and where Argo reads it from. */
  protected declareOutput(name: string, valueFrom: IValueFrom): void {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(name)) {
      throw new UserError(`[${this.node.path}] invalid output name '${name}' (use letters, digits, '-' and '_')`);
    }
    this.outputSources.set(name, valueFrom);
  }
}
