import { isKustomization } from '../../../layout';
import type { CheckContext } from '../../check';
import { isRecord, KubeObject, records, RunMemo } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { dns1123Subdomain, pathSegmentName } from '../../../k8s-spec/name-rules';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'];

/**
 * Roles' rules and bindings' references as the API server checks them: every rule has verbs; a resource rule
 * names API groups (`""` for the core group) and resources (resourceNames may go with several: the authorizer
 * matches every resource and name of the rule; only `kubectl create role` refuses that); non-resource
 * URLs only in ClusterRoles and never beside resources. A binding refers to a Role or ClusterRole (a
 * ClusterRoleBinding to a ClusterRole) of rbac.authorization.k8s.io, by a valid name, and its subjects are
 * ServiceAccounts (apiGroup "", and a namespace in a ClusterRoleBinding), Users or Groups (rbac.authorization.k8s.io).
 * Empty apiGroups of roleRef and of User and Group subjects are defaulted by the server, so they pass.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/rbac/validation/validation.go
 *   (validatePolicyRule, ValidateRoleBinding, ValidateClusterRoleBinding, validateRoleBindingSubject)
 */
export function rbacViolations(object: KubeObject, context: CheckContext): Violation[] {
  if (object.apiVersion !== `${RBAC_GROUP}/v1`) return [];
  switch (object.kind) {
    case 'Role': return ruleViolations(object, true);
    case 'ClusterRole': return ruleViolations(object, false);
    case 'RoleBinding': return bindingViolations(object, true, context);
    case 'ClusterRoleBinding': return bindingViolations(object, false, context);
    default: return [];
  }
}

const setsNamespace = new RunMemo<boolean>();

/**
 * True when kustomize may fill the namespace of a ServiceAccount subject named `name`: a kustomization of the run
 * sets `namespace:` (a kustomization is known by its file name, as kustomize lets it omit apiVersion and kind), and
 * the run holds that ServiceAccount. Kustomize's namespace transformer sets the ServiceAccount's namespace and then
 * updates the subjects that name it; a subject naming a ServiceAccount that is not built with it keeps no namespace
 * (checked with `kubectl kustomize`).
 */
function kustomizeMayFillNamespace(name: unknown, { index, fileOf }: CheckContext): boolean {
  const anySets = setsNamespace.get(index, '', () => index.objects.some((o) =>
    typeof o.namespace === 'string' && o.namespace !== '' && isKustomization(fileOf?.(o) ?? '', o)));
  return anySets && typeof name === 'string' && index.find('ServiceAccount', name, undefined) !== undefined;
}

function ruleViolations(role: KubeObject, namespaced: boolean): Violation[] {
  const out: Violation[] = [];
  records(role.rules).forEach((rule, i) => {
    const at = `rules[${i}]`;
    const length = (field: string) => (Array.isArray(rule[field]) ? (rule[field] as unknown[]).length : 0);
    if (length('verbs') === 0) out.push(error(`${at}.verbs`, 'k8s/rbac', 'the rule has no verbs', 'list the verbs it allows, e.g. [get, list, watch]'));
    if (length('nonResourceURLs') > 0) {
      if (namespaced) out.push(error(`${at}.nonResourceURLs`, 'k8s/rbac', 'a Role (namespaced) cannot grant non-resource URLs', 'move the rule to a ClusterRole'));
      if (length('apiGroups') > 0 || length('resources') > 0 || length('resourceNames') > 0) {
        out.push(error(`${at}.nonResourceURLs`, 'k8s/rbac', 'a rule cannot grant both resources and non-resource URLs', 'split it into two rules'));
      }
      return;
    }
    if (length('apiGroups') === 0) out.push(error(`${at}.apiGroups`, 'k8s/rbac', 'the resource rule names no API group', 'add apiGroups, e.g. [""] for the core group (pods, services) or ["apps"]'));
    if (length('resources') === 0) out.push(error(`${at}.resources`, 'k8s/rbac', 'the resource rule names no resources', 'add resources, e.g. [pods]'));
  });
  return out;
}

function bindingViolations(binding: KubeObject, namespaced: boolean, context: CheckContext): Violation[] {
  const out: Violation[] = [];
  const ref = isRecord(binding.roleRef) ? binding.roleRef : undefined;
  if (ref) {
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (typeof ref.kind === 'string' && !kinds.includes(ref.kind)) {
      out.push(error('roleRef.kind', 'k8s/rbac', `roleRef.kind "${ref.kind}" is not ${kinds.join(' or ')}`, `use ${kinds.join(' or ')}`));
    }
    if (typeof ref.apiGroup === 'string' && ref.apiGroup !== '' && ref.apiGroup !== RBAC_GROUP) {
      out.push(error('roleRef.apiGroup', 'k8s/rbac', `roleRef.apiGroup "${ref.apiGroup}" is not ${RBAC_GROUP}`, `set apiGroup: ${RBAC_GROUP}`));
    }
    const problem = typeof ref.name === 'string' ? (ref.name === '' ? 'is empty' : pathSegmentName(ref.name)) : undefined;
    if (problem) out.push(error('roleRef.name', 'k8s/rbac', `roleRef.name ${problem}`, 'name the Role or ClusterRole to bind'));
  }
  records(binding.subjects).forEach((subject, i) => {
    const at = `subjects[${i}]`;
    const { kind, name, apiGroup } = subject;
    if (typeof kind === 'string' && !SUBJECT_KINDS.includes(kind)) {
      out.push(error(`${at}.kind`, 'k8s/rbac', `subject kind "${kind}" is not ${SUBJECT_KINDS.join(', ')}`, `use one of ${SUBJECT_KINDS.join(', ')}`));
      return;
    }
    if (name === '') out.push(error(`${at}.name`, 'k8s/rbac', 'the subject has an empty name', 'name the subject'));
    if (kind === 'ServiceAccount') {
      const problem = typeof name === 'string' && name !== '' && !name.includes('{{') ? dns1123Subdomain(name) : undefined;
      if (problem) out.push(error(`${at}.name`, 'k8s/rbac', `ServiceAccount name "${String(name)}" ${problem}`, 'use the ServiceAccount\'s metadata.name'));
      if (typeof apiGroup === 'string' && apiGroup !== '') out.push(error(`${at}.apiGroup`, 'k8s/rbac', `a ServiceAccount subject's apiGroup must be "", got "${apiGroup}"`, 'remove apiGroup'));
      if (!namespaced && (typeof subject.namespace !== 'string' || subject.namespace === '')) {
        // Unrendered kustomize bases may leave it to the namespace transformer: only a warning there.
        if (kustomizeMayFillNamespace(name, context)) {
          out.push(warning(`${at}.namespace`, 'k8s/rbac', 'a ServiceAccount subject of a ClusterRoleBinding needs its namespace, which kustomize\'s namespace: fills in only when it builds the ServiceAccount too',
            'set namespace to the ServiceAccount\'s namespace, or build the ServiceAccount with the same kustomization'));
        } else {
          out.push(error(`${at}.namespace`, 'k8s/rbac', 'a ServiceAccount subject of a ClusterRoleBinding needs its namespace',
            'set namespace to the ServiceAccount\'s namespace (kustomize\'s namespace: fills it in only when the ServiceAccount is among the resources it builds)'));
        }
      }
    } else if (typeof apiGroup === 'string' && apiGroup !== '' && apiGroup !== RBAC_GROUP) {
      out.push(error(`${at}.apiGroup`, 'k8s/rbac', `a ${String(kind)} subject's apiGroup must be ${RBAC_GROUP}, got "${apiGroup}"`, `set apiGroup: ${RBAC_GROUP}`));
    }
  });
  return out;
}
