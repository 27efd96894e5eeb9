import { checkKubernetesNative } from '../../../lib/validate/checks';
import { KubeObject, ObjectIndex } from '../../../lib/validate/object-index';
import { runCheck } from '../builders';

/** Kubernetes' per-kind validation beyond the pod spec: workloads, Services, HPAs, RBAC, ConfigMaps, Secrets, PVCs. */

const container = { name: 'main', image: 'registry.example.com/app:1.0' };
const labels = { app: 'serving', tier: 'ml' };
const deployment = (spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}, kind = 'Deployment'): KubeObject => ({
  apiVersion: 'apps/v1', kind, metadata: { name: 'd' },
  spec: { selector: { matchLabels: { app: 'serving' } }, template: { metadata: { labels }, spec: { containers: [container], ...podSpec } }, ...spec },
});
const job = (podSpec: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { metadata: { labels }, spec: { containers: [container], ...podSpec } }, ...spec },
});
const cronJob = (spec: Record<string, unknown>, jobSpec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' },
  spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } }, ...jobSpec } }, ...spec },
});
const backend = { service: { name: 's', port: { number: 80 } } };
const ingress = (rule: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [rule] } });
const networkPolicy = (ports: Record<string, unknown>[]): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { podSelector: {}, ingress: [{ ports }] },
});
const service = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'serving' }, ...spec } });
const hpa = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, maxReplicas: 4, ...spec },
});
const rbac = (kind: string, body: Record<string, unknown>): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'r' }, ...body });
const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' };
const cpu = (target: Record<string, unknown>) => ({ type: 'Resource', resource: { name: 'cpu', target } });
const found = (object: KubeObject, others: KubeObject[] = []) => runCheck(checkKubernetesNative, object, others).map((v) => `${v.severity}:${v.rule} ${v.path}`);

test.each<[string, KubeObject, string[]]>([
  // pkg/apis/apps/validation
  ['ValidateDeploymentSpec: selector does not match the template labels', deployment({ selector: { matchLabels: { app: 'servng' } } }), ['error:k8s/selector spec.selector']],
  ['ValidateDeploymentSpec: matchExpressions NotIn excludes the template', deployment({ selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['ml'] }] } }), ['error:k8s/selector spec.selector']],
  ['ValidateDeploymentSpec: empty selector', deployment({ selector: {} }), ['error:k8s/selector spec.selector']],
  ['ValidateStatefulSetSpec: selector mismatch', deployment({ selector: { matchLabels: { app: 'db' } } }, {}, 'StatefulSet'), ['error:k8s/selector spec.selector']],
  ['ValidatePodTemplateSpecForReplicaSet: restartPolicy Never in a Deployment', deployment({}, { restartPolicy: 'Never' }), ['error:k8s/restart-policy spec.template.spec.restartPolicy']],
  ['ValidateDaemonSetSpec: restartPolicy OnFailure', deployment({}, { restartPolicy: 'OnFailure' }, 'DaemonSet'), ['error:k8s/restart-policy spec.template.spec.restartPolicy']],
  ['ValidatePodTemplateSpecForReplicaSet: activeDeadlineSeconds', deployment({}, { activeDeadlineSeconds: 60 }), ['error:k8s/restart-policy spec.template.spec.activeDeadlineSeconds']],
  ['ValidateDeploymentStrategy: rollingUpdate with Recreate', deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }), ['error:k8s/deployment-strategy spec.strategy.rollingUpdate']],
  ['ValidateRollingUpdateDeployment: maxUnavailable and maxSurge both 0', deployment({ strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } } }), ['error:k8s/deployment-strategy spec.strategy.rollingUpdate']],
  ['ValidateRollingUpdateDeployment: maxUnavailable over 100%', deployment({ strategy: { rollingUpdate: { maxUnavailable: '150%' } } }), ['error:k8s/deployment-strategy spec.strategy.rollingUpdate.maxUnavailable']],
  ['ValidateDeploymentSpec: progressDeadlineSeconds not above minReadySeconds', deployment({ minReadySeconds: 30, progressDeadlineSeconds: 30 }), ['error:k8s/deployment-strategy spec.progressDeadlineSeconds']],
  // pkg/apis/batch/validation
  ['validateJobSpec: restartPolicy unset (defaults to Always)', job({}), ['error:k8s/restart-policy spec.template.spec.restartPolicy']],
  ['validateJobSpec: restartPolicy Always', job({ restartPolicy: 'Always' }), ['error:k8s/restart-policy spec.template.spec.restartPolicy']],
  ['validateJobSpec: a manual selector must select the template', job({ restartPolicy: 'Never' }, { manualSelector: true, selector: { matchLabels: { app: 'other' } } }), ['error:k8s/selector spec.selector']],
  ['validateJobSpec in a CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { containers: [container] } } } } } },
    ['error:k8s/restart-policy spec.jobTemplate.spec.template.spec.restartPolicy']],
  // ValidateNonnegativeField, which the published schema does not state as a minimum
  ['ValidateDeploymentSpec: replicas -1', deployment({ replicas: -1, revisionHistoryLimit: -2 }), ['error:k8s/counts spec.replicas', 'error:k8s/counts spec.revisionHistoryLimit']],
  ['ValidateStatefulSetSpec: minReadySeconds -5', deployment({ minReadySeconds: -5 }, {}, 'StatefulSet'), ['error:k8s/counts spec.minReadySeconds']],
  ['validateJobSpec: backoffLimit and parallelism below 0', job({ restartPolicy: 'Never' }, { backoffLimit: -1, parallelism: -2, completions: 0 }),
    ['error:k8s/counts spec.parallelism', 'error:k8s/counts spec.backoffLimit']],
  ['validateCronJobSpec: history limits below 0, and its Job\'s counts', cronJob({ failedJobsHistoryLimit: -1 }, { ttlSecondsAfterFinished: -10 }),
    ['error:k8s/counts spec.failedJobsHistoryLimit', 'error:k8s/counts spec.jobTemplate.spec.ttlSecondsAfterFinished']],
  // validateScheduleFormat (cron.ParseStandard, the robfig/cron Argo reads with too), validateTimeZone
  ['validateScheduleFormat: minute 61', cronJob({ schedule: '61 * * * *' }), ['error:k8s/cron-schedule spec.schedule']],
  ['validateScheduleFormat: four fields', cronJob({ schedule: '0 2 * *' }), ['error:k8s/cron-schedule spec.schedule']],
  ['validateScheduleFormat: a zone in the schedule', cronJob({ schedule: 'CRON_TZ=Europe/Berlin 0 2 * * *' }), ['error:k8s/cron-timezone spec.schedule']],
  ['validateTimeZone: not a zone', cronJob({ timeZone: 'Mars/Olympus' }), ['error:k8s/cron-timezone spec.timeZone']],
  ['validateTimeZone: empty', cronJob({ timeZone: '' }), ['error:k8s/cron-timezone spec.timeZone']],
  ['validateTimeZone: Local', cronJob({ timeZone: 'Local' }), ['error:k8s/cron-timezone spec.timeZone']],
  // validateProbe, validatePodSpecSecurityContext / ValidateSecurityContext (IsValidUserID, IsValidGroupID)
  ['validateProbe: periodSeconds below 0, terminationGracePeriodSeconds 0', deployment({}, { containers: [{ ...container, livenessProbe: { httpGet: { port: 80 }, periodSeconds: -1, terminationGracePeriodSeconds: 0 } }] }),
    ['error:k8s/probe spec.template.spec.containers[0].livenessProbe.periodSeconds', 'error:k8s/probe spec.template.spec.containers[0].livenessProbe.terminationGracePeriodSeconds']],
  ['IsValidUserID / IsValidGroupID: runAsUser -1, a container runAsGroup over 2^31 - 1, a supplemental group -2',
    deployment({}, { securityContext: { runAsUser: -1, supplementalGroups: [1000, -2] }, containers: [{ ...container, securityContext: { runAsGroup: 2147483648 } }] }),
    ['error:k8s/security-context spec.template.spec.containers[0].securityContext.runAsGroup',
      'error:k8s/security-context spec.template.spec.securityContext.runAsUser', 'error:k8s/security-context spec.template.spec.securityContext.supplementalGroups[1]']],
  ['IsValidUserID in an Argo workflow: its own, a template\'s and a container\'s security context', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' },
    spec: { securityContext: { runAsUser: -1 }, templates: [{ name: 'main', securityContext: { fsGroup: -2 }, container: { ...container, securityContext: { runAsGroup: -3 } } }] } },
  ['error:k8s/security-context spec.templates[0].container.securityContext.runAsGroup', 'error:k8s/security-context spec.securityContext.runAsUser',
    'error:k8s/security-context spec.templates[0].securityContext.fsGroup']],
  // pkg/apis/networking/validation, pkg/apis/policy/validation
  ['validateIngressRules: an uppercase host, a relative path', ingress({ host: 'ML.example.com', http: { paths: [{ path: 'api', pathType: 'Prefix', backend }] } }),
    ['error:k8s/ingress spec.rules[0].host', 'error:k8s/ingress spec.rules[0].http.paths[0].path']],
  ['validateIngressRules: an IP as host, a wildcard inside a label', { ...ingress({ host: '10.0.0.1' }), spec: { rules: [{ host: '10.0.0.1' }, { host: 'ml*.example.com' }] } },
    ['error:k8s/ingress spec.rules[0].host', 'error:k8s/ingress spec.rules[1].host']],
  ['ValidateNetworkPolicyPort: endPort below port, endPort with a named port', networkPolicy([{ port: 8000, endPort: 7000 }, { port: 'http', endPort: 9000 }]),
    ['error:k8s/network-policy spec.ingress[0].ports[0].endPort', 'error:k8s/network-policy spec.ingress[0].ports[1].endPort']],
  ['ValidatePodDisruptionBudgetSpec: minAvailable and maxUnavailable both', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b' }, spec: { minAvailable: 1, maxUnavailable: '10%' } },
    ['error:k8s/disruption-budget spec.maxUnavailable']],
  ['validateHTTPIngressPath: Prefix and Exact paths without a path, with //, /../ or %2f, ending in /.', ingress({ http: { paths: [
    { pathType: 'Prefix', backend }, { path: '/a//b', pathType: 'Prefix', backend }, { path: '/a/../b', pathType: 'Exact', backend },
    { path: '/a%2fb', pathType: 'Prefix', backend }, { path: '/a/.', pathType: 'Exact', backend }] } }),
  ['error:k8s/ingress spec.rules[0].http.paths[0].path', 'error:k8s/ingress spec.rules[0].http.paths[1].path', 'error:k8s/ingress spec.rules[0].http.paths[2].path',
    'error:k8s/ingress spec.rules[0].http.paths[3].path', 'error:k8s/ingress spec.rules[0].http.paths[4].path']],
  ['IsValidPortNum: a NetworkPolicy endPort of 70000', networkPolicy([{ port: 8000, endPort: 70000 }]), ['error:k8s/network-policy spec.ingress[0].ports[0].endPort']],
  ['ValidatePositiveIntOrPercent, IsNotMoreThan100Percent: PodDisruptionBudget bounds', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b' }, spec: { maxUnavailable: '150%' } },
    ['error:k8s/disruption-budget spec.maxUnavailable']],
  ['ValidatePositiveIntOrPercent: minAvailable -1, and a string that is no percentage', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b' }, spec: { minAvailable: -1 } },
    ['error:k8s/disruption-budget spec.minAvailable']],
  ['validateTimeZone: a zone in the wrong case (time.LoadLocation reads names as spelt)', cronJob({ timeZone: 'europe/berlin' }), ['error:k8s/cron-timezone spec.timeZone']],
  ['cron.ParseStandard: a descriptor with a trailing space, @every with two', cronJob({ schedule: '@daily ' }), ['error:k8s/cron-schedule spec.schedule']],
  // pkg/apis/core/validation: ValidateService (the selector's labels)
  ['ValidateService: a selector value that is no label value', service({ selector: { app: 'my app' }, ports: [{ port: 80 }] }), ['error:k8s/service-selector spec.selector.app']],
  // pkg/apis/core/validation: ValidateService, validateServicePort
  ['ValidateService: no ports', service({}), ['error:k8s/service-port spec.ports']],
  ['validateServicePort: port 0', service({ ports: [{ port: 0 }] }), ['error:k8s/service-port spec.ports[0].port']],
  ['validateServicePort: several ports need names', service({ ports: [{ name: 'http', port: 80 }, { port: 443 }] }), ['error:k8s/service-port spec.ports[1].name']],
  ['validateServicePort: duplicate names', service({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }] }), ['error:k8s/service-port spec.ports[1].name']],
  ['validateServicePort: name not a DNS label', service({ ports: [{ name: 'HTTP_Port', port: 80 }] }), ['error:k8s/service-port spec.ports[0].name']],
  ['ValidateService: the same port and protocol twice', service({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, protocol: 'TCP' }] }), ['error:k8s/service-port spec.ports[1]']],
  ['ValidatePortNumOrName: targetPort 70000', service({ ports: [{ port: 80, targetPort: 70000 }] }), ['error:k8s/service-port spec.ports[0].targetPort']],
  ['ValidatePortNumOrName: targetPort name too long', service({ ports: [{ port: 80, targetPort: 'http-metrics-port' }] }), ['error:k8s/service-port spec.ports[0].targetPort']],
  ['ValidateService: nodePort on a ClusterIP Service', service({ ports: [{ port: 80, nodePort: 30080 }] }), ['error:k8s/service-port spec.ports[0].nodePort']],
  ['ValidateService: ExternalName without externalName', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName' } }, ['error:k8s/service-port spec.externalName']],
  // pkg/apis/autoscaling/validation
  ['validateHorizontalPodAutoscalerSpec: minReplicas 0', hpa({ minReplicas: 0, metrics: [cpu({ type: 'Utilization', averageUtilization: 80 })] }), ['error:k8s/hpa-spec spec.minReplicas']],
  ['validateHorizontalPodAutoscalerSpec: maxReplicas below minReplicas', hpa({ minReplicas: 5, metrics: [cpu({ type: 'Utilization', averageUtilization: 80 })] }), ['error:k8s/hpa-spec spec.maxReplicas']],
  ['validateMetricSpec: the source the type names is missing', hpa({ metrics: [{ type: 'Resource', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } }] }),
    ['error:k8s/hpa-spec spec.metrics[0].resource', 'error:k8s/hpa-spec spec.metrics[0].pods']],
  ['validateMetricTarget: Utilization without averageUtilization', hpa({ metrics: [cpu({ type: 'Utilization', averageValue: '500m' })] }), ['error:k8s/hpa-spec spec.metrics[0].resource.target.averageUtilization']],
  ['validateMetricTarget: averageUtilization 0', hpa({ metrics: [cpu({ type: 'Utilization', averageUtilization: 0 })] }), ['error:k8s/hpa-spec spec.metrics[0].resource.target.averageUtilization']],
  ['validateResourceSource: a Resource metric cannot target a raw Value', hpa({ metrics: [cpu({ type: 'Value', value: '2' })] }), ['error:k8s/hpa-spec spec.metrics[0].resource.target.type']],
  ['validatePodsSource: a Pods metric targets AverageValue only', hpa({ metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'Utilization', averageUtilization: 50 } } }] }),
    ['error:k8s/hpa-spec spec.metrics[0].pods.target.type']],
  // pkg/apis/rbac/validation
  ['validatePolicyRule: no verbs', rbac('Role', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }] }), ['error:k8s/rbac rules[0].verbs']],
  ['validatePolicyRule: a resource rule without apiGroups', rbac('Role', { rules: [{ resources: ['pods'], verbs: ['get'] }] }), ['error:k8s/rbac rules[0].apiGroups']],
  ['validatePolicyRule: non-resource URLs in a Role', rbac('Role', { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }), ['error:k8s/rbac rules[0].nonResourceURLs']],
  ['validatePolicyRule: resources and non-resource URLs together', rbac('ClusterRole', { rules: [{ apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/metrics'], verbs: ['get'] }] }),
    ['error:k8s/rbac rules[0].nonResourceURLs']],
  ['ValidateRoleBinding: roleRef.kind', rbac('RoleBinding', { roleRef: { ...roleRef, kind: 'ServiceAccount' }, subjects: [] }), ['error:k8s/rbac roleRef.kind']],
  ['ValidateClusterRoleBinding: roleRef.kind Role', rbac('ClusterRoleBinding', { roleRef, subjects: [] }), ['error:k8s/rbac roleRef.kind']],
  ['ValidateRoleBinding: roleRef.apiGroup', rbac('RoleBinding', { roleRef: { ...roleRef, apiGroup: 'rbac/v1' } }), ['error:k8s/rbac roleRef.apiGroup']],
  ['validateRoleBindingSubject: unknown kind', rbac('RoleBinding', { roleRef, subjects: [{ kind: 'Pod', name: 'p' }] }), ['error:k8s/rbac subjects[0].kind']],
  ['validateRoleBindingSubject: a ServiceAccount with an apiGroup', rbac('RoleBinding', { roleRef, subjects: [{ kind: 'ServiceAccount', name: 'sa', apiGroup: 'v1' }] }), ['error:k8s/rbac subjects[0].apiGroup']],
  ['validateRoleBindingSubject: a ServiceAccount without namespace in a ClusterRoleBinding', rbac('ClusterRoleBinding', { roleRef: { ...roleRef, kind: 'ClusterRole' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] }),
    ['error:k8s/rbac subjects[0].namespace']],
  ['validateRoleBindingSubject: a User with the core apiGroup', rbac('RoleBinding', { roleRef, subjects: [{ kind: 'User', name: 'jane', apiGroup: 'v1' }] }), ['error:k8s/rbac subjects[0].apiGroup']],
  // ValidateConfigMap, ValidateSecret
  ['ValidateConfigMap: a key with a slash', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'conf/app.yaml': 'x' } }, ['error:k8s/data-key data["conf/app.yaml"]']],
  ['ValidateConfigMap: a key in data and binaryData', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'x' }, binaryData: { a: 'eA==' } }, ['error:k8s/data-key binaryData.a']],
  ['ValidateConfigMap: over 1 MiB', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { big: 'x'.repeat(1024 * 1024 + 1) } }, ['error:k8s/data-key data']],
  ['ValidateSecret: kubernetes.io/tls without tls.key', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }, ['error:k8s/secret-type data["tls.key"]']],
  ['ValidateSecret: dockerconfigjson that is not JSON', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': 'auths: {}' } },
    ['error:k8s/secret-type stringData[".dockerconfigjson"]']],
  ['ValidateSecret: basic-auth with neither username nor password', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/basic-auth', data: {} }, ['error:k8s/secret-type data']],
  ['ValidateSecret: a service-account-token Secret names no ServiceAccount', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/service-account-token' },
    ['error:k8s/secret-type metadata.annotations["kubernetes.io/service-account.name"]']],
  // ValidatePersistentVolumeClaimSpec
  ['ValidatePersistentVolumeClaimSpec: no access mode', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { resources: { requests: { storage: '1Gi' } } } }, ['error:k8s/pvc spec.accessModes']],
  ['ValidatePersistentVolumeClaimSpec: ReadWriteOncePod with another mode', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    ['error:k8s/pvc spec.accessModes']],
  ['ValidatePersistentVolumeClaimSpec: no storage request', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { accessModes: ['ReadWriteOnce'] } }, ['error:k8s/pvc spec.resources.requests.storage']],
  ['ValidatePersistentVolumeClaimSpec: a StatefulSet claim template of 0 bytes', deployment({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: 0 } } } }] }, {}, 'StatefulSet'),
    ['error:k8s/pvc spec.volumeClaimTemplates[0].spec.resources.requests.storage']],
  ['ValidatePersistentVolumeClaimSpec: an Argo volumeClaimTemplate without access modes', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'w-' }, spec: { volumeClaimTemplates: [{ metadata: { name: 'work' }, spec: { resources: { requests: { storage: '1Gi' } } } }], templates: [] } },
    ['error:k8s/pvc spec.volumeClaimTemplates[0].spec.accessModes']],
])('%s', (_, object, expected) => {
  expect(found(object)).toEqual(expected);
});

describe('a ClusterRoleBinding ServiceAccount subject without namespace (validateRoleBindingSubject) in a kustomize tree', () => {
  const binding = rbac('ClusterRoleBinding', { roleRef: { ...roleRef, kind: 'ClusterRole' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] });
  const serviceAccount: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } };
  const kustomization: KubeObject = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: 'argo', resources: ['rbac.yaml'] };
  // kustomize lets a kustomization omit apiVersion and kind: it is one by its file name.
  const bare: KubeObject = { namespace: 'argo', resources: ['rbac.yaml'] };
  const files = new Map<KubeObject, string>([[bare, 'overlays/prod/kustomization.yaml'], [serviceAccount, 'base/sa.yaml'], [binding, 'base/rbac.yaml']]);
  const found = (others: KubeObject[]) => checkKubernetesNative(binding, { index: new ObjectIndex([binding, ...others]), fileOf: (o) => files.get(o) })
    .map((v) => `${v.severity}:${v.rule} ${v.path}`);

  // kubectl kustomize: the namespace transformer moves the ServiceAccount, then updates the subjects naming it.
  test.each<[string, KubeObject[]]>([
    ['a Kustomization that sets namespace:, and the ServiceAccount', [kustomization, serviceAccount]],
    ['a kustomization.yaml without apiVersion and kind that sets namespace:, and the ServiceAccount', [bare, serviceAccount]],
  ])('only a warning next to %s', (_, others) => {
    expect(found(others)).toEqual(['warning:k8s/rbac subjects[0].namespace']);
  });

  // kubectl kustomize leaves such a subject without namespace, and the API server refuses the binding.
  test.each<[string, KubeObject[]]>([
    ['no kustomization', [serviceAccount]],
    ['a kustomization that sets namespace: but no ServiceAccount of that name', [bare, { ...serviceAccount, metadata: { name: 'other' } }]],
    ['a kustomization without namespace:', [{ resources: ['rbac.yaml'] }, serviceAccount]],
  ])('an error with %s', (_, others) => {
    if (others[0] !== serviceAccount) files.set(others[0], 'base/kustomization.yaml');
    expect(found(others)).toEqual(['error:k8s/rbac subjects[0].namespace']);
  });
});

// Valid objects the API server accepts, as upstream writes them or defaults them: never flagged.
test.each<[string, KubeObject]>([
  ['a Deployment with matchExpressions In and Exists', deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['serving', 'x'] }, { key: 'tier', operator: 'Exists' }] } })],
  ['maxSurge 0 with maxUnavailable left to its 25% default; rollingUpdate without type', deployment({ strategy: { rollingUpdate: { maxSurge: 0 } } })],
  ['restartPolicy Always written out', deployment({}, { restartPolicy: 'Always' })],
  ['a ReplicationController whose selector defaults to the template labels', { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { template: { metadata: { labels }, spec: { containers: [container] } } } }],
  ['a Job with OnFailure, its selector generated by the server', job({ restartPolicy: 'OnFailure' })],
  ['a Deployment selecting labels set at run time by Argo', deployment({ selector: { matchLabels: { app: '{{workflow.parameters.app}}' } } })],
  ['a headless Service without ports', service({ clusterIP: 'None' })],
  ['an ExternalName Service with a trailing dot', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com.' } }],
  ['one unnamed port; targetPort by name; the same port over TCP and UDP', service({ ports: [{ name: 'dns', port: 53, targetPort: 'dns-tcp' }, { name: 'dns-udp', port: 53, protocol: 'UDP' }] })],
  ['a single port needs no name', service({ ports: [{ port: 80, targetPort: 8080 }] })],
  ['a NodePort Service with nodePort', service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
  ['an HPA without minReplicas (defaults to 1), with Object and External metrics', hpa({ metrics: [
    { type: 'Object', object: { metric: { name: 'rps' }, describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, target: { type: 'Value', value: '10k' } } },
    { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
    cpu({ type: 'AverageValue', averageValue: '500m' })] })],
  ['autoscaling/v1 with targetCPUUtilizationPercentage', { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 } }],
  // validatePolicyRule has no rule on resourceNames (spark-operator's and cert-manager's webhook roles name two resources).
  ['resourceNames over several resources', rbac('ClusterRole', { rules: [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], resourceNames: ['webhook'], verbs: ['get', 'update'] }] })],
  ['a ClusterRole with non-resource URLs; the core group as ""', rbac('ClusterRole', { rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }, { apiGroups: [''], resources: ['pods'], resourceNames: ['p'], verbs: ['get'] }] })],
  ['an aggregated ClusterRole with no rules of its own', rbac('ClusterRole', { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'true' } }] } })],
  ['roleRef and User/Group subjects without apiGroup (defaulted), a namespaced ServiceAccount', rbac('RoleBinding', { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'system:authenticated' }, { kind: 'ServiceAccount', name: 'sa' }] })],
  ['RBAC names with colons (system:)', rbac('ClusterRoleBinding', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' }, subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'kube-system' }] })],
  ['a tls Secret whose operator fills empty values; stringData keys count', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { 'tls.crt': '' }, stringData: { 'tls.key': '' } }],
  ['basic-auth with only a password; custom Secret types', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/basic-auth', stringData: { password: 'x' } }],
  ['ConfigMap keys with dots, dashes and underscores', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { '.env': 'x', 'app.config-file_1': 'y' } }],
  ['a PVC with a data source and a storage class', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { accessModes: ['ReadWriteOncePod'], storageClassName: 'fast', dataSource: { kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io', name: 'snap' }, resources: { requests: { storage: '10Gi' } } } }],
  ['counts at 0, and templated counts (the schema\'s to report)', deployment({ replicas: 0, minReadySeconds: 0, revisionHistoryLimit: '{{inputs.parameters.n}}' })],
  ['CronJob schedules robfig/cron takes: descriptors, names, steps; a zone in timeZone', cronJob({ schedule: '@every 1h30m', timeZone: 'Etc/UTC' })],
  ['a five-field schedule with spaces around it, which robfig/cron splits off', cronJob({ schedule: ' 0 2 * * * ', timeZone: 'UTC' })],
  ['a CronJob schedule with weekday names and steps', cronJob({ schedule: '*/15 9-17 * JAN-MAR MON-FRI', timeZone: 'America/New_York' })],
  ['a custom resource named like a built-in kind is not held to its rules', { apiVersion: 'batch.tutorial.kubebuilder.io/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: 'CRON_TZ=UTC 0 * * * *', startingDeadlineSeconds: -1 } }],
  ['a StatefulSet revisionHistoryLimit below 0, which ValidateStatefulSetSpec leaves alone', deployment({ revisionHistoryLimit: -1 }, {}, 'StatefulSet')],
  ['a liveness successThreshold of 0, which the API server defaults to 1', deployment({}, { containers: [{ ...container, livenessProbe: { httpGet: { port: 80 }, successThreshold: 0 } }] })],
  ['an Ingress host that looks like an IP but is none (999.999.999.999 is a DNS name)', ingress({ host: '999.999.999.999' })],
  ['an ImplementationSpecific path without a path', ingress({ http: { paths: [{ pathType: 'ImplementationSpecific', backend }] } })],
  ['probes with counts at 0 (defaulted), IDs 0 and 2^31 - 1', deployment({}, { securityContext: { runAsUser: 0, fsGroup: 2147483647 }, containers: [{ ...container, readinessProbe: { httpGet: { port: 80 }, periodSeconds: 0, successThreshold: 0 } }] })],
  ['an Ingress with a wildcard host, an absolute path, a host filled in by a tool', { ...ingress({ host: '*.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend }] } }),
    spec: { rules: [{ host: '*.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend }] } }, { host: '{{ .Values.host }}' }] } }],
  ['a NetworkPolicy port range, a PodDisruptionBudget with one bound', networkPolicy([{ port: 8000, endPort: 8080 }, { port: 'http' }])],
  ['an Argo volumeClaimTemplate sized at submission', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec: { volumeClaimTemplates: [{ metadata: { name: 'work' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '{{workflow.parameters.size}}' } } } }], templates: [] } }],
])('%s', (_, object) => {
  expect(found(object)).toEqual([]);
});

test('an object of 200,000 bad list items is reported item by item, not a stack overflow', () => {
  const groups = Array.from({ length: 200_000 }, () => -1);

  expect(found(deployment({}, { securityContext: { supplementalGroups: groups } }))).toHaveLength(200_000);
});
