import { RESOURCES } from '../dsl/container-resources';
import { POD_OPTIONS_GUARDS } from '../dsl/pod-builder';
import { VALUE, VALUES } from '../dsl/value';
import { BOOLEAN, DURATION, enumOf, NUMBER, pick, PropGuards, required, STRING } from '../guards';
import type { TfJobOptions } from './tf-job-definition';
import { CleanPodPolicy, RestartPolicy, TfCoordinator } from './tf-job-policies';

const RESTART_POLICY = enumOf(RestartPolicy, 'RestartPolicy');

/** The guards of {@link TfJobOptions}, which `TfJob` and `TfJobStep` take. */
export const TF_JOB_OPTIONS_GUARDS: PropGuards<TfJobOptions> = {
  ...pick(POD_OPTIONS_GUARDS, ['env', 'envFrom', 'resources', 'volumes', 'volumeMounts', 'serviceAccountName', 'nodeSelector', 'tolerations',
    'priorityClassName', 'schedulerName']),
  image: required(STRING),
  command: VALUES,
  args: VALUES,
  coordinator: enumOf(TfCoordinator, 'TfCoordinator'),
  workers: VALUE,
  pss: VALUE,
  evaluator: BOOLEAN,
  psResources: RESOURCES,
  restartPolicy: RESTART_POLICY,
  workerRestartPolicy: RESTART_POLICY,
  cleanPodPolicy: enumOf(CleanPodPolicy, 'CleanPodPolicy'),
  ttlAfterFinished: DURATION,
  activeDeadline: DURATION,
  backoffLimit: NUMBER,
};
