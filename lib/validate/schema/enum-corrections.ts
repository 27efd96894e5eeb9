/**
 * Which enum facts (enums/<project>/<version>.json, read from the Go API types) the API server or Argo's controller
 * enforces, and how: kfops' reading of their validation code, kept here rather than in the data.
 *
 * Kubernetes: every `+enum` type is a closed set (the API server rejects other values with "Unsupported value").
 * Types with typed constants but no marker are closed only where the server's validation says so, listed below;
 * the others take any value (SecretType, PodConditionType in readiness gates, ResourceName, StorageMedium's
 * `HugePages-<size>`, condition types and statuses).
 *
 * Argo Workflows: `+kubebuilder:validation:Enum` markers are the API's declared sets (its full CRDs enforce them).
 * Unmarked typed constants are closed where Argo's validator or controller rejects other values, listed below;
 * others (status phases, ShutdownStrategy, GaugeOperation before 4.0, where unknown values mean `Set`) are not.
 *
 * Everywhere, the empty string is the Go zero value: the field counts as unset (the server defaults it, or its
 * `required` check reports it).
 */

/** Kubernetes types without `+enum` whose values the API server checks, with the validation that does. */
export const KUBERNETES_CLOSED_CONSTANTS: Readonly<Record<string, string>> = {
  'io.k8s.api.autoscaling.v2.MetricSourceType': 'pkg/apis/autoscaling/validation: validateMetricSpec',
  'io.k8s.api.autoscaling.v2.MetricTargetType': 'pkg/apis/autoscaling/validation: validateMetricTarget',
  'io.k8s.api.autoscaling.v2.HPAScalingPolicyType': 'pkg/apis/autoscaling/validation: validateScalingPolicy',
  'io.k8s.api.autoscaling.v2.ScalingPolicySelect': 'pkg/apis/autoscaling/validation: validateScalingRules',
  'io.k8s.api.core.v1.ContainerRestartPolicy': 'pkg/apis/core/validation: validateContainerRestartPolicy',
  'io.k8s.api.core.v1.OSName': 'pkg/apis/core/validation: validateOS (validOS)',
  'io.k8s.api.core.v1.RecursiveReadOnlyMode': 'pkg/apis/core/validation: validateVolumeMounts',
  'io.k8s.api.core.v1.ResourceResizeRestartPolicy': 'pkg/apis/core/validation: validateResizePolicy',
  'io.k8s.api.core.v1.PodSELinuxChangePolicy': 'pkg/apis/core/validation: validateSELinuxChangePolicy',
  'io.k8s.api.core.v1.LoadBalancerIPMode': 'pkg/apis/core/validation: ValidateLoadBalancerStatus',
  'io.k8s.api.apps.v1.PersistentVolumeClaimRetentionPolicyType': 'pkg/apis/apps/validation: ValidatePersistentVolumeClaimRetentionPolicyType',
  'io.k8s.api.admissionregistration.v1.ParameterNotFoundActionType': 'pkg/apis/admissionregistration/validation: validateParamRef',
  'io.k8s.api.flowcontrol.v1.FlowDistinguisherMethodType': 'pkg/apis/flowcontrol/validation: ValidateFlowSchemaSpec',
  'io.k8s.api.flowcontrol.v1.LimitResponseType': 'pkg/apis/flowcontrol/validation: ValidateLimitResponse',
  'io.k8s.api.flowcontrol.v1.PriorityLevelEnablement': 'pkg/apis/flowcontrol/validation: ValidatePriorityLevelConfigurationSpec',
  'io.k8s.api.flowcontrol.v1.SubjectKind': 'pkg/apis/flowcontrol/validation: ValidateFlowSchemaSubject',
  'io.k8s.api.storage.v1.FSGroupPolicy': 'pkg/apis/storage/validation: validateFSGroupPolicy',
  'io.k8s.api.storage.v1.VolumeLifecycleMode': 'pkg/apis/storage/validation: validateVolumeLifecycleModes',
};

/** Argo types without a kubebuilder marker whose values Argo rejects, with the code that does. */
export const ARGO_CLOSED_CONSTANTS: Readonly<Record<string, string>> = {
  'io.argoproj.workflow.v1alpha1.ConcurrencyPolicy': 'workflow/validate: ValidateCronWorkflow; workflow/cron/operator.go',
  'io.argoproj.workflow.v1alpha1.PodGCStrategy': 'workflow/validate: ValidateWorkflow (PodGCStrategy.IsValid)',
  'io.argoproj.workflow.v1alpha1.RetryPolicy': 'workflow/controller/operator.go: processNodeRetries',
  'io.argoproj.workflow.v1alpha1.VolumeClaimGCStrategy': 'workflow/controller/operator.go: deletePVCs',
};

/**
 * Argo fields its validator checks as written, before any `{{...}}` is substituted, so a templated value is
 * rejected there. Everywhere else in Argo's kinds a templated value is substituted first (templates are resolved
 * with their inputs, the workflow spec with the global parameters) and passes.
 */
export const ARGO_CHECKED_AS_WRITTEN: ReadonlySet<string> = new Set([
  'io.argoproj.workflow.v1alpha1.PodGC.strategy',
  'io.argoproj.workflow.v1alpha1.CronWorkflowSpec.concurrencyPolicy',
]);
