/**
 * When the operator restarts a replica's pods. Values are the Training Operator's strings.
 * @see https://www.kubeflow.org/docs/components/training/user-guides/tensorflow/
 */
export enum RestartPolicy {
  ALWAYS = 'Always',
  ON_FAILURE = 'OnFailure',
  NEVER = 'Never',
  /** Restart only on retryable exit codes (128 and above, e.g. a preempted node); fail on the rest. */
  EXIT_CODE = 'ExitCode',
}

/**
 * Which pods the operator deletes once the job has finished.
 * @see https://www.kubeflow.org/docs/components/training/user-guides/tensorflow/
 */
export enum CleanPodPolicy {
  /** Delete every pod of the job, finished ones too (their logs go with them). */
  ALL = 'All',
  /** Delete the pods still running, e.g. parameter servers, which never exit on their own; keep finished ones for their logs. */
  RUNNING = 'Running',
  /** Delete nothing. */
  NONE = 'None',
}

/** When the operator marks a TFJob as succeeded. */
export enum SuccessPolicy {
  /** The chief succeeded (or worker 0, when there is no chief). */
  DEFAULT = '',
  /** Every worker succeeded. */
  ALL_WORKERS = 'AllWorkers',
}

/**
 * The replica that coordinates a TFJob and decides its outcome: the job succeeds when it succeeds. Values are the
 * Training Operator's replica types. Which one is right depends on how the trainer runs:
 *
 * - `tf.estimator.train_and_evaluate` (TF 1.x estimators, such as the seed's Chicago-taxi trainer) evaluates and
 *   runs its exporters (`FinalExporter`, `BestExporter`) on the `master` task, or on a separate `evaluator` task. A
 *   `chief` only trains. So an estimator that exports its model needs MASTER, or CHIEF plus `evaluator: true`;
 *   with CHIEF alone it trains, and nothing is ever exported.
 * - `tf.distribute` strategies (`MultiWorkerMirroredStrategy`, `ParameterServerStrategy`) and Keras name the
 *   coordinator `chief`: use CHIEF.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/estimator/train_and_evaluate
 * @see https://www.kubeflow.org/docs/components/training/user-guides/tensorflow/
 */
export enum TfCoordinator {
  /** `Chief`: trains and writes checkpoints; evaluation runs on an Evaluator replica, if any. */
  CHIEF = 'Chief',
  /** `Master`: trains, and (with estimators) evaluates and exports as well. */
  MASTER = 'Master',
}
