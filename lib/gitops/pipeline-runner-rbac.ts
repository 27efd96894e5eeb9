import type { PolicyRule as IPolicyRule } from 'kubernetes-types/rbac/v1';
import type { Role as IRole } from 'kubernetes-types/rbac/v1';
import type { RoleBinding as IRoleBinding } from 'kubernetes-types/rbac/v1';
import type { ServiceAccount as IServiceAccount } from 'kubernetes-types/core/v1';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { arrayOf, object, PropsGuard, required, STRING } from '../guards';
import { UserError } from '../user-error';

/**
 * What a pipeline run's pods may do, and no more. Argo's executor (3.6 to 4.x) runs resource templates with
 * `kubectl <action> -f manifest -o json`, then polls the object with GET until its success or failure condition
 * holds (no watch), then reads outputs with `kubectl get`:
 * - the executor (emissary, Argo Workflows >= 3.4) reports step outputs as `workflowtaskresults`;
 * - a training step creates its TFJob (`action: create`) and polls it (`get`). It sets an owner reference to the
 *   run (`setOwnerReference`, a controller reference with `blockOwnerDeletion`), which clusters with the
 *   OwnerReferencesPermissionEnforcement admission plugin (OpenShift, hardened clusters) allow only to who may
 *   `update` the owner's `finalizers`: hence `workflows/finalizers`. The owner reference deletes the job, so no
 *   `delete`;
 * - a serving step applies the TF-Serving Deployment (`action: apply`, client-side `kubectl apply`: get, then
 *   create or patch). The Service in front of it is an Argo CD-synced object, not the run's.
 *
 * No Workflows: a pod that may create them may run anything as any service account of the namespace, and every step
 * pod runs as this account (TFT and TFMA steps load Python modules from GCS). The run-on-sync hook has its own
 * account ({@link RUN_ON_SYNC_RULES}).
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/workflow-rbac/
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 * @see https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#ownerreferencespermissionenforcement
 */
export const PIPELINE_RUNNER_RULES: readonly IPolicyRule[] = [
  { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflows/finalizers'], verbs: ['update'] },
  { apiGroups: ['kubeflow.org'], resources: ['tfjobs'], verbs: ['create', 'get'] },
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'create', 'patch'] },
];

/**
 * All the run-on-sync hook's own account may do: its one step, which runs no user code (Argo's executor alone, a
 * resource template), creates the run (a Workflow, `action: create`), owns it (`setOwnerReference`, hence
 * `workflows/finalizers` under OwnerReferencesPermissionEnforcement), polls it with GET until it has finished and
 * reads its name (`kubectl get`), and reports that output as a `workflowtaskresult`. The run itself runs as the
 * pipeline's account ({@link PIPELINE_RUNNER_RULES}), which the WorkflowTemplate names. Environments create this
 * account only when one of their pipelines runs on sync.
 */
export const RUN_ON_SYNC_RULES: readonly IPolicyRule[] = [
  { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get'] },
  { apiGroups: ['argoproj.io'], resources: ['workflows/finalizers'], verbs: ['update'] },
];

/** Props of {@link PipelineRunnerRbac}. */
export interface PipelineRunnerRbacProps {
  /** Name of the ServiceAccount, Role and RoleBinding. */
  readonly serviceAccountName: string;
  /** What the account may do. @default PIPELINE_RUNNER_RULES (a pipeline's steps) */
  readonly rules?: readonly IPolicyRule[];
  /** Rules granted on top of `rules`, for steps that need more. @default - none */
  readonly additionalRules?: readonly IPolicyRule[];
  /** The objects' `app.kubernetes.io/component` label. @default 'pipeline-runner' */
  readonly component?: string;
}

// Kubernetes object names: DNS-1123 subdomain (lowercase letters, digits, '-' and '.').
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The identity pipeline runs use in one namespace: a ServiceAccount, a Role with the least privileges the steps
 * need ({@link PIPELINE_RUNNER_RULES}) and the RoleBinding between them. All three live in the chart's namespace.
 * With `rules`, the same trio for another identity, such as the run-on-sync hook's ({@link RUN_ON_SYNC_RULES}).
 */
export class PipelineRunnerRbac extends Construct {
  /** The ServiceAccount the runs' pods use; set it as `serviceAccountName` of every WorkflowTemplate. */
  public readonly serviceAccountName: string;
  /** The Role's rules, in order. */
  public readonly rules: readonly IPolicyRule[];

  constructor(scope: Construct, id: string, props: PipelineRunnerRbacProps) {
    PIPELINE_RUNNER_RBAC_PROPS.check(scope, id, props, new.target === PipelineRunnerRbac);
    super(scope, id);
    if (!OBJECT_NAME.test(props.serviceAccountName)) {
      throw new UserError(`[${this.node.path}] serviceAccountName '${props.serviceAccountName}' is not a valid Kubernetes name `
        + '(lowercase letters, digits, - and ., starting and ending with a letter or digit)');
    }
    this.serviceAccountName = props.serviceAccountName;
    this.rules = [...props.rules ?? PIPELINE_RUNNER_RULES, ...(props.additionalRules ?? [])];
    const name = props.serviceAccountName;
    const namespace = Chart.of(this).namespace;
    if (!namespace) {
      throw new UserError(`[${this.node.path}] a RoleBinding to a ServiceAccount needs the account's namespace; put this in a chart with a namespace`);
    }
    const labels = { 'app.kubernetes.io/component': props.component ?? 'pipeline-runner', 'app.kubernetes.io/managed-by': 'kfops' };

    const serviceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, labels } } satisfies IServiceAccount;
    new ApiObject(this, 'ServiceAccount', serviceAccount);
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, labels }, rules: [...this.rules] } satisfies IRole;
    new ApiObject(this, 'Role', role);
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    } satisfies IRoleBinding;
    new ApiObject(this, 'RoleBinding', binding);
  }
}

/** Checks the props of a {@link PipelineRunnerRbac}. */
export const PIPELINE_RUNNER_RBAC_PROPS = new PropsGuard<PipelineRunnerRbacProps>('PipelineRunnerRbacProps', {
  serviceAccountName: required(STRING),
  rules: arrayOf(object('a PolicyRule')),
  additionalRules: arrayOf(object('a PolicyRule')),
  component: STRING,
});
