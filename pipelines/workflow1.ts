import { Construct } from 'constructs';
import {
  CmleDeploy, cmleVersionName, DataStage, fmt, Parameter, Pipeline, PipelineProps, runDir, TfmaAnalysis, TftPreprocess,
  TfServingStep, useGcpSecret, Value, WorkflowVariables,
} from 'kfops';
import { addModeParameter, addTaxiParameters } from './taxi-parameters';
import { trainStep } from './taxi-trainer';

/** Props of {@link Workflow1}: run-level settings and parameter values, as an environment passes them. */
export type Workflow1Props = Omit<PipelineProps, 'description'>;

/**
 * The seed's Workflow 1, "Demonstrate TFT-based feature processing, TFMA, TFJob, CMLE OP, and TF-Serving": two
 * feature-engineering variants side by side, each trained with a TFJob, analysed with TFMA, and deployed to both
 * Cloud ML Engine and TF-Serving.
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

    // The first variant takes its workers and parameter servers from the parameters. The article calls the second
    // path single-node, but the seed's code passed it one worker and one PS (`--workers 1 --pss 1`): that is what
    // ran, and it keeps both variants on the same topology at the defaults, so the comparison is of features only.
    const train = trainStep(this, 'train', p, 'tft-eval', 'tft-train', 'tf', p.workers, p.pss).after(tftEval, tftTrain);
    const train2 = trainStep(this, 'train2', p, 'tft-eval2', 'tft-train2', 'tf2', 1, 1).after(tftEval2, tftTrain2);

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
      // Each variant has its own long-lived model server (the seed created a new one per run, named after it);
      // each run rolls it to the model it just trained. Its replicas are the environment's servingReplicas.
      new TfServingStep(this, `tfserving${suffix}`, {
        modelName: suffix ? fmt`${WorkflowVariables.name}-${suffix}` : WorkflowVariables.name,
        modelBasePath: exportDir,
      }).apply(useGcpSecret()).after(model);
    }
  }
}
