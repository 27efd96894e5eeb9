import { Construct } from 'constructs';
import {
  CmleDeploy, cmleVersionName, DataStage, fmt, Parameter, Pipeline, PipelineProps, runDir, TfmaAnalysis, TftPreprocess,
  useGcpSecret, Value, WorkflowVariables,
} from '../lib';
import { Environment } from '../lib/gitops';
import { TfServingStep } from '../lib/serving';
import { TfJobStep } from '../lib/training';
import { addModeParameter, addTaxiParameters, TaxiParameters } from './taxi-parameters';

/** Props of {@link Workflow1}: run-level settings and parameter values, as an environment passes them. */
export type Workflow1Props = Omit<PipelineProps, 'description'>;

/**
 * The seed's Workflow 1, "Demonstrate TFT-based feature processing, TFMA, TFJob, CMLE OP, and TF-Serving": two
 * feature-engineering variants side by side, each trained (one distributed, one single-node), analysed with TFMA,
 * and deployed to both Cloud ML Engine and TF-Serving.
 */
export class Workflow1 extends Pipeline {
  constructor(scope: Construct, id: string = 'workflow1', props: Workflow1Props = {}) {
    super(scope, id, {
      ...props,
      description: 'Demonstrate TFT-based feature processing, TFMA, TFJob, CMLE OP, and TF-Serving',
    });
    const p = addTaxiParameters(this, {
      inputHandleEval: 'gs://aju-dev-demos-codelabs/KF/taxidata/eval/data.csv',
      inputHandleTrain: 'gs://aju-dev-demos-codelabs/KF/taxidata/train/data.csv',
      workers: 1,
    });
    const ts1 = this.addParameter('ts1', { default: '', description: 'Start of the time window (BigQuery input only)' });
    const ts2 = this.addParameter('ts2', { default: '', description: 'End of the time window (BigQuery input only)' });
    const module1 = this.addParameter('preprocessing-module1', {
      default: 'gs://aju-dev-demos-codelabs/KF/taxi-preproc/preprocessing.py', description: 'TFT preprocessing_fn of the first variant',
    });
    const module2 = this.addParameter('preprocessing-module2', {
      default: 'gs://aju-dev-demos-codelabs/KF/taxi-preproc/preprocessing2.py', description: 'TFT preprocessing_fn of the second variant',
    });
    const preprocessMode = addModeParameter(this, 'preprocess-mode', 'Where TFT runs: local (in the pod) or cloud (Dataflow)');
    const tfmaMode = addModeParameter(this, 'tfma-mode', 'Where TFMA runs: local (in the pod) or cloud (Dataflow)');

    const tft = (id: string, stage: DataStage, module: Parameter, maxRows: Value) => new TftPreprocess(this, id, {
      inputHandle: stage === DataStage.EVAL ? p.inputHandleEval : p.inputHandleTrain,
      outfilePrefix: stage === DataStage.EVAL ? p.outfilePrefixEval : p.outfilePrefixTrain,
      workingDir: runDir(p.workingDir, id),
      project: p.project,
      mode: preprocessMode,
      setupFile: p.tftSetupFile,
      maxRows,
      ts1,
      ts2,
      stage,
      preprocessingModule: module,
    }).apply(useGcpSecret());
    const tftEval = tft('tft-eval', DataStage.EVAL, module1, 5000);
    const tftTrain = tft('tft-train', DataStage.TRAIN, module1, p.maxRows);
    const tftEval2 = tft('tft-eval2', DataStage.EVAL, module2, 5000);
    const tftTrain2 = tft('tft-train2', DataStage.TRAIN, module2, p.maxRows);

    // Distributed training takes its workers and parameter servers from the parameters; the second variant
    // trains single-node (no workers, no parameter servers).
    const train = trainStep(this, 'train', p, 'tft-eval', 'tft-train', 'tf', p.workers, p.pss).after(tftEval, tftTrain);
    const train2 = trainStep(this, 'train2', p, 'tft-eval2', 'tft-train2', 'tf2', 0, 0).after(tftEval2, tftTrain2);

    // Each environment sizes its model servers (e.g. more replicas in prod); outside one, TfServingStep's default.
    const servingReplicas = Environment.find(this)?.servingReplicas;
    for (const [suffix, model, tfDir] of [['', train, 'tf'], ['2', train2, 'tf2']] as const) {
      new TfmaAnalysis(this, `analyze${suffix}`, {
        inputCsv: p.inputHandleEval,
        tfmaRunDir: runDir(p.workingDir, `tfma${suffix}`, 'output'),
        evalModelDir: runDir(p.workingDir, tfDir, 'eval_model_dir'),
        mode: tfmaMode,
        setupFile: p.tfmaSetupFile,
        project: p.project,
      }).apply(useGcpSecret()).after(model);
      const exportDir = runDir(p.workingDir, tfDir, 'serving_model_dir', 'export', 'chicago-taxi');
      new CmleDeploy(this, `cmleop${suffix}`, {
        gcsPath: exportDir,
        // The run's name with '-' made '_' (CMLE version names take letters, digits and '_'), suffixed per variant.
        versionName: cmleVersionName(suffix || undefined),
        project: p.project,
      }).apply(useGcpSecret()).after(model);
      // Each variant has its own long-lived model server; each run rolls it to the model it just trained.
      new TfServingStep(this, `tfserving${suffix}`, {
        modelName: suffix ? fmt`${WorkflowVariables.name}-${suffix}` : WorkflowVariables.name,
        modelBasePath: exportDir,
        replicas: servingReplicas,
      }).apply(useGcpSecret()).after(model);
    }
  }
}

/** The seed's training image, run by the TFJob's replicas. */
export const TF_TRAINER_IMAGE = 'gcr.io/google-samples/ml-pipeline-kubeflow-tf-taxi';

/**
 * The seed's training step as a TFJob, training on one TFT variant's output. The trainer's arguments are the seed
 * launcher's; the job's replicas come from `workers` and `pss` (both 0: single-node, the chief alone).
 */
export function trainStep(
  pipeline: Pipeline, id: string, p: TaxiParameters, evalDir: string, trainDir: string, tfDir: string, workers: Value, pss: Value,
): TfJobStep {
  return new TfJobStep(pipeline, id, {
    image: TF_TRAINER_IMAGE,
    args: [
      '--tf-transform-dir', runDir(p.workingDir, trainDir),
      '--output-dir', runDir(p.workingDir, tfDir),
      '--working-dir', runDir(p.workingDir, tfDir, 'serving_model_dir'),
      '--job-dir', runDir(p.workingDir, tfDir),
      '--train-files-dir', runDir(p.workingDir, trainDir),
      '--eval-files-dir', runDir(p.workingDir, evalDir),
      '--train-files-prefix', p.outfilePrefixTrain,
      '--eval-files-prefix', p.outfilePrefixEval,
      '--train-steps', p.trainSteps,
      '--workers', workers,
      '--pss', pss,
    ],
    workers,
    pss,
  }).apply(useGcpSecret());
}
