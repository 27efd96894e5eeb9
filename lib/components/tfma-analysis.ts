import { Construct } from 'constructs';
import { CONTAINER_STEP_GUARDS, ContainerStep, ContainerStepProps } from '../dsl/container-step';
import { Value, VALUE } from '../dsl/value';
import { omit, PropsGuard, required, STRING } from '../guards';

/** The image of the seed's TFMA analysis component. */
export const TFMA_IMAGE = 'gcr.io/google-samples/ml-pipeline-dataflow-tfma-taxi';

/** Props of {@link TfmaAnalysis}. */
export interface TfmaAnalysisProps extends Omit<ContainerStepProps, 'image' | 'args'> {
  /** Evaluation data (CSV). */
  readonly inputCsv: Value;
  /** Folder the analysis results are written to (read by notebooks). */
  readonly tfmaRunDir: Value;
  /** The trained model's eval export. */
  readonly evalModelDir: Value;
  /** Where Beam runs: a BeamMode value or a parameter holding one. */
  readonly mode: Value;
  /** The Beam job's setup.py in the image. */
  readonly setupFile: Value;
  /** GCP project (for Dataflow). */
  readonly project: Value;
  /** The component's image. @default TFMA_IMAGE */
  readonly image?: string;
}

/** TensorFlow Model Analysis of a trained model, sliced by feature values (the seed's `analyze` steps). */
export class TfmaAnalysis extends ContainerStep {
  constructor(scope: Construct, id: string, props: TfmaAnalysisProps) {
    TFMA_ANALYSIS_PROPS.check(scope, id, props, new.target === TfmaAnalysis);
    const { inputCsv, tfmaRunDir, evalModelDir, mode, setupFile, project, image, ...stepProps } = props;
    super(scope, id, {
      ...stepProps,
      image: image ?? TFMA_IMAGE,
      args: [
        '--input_csv', inputCsv,
        '--tfma_run_dir', tfmaRunDir,
        '--eval_model_dir', evalModelDir,
        '--mode', mode,
        '--setup_file', setupFile,
        '--project', project,
      ],
    });
  }
}

/** Checks the props of a {@link TfmaAnalysis}. */
export const TFMA_ANALYSIS_PROPS = new PropsGuard<TfmaAnalysisProps>('TfmaAnalysisProps', {
  ...omit(CONTAINER_STEP_GUARDS, ['image', 'args']),
  inputCsv: required(VALUE),
  tfmaRunDir: required(VALUE),
  evalModelDir: required(VALUE),
  mode: required(VALUE),
  setupFile: required(VALUE),
  project: required(VALUE),
  image: STRING,
});
