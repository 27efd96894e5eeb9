import type { IPolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { UserError } from '../user-error';

/**
 * What a pipeline run's pods may do, and no more:
 * - Argo's executor (emissary, Argo Workflows >= 3.4) reports step outputs as `workflowtaskresults`;
 * - a training step creates its TFJob (an Argo resource template, `action: create`) and polls it with `get` until
 *   its success or failure condition holds; the owner reference to the run deletes it, so no `delete`;
 * - a serving step applies the TF-Serving Deployment (`action: apply`, i.e. `kubectl apply`: get, then create or
 *   patch). The Service in front of it is an Argo CD-synced object, not the run's.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/workflow-rbac/
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 */
export const PIPELINE_RUNNER_RULES: readonly IPolicyRule[] = [
  { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
  { apiGroups: ['kubeflow.org'], resources: ['tfjobs'], verbs: ['create', 'get'] },
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'create', 'patch'] },
];

/** Props of {@link PipelineRunnerRbac}. */
export interface PipelineRunnerRbacProps {
  /** Name of the ServiceAccount, Role and RoleBinding. */
  readonly serviceAccountName: string;
  /** Rules granted on top of {@link PIPELINE_RUNNER_RULES}, for steps that need more. @default - none */
  readonly additionalRules?: readonly IPolicyRule[];
}

// Kubernetes object names: DNS-1123 subdomain (lowercase letters, digits, '-' and '.').
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The identity pipeline runs use in one namespace: a ServiceAccount, a Role with the least privileges the steps
 * need ({@link PIPELINE_RUNNER_RULES}) and the RoleBinding between them. All three live in the chart's namespace.
 */
export class PipelineRunnerRbac extends Construct {
  /** The ServiceAccount the runs' pods use; set it as `serviceAccountName` of every WorkflowTemplate. */
  public readonly serviceAccountName: string;
  /** The Role's rules, in order. */
  public readonly rules: readonly IPolicyRule[];

  constructor(scope: Construct, id: string, props: PipelineRunnerRbacProps) {
    super(scope, id);
    if (!OBJECT_NAME.test(props.serviceAccountName)) {
      throw new UserError(`[${this.node.path}] serviceAccountName '${props.serviceAccountName}' is not a valid Kubernetes name `
        + '(lowercase letters, digits, - and ., starting and ending with a letter or digit)');
    }
    this.serviceAccountName = props.serviceAccountName;
    this.rules = [...PIPELINE_RUNNER_RULES, ...(props.additionalRules ?? [])];
    const name = props.serviceAccountName;
    const namespace = Chart.of(this).namespace;
    if (!namespace) {
      throw new UserError(`[${this.node.path}] a RoleBinding to a ServiceAccount needs the account's namespace; put this in a chart with a namespace`);
    }
    const labels = { 'app.kubernetes.io/component': 'pipeline-runner', 'app.kubernetes.io/managed-by': 'kfops' };

    const serviceAccount: IServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, labels } };
    new ApiObject(this, 'ServiceAccount', serviceAccount);
    const role: IRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, labels }, rules: [...this.rules] };
    new ApiObject(this, 'Role', role);
    const binding: IRoleBinding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    };
    new ApiObject(this, 'RoleBinding', binding);
  }
}
