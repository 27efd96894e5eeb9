import { Environment, TfCoordinator, TfJob, TfServing, useGcpSecret } from 'kfops';
import { TAXI_TRAINER_COMMAND, TAXI_TRAINER_IMAGE, taxiTrainerArgs, taxiTrainerCredentials } from './taxi-trainer';

/** Where the standalone objects read and write; the seed's placeholder bucket. */
const MODEL_ROOT = 'gs://YOUR_GCS_DIR_HERE/standalone';

/** The environment that gets the standalone objects. */
const STANDALONE_ENVIRONMENT = 'prod';

/**
 * Objects Argo CD applies outside any pipeline run, in prod: a model server for the blessed Chicago-taxi model (its
 * replicas are the environment's servingReplicas), and a one-off distributed training job running the seed's
 * trainer (re-train by editing and merging, no pipeline needed).
 * Not in dev and staging: there a merge runs the pipelines as PostSync hooks, which Argo CD starts only once every
 * object is healthy, so a model server waiting for a model those runs have not trained yet would hold them back.
 */
export function addStandaloneObjects(env: Environment): void {
  if (env.name !== STANDALONE_ENVIRONMENT) return;
  new TfJob(env, 'taxi-train', {
    name: 'taxi-train',
    image: TAXI_TRAINER_IMAGE,
    command: TAXI_TRAINER_COMMAND,
    args: taxiTrainerArgs({
      tfTransformDir: `${MODEL_ROOT}/tft-train`,
      outputDir: `${MODEL_ROOT}/tf`,
      jobDir: `${MODEL_ROOT}/tf`,
      trainFilesDir: `${MODEL_ROOT}/tft-train`,
      evalFilesDir: `${MODEL_ROOT}/tft-eval`,
      trainFilesPrefix: 'train_transformed',
      evalFilesPrefix: 'eval_transformed',
      trainSteps: 10000,
    }),
    coordinator: TfCoordinator.MASTER,
    workers: 2,
    pss: 1,
  }).apply(taxiTrainerCredentials());
  new TfServing(env, 'taxi-serving', {
    name: 'taxi-serving',
    modelName: 'chicago-taxi',
    modelBasePath: `${MODEL_ROOT}/tf/serving_model_dir/export/chicago-taxi`,
  }).apply(useGcpSecret());
}
