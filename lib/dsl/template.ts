import type { ArtifactLocation as IArtifactLocation } from '../../imports/argo-workflows';
import type { Metrics as IMetrics } from '../../imports/argo-workflows';
import type { Synchronization as ISynchronization } from '../../imports/argo-workflows';
import type { Template as ITemplate } from '../../imports/argo-workflows';
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { fieldNameProblem } from '../argo-spec/names';
import {
  anyOf, arrayOf, checkArguments, instanceOf, object, OptionalGuard, PropGuards, recordOf, required, shape, STRING,
} from '../guards';
import { UserError } from '../user-error';
import { InputArtifact, InputParameter } from './inputs';
import { OutputArtifact, OutputParameter } from './outputs';
import { IPipelineScope, pipelineOf } from './pipeline-scope';
import { Retry, RETRY } from './retry';
import type { ITemplateRenderer } from './template-renderer';
import { DURATION_OR_VALUE, Valued, Value, VALUE, valuesIn } from './value';

/**
 * Reuse a template's earlier result for the same key instead of running it again (Argo `memoize`), with the cache in
 * a ConfigMap.
 * @see https://argo-workflows.readthedocs.io/en/latest/memoization/
 */
export interface Memoize {
  /** The cache key, usually built from the inputs, e.g. fmt`${message}`. */
  readonly key: Value;
  /** Reuse results at most this old. @default - any age */
  readonly maxAge?: Duration | Value;
  /** The ConfigMap that holds the cache (`cache.configMap`). */
  readonly configMap: { readonly name: string; readonly key?: string };
}

/**
 * Limit concurrent runs with mutexes and semaphores (Argo `synchronization`): `mutexes: [{ name }]`,
 * `semaphores: [{ configMapKeyRef: { name, key } }]`, with `namespace` or `database` where needed.
 * @see https://argo-workflows.readthedocs.io/en/latest/synchronization/
 */
export type Synchronization = Valued<ISynchronization>;

/**
 * Prometheus metrics a template or workflow emits (Argo `metrics.prometheus[]`: name, help, labels, when, and a
 * gauge, counter or histogram whose value may use references).
 * @see https://argo-workflows.readthedocs.io/en/latest/metrics/
 */
export type Metrics = Valued<IMetrics>;

/**
 * A template as Argo takes it, for fields kfops has no prop for yet (the escape hatch). Fields of the Argo model are
 * typed; newer ones are taken as they are, and `kfops validate` checks them all against the Argo version's schema.
 */
export type TemplateFields = Valued<Partial<ITemplate>> & { readonly [field: string]: unknown };

/** Options every template and step takes. */
export interface TemplateOptions {
  /** Labels of the template's pods (Argo `metadata.labels`). @default - none */
  readonly labels?: Readonly<Record<string, Value>>;
  /** Annotations of the template's pods (Argo `metadata.annotations`). @default - none */
  readonly annotations?: Readonly<Record<string, Value>>;
  /** Retry on failure (Argo `retryStrategy`). @default - no retries */
  readonly retry?: Retry;
  /** Cache results by key (Argo `memoize`). @default - always runs */
  readonly memoize?: Memoize;
  /** Mutexes and semaphores held while it runs (Argo `synchronization`). @default - none */
  readonly synchronization?: Synchronization;
  /** Prometheus metrics it emits (Argo `metrics`). @default - none */
  readonly metrics?: Metrics;
  /** Where its logs and artifacts are stored (Argo `archiveLocation`). @default - the artifact repository */
  readonly archiveLocation?: Valued<IArtifactLocation>;
  /** A strategic-merge patch (YAML or JSON) applied to its pod's spec (Argo `podSpecPatch`). @default - none */
  readonly podSpecPatch?: Value;
  /**
   * Template fields kfops has no prop for yet, written as given; a field kfops also sets is an error.
   * @default - none
   */
  readonly extraFields?: TemplateFields;
}

/** The template's declared inputs. */
export type TemplateInput = InputParameter | InputArtifact;
/** The template's declared outputs. */
export type TemplateOutput = OutputParameter | OutputArtifact;

/** Props every template takes. */
export interface TemplateProps extends TemplateOptions {
  /** The template's name in Argo. @default - the construct id */
  readonly name?: string;
  /** Input parameters and artifacts; the body uses the objects themselves. @default - none */
  readonly inputs?: readonly TemplateInput[];
  /** Output parameters and artifacts. @default - none */
  readonly outputs?: readonly TemplateOutput[];
  /** Fail the template's pod when it runs longer than this (Argo `activeDeadlineSeconds`). @default - no limit */
  readonly activeDeadline?: Duration | Value;
  /** Fail the node when it takes longer than this in total, pending time included (Argo `timeout`). @default - no limit */
  readonly timeout?: Duration | Value;
}

/** The kind-specific part of a template (container, script, resource, dag, ...), plus its pod fields. */
export type TemplateBody = Omit<ITemplate, 'name' | 'inputs' | 'outputs' | 'metadata' | 'retryStrategy' | 'memoize'
  | 'synchronization' | 'metrics' | 'archiveLocation' | 'podSpecPatch'>;

/**
 * A reusable unit of work in a pipeline (an Argo template): a container, a script, a Kubernetes resource, a
 * suspension, an HTTP request, or a DAG or steps of calls to other templates. Subclasses say what runs; this class
 * holds what every template has: name, inputs and outputs, pod metadata, retries, caching, synchronization, metrics.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#template
 */
export abstract class Template extends Construct {
  /** The template's name in Argo. */
  public readonly name: string;
  /** The pipeline the template belongs to. */
  public readonly pipeline: IPipelineScope;
  public readonly labels: Readonly<Record<string, Value>>;
  public readonly annotations: Readonly<Record<string, Value>>;
  public readonly retry?: Retry;
  public readonly activeDeadline?: Duration | Value;
  public readonly timeout?: Duration | Value;
  public readonly memoize?: Memoize;
  public readonly synchronization?: Synchronization;
  public readonly metrics?: Metrics;
  public readonly archiveLocation?: Valued<IArtifactLocation>;
  public readonly podSpecPatch?: Value;
  public readonly extraFields?: TemplateFields;
  private readonly inputList: TemplateInput[] = [];
  private readonly outputList: TemplateOutput[] = [];

  /** @param name the template's name, already checked by the subclass; else `props.name` or the id, checked here */
  constructor(scope: Construct, id: string, props: TemplateProps, name?: string) {
    super(scope, id);
    this.pipeline = pipelineOf(this);
    this.name = name ?? props.name ?? id;
    const problem = name === undefined ? fieldNameProblem(this.name) : undefined;
    if (problem) throw new UserError(`[${this.node.path}] template name '${this.name}' ${problem}; set 'name'`);
    this.labels = props.labels ?? {};
    this.annotations = props.annotations ?? {};
    this.retry = props.retry;
    this.activeDeadline = props.activeDeadline;
    this.timeout = props.timeout;
    this.memoize = props.memoize;
    this.synchronization = props.synchronization;
    this.metrics = props.metrics;
    this.archiveLocation = props.archiveLocation;
    this.podSpecPatch = props.podSpecPatch;
    this.extraFields = props.extraFields;
    if (props.retry?.limit !== undefined && typeof props.retry.limit === 'number'
      && (!Number.isInteger(props.retry.limit) || props.retry.limit < 0)) {
      throw new UserError(`[${this.node.path}] retry.limit must be a whole number >= 0, got ${props.retry.limit}`);
    }
    for (const input of props.inputs ?? []) this.addInput(input);
    for (const output of props.outputs ?? []) this.addOutput(output);
  }

  /** The declared inputs, in order. */
  get inputs(): readonly TemplateInput[] {
    return this.inputList;
  }

  /** The declared outputs, in order. */
  get outputs(): readonly TemplateOutput[] {
    return this.outputList;
  }

  /** Declares an input; names are unique per kind (parameter or artifact). */
  addInput(input: TemplateInput): this {
    checkArguments(this.node.path, [['addInput() input', input, required(TEMPLATE_INPUT)]]);
    this.checkUnique(this.inputList, input, 'input');
    this.inputList.push(input);
    return this;
  }

  /** Declares an output, e.g. a DAG template's output taken from one of its tasks once they exist. */
  addOutput(output: TemplateOutput): this {
    checkArguments(this.node.path, [['addOutput() output', output, required(TEMPLATE_OUTPUT)]]);
    this.checkUnique(this.outputList, output, 'output');
    this.outputList.push(output);
    return this;
  }

  /**
   * Whether outputs may still be added after calls that read them exist: a DAG's or steps' outputs come from their
   * own calls, created after the template. Reads of such outputs are checked at synth instead of at once.
   */
  get outputsMayGrow(): boolean {
    return false;
  }

  /** The declared output parameter `name`, if any. */
  findOutput(name: string, type: 'parameters' | 'artifacts'): TemplateOutput | undefined {
    return this.outputList.find((o) => o.name === name && o.type === type);
  }

  /** Compiles the kind-specific part of the template. */
  abstract renderBody(renderer: ITemplateRenderer): TemplateBody;

  /** Every value the template is built from (body, inputs, outputs, options), so references can be checked. */
  templateValues(): Value[] {
    const io = [...this.inputList, ...this.outputList].flatMap((x) => valuesIn(
      x instanceof InputParameter ? [x.default, x.value, x.enum, x.valueFrom]
        : x instanceof OutputParameter ? [x.valueFrom, x.value, x.default]
          : withoutFrom(x.fields)));
    return [
      ...this.values(),
      ...io,
      ...valuesIn([this.labels, this.annotations, this.memoize?.key, this.memoize?.maxAge, this.synchronization, this.metrics,
        this.archiveLocation, this.podSpecPatch, this.extraFields, this.activeDeadline, this.timeout, this.retry?.limit, this.retry?.backoff]),
    ];
  }

  /** Every value the body is built from. */
  protected abstract values(): Value[];

  private checkUnique(list: readonly (TemplateInput | TemplateOutput)[], item: TemplateInput | TemplateOutput, what: string): void {
    if (list.some((x) => x.name === item.name && x.type === item.type)) {
      throw new UserError(`[${this.node.path}] ${what} ${item.type.slice(0, -1)} '${item.name}' is declared twice; declare it once`);
    }
  }
}

// An artifact's `from` is a reference to another node's artifact, wired as a dependency by the task that passes it.
function withoutFrom(fields: { readonly from?: unknown }): unknown {
  const { from: _from, ...rest } = fields;
  return rest;
}

/** Guards a prop that takes a template (or step) of the app. */
export const TEMPLATE: OptionalGuard = instanceOf(Template, 'a template or step of this app (e.g. a ContainerTemplate)');

const TEMPLATE_INPUT = anyOf([instanceOf(InputParameter, 'an InputParameter'), instanceOf(InputArtifact, 'an InputArtifact')],
  "an InputParameter or InputArtifact (e.g. new InputParameter('message'))");
const TEMPLATE_OUTPUT = anyOf([instanceOf(OutputParameter, 'an OutputParameter'), instanceOf(OutputArtifact, 'an OutputArtifact')],
  "an OutputParameter or OutputArtifact (e.g. new OutputParameter('out', { valueFrom: { path: '/tmp/out' } }))");

/** The guards of {@link TemplateOptions}, which every template and step takes. */
export const TEMPLATE_OPTIONS_GUARDS: PropGuards<TemplateOptions> = {
  labels: recordOf(VALUE),
  annotations: recordOf(VALUE),
  retry: RETRY,
  memoize: shape<Memoize>('Memoize', {
    key: required(VALUE), maxAge: DURATION_OR_VALUE,
    configMap: required(shape<Memoize['configMap']>('ConfigMap reference', { name: required(STRING), key: STRING })),
  }),
  synchronization: object('an Argo Synchronization'),
  metrics: object('Argo Metrics'),
  archiveLocation: object('an Argo ArtifactLocation'),
  podSpecPatch: VALUE,
  extraFields: object('Argo template fields'),
};

/** The guards of {@link TemplateProps}. */
export const TEMPLATE_PROPS_GUARDS: PropGuards<TemplateProps> = {
  ...TEMPLATE_OPTIONS_GUARDS,
  name: STRING,
  inputs: arrayOf(TEMPLATE_INPUT, 'an array of InputParameters and InputArtifacts'),
  outputs: arrayOf(TEMPLATE_OUTPUT, 'an array of OutputParameters and OutputArtifacts'),
  activeDeadline: DURATION_OR_VALUE,
  timeout: DURATION_OR_VALUE,
};
