import { Check } from '../../check';
import { isRecord, records } from '../../object-index';
import { error, Violation } from '../../violation';
import { hasPlaceholder } from '../../../argo-spec/placeholder';
import { dns1035Label, dns1123Subdomain } from '../../../k8s-spec/name-rules';
import { joinPath } from '../argo/template-tags';
import { releaseAtLeast } from '../release-at-least';

/** The container the operator runs and watches in each replica (`TFJobDefaultContainerName`). */
const DEFAULT_CONTAINER = 'tensorflow';
/** `runPolicy.managedBy` values the webhook accepts (v1.9 `supportedJobControllers`). */
const MANAGERS = ['kubeflow.org/training-operator', 'kueue.x-k8s.io/multikueue'];
/** What a generated name's suffix looks like (5 lowercase alphanumerics), for judging a `generateName`. */
const GENERATED_SUFFIX = 'x2b4c';
/** The longest prefix of a generated name the API server keeps (63 less the suffix). */
const MAX_GENERATE_PREFIX = 58;

/** True for a Kubeflow `TFJob`, the kind the Training Operator's admission webhook validates. */
export function isTfJob(object: Record<string, unknown>): boolean {
  return object.kind === 'TFJob' && object.apiVersion === 'kubeflow.org/v1';
}

/**
 * A TFJob as the Training Operator's validating webhook (`/validate-kubeflow-org-v1-tfjob`, installed by default from
 * v1.8) admits it: a name that is a DNS-1035 label (it names the job's Services), a container named `tensorflow` in
 * every replica, at most one Chief or Master, and a `runPolicy.managedBy` it knows. The CRD's schema says none of it.
 *
 * Training Operator: `pkg/webhooks/tensorflow/tfjob_webhook.go` (`validateTFJob`, `validateTFReplicaSpecs`) and
 * `pkg/common/util/webhooks.go` (`ValidateRunPolicy`).
 */
export function tfJobAdmission(object: Record<string, unknown>, trainingOperatorVersion?: string): Violation[] {
  const violations: Violation[] = [];
  const name = nameProblem(object.metadata);
  if (name) violations.push(error(name.path, 'kubeflow/tfjob', `${name.what} ${name.problem}, which the Training Operator's webhook requires of a TFJob (it names the job's Services)`,
    'use lowercase letters, digits and \'-\', starting with a letter, e.g. mnist-train'));
  const spec = isRecord(object.spec) ? object.spec : {};
  // v1.8 has no managedBy: its schema reports the field as unknown.
  const hasManagedBy = releaseAtLeast(trainingOperatorVersion, '1.9') !== false;
  if (hasManagedBy && isRecord(spec.runPolicy) && typeof spec.runPolicy.managedBy === 'string' && !MANAGERS.includes(spec.runPolicy.managedBy)) {
    violations.push(error('spec.runPolicy.managedBy', 'kubeflow/tfjob', `managedBy "${spec.runPolicy.managedBy}" is not a job controller the Training Operator's webhook supports`,
      `use one of: ${MANAGERS.join(', ')}, or leave it unset`));
  }
  if (!isRecord(spec.tfReplicaSpecs)) return violations;
  const roles = Object.keys(spec.tfReplicaSpecs);
  for (const role of roles) {
    const replica = spec.tfReplicaSpecs[role];
    // A null replica is pruned by the API server before admission.
    if (replica === null) continue;
    const path = `${joinPath('spec.tfReplicaSpecs', role)}.template.spec.containers`;
    const containers = replicaContainers(replica);
    if (containers === undefined) {
      violations.push(error(path, 'kubeflow/tfjob', `replica ${role} has no containers, which the Training Operator's webhook requires`,
        `add template.spec.containers with a container named "${DEFAULT_CONTAINER}"`));
      continue;
    }
    // A name set at run time may be the default container's.
    if (containers.length === 0 || containers.some((c) => c.name === DEFAULT_CONTAINER || (typeof c.name === 'string' && hasPlaceholder(c.name)))) continue;
    violations.push(error(path, 'kubeflow/tfjob',
      `replica ${role} has no container named "${DEFAULT_CONTAINER}", which the Training Operator runs and watches`,
      `name the training container "${DEFAULT_CONTAINER}"`));
  }
  const leaders = roles.filter((role) => role === 'Chief' || role === 'Master');
  if (leaders.length > 1) {
    violations.push(error('spec.tfReplicaSpecs', 'kubeflow/tfjob', `the TFJob has both a Chief and a Master replica; the Training Operator's webhook allows one`,
      'keep one of them (Chief, in TF 2)'));
  }
  return violations;
}

/**
 * The containers of a replica's pod template; undefined when it has no pod spec, which no pod rule sees (a pod spec
 * without containers is the schema's and `k8s/containers`' to report).
 */
function replicaContainers(replica: unknown): Record<string, unknown>[] | undefined {
  if (!isRecord(replica) || !isRecord(replica.template) || !isRecord(replica.template.spec)) return undefined;
  return records(replica.template.spec.containers);
}

/**
 * Why the job's name (or the name made from its `generateName`) is no DNS-1035 label. A name that is not even a
 * DNS-1123 subdomain is left to the name check every object gets (`k8s/name`), so it is reported once; that check
 * does not judge a `generateName`, so this one does in full.
 */
function nameProblem(metadata: unknown): { path: string; what: string; problem: string } | undefined {
  if (!isRecord(metadata)) return undefined;
  if (typeof metadata.name === 'string' && metadata.name !== '') {
    const problem = dns1123Subdomain(metadata.name) === undefined ? dns1035Label(metadata.name) : undefined;
    return problem ? { path: 'metadata.name', what: `name "${metadata.name}"`, problem } : undefined;
  }
  if (typeof metadata.generateName !== 'string' || metadata.generateName === '') return undefined;
  const problem = dns1035Label(metadata.generateName.slice(0, MAX_GENERATE_PREFIX) + GENERATED_SUFFIX);
  return problem ? { path: 'metadata.generateName', what: `a name made from generateName "${metadata.generateName}"`, problem } : undefined;
}

/** {@link tfJobAdmission} on each TFJob of the run. */
export const checkTfJobAdmission: Check = (object, { trainingOperatorVersion }) => (isTfJob(object) ? tfJobAdmission(object, trainingOperatorVersion) : []);
