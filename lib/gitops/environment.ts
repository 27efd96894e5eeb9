import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { Pipeline } from '../argo/pipeline';
import { Schedule, SCHEDULE } from '../dsl/schedule';
import { BOOLEAN, func, NUMBER, PropGuards, PropsGuard, recordOf, required, shape, STRING } from '../guards';
import { TfServing } from '../serving/tf-serving';
import { TfServingStep } from '../serving/tf-serving-step';
import { UserError } from '../user-error';
import { suggestName } from '../suggest-name';
import { EnvironmentParams, loadParamsFile, paramsPipelineNames } from './params-file';
import { DeployedPipelineProps, PipelineCatalog, probePipeline } from './pipeline-catalog';
import { PipelineRunnerRbac, RUN_ON_SYNC_RULES } from './pipeline-runner-rbac';
import { scheduleProblems } from './schedule-check';
import { resolveSyncPolicy, ResolvedSyncPolicy, SYNC_POLICY, SyncPolicy } from './sync-policy';
import { HOOK_ANNOTATION, SYNC_WAVE_ANNOTATION, syncWaveOf } from './sync-wave';
import { own } from '../own';

/**
 * The cluster an environment deploys to, as registered in Argo CD: give `server` or `name`, not both.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/application-specification/
 */
export interface ClusterDestination {
  /** The cluster's API server URL, e.g. `https://kubernetes.default.svc` (the cluster Argo CD runs in). @default - use `name` */
  readonly server?: string;
  /** The cluster's name in Argo CD (`argocd cluster list`). @default - use `server` */
  readonly name?: string;
}

/** How one pipeline runs in an environment. */
export interface EnvironmentPipeline {
  /** Run it on a schedule: a CronWorkflow referencing the WorkflowTemplate. @default - not scheduled */
  readonly schedule?: Schedule;
  /**
   * Run it once on every Argo CD sync of the environment, so merging a change to the pipeline or its params runs
   * it: a PostSync hook that starts a run with a name of its own and waits for it. Every sync counts, including
   * automated self-heal syncs, and the sync stays open (the application shows "Syncing") until the run has
   * finished, for the whole training run; the next sync of the environment waits for it. @default false
   */
  readonly runOnSync?: boolean;
}

/** One environment as declared in the project's environments file. */
export interface EnvironmentConfig {
  /** Where Argo CD deploys the environment. */
  readonly destination: ClusterDestination;
  /** The namespace everything of the environment lives in (Argo Workflows must watch it). */
  readonly namespace: string;
  /** The Argo CD project the environment's Application belongs to; kfops writes one AppProject per project. @default 'kfops' */
  readonly project?: string;
  /** How Argo CD syncs the environment. @default - automated, with prune and selfHeal */
  readonly syncPolicy?: SyncPolicy;
  /** Let Argo CD create the namespace when it is missing (`CreateNamespace=true`); it never deletes it. @default true */
  readonly createNamespace?: boolean;
  /** The pipelines that run in the environment, by name, and how they run. */
  readonly pipelines: Readonly<Record<string, EnvironmentPipeline>>;
  /**
   * Replicas of every TF-Serving model server of the environment: the Deployments its pipelines' serving steps
   * apply and its standalone `TfServing` objects, except those whose own `replicas` prop is set. @default 1
   */
  readonly servingReplicas?: number;
  /**
   * The service account (and Role, RoleBinding) every pipeline of the environment runs as. Run-on-sync hooks run as
   * their own, {@link ON_SYNC_SERVICE_ACCOUNT}. @default 'kfops-runner'
   */
  readonly serviceAccountName?: string;
}

/** Props of {@link Environment}. */
export interface EnvironmentProps extends EnvironmentConfig {
  /** The pipelines the project can deploy; `pipelines` names entries of it. */
  readonly catalog: PipelineCatalog;
  /**
   * The environment's params file (`pipelines/params/<env>.yaml`): its values override the pipelines' defaults and
   * are checked against the declared parameters before any pipeline is built with them.
   * @default - none: every pipeline keeps its defaults
   */
  readonly paramsFile?: string;
}

/**
 * The ServiceAccount (and Role, RoleBinding) the run-on-sync hooks of an environment run as: they may create
 * Workflows, which the pipeline runner's account, used by every step pod, may not.
 */
const ON_SYNC_SERVICE_ACCOUNT = 'kfops-on-sync';

// A DNS-1123 label: environment names are folder names, Application names and namespace-like identifiers.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * One deployment environment (dev, staging, prod): a chart whose objects `KfopsApp` writes to `dist/<name>/`. It
 * holds the pipeline-runner RBAC and the pipelines that run there, built with the environment's params-file
 * values, schedules and run-on-sync setting; at synth it applies its settings (`servingReplicas`) to the model
 * servers it holds and puts every object in its Argo CD sync wave.
 *
 * @example
 * new Environment(app, 'prod', {
 *   destination: { name: 'ml-prod' },
 *   namespace: 'kfops-prod',
 *   pipelines: { workflow1: { schedule: { cron: ['0 3 * * *'], timezone: 'America/Chicago' } } },
 *   catalog,
 *   paramsFile: 'pipelines/params/prod.yaml',
 * });
 */
export class Environment extends Chart {
  /** The environment's name: its construct id and output folder. */
  public readonly name: string;
  /** The cluster Argo CD deploys the environment to. */
  public readonly destination: ClusterDestination;
  /** The namespace of every object of the environment. */
  public readonly namespace: string;
  /** The Argo CD project of the environment's Application. */
  public readonly project: string;
  /** How Argo CD syncs the environment. */
  public readonly syncPolicy: ResolvedSyncPolicy;
  /** Whether Argo CD creates the namespace when it is missing. */
  public readonly createNamespace: boolean;
  /** Replicas of the environment's TF-Serving Deployments. */
  public readonly servingReplicas: number;
  /** The ServiceAccount, Role and RoleBinding pipeline runs use. */
  public readonly rbac: PipelineRunnerRbac;
  /** The run-on-sync hooks' own ServiceAccount, Role and RoleBinding; only when a pipeline runs on sync. */
  public readonly onSyncRbac?: PipelineRunnerRbac;
  /** The pipelines of the environment, by name, in declaration order. */
  public readonly pipelines: ReadonlyMap<string, Pipeline>;
  /** The params file's values, by pipeline. Empty without a params file. */
  public readonly params: EnvironmentParams;

  constructor(scope: Construct, id: string, props: EnvironmentProps) {
    ENVIRONMENT_PROPS.check(scope, id, props, new.target === Environment);
    super(scope, id, { namespace: props.namespace });
    this.name = id;
    this.namespace = props.namespace;
    this.destination = props.destination;
    this.project = props.project ?? 'kfops';
    this.syncPolicy = resolveSyncPolicy(props.syncPolicy, id);
    this.createNamespace = props.createNamespace ?? true;
    this.servingReplicas = props.servingReplicas ?? 1;
    this.checkProps(props);

    this.rbac = new PipelineRunnerRbac(this, 'rbac', { serviceAccountName: props.serviceAccountName ?? 'kfops-runner' });
    if (Object.values(props.pipelines).some((how) => how.runOnSync)) {
      this.onSyncRbac = new PipelineRunnerRbac(this, 'on-sync-rbac', {
        serviceAccountName: ON_SYNC_SERVICE_ACCOUNT, rules: RUN_ON_SYNC_RULES, component: 'run-on-sync',
      });
    }
    const onSync = this.onSyncRbac && { onSync: true, serviceAccountName: this.onSyncRbac.serviceAccountName };
    this.params = props.paramsFile ? this.loadParams(props, props.paramsFile) : {};
    const pipelines = new Map<string, Pipeline>();
    for (const [name, how] of Object.entries(props.pipelines)) {
      const deployed: DeployedPipelineProps = {
        values: own(this.params, name) ?? {},
        serviceAccountName: this.rbac.serviceAccountName,
        ...(how.schedule && { schedule: how.schedule }),
        ...(how.runOnSync && { run: onSync }),
      };
      const pipeline = props.catalog[name](this, deployed);
      checkDeployed(pipeline, name, deployed);
      pipelines.set(name, pipeline);
    }
    this.pipelines = pipelines;
  }

  /**
   * Called by `KfopsApp` once the app is built, so it reaches what was added after the constructor (standalone
   * objects): gives every serving step and model server its `servingReplicas` (unless it set its own), and every
   * object without a sync wave the wave of its kind (RBAC -1, pipelines 0, workloads 1). Hooks, and objects that
   * set their own wave, keep their wave.
   */
  beforeSynth(): void {
    for (const c of this.node.findAll()) {
      if (c instanceof TfServing || c instanceof TfServingStep) c.setDefaultReplicas(this.servingReplicas);
    }
    for (const o of this.node.findAll()) {
      if (!(o instanceof ApiObject)) continue;
      const metadata = o.metadata.toJson();
      const annotations: Record<string, string> = metadata.annotations ?? {};
      if (HOOK_ANNOTATION in annotations || SYNC_WAVE_ANNOTATION in annotations) continue;
      const wave = syncWaveOf(o.apiGroup === 'core' ? '' : o.apiGroup, o.kind);
      if (wave !== undefined) o.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, String(wave));
    }
  }

  private checkProps(props: EnvironmentProps): void {
    const problems: string[] = [];
    if (!DNS_LABEL.test(this.name)) problems.push(`environment name '${this.name}' must be a DNS label (lowercase letters, digits and '-')`);
    if (!DNS_LABEL.test(props.namespace)) problems.push(`namespace '${props.namespace}' must be a DNS label (lowercase letters, digits and '-')`);
    const { server, name } = props.destination;
    if ((server === undefined) === (name === undefined)) {
      problems.push(`destination needs exactly one of server (API server URL) and name (cluster name in Argo CD), got ${JSON.stringify(props.destination)}`);
    } else if (server !== undefined && !/^https?:\/\/\S+$/.test(server)) {
      problems.push(`destination.server '${server}' must be the cluster's API server URL, e.g. https://kubernetes.default.svc`);
    }
    if (!DNS_LABEL.test(this.project)) problems.push(`project '${this.project}' must be a DNS label (lowercase letters, digits and '-')`);
    // kfops writes an AppProject per project; one named 'default' would replace Argo CD's own, which the app of apps uses.
    if (this.project === 'default') problems.push("project 'default' is Argo CD's built-in project; name a project of your own, e.g. 'kfops'");
    if (props.serviceAccountName === ON_SYNC_SERVICE_ACCOUNT && Object.values(props.pipelines).some((how) => how.runOnSync)) {
      problems.push(`serviceAccountName '${ON_SYNC_SERVICE_ACCOUNT}' is the run-on-sync hooks' own account, which may create Workflows; `
        + 'give the pipelines\' account another name');
    }
    if (!Number.isInteger(this.servingReplicas) || this.servingReplicas < 0) {
      problems.push(`servingReplicas must be a whole number >= 0, got ${this.servingReplicas}`);
    }
    const known = Object.keys(props.catalog);
    for (const [pipeline, how] of Object.entries(props.pipelines)) {
      if (!(pipeline in props.catalog)) {
        const closest = suggestName(pipeline, known);
        problems.push(`pipelines.${pipeline}: no such pipeline${closest ? `; did you mean '${closest}'?` : ''} (pipelines: ${known.join(', ') || 'none'})`);
      }
      if (how.schedule) problems.push(...scheduleProblems(how.schedule, `pipelines.${pipeline}.schedule`));
    }
    if (problems.length > 0) throw new UserError(problems.map((p) => `[${this.node.path}] ${p}`).join('\n'));
  }

  private loadParams(props: EnvironmentProps, paramsFile: string): EnvironmentParams {
    const absolute = path.resolve(paramsFile);
    const file = path.relative(process.cwd(), absolute);
    // Only pipelines the file gives values to are built (without values) to learn their parameters; the others'
    // schemas are never consulted, only their names (for "did you mean").
    const mentioned = new Set(paramsPipelineNames(absolute, file));
    const schemas = new Map(Object.keys(props.pipelines).map((name) => [name, mentioned.has(name)
      ? probePipeline(props.catalog[name], this.name, this.namespace).parameterSchema()
      : { type: 'object' }] as const));
    return loadParamsFile(absolute, file, {
      environment: this.name,
      schemas,
      elsewhere: Object.keys(props.catalog).filter((name) => !(name in props.pipelines)),
    });
  }
}

// A pipeline class that drops part of what the environment gives it would silently lose a schedule, a run or the
// service account; fail instead, naming the fix.
function checkDeployed(pipeline: Pipeline, name: string, deployed: DeployedPipelineProps): void {
  if (pipeline.name !== name) {
    throw new UserError(`[${pipeline.node.path}] the catalog registers this pipeline as '${name}' but it is named '${pipeline.name}'; `
      + 'use its name as the catalog key (params files and environments refer to pipelines by name)');
  }
  const s = pipeline.settings;
  const dropped = [
    ...(s.serviceAccountName !== deployed.serviceAccountName ? ['serviceAccountName'] : []),
    ...(s.schedule !== deployed.schedule ? ['schedule'] : []),
    ...(s.run !== deployed.run ? ['run'] : []),
    ...Object.keys(deployed.values).filter((k) => s.values?.[k] !== deployed.values[k]).map((k) => `values.${k}`),
  ];
  if (dropped.length > 0) {
    throw new UserError(`[${pipeline.node.path}] ${pipeline.constructor.name} does not use the environment's ${dropped.join(', ')}; `
      + 'pass the props its factory receives on to Pipeline unchanged, e.g. super(scope, id, { ...props, description })');
  }
}

/** The guards of {@link EnvironmentConfig}, as the environments file declares each environment. */
export const ENVIRONMENT_CONFIG_GUARDS: PropGuards<EnvironmentConfig> = {
  destination: required(shape<ClusterDestination>('ClusterDestination', { server: STRING, name: STRING })),
  namespace: required(STRING),
  project: STRING,
  syncPolicy: SYNC_POLICY,
  createNamespace: BOOLEAN,
  pipelines: required(recordOf(shape<EnvironmentPipeline>('EnvironmentPipeline', { schedule: SCHEDULE, runOnSync: BOOLEAN }))),
  servingReplicas: NUMBER,
  serviceAccountName: STRING,
};

/** The guard of a {@link PipelineCatalog}: a factory per pipeline name. */
export const CATALOG = recordOf(func('a pipeline factory ((scope, props) => new MyPipeline(scope, name, props))'));

/** Checks the props of an {@link Environment}. */
export const ENVIRONMENT_PROPS = new PropsGuard<EnvironmentProps>('EnvironmentProps',
  { ...ENVIRONMENT_CONFIG_GUARDS, catalog: required(CATALOG), paramsFile: STRING }, true);
