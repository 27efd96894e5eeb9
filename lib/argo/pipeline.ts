import type { WorkflowSpec as IWorkflowSpec } from '../../imports/argo-workflows';
import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { PIPELINE_PROPS_GUARDS, PipelineBase, PipelineProps } from '../dsl/pipeline-base';
import { PropsGuard } from '../guards';
import { CronOptions, Schedule, scheduleCron } from '../dsl/schedule';
import { Run, WorkflowKind } from '../dsl/workflow-options';
import { UserError } from '../user-error';
import { checkPipeline } from './check-pipeline';
import { compileWorkflowSpec } from './compile-pipeline';
import { renderCron } from './compile-options';

const API_VERSION = 'argoproj.io/v1alpha1';

/**
 * An ML pipeline (KFP `@dsl.pipeline`): typed parameters, steps and templates with their dependencies, synthesized
 * as an Argo WorkflowTemplate (or the `kind` given: Workflow, ClusterWorkflowTemplate, CronWorkflow), plus a
 * CronWorkflow when scheduled and a Workflow when it should run on sync.
 *
 * @example
 * const pipeline = new Pipeline(chart, 'workflow1', { description: 'TFT, TFJob, TFMA, serving' });
 * const trainSteps = pipeline.addParameter('train-steps', { type: ParameterType.INTEGER, default: 10000 });
 * @see https://argo-workflows.readthedocs.io/en/latest/workflow-templates/
 */
export class Pipeline extends PipelineBase {
  /** The synthesized object of the pipeline's kind (a WorkflowTemplate unless `kind` says otherwise). */
  public readonly workflowTemplate: ApiObject;
  private compiledSpec?: IWorkflowSpec;

  constructor(scope: Construct, id: string, props: PipelineProps = {}) {
    super(scope, id, PIPELINE_PROPS.check(scope, id, props, new.target === Pipeline));
    const labels = { ...props.labels, 'kfops.dev/pipeline': this.name };
    const annotations = {
      ...props.annotations,
      ...(props.description && { 'workflows.argoproj.io/description': props.description }),
    };
    const spec = Lazy.any({ produce: () => this.compile() });
    this.workflowTemplate = new ApiObject(this, this.kind, {
      apiVersion: API_VERSION,
      kind: this.kind,
      metadata: {
        ...(props.generateName === undefined && { name: this.name }),
        ...(props.generateName !== undefined && { generateName: props.generateName }),
        ...(props.namespace !== undefined && { namespace: props.namespace }),
        labels,
        annotations: {
          ...annotations,
          // Read by `kfops validate --params`: params files are checked against what the pipeline declares.
          'kfops.dev/parameter-schema': Lazy.any({ produce: () => JSON.stringify(this.parameterSchema()) }),
        },
      },
      spec: this.kind === WorkflowKind.CRON_WORKFLOW
        ? Lazy.any({ produce: () => ({ ...renderCron(props.cron as CronOptions), workflowSpec: this.compile() }) })
        : spec,
    });
    // cdk8s names every object; one named by the API server from generateName must not carry a name too.
    if (props.generateName !== undefined) this.workflowTemplate.addJsonPatch(JsonPatch.remove('/metadata/name'));
    if (props.schedule) this.addCronWorkflow(props.schedule, labels);
    if (props.run) this.addRun(props.run, labels);
    this.node.addValidation({ validate: () => checkPipeline(this) });
  }

  /**
   * The compiled workflow spec. Compiled once, at synth (validation compiles it first to report errors), when
   * every step, template and parameter exists.
   */
  compile(): IWorkflowSpec {
    return (this.compiledSpec ??= compileWorkflowSpec(this));
  }

  private addCronWorkflow(schedule: Schedule, labels: Record<string, string>): void {
    if (schedule.cron.length === 0) throw new UserError(`[${this.node.path}] schedule.cron needs at least one cron expression`);
    new ApiObject(this, 'CronWorkflow', {
      apiVersion: API_VERSION,
      kind: 'CronWorkflow',
      metadata: { name: this.name, labels },
      spec: { ...renderCron(scheduleCron(schedule)), workflowSpec: { workflowTemplateRef: { name: this.name } } },
    });
  }

  private addRun(run: Run, labels: Record<string, string>): void {
    const runManifest = {
      apiVersion: API_VERSION,
      kind: 'Workflow',
      metadata: { generateName: `${this.name}-`, labels },
      spec: { workflowTemplateRef: { name: this.name } },
    };
    if (!(run.onSync ?? true)) {
      if (run.serviceAccountName !== undefined) {
        throw new UserError(`[${this.node.path}] run.serviceAccountName is the on-sync hook's account, and this run is not on sync `
          + "(onSync: false runs as the pipeline's serviceAccountName); remove it");
      }
      const workflow = new ApiObject(this, 'Workflow', runManifest);
      // cdk8s names every object; an ad-hoc run is named by Argo from generateName, so a fixed name would collide.
      workflow.addJsonPatch(JsonPatch.remove('/metadata/name'));
      return;
    }
    const hookAccount = run.serviceAccountName ?? this.settings.serviceAccountName;
    new ApiObject(this, 'Workflow', {
      apiVersion: API_VERSION,
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
        ...(hookAccount && { serviceAccountName: hookAccount }),
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

/** Checks the props of a {@link Pipeline}. */
export const PIPELINE_PROPS = new PropsGuard<PipelineProps>('PipelineProps', PIPELINE_PROPS_GUARDS);
