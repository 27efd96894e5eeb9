import type { Toleration as IIoK8sApiCoreV1Toleration } from 'kubernetes-types/core/v1';
import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { WorkflowSpec as IWorkflowSpec } from '../../imports/argo-workflows';
import { ApiObject, Duration, JsonPatch, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { stringify } from 'yaml';
import { checkPipeline } from '../argo/check-pipeline';
import { compileWorkflowSpec } from '../argo/compile-pipeline';
import { PIPELINE_NAME_MAX, toDnsLabel } from '../argo/names';
import { UserError } from '../user-error';
import { Parameter, ParameterProps, ParameterValue } from './parameter';
import type { Step } from './step';

/**
 * When Argo deletes a run's pods.
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#podgc
 */
export enum PodGcStrategy {
  ON_POD_COMPLETION = 'OnPodCompletion',
  ON_POD_SUCCESS = 'OnPodSuccess',
  ON_WORKFLOW_COMPLETION = 'OnWorkflowCompletion',
  ON_WORKFLOW_SUCCESS = 'OnWorkflowSuccess',
}

/** How long finished runs are kept before Argo deletes them (Argo `ttlStrategy`). */
export interface Ttl {
  /** After the run completes, whatever its outcome. @default - kept */
  readonly afterCompletion?: Duration;
  /** After the run succeeds. @default - kept */
  readonly afterSuccess?: Duration;
  /** After the run fails. @default - kept */
  readonly afterFailure?: Duration;
}

/**
 * What a scheduled run does when the previous one is still running.
 * @see https://argo-workflows.readthedocs.io/en/latest/cron-workflows/
 */
export enum ConcurrencyPolicy {
  ALLOW = 'Allow',
  FORBID = 'Forbid',
  REPLACE = 'Replace',
}

/** A recurring run of the pipeline: a CronWorkflow that references the WorkflowTemplate. */
export interface Schedule {
  /** Cron expressions (five fields), e.g. `['0 3 * * *']`. */
  readonly cron: readonly string[];
  /** IANA time zone the expressions are read in. @default 'UTC' */
  readonly timezone?: string;
  /** What happens when a run is due while the previous still runs. @default ConcurrencyPolicy.FORBID */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** A run that could not start within this long of its time is skipped. @default - no deadline */
  readonly startingDeadline?: Duration;
  /** Create the CronWorkflow suspended. @default false */
  readonly suspend?: boolean;
  /** Successful runs to keep. @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed runs to keep. @default 1 */
  readonly failedJobsHistoryLimit?: number;
}

/** A run of the pipeline: a Workflow with `workflowTemplateRef`. */
export interface Run {
  /**
   * Run on every Argo CD sync: an Argo CD PostSync hook, the Workflow `<pipeline>-on-sync`, creates the run (a
   * Workflow named `<pipeline>-<random>` by the API server, so `{{workflow.name}}` and the run's folders are new
   * each time), owns it and waits for it, so the sync reports the run's outcome and stays open until it ends. The
   * next sync deletes the previous hook, and with it its run (`BeforeHookCreation`). The hook has a fixed name
   * because kustomize, which Argo CD renders `dist/<env>/` with, rejects objects without `metadata.name`. When
   * false, the Workflow has `generateName: <pipeline>-` for ad-hoc runs with `kubectl create -f`. @default true
   */
  readonly onSync?: boolean;
}

/** Props of {@link Pipeline}. */
export interface PipelineProps {
  /** The pipeline's name: WorkflowTemplate name and DAG entrypoint. @default - the construct id, made a DNS-1123 label */
  readonly name?: string;
  /** What the pipeline does; shown in the Argo UI. @default - none */
  readonly description?: string;
  /** Service account of the run's pods. @default - the namespace's default */
  readonly serviceAccountName?: string;
  /** Labels of the WorkflowTemplate and of every run. @default - only kfops' own */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the WorkflowTemplate and of every run. @default - only kfops' own */
  readonly annotations?: Readonly<Record<string, string>>;
  /** When finished runs are deleted. @default - kept until deleted by hand */
  readonly ttl?: Ttl;
  /** When the run's pods are deleted. @default - kept until the run is deleted */
  readonly podGc?: PodGcStrategy;
  /** At most this many pods of a run at once. @default - unlimited */
  readonly parallelism?: number;
  /** Fail a run that takes longer than this. @default - no limit */
  readonly activeDeadline?: Duration;
  /** Secrets used to pull the steps' images. @default - none */
  readonly imagePullSecrets?: readonly string[];
  /** Node labels every step's pod must match, unless the step sets its own. @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Taints every step's pod tolerates, unless the step sets its own. @default - none */
  readonly tolerations?: readonly IIoK8sApiCoreV1Toleration[];
  /** Volumes every step can mount. @default - none */
  readonly volumes?: readonly IIoK8sApiCoreV1Volume[];
  /** Also synthesize a CronWorkflow that runs the pipeline on a schedule. @default - no schedule */
  readonly schedule?: Schedule;
  /** Also synthesize a Workflow that runs the pipeline. @default - no run */
  readonly run?: Run;
  /**
   * Parameter values overriding the declared defaults, e.g. an environment's params file. A value for a parameter
   * the pipeline does not declare is an error at synth. @default - the declared defaults
   */
  readonly values?: Readonly<Record<string, ParameterValue>>;
}

const PIPELINE = Symbol.for('kfops.Pipeline');

/**
 * An ML pipeline (KFP `@dsl.pipeline`): typed parameters and steps with their dependencies. It synthesizes an Argo
 * WorkflowTemplate, plus a CronWorkflow when scheduled and a Workflow when it should run on sync.
 *
 * @example
 * const pipeline = new Pipeline(chart, 'workflow1', { description: 'TFT, TFJob, TFMA, serving' });
 * const trainSteps = pipeline.addParameter('train-steps', { type: ParameterType.INTEGER, default: 10000 });
 */
export class Pipeline extends Construct {
  /** The pipeline that `construct` belongs to; throws when it is not inside one. */
  static of(construct: IConstruct): Pipeline {
    const found = construct.node.scopes.slice().reverse().find((c) => (c as unknown as Record<symbol, boolean>)[PIPELINE]);
    if (!found) {
      throw new UserError(`[${construct.node.path}] steps and parameters must be created inside a Pipeline; `
        + 'pass the pipeline (or a construct inside it) as scope');
    }
    return found as Pipeline;
  }

  /** The pipeline's name: WorkflowTemplate name and DAG entrypoint. */
  public readonly name: string;
  public readonly description?: string;
  /** Run-level settings, read by the Argo compiler. */
  public readonly settings: PipelineProps;
  /** The synthesized WorkflowTemplate. */
  public readonly workflowTemplate: ApiObject;
  private readonly values: Readonly<Record<string, ParameterValue>>;
  private readonly paramsScope: Construct;
  private exit?: Step;
  private compiledSpec?: IWorkflowSpec;

  constructor(scope: Construct, id: string, props: PipelineProps = {}) {
    super(scope, id);
    Object.defineProperty(this, PIPELINE, { value: true });
    this.name = toDnsLabel(props.name ?? id, PIPELINE_NAME_MAX);
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

    const labels = { ...props.labels, 'kfops.dev/pipeline': this.name };
    const annotations = {
      ...props.annotations,
      ...(props.description && { 'workflows.argoproj.io/description': props.description }),
    };
    this.workflowTemplate = new ApiObject(this, 'WorkflowTemplate', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: {
        name: this.name,
        labels,
        annotations: {
          ...annotations,
          // Read by `kfops validate --params`: params files are checked against what the pipeline declares.
          'kfops.dev/parameter-schema': Lazy.any({ produce: () => JSON.stringify(this.parameterSchema()) }),
        },
      },
      spec: Lazy.any({ produce: () => this.compile() }),
    });
    if (props.schedule) this.addCronWorkflow(props.schedule, labels);
    if (props.run) this.addRun(props.run, labels);
    this.node.addValidation({ validate: () => checkPipeline(this) });
  }

  /** Declares a parameter (KFP `PipelineParam`); its value is the environment's override, else `props.default`. */
  addParameter(name: string, props: ParameterProps = {}): Parameter {
    if (this.paramsScope.node.tryFindChild(name)) {
      throw new UserError(`[${this.node.path}] parameter '${name}' is declared twice; declare it once and pass the same object to every step`);
    }
    const parameter = new Parameter(this.paramsScope, name, props);
    if (name in this.values) parameter.setValue(this.values[name], `value for ${this.node.path}/${name}`);
    return parameter;
  }

  /**
   * The compiled WorkflowTemplate spec. Compiled once, at synth (validation compiles it first to report errors),
   * when every step and parameter exists.
   */
  compile(): IWorkflowSpec {
    return (this.compiledSpec ??= compileWorkflowSpec(this));
  }

  /** Makes `step` the exit handler: it runs when the pipeline ends, whatever the outcome (KFP `ExitHandler`, Argo `onExit`). */
  onExit(step: Step): this {
    if (step.pipeline !== this) throw new UserError(`[${step.node.path}] the exit handler must be a step of ${this.node.path}`);
    if (this.exit && this.exit !== step) {
      throw new UserError(`[${step.node.path}] ${this.node.path} already has the exit handler ${this.exit.node.path}; a pipeline has one`);
    }
    const output = step.references().find((r) => r.reference.kind === 'output');
    if (output?.reference.kind === 'output') {
      throw new UserError(`[${step.node.path}] the exit handler runs outside the DAG and cannot read output '${output.reference.name}' `
        + `of step '${output.reference.step.name}'; pass pipeline parameters or WorkflowVariables only`);
    }
    if (step.dependencies.length > 0 || step.when || step.forEach) {
      throw new UserError(`[${step.node.path}] the exit handler runs after everything else; it takes no after(), when or forEach`);
    }
    this.exit = step;
    return this;
  }

  /** The exit handler, if any. */
  get exitHandler(): Step | undefined {
    return this.exit;
  }

  /** The pipeline's parameters, in declaration order. */
  get parameters(): Parameter[] {
    return this.paramsScope.node.children.filter((c): c is Parameter => c instanceof Parameter);
  }

  /** The pipeline's steps, in the order they were created. */
  get steps(): Step[] {
    return this.node.findAll().filter((c): c is Step => c !== this && Pipeline.of(c) === this && isStep(c));
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

  private addCronWorkflow(schedule: Schedule, labels: Record<string, string>): void {
    if (schedule.cron.length === 0) throw new UserError(`[${this.node.path}] schedule.cron needs at least one cron expression`);
    new ApiObject(this, 'CronWorkflow', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata: { name: this.name, labels },
      spec: {
        schedules: [...schedule.cron],
        timezone: schedule.timezone ?? 'UTC',
        concurrencyPolicy: schedule.concurrencyPolicy ?? ConcurrencyPolicy.FORBID,
        ...(schedule.startingDeadline && { startingDeadlineSeconds: schedule.startingDeadline.toSeconds() }),
        ...(schedule.suspend && { suspend: true }),
        successfulJobsHistoryLimit: schedule.successfulJobsHistoryLimit ?? 3,
        failedJobsHistoryLimit: schedule.failedJobsHistoryLimit ?? 1,
        workflowSpec: { workflowTemplateRef: { name: this.name } },
      },
    });
  }

  private addRun(run: Run, labels: Record<string, string>): void {
    const runManifest = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: `${this.name}-`, labels },
      spec: { workflowTemplateRef: { name: this.name } },
    };
    if (!(run.onSync ?? true)) {
      const workflow = new ApiObject(this, 'Workflow', runManifest);
      // cdk8s names every object; an ad-hoc run is named by Argo from generateName, so a fixed name would collide.
      workflow.addJsonPatch(JsonPatch.remove('/metadata/name'));
      return;
    }
    new ApiObject(this, 'Workflow', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {
        name: `${this.name}-on-sync`,
        labels,
        annotations: {
          'argocd.argoproj.io/hook': 'PostSync',
          'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
        },
      },
      spec: {
        entrypoint: 'run',
        ...(this.settings.serviceAccountName && { serviceAccountName: this.settings.serviceAccountName }),
        templates: [{
          name: 'run',
          resource: {
            action: 'create',
            // Owned by the hook: when the next sync deletes the hook, the run goes with it.
            setOwnerReference: true,
            // One requirement each: Argo's docs AND a condition's requirements, its executor fails on any.
            successCondition: 'status.phase == Succeeded',
            failureCondition: 'status.phase in (Failed,Error)',
            manifest: stringify(runManifest, { lineWidth: 0, version: '1.1' }),
          },
          outputs: { parameters: [{ name: 'run-name', valueFrom: { jsonPath: '{.metadata.name}' } }] },
        }],
      },
    });
  }
}

// Steps are recognised structurally so this file needs no runtime import of step.ts (which imports this one).
function isStep(c: IConstruct): c is Step {
  return typeof (c as Partial<Step>).renderBody === 'function' && 'pipeline' in c;
}

