import { Environment, TfJob, TfServing, useGcpSecret } from '../lib';
import { TF_TRAINER_IMAGE } from './workflow1';

/** Where the standalone objects read and write; the seed's placeholder bucket. */
const MODEL_ROOT = 'gs://YOUR_GCS_DIR_HERE/standalone';

/** The environment that gets the standalone objects. */
const STANDALONE_ENVIRONMENT = 'prod';

/**
 * Objects Argo CD applies outside any pipeline run, in prod: a model server for the blessed Chicago-taxi model, sized
 * by the environment, and a one-off distributed training job (re-train by editing and merging, no pipeline needed).
 * Not in dev and staging: there a merge runs the pipelines as PostSync hooks, which Argo CD starts only once every
 * object is healthy, so a model server waiting for a model those runs have not trained yet would hold them back.
 */
export function addStandaloneObjects(env: Environment): void {
  if (env.name !== STANDALONE_ENVIRONMENT) return;
  new TfJob(env, 'taxi-train', {
    name: 'taxi-train',
    image: TF_TRAINER_IMAGE,
    args: [
      '--tf-transform-dir', `${MODEL_ROOT}/tft-train`,
      '--output-dir', `${MODEL_ROOT}/tf`,
      '--working-dir', `${MODEL_ROOT}/tf/serving_model_dir`,
      '--job-dir', `${MODEL_ROOT}/tf`,
      '--train-files-dir', `${MODEL_ROOT}/tft-train`,
      '--eval-files-dir', `${MODEL_ROOT}/tft-eval`,
      '--train-files-prefix', 'train_transformed',
      '--eval-files-prefix', 'eval_transformed',
      '--train-steps', 10000,
      '--workers', 2,
      '--pss', 1,
    ],
    workers: 2,
    pss: 1,
  }).apply(useGcpSecret());
  new TfServing(env, 'taxi-serving', {
    name: 'taxi-serving',
    modelName: 'chicago-taxi',
    modelBasePath: `${MODEL_ROOT}/tf/serving_model_dir/export/chicago-taxi`,
    replicas: env.servingReplicas,
  }).apply(useGcpSecret());
}
