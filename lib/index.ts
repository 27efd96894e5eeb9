// The package's public API (`import { ... } from 'kfops'`): constructs, their props and enums, and the functions
// the CLI is made of. Folder indexes may hold more for kfops' own use (renderers, compilers, checkers); those stay
// internal. test/package/public-api.test.ts pins this list: a change to it is a change to every user's code.

// The DSL: pipelines, parameters, steps, templates, outputs, control flow, the pod, each by name (lib/dsl/index.ts
// lists the same names). `Pipeline` is the DSL's pipeline with its compiled Argo objects.
export {
  PipelineBase, Parameter, ParameterType, WorkflowKind, PodGcStrategy, ConcurrencyPolicy, WorkflowVariable, WorkflowVariables,
  Template, Step, ContainerStep, ScriptStep, ResourceStep, SuspendStep, TemplateStep, ContainerTemplate, ScriptTemplate, ResourceTemplate,
  SuspendTemplate, HttpTemplate, ContainerSetTemplate, DataTemplate, PluginTemplate, DagTemplate, DagTask, StepsTemplate, WorkflowStep,
  Invocation, TemplateRef, ResourceAction, MergeStrategy, ImagePullPolicy, InputParameter, InputArtifact, OutputParameter, OutputArtifact,
  StepOutput, Condition, Comparison, Depends, TaskResult, Loop, RetryPolicy, EnvVarSource, SecretKey, PodBuilder, Concat, fmt, expr,
} from './dsl';
export type {
  PipelineProps, ParameterProps, ParameterSchema, ParameterValue, WorkflowSpecFields, Run, Ttl, PodGc, PodMetadata, ArtifactGc,
  ArtifactRepositoryRef, VolumeClaimTemplate, Schedule, CronOptions, TemplateProps, TemplateOptions, TemplateFields, TemplateBody,
  TemplateInput, TemplateOutput, ITemplateRenderer, Memoize, Metrics, Synchronization, StepProps, TaskOptions, Arguments, ContinueOn,
  LifecycleHook, WhenCondition, ContainerStepProps, ScriptStepProps, ResourceStepProps, SuspendStepProps, TemplateStepProps, ContainerTemplateProps,
  ScriptTemplateProps, ScriptOptions, ResourceTemplateProps, ResourceOptions, SuspendTemplateProps, HttpTemplateProps,
  ContainerSetTemplateProps, ContainerSetContainer, DataTemplateProps, PluginTemplateProps, DagTemplateProps, DagTaskProps,
  StepsTemplateProps, WorkflowStepProps, InvocationProps, ContainerOptions, ContainerBody, ContainerResources, CpuAmount, SizeAmount,
  GpuResources, RequestAndLimit, InputParameterProps, OutputParameterProps, ArtifactFields, IReferenceable, Reference, OutputKind,
  ConditionExpression, Operand, DependsOperand, IDependable, LoopItem, LoopSource, Sequence, JsonValue, Retry, Backoff, EnvValue,
  PodOptions, PodOption, IPodOwner, UserContainer, Value, Valued,
} from './dsl';
export { Pipeline } from './argo';

// Training (Kubeflow TFJob) and serving (TF-Serving).
export { TfJob, TfJobStep, TF_JOB_NAME_OUTPUT, TfCoordinator, RestartPolicy, CleanPodPolicy } from './training';
export type { TfJobProps, TfJobStepProps, TfJobOptions, TfJobPodOptions } from './training';
export {
  TfServing, TfServingStep, TfServingEndpoint, TF_SERVING_IMAGE, TF_SERVING_VERSION, TF_SERVING_GRPC_PORT, TF_SERVING_REST_PORT,
  TF_SERVING_RESOURCES,
} from './serving';
export type {
  TfServingProps, TfServingStepProps, TfServingEndpointProps, TfServingOptions, TfServingAutoscaling, TfServingPodOptions,
} from './serving';

// Components: the seed's TFT, TFMA and CMLE steps, KFP component.yaml files, GCP credentials.
export {
  TftPreprocess, TFT_IMAGE, BeamMode, DataStage, TfmaAnalysis, TFMA_IMAGE, CmleDeploy, CMLE_IMAGE, CMLE_MODEL_NAME, cmleVersionName,
  RUN_VERSION_NAME, KfpComponent, KfpComponentStep, useGcpSecret, GCP_CREDENTIALS_MOUNT, runDir,
} from './components';
export type {
  TftPreprocessProps, TfmaAnalysisProps, CmleDeployProps, KfpComponentStepProps, KfpComponentStepOptions, KfpInput, KfpOutput,
  KfpPlaceholder,
} from './components';

// Environments, Argo CD and RBAC.
export {
  deployEnvironments, Environment, AppOfApps, ArgoCdProject, EnvironmentApplication, PipelineRunnerRbac, PIPELINE_RUNNER_RULES,
  RUN_ON_SYNC_RULES,
} from './gitops';
export type {
  GitOpsConfig, DeployEnvironmentsProps, DeployedEnvironments, ArgoCdSettings, DeployRepo, EnvironmentConfig, EnvironmentProps,
  EnvironmentPipeline, ClusterDestination, EnvironmentParams, PipelineCatalog, PipelineFactory, DeployedPipelineProps, SyncPolicy,
  AppOfAppsProps, ArgoCdProjectProps, EnvironmentApplicationProps, PipelineRunnerRbacProps,
} from './gitops';

// The app.
export { KfopsApp } from './synth/kfops-app';
export { UserError, isUserError } from './user-error';

// The CLI as functions: each takes the project folder (`cwd`) and resolves to the exit code `kfops <command>` ends with.
export { main } from './cli/main';
export { synthCommand } from './cli/synth-command';
export type { SynthCommandOptions } from './cli/synth-command';
export { validateCommand } from './cli/validate-command';
export type { ValidateCommandOptions } from './cli/validate-command';
export { checkCommand } from './cli/check-command';
export type { CheckCommandOptions } from './cli/check-command';
export { diffCommand } from './cli/diff-command';
export type { DiffCommandOptions, DiffFormat } from './cli/diff-command';
export { graphCommand } from './cli/graph-command';
export type { GraphCommandOptions } from './cli/graph-command';
export { publishCommand } from './cli/publish-command';
export type { PublishCommandOptions } from './cli/publish-command';
export { initCommand } from './cli/init-command';
export type { InitCommandOptions } from './cli/init-command';
export { importCommand } from './cli/import-command';
export type { ImportCommandOptions } from './cli/import-command';

// Validation and publishing as a library, for tools of a team's own: the data behind `kfops validate` and `kfops publish`.
// (Imported from their files: the validate folder's index also holds the cdk8s plugin, whose types need cdk8s-cli.)
export { validateManifests } from './validate/validator';
export type { ValidateOptions } from './validate/validator';
export { Severity } from './validate/violation';
export type { ValidationReport, ObjectResult, Violation } from './validate/violation';
export { formatReport, ReportFormat } from './validate/format/format-report';
export { publish } from './publish/publish';
export type { PublishOptions, PublishResult } from './publish/publish';
