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

/**
 * The replica that coordinates a TFJob and decides its outcome. Values are the Training Operator's replica types.
 * With a Chief or a Master in the job, the operator (v1.8, v1.9: `tfjob_controller.go`, UpdateJobStatus) looks at
 * that replica alone: the job succeeds when it exits successfully, whatever the other replicas are doing, and
 * `successPolicy` is never consulted. Which one is right depends on how the trainer runs:
 *
 * - `tf.estimator.train_and_evaluate` (TF 1.x estimators, such as the seed's Chicago-taxi trainer) runs evaluation
 *   and the exporters (`FinalExporter`, `BestExporter`) on the `master` task; a `chief` only trains. So an estimator
 *   that exports its model needs MASTER. An Evaluator replica does not make up for a Chief: the job ends when the
 *   Chief exits and the evaluator is stopped before its last evaluation and export, so kfops refuses that pair.
 * - `tf.distribute` strategies (`MultiWorkerMirroredStrategy`, `ParameterServerStrategy`) and Keras name the
 *   coordinator `chief`: use CHIEF.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/estimator/train_and_evaluate
 * @see https://www.kubeflow.org/docs/components/training/user-guides/tensorflow/
 */
export enum TfCoordinator {
  /** `Chief`: trains and writes checkpoints; with estimators, it neither evaluates nor exports. */
  CHIEF = 'Chief',
  /** `Master`: trains, and (with estimators) evaluates and exports as well. */
  MASTER = 'Master',
}
