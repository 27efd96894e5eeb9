import { Construct } from 'constructs';
import {
  ContainerStep, DeployedPipelineProps, fmt, ParameterType, Pipeline, TF_JOB_NAME_OUTPUT, TfCoordinator, TfJobStep, WorkflowVariables,
} from 'kfops';

/** The images the steps run, pinned by tag: a run must mean the same code every time. */
const PYTHON_IMAGE = 'python:3.12-slim';
const TENSORFLOW_IMAGE = 'tensorflow/tensorflow:2.16.1';

/**
 * The training program: fits y = 3x + 1 with MultiWorkerMirroredStrategy, which reads the cluster from the
 * TF_CONFIG the training operator sets on every replica.
 */
const TRAIN_SCRIPT = [
  'import argparse, numpy as np, tensorflow as tf',
  'parser = argparse.ArgumentParser(); parser.add_argument("--epochs", type=int, required=True)',
  'args = parser.parse_args()',
  'strategy = tf.distribute.MultiWorkerMirroredStrategy()',
  'x = np.random.rand(1024, 1).astype("float32"); y = 3 * x + 1',
  'with strategy.scope():',
  '    model = tf.keras.Sequential([tf.keras.Input(shape=(1,)), tf.keras.layers.Dense(1)])',
  '    model.compile(optimizer="sgd", loss="mse")',
  'model.fit(x, y, epochs=args.epochs, batch_size=64, verbose=2)',
].join('\n');

/**
 * Trains a small Keras model on generated data with a Kubeflow TFJob: `prepare` checks the settings, `fit`
 * fits the model on a chief and `workers` workers, `report` prints which job trained it. Replace the inline
 * scripts with your own images; keep steps, parameters and resources as the shape to follow.
 */
export class TrainPipeline extends Pipeline {
  constructor(scope: Construct, id: string, props: DeployedPipelineProps) {
    super(scope, id, { ...props, description: 'Train a small Keras model with a TFJob' });
    const epochs = this.addParameter('epochs', {
      type: ParameterType.INTEGER, default: 5, minimum: 1, description: 'Passes over the training data',
    });
    const workers = this.addParameter('workers', {
      type: ParameterType.INTEGER, default: 1, minimum: 0, description: 'TFJob workers besides the chief',
    });

    const prepare = new ContainerStep(this, 'prepare', {
      image: PYTHON_IMAGE,
      command: ['python', '-c', 'import sys; print(f"run {sys.argv[1]}: {sys.argv[2]} epochs"); assert int(sys.argv[2]) > 0'],
      args: [WorkflowVariables.name, epochs],
      resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '128Mi', limit: '256Mi' } },
    });

    const fit = new TfJobStep(this, 'fit', {
      image: TENSORFLOW_IMAGE,
      command: ['python', '-c', TRAIN_SCRIPT],
      args: [fmt`--epochs=${epochs}`],
      coordinator: TfCoordinator.CHIEF,
      workers,
      resources: { cpu: { request: '1', limit: '2' }, memory: { request: '1Gi', limit: '2Gi' } },
    }).after(prepare);

    new ContainerStep(this, 'report', {
      image: PYTHON_IMAGE,
      command: ['python', '-c', 'import sys; print(f"trained by TFJob {sys.argv[1]}")'],
      args: [fit.output(TF_JOB_NAME_OUTPUT)],
      resources: { cpu: { request: '100m' }, memory: { request: '64Mi' } },
    });
  }
}
