import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as kfops from '../../lib';

// What `import { ... } from 'kfops'` offers. A change here changes every user's code: add to these lists on
// purpose, and never let renderers, compilers, checkers' internals or the props guards in. lib/index.ts and
// lib/dsl/index.ts name every export (no `export *`), so a new export anywhere below reaches users only on purpose.

const VALUES = [
  // DSL (lib/dsl's index), and Pipeline (the DSL's PipelineBase compiled to Argo objects, lib/argo)
  'Comparison', 'Concat', 'ConcurrencyPolicy', 'Condition', 'ContainerSetTemplate', 'ContainerStep', 'ContainerTemplate', 'DagTask',
  'DagTemplate', 'DataTemplate', 'Depends', 'EnvVarSource', 'HttpTemplate', 'ImagePullPolicy', 'InputArtifact', 'InputParameter',
  'Invocation', 'Loop', 'MergeStrategy', 'OutputArtifact', 'OutputParameter', 'Parameter', 'ParameterType', 'Pipeline', 'PipelineBase',
  'PluginTemplate', 'PodBuilder', 'PodGcStrategy', 'ResourceAction', 'ResourceStep', 'ResourceTemplate', 'RetryPolicy', 'ScriptStep',
  'ScriptTemplate', 'SecretKey', 'Step', 'StepOutput', 'StepsTemplate', 'SuspendStep', 'SuspendTemplate', 'TaskResult', 'Template',
  'TemplateRef', 'TemplateStep', 'WorkflowKind', 'WorkflowStep', 'WorkflowVariable', 'WorkflowVariables', 'expr', 'fmt',
  // training and serving
  'CleanPodPolicy', 'RestartPolicy', 'TF_JOB_NAME_OUTPUT', 'TfCoordinator', 'TfJob', 'TfJobStep',
  'TF_SERVING_GRPC_PORT', 'TF_SERVING_IMAGE', 'TF_SERVING_RESOURCES', 'TF_SERVING_REST_PORT', 'TF_SERVING_VERSION', 'TfServing', 'TfServingEndpoint',
  'TfServingStep',
  // components
  'BeamMode', 'CMLE_IMAGE', 'CMLE_MODEL_NAME', 'CmleDeploy', 'DataStage', 'GCP_CREDENTIALS_MOUNT', 'KfpComponent',
  'KfpComponentStep', 'RUN_VERSION_NAME', 'TFMA_IMAGE', 'TFT_IMAGE', 'TfmaAnalysis', 'TftPreprocess', 'cmleVersionName', 'runDir',
  'useGcpSecret',
  // environments, Argo CD, RBAC
  'AppOfApps', 'ArgoCdProject', 'Environment', 'EnvironmentApplication', 'PIPELINE_RUNNER_RULES', 'PipelineRunnerRbac',
  'RUN_ON_SYNC_RULES', 'deployEnvironments',
  // the app, errors, the CLI as functions, validation and publishing
  'KfopsApp', 'UserError', 'isUserError', 'main', 'checkCommand', 'diffCommand', 'graphCommand', 'initCommand', 'publishCommand',
  'synthCommand', 'importCommand', 'validateCommand', 'validateManifests', 'Severity', 'formatReport', 'ReportFormat', 'publish',
];

const TYPES = [
  // DSL (lib/dsl's index)
  'Arguments', 'ArtifactFields', 'ArtifactGc', 'ArtifactRepositoryRef', 'Backoff', 'ConditionExpression', 'ContainerBody', 'ContainerOptions',
  'ContainerResources', 'ContainerSetContainer', 'ContainerSetTemplateProps', 'ContainerStepProps', 'ContainerTemplateProps', 'ContinueOn',
  'CpuAmount', 'CronOptions', 'DagTaskProps', 'DagTemplateProps', 'DataTemplateProps', 'DependsOperand', 'EnvValue', 'GpuResources',
  'HttpTemplateProps', 'IDependable', 'IPodOwner', 'IReferenceable', 'ITemplateRenderer', 'InputParameterProps', 'InvocationProps',
  'JsonValue', 'LifecycleHook', 'LoopItem', 'LoopSource', 'Memoize', 'Metrics', 'Operand', 'OutputKind', 'OutputParameterProps',
  'ParameterProps', 'ParameterSchema', 'ParameterValue', 'PipelineProps', 'PluginTemplateProps', 'PodGc', 'PodMetadata', 'PodOption',
  'PodOptions', 'Reference', 'RequestAndLimit', 'ResourceOptions', 'ResourceStepProps', 'ResourceTemplateProps', 'Retry', 'Run', 'Schedule',
  'ScriptOptions', 'ScriptStepProps', 'ScriptTemplateProps', 'Sequence', 'SizeAmount', 'StepProps', 'StepsTemplateProps', 'SuspendStepProps',
  'SuspendTemplateProps', 'Synchronization', 'TaskOptions', 'TemplateBody', 'TemplateFields', 'TemplateInput', 'TemplateOptions',
  'TemplateOutput', 'TemplateProps', 'TemplateStepProps', 'Ttl', 'UserContainer', 'Value', 'Valued', 'VolumeClaimTemplate', 'WhenCondition',
  'WorkflowSpecFields', 'WorkflowStepProps',
  // training, serving, components, environments, the CLI, validation and publishing
  'TfJobProps', 'TfJobStepProps', 'TfJobOptions', 'TfJobPodOptions', 'TfServingProps', 'TfServingStepProps', 'TfServingEndpointProps', 'TfServingOptions',
  'TfServingPodOptions', 'TfServingAutoscaling', 'TftPreprocessProps', 'TfmaAnalysisProps', 'CmleDeployProps', 'KfpComponentStepProps',
  'KfpComponentStepOptions',
  'KfpInput', 'KfpOutput', 'KfpPlaceholder', 'GitOpsConfig', 'DeployEnvironmentsProps', 'DeployedEnvironments',
  'ArgoCdSettings', 'DeployRepo', 'EnvironmentConfig', 'EnvironmentProps', 'EnvironmentPipeline', 'ClusterDestination',
  'EnvironmentParams', 'PipelineCatalog', 'PipelineFactory', 'DeployedPipelineProps', 'SyncPolicy', 'AppOfAppsProps',
  'ArgoCdProjectProps', 'EnvironmentApplicationProps', 'PipelineRunnerRbacProps', 'SynthCommandOptions', 'ValidateCommandOptions',
  'CheckCommandOptions', 'DiffCommandOptions', 'DiffFormat', 'GraphCommandOptions', 'PublishCommandOptions', 'InitCommandOptions',
  'ImportCommandOptions',
  'ValidateOptions', 'ValidationReport', 'ObjectResult', 'Violation', 'PublishOptions', 'PublishResult',
];

/** The export declarations of an index file (relative to lib/), read from its syntax. */
function exportsOf(index: string): ts.ExportDeclaration[] {
  const file = path.join(__dirname, '../../lib', index);
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements.filter(ts.isExportDeclaration);
}

/** The names an index exports by name, its `export type { ... }` ones (`types`) or the others. */
function namedExports(index: string, types: boolean): string[] {
  return exportsOf(index).flatMap((s) => (s.isTypeOnly === types && s.exportClause && ts.isNamedExports(s.exportClause)
    ? s.exportClause.elements.map((e) => e.name.text)
    : []));
}
const typeExportsOfIndex = () => namedExports('index.ts', true);

describe("the package root ('kfops')", () => {
  test('exports exactly these values', () => {
    expect(Object.keys(kfops).sort()).toEqual([...VALUES].sort());
  });

  test('exports exactly these types by name, besides the DSL\'s', () => {
    expect(typeExportsOfIndex().sort()).toEqual([...TYPES].sort());
  });

  test.each(['index.ts', 'dsl/index.ts'])('%s exports every name by name (no export *)', (index) => {
    expect(exportsOf(index).filter((s) => s.exportClause === undefined || !ts.isNamedExports(s.exportClause)).map((s) => `export * from ${(s.moduleSpecifier as ts.StringLiteral).text}`))
      .toEqual([]);
  });

  test("the DSL's index and the root offer the same DSL names", () => {
    const root = new Set([...Object.keys(kfops), ...typeExportsOfIndex()]);
    const dsl = [...namedExports('dsl/index.ts', false), ...namedExports('dsl/index.ts', true)];
    expect(dsl.filter((name) => !root.has(name))).toEqual([]);
  });
});
