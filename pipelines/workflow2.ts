import { Construct } from 'constructs';
import {
  CmleDeploy, cmleVersionName, DataStage, Parameter, Pipeline, PipelineProps, runDir, TfmaAnalysis, TftPreprocess, useGcpSecret,
} from 'kfops';
import { addModeParameter, addTaxiParameters } from './taxi-parameters';
import { trainStep } from './taxi-trainer';

/** Props of {@link Workflow2}: run-level settings and parameter values, as an environment passes them. */
export type Workflow2Props = Omit<PipelineProps, 'description'>;

const BIGQUERY_TAXI_TRIPS = 'bigquery-public-data.chicago_taxi_trips.taxi_trips';

/**
 * The seed's Workflow 2, "Demonstrate TFT-based feature processing, TFMA, TFJob, BQ ingestion, and CMLE OP": trains
 * on a recent time window and on a longer one, both pulled straight from BigQuery, and evaluates both models on the
 * newest data.
 */
export class Workflow2 extends Pipeline {
  constructor(scope: Construct, id: string = 'workflow2', props: Workflow2Props = {}) {
    super(scope, id, {
      ...props,
      description: 'Demonstrate TFT-based feature processing, TFMA, TFJob, BQ ingestion, and CMLE OP',
    });
    const p = addTaxiParameters(this, { inputHandleEval: BIGQUERY_TAXI_TRIPS, inputHandleTrain: BIGQUERY_TAXI_TRIPS, workers: 2 });
    const window = (name: string, value: string, what: string) =>
      this.addParameter(name, { default: value, pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$', description: what });
    const ts11 = window('ts1-1', '2016-02-01 00:00:00', 'Start of the recent window');
    const ts21 = window('ts2-1', '2016-03-01 00:00:00', 'End of the recent window');
    const ts12 = window('ts1-2', '2013-01-01 00:00:00', 'Start of the long window');
    const ts22 = window('ts2-2', '2016-03-01 00:00:00', 'End of the long window');
    const module1 = this.addParameter('preprocessing-module1', {
      default: 'gs://aju-dev-demos-codelabs/KF/taxi-preproc/preprocessing.py', description: 'TFT preprocessing_fn',
    });
    const preprocessMode = addModeParameter(this, 'preprocess-mode', 'Where TFT runs: local (in the pod) or cloud (Dataflow)');
    const tfmaMode = addModeParameter(this, 'tfma-mode', 'Where TFMA runs: local (in the pod) or cloud (Dataflow)');

    const tft = (id: string, stage: DataStage, ts1: Parameter, ts2: Parameter) => new TftPreprocess(this, id, {
      inputHandle: stage === DataStage.EVAL ? p.inputHandleEval : p.inputHandleTrain,
      outfilePrefix: stage === DataStage.EVAL ? p.outfilePrefixEval : p.outfilePrefixTrain,
      workingDir: runDir(p.workingDir, id),
      project: p.project,
      mode: preprocessMode,
      setupFile: p.tftSetupFile,
      maxRows: p.maxRows,
      ts1,
      ts2,
      stage,
      preprocessingModule: module1,
    }).apply(useGcpSecret());
    const tftEval = tft('tft-eval', DataStage.EVAL, ts11, ts21);
    const tftTrain = tft('tft-train', DataStage.TRAIN, ts11, ts21);
    const tftEval2 = tft('tft-eval2', DataStage.EVAL, ts12, ts22);
    const tftTrain2 = tft('tft-train2', DataStage.TRAIN, ts12, ts22);

    const train = trainStep(this, 'train', p, 'tft-eval', 'tft-train', 'tf', p.workers, p.pss).after(tftEval, tftTrain);
    const train2 = trainStep(this, 'train2', p, 'tft-eval2', 'tft-train2', 'tf2', p.workers, p.pss).after(tftEval2, tftTrain2);

    // Both models are evaluated on the newest data: the recent window's transformed eval split.
    const newestEval = runDir(p.workingDir, 'tft-eval', 'eval.csv-00000-of-00001');
    for (const [suffix, model, tfDir] of [['', train, 'tf'], ['2', train2, 'tf2']] as const) {
      new TfmaAnalysis(this, `analyze${suffix}`, {
        inputCsv: newestEval,
        tfmaRunDir: runDir(p.workingDir, `tfma${suffix}`, 'output'),
        evalModelDir: runDir(p.workingDir, tfDir, 'eval_model_dir'),
        mode: tfmaMode,
        setupFile: p.tfmaSetupFile,
        project: p.project,
      }).apply(useGcpSecret()).after(model, tftEval);
      // The seed gives both deploys the same version name, so the second would collide; suffix it instead.
      new CmleDeploy(this, `cmleop${suffix}`, {
        gcsPath: runDir(p.workingDir, tfDir, 'serving_model_dir', 'export', 'chicago-taxi'),
        versionName: cmleVersionName(suffix || undefined),
        project: p.project,
      }).apply(useGcpSecret()).after(model);
    }
  }
}
