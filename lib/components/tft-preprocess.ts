import { Construct } from 'constructs';
import { CONTAINER_STEP_GUARDS, ContainerStep, ContainerStepProps } from '../dsl/container-step';
import { Value, VALUE } from '../dsl/value';
import { enumOf, omit, PropsGuard, required, STRING } from '../guards';

/** The image of the seed's TFT preprocessing component. */
export const TFT_IMAGE = 'gcr.io/google-samples/ml-pipeline-dataflow-tftbq-taxi';

/** Where Beam runs: locally in the step's pod, or on Cloud Dataflow. Values are the component's `--mode` strings. */
export enum BeamMode {
  LOCAL = 'local',
  CLOUD = 'cloud',
}

/** Which split a preprocessing or analysis step works on. */
export enum DataStage {
  TRAIN = 'train',
  EVAL = 'eval',
}

/** Props of {@link TftPreprocess}. */
export interface TftPreprocessProps extends Omit<ContainerStepProps, 'image' | 'args' | 'workingDir'> {
  /** Input: a CSV path (`gs://...`) or a BigQuery table (`project.dataset.table`). */
  readonly inputHandle: Value;
  /** File name prefix of the transformed output. */
  readonly outfilePrefix: Value;
  /** Folder the transformed data and transform graph are written to. */
  readonly workingDir: Value;
  /** GCP project (for BigQuery and Dataflow). */
  readonly project: Value;
  /** Where Beam runs: a {@link BeamMode} value or a parameter holding one. */
  readonly mode: Value;
  /** The Beam job's setup.py in the image (for Dataflow). */
  readonly setupFile: Value;
  /** At most this many rows are read. */
  readonly maxRows: Value;
  /** Start of the time window (BigQuery input), or ''. @default '' */
  readonly ts1?: Value;
  /** End of the time window (BigQuery input), or ''. @default '' */
  readonly ts2?: Value;
  /** The split this step transforms. */
  readonly stage: DataStage;
  /** The Python module with `preprocessing_fn` (a `gs://` path). */
  readonly preprocessingModule: Value;
  /** The component's image. @default TFT_IMAGE */
  readonly image?: string;
}

/**
 * TensorFlow Transform preprocessing with Apache Beam (the seed's `tft-*` steps): reads raw data, applies the
 * preprocessing module, writes transformed examples and the transform graph used again at serving.
 */
export class TftPreprocess extends ContainerStep {
  constructor(scope: Construct, id: string, props: TftPreprocessProps) {
    TFT_PREPROCESS_PROPS.check(scope, id, props, new.target === TftPreprocess);
    const {
      inputHandle, outfilePrefix, workingDir, project, mode, setupFile, maxRows, ts1, ts2, stage, preprocessingModule, image,
      ...stepProps
    } = props;
    super(scope, id, {
      ...stepProps,
      image: image ?? TFT_IMAGE,
      args: [
        '--input_handle', inputHandle,
        '--outfile_prefix', outfilePrefix,
        '--working_dir', workingDir,
        '--project', project,
        '--mode', mode,
        '--setup_file', setupFile,
        '--max_rows', maxRows,
        '--ts1', ts1 ?? '',
        '--ts2', ts2 ?? '',
        '--stage', stage,
        '--preprocessing_module', preprocessingModule,
      ],
    });
  }
}

/** Checks the props of a {@link TftPreprocess}. */
export const TFT_PREPROCESS_PROPS = new PropsGuard<TftPreprocessProps>('TftPreprocessProps', {
  ...omit(CONTAINER_STEP_GUARDS, ['image', 'args', 'workingDir']),
  inputHandle: required(VALUE),
  outfilePrefix: required(VALUE),
  workingDir: required(VALUE),
  project: required(VALUE),
  mode: required(VALUE),
  setupFile: required(VALUE),
  maxRows: required(VALUE),
  ts1: VALUE,
  ts2: VALUE,
  stage: required(enumOf(DataStage, 'DataStage')),
  preprocessingModule: required(VALUE),
  image: STRING,
});
