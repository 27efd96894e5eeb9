import { append } from '../../../append';
import { Check, CheckContext } from '../../check';
import type { KubeObject } from '../../object-index';
import { createdObject, embeddedManifests, inManifest, withoutRunTimeFields } from '../argo/embedded-manifests';
import type { Violation } from '../../violation';
import { containerViolations } from './container-rules';
import { countViolations } from './count-fields';
import { cronJobViolations } from './cronjob-rules';
import { dataKeyViolations } from './data-keys';
import { hpaViolations } from './hpa-spec';
import { podSpecViolations } from './pod-spec-rules';
import { imageViolations } from './image-rules';
import { argoContainersOf, argoDefaultContainersOf, argoPodSecurityContextsOf, podSpecsOf } from './pod-specs';
import { podSecurityContextViolations } from './security-context-rules';
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
export const checkKubernetesNative: Check = (object, context) => {
  const out = nativeRules(object, context);
  // What a workflow's resource templates create (an action known before the run) meets the API server as well;
  // what is set at run time is not judged.
  for (const embedded of embeddedManifests(object, context.index)) {
    const created = createdObject(embedded);
    if (!created) continue;
    for (const v of withoutRunTimeFields(nativeRules(created, context), created)) out.push(inManifest(embedded.path, String(created.kind), v));
  }
  return out;
};

function nativeRules(object: KubeObject, context: CheckContext): Violation[] {
  const out: Violation[] = [];
  for (const pod of podSpecsOf(object)) append(out, podSpecViolations(pod));
  for (const container of argoContainersOf(object)) append(out, containerViolations(container));
  for (const container of argoDefaultContainersOf(object)) append(out, imageViolations(container));
  for (const { context: securityContext, path } of argoPodSecurityContextsOf(object)) append(out, podSecurityContextViolations(securityContext, path));
  // Appended, not spread: an object of 100,000s of list items would overflow the stack.
  for (const rules of [workloadViolations, countViolations, cronJobViolations, trafficViolations, pvcViolationsOf]) append(out, rules(object));
  switch (object.kind) {
    case 'Service': append(out, serviceViolations(object)); break;
    case 'HorizontalPodAutoscaler': append(out, hpaViolations(object)); break;
    case 'ConfigMap': case 'Secret': append(out, dataKeyViolations(object)); break;
    default: append(out, rbacViolations(object, context));
  }
  return out;
}
