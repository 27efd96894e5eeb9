import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as kfops from '../../lib';

// What `import { ... } from 'kfops'` offers. A change here changes every user's code: add to these lists on
// purpose, and never let renderers, compilers or checkers' internals in. The DSL's part comes from lib/dsl's index
// (`export *`), which its owner curates; its values are pinned here too, its types by lib/dsl/index.ts itself.

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

/** The names lib/index.ts exports by name with `export type { ... }`, read from its syntax. */
function typeExportsOfIndex(): string[] {
  const file = path.join(__dirname, '../../lib/index.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements.flatMap((s) => (ts.isExportDeclaration(s) && s.isTypeOnly && s.exportClause && ts.isNamedExports(s.exportClause)
    ? s.exportClause.elements.map((e) => e.name.text)
    : []));
}

describe("the package root ('kfops')", () => {
  test('exports exactly these values', () => {
    expect(Object.keys(kfops).sort()).toEqual([...VALUES].sort());
  });

  test('exports exactly these types by name, besides the DSL\'s', () => {
    expect(typeExportsOfIndex().sort()).toEqual([...TYPES].sort());
  });
});
