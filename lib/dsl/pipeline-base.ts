import type { Affinity as IIoK8sApiCoreV1Affinity } from 'kubernetes-types/core/v1';
import type { PodDNSConfig as IIoK8sApiCoreV1PodDNSConfig } from 'kubernetes-types/core/v1';
import type { PodSecurityContext as IIoK8sApiCoreV1PodSecurityContext } from 'kubernetes-types/core/v1';
import type { Toleration as IIoK8sApiCoreV1Toleration } from 'kubernetes-types/core/v1';
import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { WorkflowMetadata as IWorkflowMetadata } from '../../imports/argo-workflows';
import { Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CRON_WORKFLOW_NAME_MAX, WORKFLOW_NAME_MAX } from '../argo-spec/names';
import {
  arrayOf, BOOLEAN, checkArguments, CONSTRUCT, DURATION, enumOf, NUMBER, object, PropGuards, recordOf, required, shape, STRING,
} from '../guards';
import { toDnsLabel } from '../k8s-spec/names';
import { UserError } from '../user-error';
import { ARTIFACT_FIELDS, ArtifactFields } from './artifact';
import { Parameter, PARAMETER_VALUE, ParameterProps, ParameterValue } from './parameter';
import { findPipeline, IPipelineScope, markPipeline, pipelineOf } from './pipeline-scope';
import { Retry, RETRY } from './retry';
import { CRON_OPTIONS, CronOptions, Schedule, SCHEDULE } from './schedule';
import { Step } from './step';
import { LifecycleHook, LifecycleHooks } from './task-options';
import { Metrics, Synchronization, Template, TEMPLATE, TemplateFields } from './template';
import { Valued, Value, VALUE } from './value';
import {
  ArtifactGc, ArtifactRepositoryRef, POD_GC, POD_METADATA, PodGc, PodGcStrategy, PodMetadata, RUN, Run, TTL, Ttl, VolumeClaimTemplate,
  WorkflowKind, WorkflowSpecFields,
} from './workflow-options';

/** Props of a pipeline: what it is (kind, name) and the workflow-level settings of its spec. */
export interface PipelineProps {
  /** The kind of Argo object. @default WorkflowKind.WORKFLOW_TEMPLATE */
  readonly kind?: WorkflowKind;
  /** The pipeline's name: object name and, for steps, DAG entrypoint. @default - the construct id, made a DNS-1123 label */
  readonly name?: string;
  /** Name the object by this prefix plus a suffix the API server picks (`generateName`), e.g. for Workflows. @default - `name` */
  readonly generateName?: string;
  /** The object's namespace. @default - the chart's */
  readonly namespace?: string;
  /** What the pipeline does; shown in the Argo UI. @default - none */
  readonly description?: string;
  /** Labels of the object (and, for templates, of every run). @default - only kfops' own */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the object (and, for templates, of every run). @default - only kfops' own */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Labels and annotations of every run (Argo `workflowMetadata`); `{}` for none.
   * @default - for templates, the pipeline's `labels` and `annotations`
   */
  readonly workflowMetadata?: Valued<IWorkflowMetadata>;
  /** The schedule of a pipeline of kind CronWorkflow, as Argo takes it. @default - required for that kind only */
  readonly cron?: CronOptions;
  /** Service account of the run's pods. @default - the namespace's default */
  readonly serviceAccountName?: string;
  /** When finished runs are deleted (Argo `ttlStrategy`). @default - kept until deleted by hand */
  readonly ttl?: Ttl;
  /** When the run's pods are deleted (Argo `podGC`). @default - kept until the run is deleted */
  readonly podGc?: PodGcStrategy | PodGc;
  /** At most this many pods of a run at once. @default - unlimited */
  readonly parallelism?: number;
  /** Fail a run that takes longer than this. @default - no limit */
  readonly activeDeadline?: Duration;
  /** Secrets used to pull the steps' images. @default - none */
  readonly imagePullSecrets?: readonly string[];
  /** Node labels every step's pod must match, unless the step sets its own. @default - none */
  readonly nodeSelector?: Readonly<Record<string, Value>>;
  /** Taints every step's pod tolerates, unless the step sets its own. @default - none */
  readonly tolerations?: readonly Valued<IIoK8sApiCoreV1Toleration>[];
  /** Affinity of every step's pod, unless the step sets its own. @default - none */
  readonly affinity?: Valued<IIoK8sApiCoreV1Affinity>;
  /** Security context of every step's pod, unless the step sets its own. @default - none */
  readonly securityContext?: Valued<IIoK8sApiCoreV1PodSecurityContext>;
  /** Priority class of every pod (Argo `podPriorityClassName`). @default - the cluster default */
  readonly podPriorityClassName?: string;
  /** Labels and annotations of every pod (Argo `podMetadata`). @default - none */
  readonly podMetadata?: PodMetadata;
  /** A strategic-merge patch (YAML or JSON) applied to every pod's spec (Argo `podSpecPatch`). @default - none */
  readonly podSpecPatch?: Value;
  /** Volumes every step can mount. @default - none */
  readonly volumes?: readonly Valued<IIoK8sApiCoreV1Volume>[];
  /** PersistentVolumeClaims created for each run, mounted by name (Argo `volumeClaimTemplates`). @default - none */
  readonly volumeClaimTemplates?: readonly VolumeClaimTemplate[];
  /** Artifact arguments of the run (Argo `arguments.artifacts`), by name. @default - none */
  readonly artifacts?: Readonly<Record<string, ArtifactFields>>;
  /** Mutexes and semaphores the run holds (Argo `synchronization`). @default - none */
  readonly synchronization?: Synchronization;
  /** Prometheus metrics the run emits (Argo `metrics`). @default - none */
  readonly metrics?: Metrics;
  /** Defaults every template inherits (Argo `templateDefaults`), e.g. `{ timeout: '10m' }`. @default - none */
  readonly templateDefaults?: TemplateFields;
  /** Retries of every template (Argo `retryStrategy`). @default - none */
  readonly retry?: Retry;
  /** Where the run's artifacts go (Argo `artifactRepositoryRef`). @default - the namespace's default repository */
  readonly artifactRepositoryRef?: ArtifactRepositoryRef;
  /** When the run's artifacts are deleted (Argo `artifactGC`). @default - never */
  readonly artifactGc?: ArtifactGc;
  /** Archive the pods' logs in the artifact repository. @default - the controller's setting */
  readonly archiveLogs?: boolean;
  /** Run pods in the host's network namespace. @default false */
  readonly hostNetwork?: boolean;
  /** DNS settings of every pod. @default - the cluster's */
  readonly dnsConfig?: IIoK8sApiCoreV1PodDNSConfig;
  /** Run a Workflow from this WorkflowTemplate (Argo `workflowTemplateRef`) instead of its own templates. @default - its own */
  readonly workflowTemplateRef?: { readonly name: string; readonly clusterScope?: boolean };
  /** Workflow spec fields kfops has no prop for yet, written as given; a field kfops also sets is an error. @default - none */
  readonly specFields?: WorkflowSpecFields;
  /** Also synthesize a CronWorkflow that runs the pipeline on a schedule (templates only). @default - no schedule */
  readonly schedule?: Schedule;
  /** Also synthesize a Workflow that runs the pipeline (templates only). @default - no run */
  readonly run?: Run;
  /**
   * Parameter values overriding the declared defaults, e.g. an environment's params file. A value for a parameter
   * the pipeline does not declare is an error at synth. @default - the declared defaults
   */
  readonly values?: Readonly<Record<string, ParameterValue>>;
}

/**
 * What every pipeline is, whatever Argo object it compiles to: typed parameters, templates and steps with their
 * dependencies, the entrypoint and exit handler, and the workflow-level settings. The Argo compiler's `Pipeline`
 * extends it with the synthesized objects.
 */
export abstract class PipelineBase extends Construct implements IPipelineScope {
  /** The pipeline that `construct` belongs to; throws when it is not inside one. */
  static of(construct: IConstruct): PipelineBase {
    checkArguments('PipelineBase.of', [['construct', construct, required(CONSTRUCT)]]);
    return pipelineOf(construct) as PipelineBase;
  }

  /** The pipeline's name: object name and, for steps, DAG entrypoint. */
  public readonly name: string;
  public readonly kind: WorkflowKind;
  public readonly description?: string;
  /** The props as given, read by environments to check that a pipeline passed on what they gave it. */
  public readonly settings: PipelineProps;
  private readonly values: Readonly<Record<string, ParameterValue>>;
  private readonly paramsScope: Construct;
  /** By name: a Map, so names Object.prototype has (`constructor`, `__proto__`) are names like any other. */
  private readonly parameterList = new Map<string, Parameter>();
  private readonly hookSet = new LifecycleHooks(this.node.path);
  private exit?: Template;
  private entry?: Template;

  constructor(scope: Construct, id: string, props: PipelineProps = {}) {
    super(scope, id);
    markPipeline(this);
    this.kind = props.kind ?? WorkflowKind.WORKFLOW_TEMPLATE;
    // A kfops template and a CronWorkflow give their name to CronWorkflows, whose runs' names get a timestamp suffix.
    const max = this.kind === WorkflowKind.WORKFLOW || this.kind === WorkflowKind.CLUSTER_WORKFLOW_TEMPLATE ? WORKFLOW_NAME_MAX : CRON_WORKFLOW_NAME_MAX;
    this.name = toDnsLabel(props.name ?? id, max);
    if (this.name === '') {
      throw new UserError(`[${this.node.path}] pipeline name '${props.name ?? id}' has no letters or digits; set 'name'`);
    }
    this.description = props.description;
    this.settings = props;
    this.values = props.values ?? {};
    this.paramsScope = new Construct(this, 'params');
    if (props.parallelism !== undefined && (!Number.isInteger(props.parallelism) || props.parallelism < 1)) {
      throw new UserError(`[${this.node.path}] parallelism must be a whole number >= 1, got ${props.parallelism}`);
    }
    if ((this.kind === WorkflowKind.CRON_WORKFLOW) !== (props.cron !== undefined)) {
      throw new UserError(`[${this.node.path}] ${props.cron ? "'cron' is only for kind CronWorkflow; use 'schedule' to run a template on a schedule"
        : "a pipeline of kind CronWorkflow needs 'cron' (its schedules)"}`);
    }
    if (this.kind !== WorkflowKind.WORKFLOW_TEMPLATE && (props.schedule || props.run)) {
      throw new UserError(`[${this.node.path}] 'schedule' and 'run' add objects that run a WorkflowTemplate; a ${this.kind} takes neither`);
    }
  }

  /** Declares a parameter (KFP `PipelineParam`); its value is the environment's override, else `props.default`. */
  addParameter(name: string, props: ParameterProps = {}): Parameter {
    checkArguments(this.node.path, [['addParameter() name', name, required(STRING)]]);
    if (this.parameterList.has(name)) {
      throw new UserError(`[${this.node.path}] parameter '${name}' is declared twice; declare it once and pass the same object to every step`);
    }
    const parameter = new Parameter(this.paramsScope, name, props);
    this.parameterList.set(name, parameter);
    if (Object.hasOwn(this.values, name)) parameter.setValue(this.values[name], `value for ${this.node.path}/${name}`);
    return parameter;
  }

  /**
   * Makes `handler` the exit handler: it runs when the pipeline ends, whatever the outcome (KFP `ExitHandler`,
   * Argo `onExit`). A step then leaves the DAG; a template runs as it is.
   */
  onExit(handler: Template): this {
    checkArguments(this.node.path, [['onExit() handler', handler, required(TEMPLATE)]]);
    if (handler.pipeline !== this) throw new UserError(`[${handler.node.path}] the exit handler must be a step or template of ${this.node.path}`);
    if (this.exit && this.exit !== handler) {
      throw new UserError(`[${handler.node.path}] ${this.node.path} already has the exit handler ${this.exit.node.path}; a pipeline has one`);
    }
    if (handler instanceof Step) {
      const output = handler.references().find((r) => r.reference.kind === 'output');
      if (output?.reference.kind === 'output') {
        throw new UserError(`[${handler.node.path}] the exit handler runs outside the DAG and cannot read output '${output.reference.name}' `
          + `of step '${output.reference.step.name}'; pass pipeline parameters or WorkflowVariables only`);
      }
      if (handler.dependencies.length > 0 || handler.when || handler.forEach) {
        throw new UserError(`[${handler.node.path}] the exit handler runs after everything else; it takes no after(), when or forEach`);
      }
    }
    this.exit = handler;
    return this;
  }

  /** The exit handler, if any. */
  get exitHandler(): Template | undefined {
    return this.exit;
  }

  /**
   * Makes `template` the entrypoint, where runs start (Argo `entrypoint`). A pipeline of steps needs none: its DAG,
   * named after the pipeline, is the entrypoint.
   */
  setEntrypoint(template: Template): this {
    checkArguments(this.node.path, [['setEntrypoint() template', template, required(TEMPLATE)]]);
    if (template.pipeline !== this) throw new UserError(`[${template.node.path}] the entrypoint must be a template of ${this.node.path}`);
    if (template instanceof Step) {
      throw new UserError(`[${template.node.path}] a step runs in the pipeline's DAG, which is the entrypoint already; make a template the entrypoint instead`);
    }
    this.entry = template;
    return this;
  }

  /** The entrypoint template set with {@link setEntrypoint}, if any. */
  get entrypoint(): Template | undefined {
    return this.entry;
  }

  /** Adds a workflow-level lifecycle hook (Argo `hooks`): `exit`, or a name with an `expression`. */
  addHook(name: string, hook: LifecycleHook): this {
    this.hookSet.add(name, hook);
    return this;
  }

  /** The workflow-level hooks, by name. */
  get hooks(): ReadonlyMap<string, LifecycleHook> {
    return new Map(Object.entries(this.hookSet.all));
  }

  /** The pipeline's parameters, in declaration order. */
  get parameters(): Parameter[] {
    return [...this.parameterList.values()];
  }

  /** The pipeline's templates, steps included, in the order they were created. */
  get templates(): Template[] {
    return this.node.findAll().filter((c): c is Template => c instanceof Template && findPipeline(c) === this);
  }

  /** The pipeline's steps, in the order they were created. */
  get steps(): Step[] {
    return this.templates.filter((t): t is Step => t instanceof Step);
  }

  /** The JSON Schema of this pipeline's parameter values, as params files are validated against. */
  parameterSchema(): Record<string, unknown> {
    const params = this.parameters;
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.toJsonSchema()])),
      additionalProperties: false,
    };
  }

  /** Errors for override values naming parameters this pipeline does not declare. */
  unknownValueErrors(): string[] {
    const known = new Set(this.parameters.map((p) => p.name));
    return Object.keys(this.values).filter((k) => !known.has(k)).map((k) =>
      `[${this.node.path}] a value is given for '${k}', which is not a parameter of this pipeline (parameters: ${[...known].join(', ')}); remove it or fix its name`);
  }
}

/** The guards of {@link PipelineProps}, checked by the pipeline construct (`Pipeline`, in the compiler). */
export const PIPELINE_PROPS_GUARDS: PropGuards<PipelineProps> = {
  kind: enumOf(WorkflowKind, 'WorkflowKind'),
  name: STRING,
  generateName: STRING,
  namespace: STRING,
  description: STRING,
  labels: recordOf(STRING),
  annotations: recordOf(STRING),
  workflowMetadata: object('an Argo WorkflowMetadata ({ labels, annotations })'),
  cron: CRON_OPTIONS,
  serviceAccountName: STRING,
  ttl: TTL,
  podGc: POD_GC,
  parallelism: NUMBER,
  activeDeadline: DURATION,
  imagePullSecrets: arrayOf(STRING),
  nodeSelector: recordOf(VALUE),
  tolerations: arrayOf(object('a Toleration')),
  affinity: object('an Affinity'),
  securityContext: object('a PodSecurityContext'),
  podPriorityClassName: STRING,
  podMetadata: POD_METADATA,
  podSpecPatch: VALUE,
  volumes: arrayOf(object('a Volume')),
  volumeClaimTemplates: arrayOf(object('a PersistentVolumeClaim')),
  artifacts: recordOf(ARTIFACT_FIELDS),
  synchronization: object('an Argo Synchronization'),
  metrics: object('Argo Metrics'),
  templateDefaults: object('Argo template fields'),
  retry: RETRY,
  artifactRepositoryRef: object('an ArtifactRepositoryRef ({ configMap, key })'),
  artifactGc: object('an Argo ArtifactGC'),
  archiveLogs: BOOLEAN,
  hostNetwork: BOOLEAN,
  dnsConfig: object('a PodDNSConfig'),
  workflowTemplateRef: shape<NonNullable<PipelineProps['workflowTemplateRef']>>('WorkflowTemplateRef', { name: required(STRING), clusterScope: BOOLEAN }),
  specFields: object('Argo workflow spec fields'),
  schedule: SCHEDULE,
  run: RUN,
  values: recordOf(PARAMETER_VALUE),
};
