/** The annotation Argo CD orders a sync by: lower waves are applied, and must be healthy, before higher ones. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** The annotation that makes an object an Argo CD resource hook (hooks run in their phase, outside the waves). */
export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';

/**
 * The sync waves kfops puts an environment's objects in, so a run never starts before what it needs exists.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
 */
export enum SyncWave {
  /** Namespace and RBAC: the service account must exist before any run uses it. */
  SETUP = -1,
  /** WorkflowTemplates and CronWorkflows: what runs reference. */
  PIPELINES = 0,
  /** Serving and training objects: the TF-Serving Service and autoscaler, and any Deployment or TFJob synced as an object. */
  WORKLOADS = 1,
}

// Keyed by `<group>/<kind>`, with '' as the core group. Kinds not listed get no annotation (wave 0 in Argo CD).
const WAVES: Readonly<Record<string, SyncWave>> = {
  '/Namespace': SyncWave.SETUP,
  '/ServiceAccount': SyncWave.SETUP,
  'rbac.authorization.k8s.io/Role': SyncWave.SETUP,
  'rbac.authorization.k8s.io/RoleBinding': SyncWave.SETUP,
  'argoproj.io/AppProject': SyncWave.SETUP,
  'argoproj.io/WorkflowTemplate': SyncWave.PIPELINES,
  'argoproj.io/CronWorkflow': SyncWave.PIPELINES,
  'apps/Deployment': SyncWave.WORKLOADS,
  '/Service': SyncWave.WORKLOADS,
  'autoscaling/HorizontalPodAutoscaler': SyncWave.WORKLOADS,
  'kubeflow.org/TFJob': SyncWave.WORKLOADS,
};

/**
 * The wave an object of this API group and kind belongs in, or undefined for kinds kfops leaves in Argo CD's
 * default wave (0). `group` is '' for the core API group.
 */
export function syncWaveOf(group: string, kind: string): SyncWave | undefined {
  return WAVES[`${group}/${kind}`];
}
