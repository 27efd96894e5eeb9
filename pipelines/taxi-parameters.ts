import { Parameter, ParameterType, Pipeline } from 'kfops';

/** The parameters Workflow 1 and Workflow 2 share, with the seed's names; defaults differ per pipeline. */
export interface TaxiParameters {
  readonly inputHandleEval: Parameter;
  readonly inputHandleTrain: Parameter;
  readonly outfilePrefixEval: Parameter;
  readonly outfilePrefixTrain: Parameter;
  readonly trainSteps: Parameter;
  readonly project: Parameter;
  readonly workingDir: Parameter;
  readonly tftSetupFile: Parameter;
  readonly tfmaSetupFile: Parameter;
  readonly workers: Parameter;
  readonly pss: Parameter;
  readonly maxRows: Parameter;
}

/** Defaults that differ between the two pipelines. */
export interface TaxiDefaults {
  readonly inputHandleEval: string;
  readonly inputHandleTrain: string;
  readonly workers: number;
}

/** Declares the shared parameters on `pipeline`, in the seed's order. */
export function addTaxiParameters(pipeline: Pipeline, defaults: TaxiDefaults): TaxiParameters {
  const p = pipeline;
  return {
    inputHandleEval: p.addParameter('input-handle-eval', { default: defaults.inputHandleEval, description: 'Evaluation data: a CSV path or a BigQuery table' }),
    inputHandleTrain: p.addParameter('input-handle-train', { default: defaults.inputHandleTrain, description: 'Training data: a CSV path or a BigQuery table' }),
    outfilePrefixEval: p.addParameter('outfile-prefix-eval', { default: 'eval_transformed', description: 'File prefix of the transformed evaluation data' }),
    outfilePrefixTrain: p.addParameter('outfile-prefix-train', { default: 'train_transformed', description: 'File prefix of the transformed training data' }),
    trainSteps: p.addParameter('train-steps', { type: ParameterType.INTEGER, default: 10000, minimum: 1, description: 'Training steps' }),
    project: p.addParameter('project', { default: 'YOUR_PROJECT_HERE', description: 'GCP project for BigQuery, Dataflow and Cloud ML Engine' }),
    workingDir: p.addParameter('working-dir', { default: 'YOUR_GCS_DIR_HERE', description: 'GCS folder under which each run writes its outputs' }),
    tftSetupFile: p.addParameter('tft-setup-file', { default: '/ml/transform/setup.py', description: 'setup.py of the TFT Beam job' }),
    tfmaSetupFile: p.addParameter('tfma-setup-file', { default: '/ml/analysis/setup.py', description: 'setup.py of the TFMA Beam job' }),
    workers: p.addParameter('workers', { type: ParameterType.INTEGER, default: defaults.workers, minimum: 0, description: 'TFJob workers (0 with pss 0: single-node)' }),
    pss: p.addParameter('pss', { type: ParameterType.INTEGER, default: 1, minimum: 0, description: 'TFJob parameter servers' }),
    maxRows: p.addParameter('max-rows', { type: ParameterType.INTEGER, default: 10000, minimum: 1, description: 'At most this many rows are preprocessed' }),
  };
}

/** Declares a Beam mode parameter (`local` or `cloud`, i.e. Cloud Dataflow). */
export function addModeParameter(pipeline: Pipeline, name: string, description: string): Parameter {
  return pipeline.addParameter(name, { type: ParameterType.ENUM, enum: ['local', 'cloud'], default: 'local', description });
}
