import { Environment, TfJob, TfServing, useGcpSecret } from '../lib';
import { TF_TRAINER_IMAGE } from './workflow1';

/** Where the standalone objects read and write; the seed's placeholder bucket. */
const MODEL_ROOT = 'gs://YOUR_GCS_DIR_HERE/standalone';

/**
 * Objects Argo CD applies outside any pipeline run: a one-off distributed training job in dev (re-train by editing
 * and merging, no pipeline needed), and in every environment a model server for the blessed Chicago-taxi model,
 * sized by the environment.
 */
export function addStandaloneObjects(env: Environment): void {
  if (env.name === 'dev') {
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
  }
  new TfServing(env, 'taxi-serving', {
    name: 'taxi-serving',
    modelName: 'chicago-taxi',
    modelBasePath: `${MODEL_ROOT}/tf/serving_model_dir/export/chicago-taxi`,
    replicas: env.servingReplicas,
  }).apply(useGcpSecret());
}
