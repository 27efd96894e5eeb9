import { fmt, Pipeline, PodOption, runDir, TfCoordinator, TfJobStep, Value } from 'kfops';
import type { TaxiParameters } from './taxi-parameters';

/**
 * The seed's trainer image: what the pods of the seed's TFJobs ran (components/kubeflow/containers/trainer). The
 * seed's pipeline step ran another image, the launcher (`ml-pipeline-kubeflow-tf-taxi`), which created the TFJob;
 * here the step creates it. Untagged, as the seed used it: it was published without version tags, and no digest
 * has been verified here, so `kfops validate` rightly warns that it means `:latest`.
 */
export const TAXI_TRAINER_IMAGE = 'gcr.io/google-samples/ml-pipeline-kubeflow-trainer-taxi';

/** The trainer's entrypoint, as the seed's TFJob template ran it (the image's WORKDIR /ml holds `trainer/` and schema.pbtxt). */
export const TAXI_TRAINER_COMMAND: readonly string[] = ['python', '-m', 'trainer.task'];

/** Where the trainer reads its data and writes its model; the values of the flags `trainer/task.py` requires. */
export interface TaxiTrainerInputs {
  /** The TFT output of the training split (its transform_fn and transformed data). */
  readonly tfTransformDir: Value;
  /** Where the serving model (`serving_model_dir`, with `export/chicago-taxi`) and the TFMA model (`eval_model_dir`) go. */
  readonly outputDir: Value;
  /** Checkpoints and exports (the seed passes the output dir). */
  readonly jobDir: Value;
  readonly trainFilesDir: Value;
  readonly evalFilesDir: Value;
  readonly trainFilesPrefix: Value;
  readonly evalFilesPrefix: Value;
  readonly trainSteps: Value;
}

/**
 * The trainer's arguments exactly as the seed's launcher (launcher/train.py) passed them: every flag it did not
 * consume itself, as `--key=value`, including its defaults `--verbosity=INFO` and `--eval-steps=100`. The launcher
 * kept `--working-dir` (TensorBoard's source), `--workers`, `--pss` and its cluster options to itself; the trainer
 * parses its flags strictly, so passing those would stop it.
 */
export function taxiTrainerArgs(inputs: TaxiTrainerInputs): Value[] {
  return [
    fmt`--tf-transform-dir=${inputs.tfTransformDir}`,
    fmt`--output-dir=${inputs.outputDir}`,
    fmt`--job-dir=${inputs.jobDir}`,
    fmt`--train-files-dir=${inputs.trainFilesDir}`,
    fmt`--eval-files-dir=${inputs.evalFilesDir}`,
    fmt`--train-files-prefix=${inputs.trainFilesPrefix}`,
    fmt`--eval-files-prefix=${inputs.evalFilesPrefix}`,
    fmt`--train-steps=${inputs.trainSteps}`,
    '--verbosity=INFO',
    '--eval-steps=100',
  ];
}

/** The Secret the seed's TFJob pods mounted, and where. */
const TRAINER_SECRET = 'user-gcp-sa';
const TRAINER_SECRET_MOUNT = '/etc/secrets';

/**
 * GCP credentials the way the seed's TFJob template gave them to every replica: the `user-gcp-sa` Secret as volume
 * `sa`, mounted read-only at `/etc/secrets`, and `GOOGLE_APPLICATION_CREDENTIALS` pointing at its key file. (KFP's
 * `use_gcp_secret`, which the other steps use, mounts at `/secret/gcp-credentials` instead.)
 */
export function taxiTrainerCredentials(): PodOption {
  return (pod) => {
    pod.addVolume({ name: 'sa', secret: { secretName: TRAINER_SECRET } });
    pod.addVolumeMount({ name: 'sa', mountPath: TRAINER_SECRET_MOUNT, readOnly: true });
    pod.addEnv('GOOGLE_APPLICATION_CREDENTIALS', `${TRAINER_SECRET_MOUNT}/${TRAINER_SECRET}.json`);
  };
}

/**
 * The seed's training step as a TFJob, training on one TFT variant's output: a Master (the estimator evaluates and
 * exports the model there), `workers` workers and `pss` parameter servers, each running the seed's trainer with the
 * launcher's flags. Both counts 0: the Master alone (single-node).
 */
export function trainStep(
  pipeline: Pipeline, id: string, p: TaxiParameters, evalDir: string, trainDir: string, tfDir: string, workers: Value, pss: Value,
): TfJobStep {
  return new TfJobStep(pipeline, id, {
    image: TAXI_TRAINER_IMAGE,
    command: TAXI_TRAINER_COMMAND,
    args: taxiTrainerArgs({
      tfTransformDir: runDir(p.workingDir, trainDir),
      outputDir: runDir(p.workingDir, tfDir),
      jobDir: runDir(p.workingDir, tfDir),
      trainFilesDir: runDir(p.workingDir, trainDir),
      evalFilesDir: runDir(p.workingDir, evalDir),
      trainFilesPrefix: p.outfilePrefixTrain,
      evalFilesPrefix: p.outfilePrefixEval,
      trainSteps: p.trainSteps,
    }),
    coordinator: TfCoordinator.MASTER,
    workers,
    pss,
  }).apply(taxiTrainerCredentials());
}
