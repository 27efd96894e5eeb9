import { Check } from '../../check';
import type { Violation } from '../../violation';
import { containerViolations } from './container-rules';
import { countViolations } from './count-fields';
import { cronJobViolations } from './cronjob-rules';
import { dataKeyViolations } from './data-keys';
import { hpaViolations } from './hpa-spec';
import { podSpecViolations } from './pod-spec-rules';
import { imageViolations } from './image-rules';
import { argoContainersOf, argoDefaultContainersOf, podSpecsOf } from './pod-specs';
import { pvcViolationsOf } from './pvc-rules';
import { rbacViolations } from './rbac-rules';
import { serviceViolations } from './service-spec';
import { trafficViolations } from './traffic-rules';
import { workloadViolations } from './workload-rules';

/**
 * Kubernetes' own validation beyond the published schema, for what the API server refuses (and the image
 * references the kubelet refuses): every pod spec (workloads, Jobs, CronJobs, Pods, Kubeflow replica templates),
 * the containers of Argo templates and the images of their `templateDefaults`; workload selectors, restart
 * policies and counts; CronJob schedules and time zones; Ingresses, NetworkPolicies, PodDisruptionBudgets; Services, HorizontalPodAutoscalers, RBAC, ConfigMaps, Secrets and PersistentVolumeClaims. One object
 * at a time; what needs other objects (Service selectors, HPA targets) is checked elsewhere. Enumerations are the
 * schema walker's (enum facts).
 */
export const checkKubernetesNative: Check = (object, { index }) => {
  const out: Violation[] = [];
  for (const pod of podSpecsOf(object)) out.push(...podSpecViolations(pod));
  for (const container of argoContainersOf(object)) out.push(...containerViolations(container));
  for (const container of argoDefaultContainersOf(object)) out.push(...imageViolations(container));
  out.push(...workloadViolations(object), ...countViolations(object), ...cronJobViolations(object), ...trafficViolations(object), ...pvcViolationsOf(object));
  switch (object.kind) {
    case 'Service': out.push(...serviceViolations(object)); break;
    case 'HorizontalPodAutoscaler': out.push(...hpaViolations(object)); break;
    case 'ConfigMap': case 'Secret': out.push(...dataKeyViolations(object)); break;
    default: out.push(...rbacViolations(object, index));
  }
  return out;
};
