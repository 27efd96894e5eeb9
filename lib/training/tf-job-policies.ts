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
