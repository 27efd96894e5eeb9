import { checkKubernetesNative } from '../../../lib/validate/checks';
import { KubeObject } from '../../../lib/validate/object-index';
import { runCheck } from '../builders';

/** Kubernetes' pod and container validation (pkg/apis/core/validation), wherever a pod spec appears. */

const c = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'main', image: 'registry.example.com/app:1.0', ...extra });
const deployment = (podSpec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
  spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: podSpec } },
});
const pod = (podSpec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec });
const statefulSet = (claims: string[], containers: Record<string, unknown>[]): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
  spec: {
    serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
    volumeClaimTemplates: claims.map((name) => ({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } })),
  },
});
const found = (object: KubeObject) => runCheck(checkKubernetesNative, object).map((v) => `${v.rule} ${v.path}`);

// [case (upstream function), object, expected "rule path"s]
test.each<[string, KubeObject, string[]]>([
  ['validateContainerPorts: containerPort above 65535', pod({ containers: [c({ ports: [{ containerPort: 70000 }] })] }), ['k8s/container-port spec.containers[0].ports[0].containerPort']],
  ['validateContainerPorts: hostPort 0 is none, 65536 is out of range', pod({ containers: [c({ ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81, hostPort: 65536 }] })] }),
    ['k8s/container-port spec.containers[0].ports[1].hostPort']],
  ['IsValidPortName: longer than 15', pod({ containers: [c({ ports: [{ containerPort: 80, name: 'metrics-endpoint-1' }] })] }), ['k8s/container-port spec.containers[0].ports[0].name']],
  ['IsValidPortName: uppercase and underscore', pod({ containers: [c({ ports: [{ containerPort: 80, name: 'HTTP_api' }] })] }), ['k8s/container-port spec.containers[0].ports[0].name']],
  ['IsValidPortName: digits only', pod({ containers: [c({ ports: [{ containerPort: 80, name: '8080' }] })] }), ['k8s/container-port spec.containers[0].ports[0].name']],
  ['IsValidPortName: consecutive hyphens', pod({ containers: [c({ ports: [{ containerPort: 80, name: 'grpc--api' }] })] }), ['k8s/container-port spec.containers[0].ports[0].name']],
  ['validateContainerPorts: duplicate port name', pod({ containers: [c({ ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' }] })] }),
    ['k8s/container-port spec.containers[0].ports[1].name']],
  ['ValidateEnv (IsRelaxedEnvVarName): "=" in a name', pod({ containers: [c({ env: [{ name: 'A=B', value: '1' }] })] }), ['k8s/env spec.containers[0].env[0].name']],
  ['ValidateEnv: empty name', pod({ containers: [c({ env: [{ name: '', value: '1' }] })] }), ['k8s/env spec.containers[0].env[0].name']],
  ['ValidateEnv: non-ASCII name', pod({ containers: [c({ env: [{ name: 'TÄG', value: '1' }] })] }), ['k8s/env spec.containers[0].env[0].name']],
  ['validateEnvVarValueFrom: value and valueFrom', pod({ containers: [c({ env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] })] }),
    ['k8s/env spec.containers[0].env[0].valueFrom']],
  ['validateEnvVarValueFrom: two sources', pod({ containers: [c({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } } }] })] }),
    ['k8s/env spec.containers[0].env[0].valueFrom']],
  ['validateSecretKeySelector (IsConfigMapKey): key with a slash', pod({ containers: [c({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'a/b' } } }] })] }),
    ['k8s/env spec.containers[0].env[0].valueFrom.secretKeyRef.key']],
  ['ValidateEnvFrom: both configMapRef and secretRef', pod({ containers: [c({ envFrom: [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }] })] }), ['k8s/env spec.containers[0].envFrom[0]']],
  ['validateResourceRequirements: request above limit', pod({ containers: [c({ resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } })] }),
    ['k8s/resources spec.containers[0].resources.requests.memory']],
  ['validateResourceRequirements: 1500m cpu over a 1 cpu limit', pod({ containers: [c({ resources: { requests: { cpu: '1500m' }, limits: { cpu: 1 } } })] }),
    ['k8s/resources spec.containers[0].resources.requests.cpu']],
  ['validateResourceRequirements: an extended resource requested without a limit', pod({ containers: [c({ resources: { requests: { 'nvidia.com/gpu': 1 } } })] }),
    ['k8s/resources spec.containers[0].resources.requests["nvidia.com/gpu"]']],
  ['validateResourceRequirements: extended request differs from limit', pod({ containers: [c({ resources: { requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 2 } } })] }),
    ['k8s/resources spec.containers[0].resources.requests["nvidia.com/gpu"]']],
  ['ValidateResourceQuantityValue: half a GPU', pod({ containers: [c({ resources: { limits: { 'nvidia.com/gpu': '500m' } } })] }),
    ['k8s/resources spec.containers[0].resources.limits["nvidia.com/gpu"]']],
  ['ValidateNonnegativeQuantity: negative memory', pod({ containers: [c({ resources: { limits: { memory: '-1Gi' } } })] }), ['k8s/resources spec.containers[0].resources.limits.memory']],
  ['validateContainerResourceName: a bare "gpu"', pod({ containers: [c({ resources: { limits: { gpu: 1 } } })] }), ['k8s/resources spec.containers[0].resources.limits.gpu']],
  ['validateResourceRequirements: huge pages need cpu or memory', pod({ containers: [c({ resources: { limits: { 'hugepages-2Mi': '100Mi' } } })] }), ['k8s/resources spec.containers[0].resources']],
  ['validateHandler: a probe with two handlers', pod({ containers: [c({ livenessProbe: { exec: { command: ['true'] }, httpGet: { port: 80 } } })] }), ['k8s/probe spec.containers[0].livenessProbe']],
  ['validateHandler: a probe with no handler', pod({ containers: [c({ readinessProbe: { periodSeconds: 5 } })] }), ['k8s/probe spec.containers[0].readinessProbe']],
  ['validateHandler: a lifecycle hook with no handler', pod({ containers: [c({ lifecycle: { preStop: {} } })] }), ['k8s/probe spec.containers[0].lifecycle.preStop']],
  ['validateExecAction: exec without a command', pod({ containers: [c({ livenessProbe: { exec: {} } })] }), ['k8s/probe spec.containers[0].livenessProbe.exec.command']],
  ['ValidatePortNumOrName: probe port "8080" quoted is a (bad) name', pod({ containers: [c({ readinessProbe: { httpGet: { port: '8080' } } })] }),
    ['k8s/probe spec.containers[0].readinessProbe.httpGet.port']],
  ['ValidatePortNumOrName: tcpSocket port 0', pod({ containers: [c({ livenessProbe: { tcpSocket: { port: 0 } } })] }), ['k8s/probe spec.containers[0].livenessProbe.tcpSocket.port']],
  ['validateLivenessProbe: successThreshold must be 1', pod({ containers: [c({ livenessProbe: { httpGet: { port: 80 }, successThreshold: 2 } })] }),
    ['k8s/probe spec.containers[0].livenessProbe.successThreshold']],
  ['validateReadinessProbe: no terminationGracePeriodSeconds', pod({ containers: [c({ readinessProbe: { httpGet: { port: 80 }, terminationGracePeriodSeconds: 10 } })] }),
    ['k8s/probe spec.containers[0].readinessProbe.terminationGracePeriodSeconds']],
  ['validateInitContainers: probes on a plain init container', pod({ initContainers: [c({ name: 'init', readinessProbe: { exec: { command: ['true'] } } })], containers: [c()] }),
    ['k8s/probe spec.initContainers[0].readinessProbe']],
  ['validateContainerCommon: container name not a DNS label', pod({ containers: [c({ name: 'Main_Container' })] }), ['k8s/container-name spec.containers[0].name']],
  ['validateContainerCommon: no image', pod({ containers: [{ name: 'main' }] }), ['k8s/containers spec.containers[0].image']],
  ['validateContainers: no containers', pod({ containers: [] }), ['k8s/containers spec.containers']],
  ['validateInitContainers: an init container named like a container', pod({ initContainers: [c()], containers: [c()] }), ['k8s/container-name spec.initContainers[0].name']],
  ['ValidateVolumes: duplicate volume names', pod({ volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', configMap: { name: 'cm' } }], containers: [c()] }),
    ['k8s/volume spec.volumes[1].name']],
  ['ValidateVolumes: volume name not a DNS label', pod({ volumes: [{ name: 'my_data', emptyDir: {} }], containers: [c()] }), ['k8s/volume spec.volumes[0].name']],
  ['validateVolumeSource: two sources', pod({ volumes: [{ name: 'v', emptyDir: {}, secret: { secretName: 's' } }], containers: [c()] }), ['k8s/volume spec.volumes[0]']],
  ['ValidateVolumeMounts: a mount of an undeclared volume, with the closest suggested', pod({ volumes: [{ name: 'config', configMap: { name: 'cm' } }], containers: [c({ volumeMounts: [{ name: 'confg', mountPath: '/etc/app' }] })] }),
    ['k8s/volume-mount spec.containers[0].volumeMounts[0].name']],
  ['ValidateVolumeMounts: the same mountPath twice', pod({ volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }], containers: [c({ volumeMounts: [{ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data' }] })] }),
    ['k8s/volume-mount spec.containers[0].volumeMounts[1].mountPath']],
  ['ValidateVolumeMounts: a StatefulSet mount that names neither a volume nor a claim template', statefulSet(['data'], [c({ volumeMounts: [{ name: 'dat', mountPath: '/data' }] })]),
    ['k8s/volume-mount spec.template.spec.containers[0].volumeMounts[0].name']],
  ['validateLocalDescendingPath: subPath with ..', pod({ volumes: [{ name: 'a', emptyDir: {} }], containers: [c({ volumeMounts: [{ name: 'a', mountPath: '/data', subPath: '../etc' }] })] }),
    ['k8s/volume-mount spec.containers[0].volumeMounts[0].subPath']],
  ['ValidateVolumeDevices: a device of an undeclared volume', pod({ containers: [c({ volumeDevices: [{ name: 'disk', devicePath: '/dev/xvda' }] })] }),
    ['k8s/volume-mount spec.containers[0].volumeDevices[0].name']],
  ['ValidatePersistentVolumeClaimSpec in an ephemeral volume: no access mode', pod({ volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '1Gi' } } } } } }], containers: [c()] }),
    ['k8s/pvc spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes']],
])('%s', (_, object, expected) => {
  expect(found(object)).toEqual(expected);
});

test('messages name the value, what is wrong and the fix', () => {
  expect(runCheck(checkKubernetesNative, pod({ containers: [c({ resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } })] }))).toEqual([expect.objectContaining({
    message: 'requests.memory 2Gi is more than limits.memory 1Gi', fix: 'lower the request or raise the limit', severity: 'error',
  })]);
  expect(runCheck(checkKubernetesNative, pod({ volumes: [{ name: 'config', emptyDir: {} }], containers: [c({ volumeMounts: [{ name: 'confg', mountPath: '/x' }] })] }))[0]).toMatchObject({
    message: 'volumeMounts[0] names volume "confg", which the pod does not declare', fix: 'did you mean "config"?',
  });
});

// Every place a pod spec or container sits: the same container fault is found in each.
const bad = c({ ports: [{ containerPort: 0 }] });
test.each<[string, KubeObject, string]>([
  ['Deployment', deployment({ containers: [bad] }), 'spec.template.spec.containers[0].ports[0].containerPort'],
  ['StatefulSet', { ...deployment({ containers: [bad] }), kind: 'StatefulSet' }, 'spec.template.spec.containers[0].ports[0].containerPort'],
  ['Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [bad] } } } }, 'spec.template.spec.containers[0].ports[0].containerPort'],
  ['CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [bad] } } } } } },
    'spec.jobTemplate.spec.template.spec.containers[0].ports[0].containerPort'],
  ['PodTemplate', { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'pt' }, template: { spec: { containers: [bad] } } }, 'template.spec.containers[0].ports[0].containerPort'],
  ['TFJob replica template', { apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name: 't' }, spec: { tfReplicaSpecs: { Worker: { template: { spec: { containers: [bad] } } } } } },
    'spec.tfReplicaSpecs.Worker.template.spec.containers[0].ports[0].containerPort'],
  ['PyTorchJob replica template', { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 't' }, spec: { pytorchReplicaSpecs: { Master: { template: { spec: { containers: [bad] } } } } } },
    'spec.pytorchReplicaSpecs.Master.template.spec.containers[0].ports[0].containerPort'],
  ['Argo container template', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec: { templates: [{ name: 'a', container: bad }] } },
    'spec.templates[0].container.ports[0].containerPort'],
  ['Argo sidecar', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'w-' }, spec: { templates: [{ name: 'a', container: c(), sidecars: [bad] }] } },
    'spec.templates[0].sidecars[0].ports[0].containerPort'],
  ['Argo containerSet', { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'cw' }, spec: { workflowSpec: { templates: [{ name: 'a', containerSet: { containers: [bad] } }] } } },
    'spec.workflowSpec.templates[0].containerSet.containers[0].ports[0].containerPort'],
])('a container fault in a %s', (_, object, path) => {
  expect(found(object)).toEqual([`k8s/container-port ${path}`]);
});

// Upstream-valid cases met while reading the validation code and real manifests: never flagged.
test.each<[string, KubeObject]>([
  // The StatefulSet controller adds a volume per claim template (Hera's fine-tune-llama etcd, the Kubernetes docs' web).
  ['a StatefulSet mounting its volumeClaimTemplates', statefulSet(['data', 'logs'], [c({ volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'logs', mountPath: '/logs' }] })])],
  ['a volume with no source is an emptyDir (SetDefaults_Volume; kubeflow/pipelines writes `emptyDir:`)', pod({ volumes: [{ name: 'cache', emptyDir: null }], containers: [c({ volumeMounts: [{ name: 'cache', mountPath: '/cache' }] })] })],
  ['port names of 15 characters, digits and single hyphens', pod({ containers: [c({ ports: [{ containerPort: 9090, name: 'metrics-9090-ab' }, { containerPort: 50051, name: 'grpc' }] })] })],
  ['relaxed env var names: dots, dashes, leading digits', pod({ containers: [c({ env: [{ name: 'spring.profiles-active', value: 'x' }, { name: '1_VAR', value: 'y' }] })] })],
  ['an extended resource with only a limit (the request defaults to it)', pod({ containers: [c({ resources: { limits: { 'nvidia.com/gpu': 2, memory: '8Gi' }, requests: { memory: '4Gi' } } })] })],
  ['huge pages with memory, request equal to limit', pod({ containers: [c({ resources: { limits: { 'hugepages-2Mi': '100Mi', memory: '1Gi' }, requests: { 'hugepages-2Mi': '100Mi' } } })] })],
  ['requests equal to limits in other units', pod({ containers: [c({ resources: { requests: { cpu: '1000m', memory: '1024Mi' }, limits: { cpu: 1, memory: '1Gi' } } })] })],
  ['a sidecar (restartPolicy Always) may have probes and lifecycle', pod({ initContainers: [c({ name: 'proxy', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 'admin' } }, lifecycle: { preStop: { sleep: { seconds: 5 } } } })], containers: [c()] })],
  ['probes by named port, grpc and sleep hooks', pod({ containers: [c({ livenessProbe: { grpc: { port: 9090 } }, startupProbe: { httpGet: { port: 'http', path: '/' } }, lifecycle: { postStart: { exec: { command: ['sh', '-c', 'true'] } } } })] })],
  ['readinessProbe successThreshold above 1', pod({ containers: [c({ readinessProbe: { httpGet: { port: 80 }, successThreshold: 3 } })] })],
  ['env from a ConfigMap with a prefix, and valueFrom with an empty value', pod({ containers: [c({ envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'cm' } }], env: [{ name: 'POD', value: '', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] })] })],
  ['Argo: templated values are judged after substitution', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec: { templates: [{ name: 'a', container: { image: 'x:1', resources: { limits: { memory: '{{inputs.parameters.mem}}', 'nvidia.com/gpu': '{{inputs.parameters.gpus}}' } }, env: [{ name: '{{inputs.parameters.name}}', value: '1' }] } }] } }],
  ['Argo: the main container needs no name or image of its own (templateDefaults)', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'w-' }, spec: { templates: [{ name: 'a', container: { command: ['x'] } }] } }],
])('%s', (_, object) => {
  expect(found(object)).toEqual([]);
});

// The API server validates what a workflow's resource template creates as it validates any object.
describe('objects a resource template creates', () => {
  const workflow = (manifest: string, action = 'create'): KubeObject => ({
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'deploy-' },
    spec: { entrypoint: 'main', arguments: { parameters: [{ name: 'replicas', value: '2' }] }, templates: [{ name: 'main', resource: { action, manifest } }] },
  });
  const deploymentManifest = (container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: serving
spec:
  replicas: {{workflow.parameters.replicas}}
  selector:
    matchLabels: {app: serving}
  template:
    metadata:
      labels: {app: serving}
    spec:
      containers:
      - ${container}
`;
  const messages = (object: KubeObject) => runCheck(checkKubernetesNative, object).map((v) => `${v.severity} ${v.rule} ${v.path}: ${v.message}`);

  test('a created Deployment gets the pod rules, reported at the manifest with the path inside it', () => {
    expect(messages(workflow(deploymentManifest('{name: main, image: "registry.example.com/app:1.0", ports: [{containerPort: 70000}]}')))).toEqual([
      expect.stringMatching(/^error k8s\/container-port spec\.templates\[0\]\.resource\.manifest: Deployment manifest, at spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort: /),
    ]);
    expect(messages(workflow(deploymentManifest('{name: main}')))).toEqual([
      expect.stringMatching(/^error k8s\/\S+ spec\.templates\[0\]\.resource\.manifest: Deployment manifest, at spec\.template\.spec\.containers\[0\]\.image: /),
    ]);
  });

  test('a created TFJob replica without containers or without an image', () => {
    const tfJob = (containers: string) => `apiVersion: kubeflow.org/v1
kind: TFJob
metadata: {name: mnist}
spec:
  tfReplicaSpecs:
    Worker:
      template:
        spec:
          containers: ${containers}
`;
    expect(messages(workflow(tfJob('[]')))).toEqual([expect.stringContaining('TFJob manifest, at spec.tfReplicaSpecs.Worker.template.spec.containers: ')]);
    expect(messages(workflow(tfJob('[{name: tensorflow}]')))).toEqual([expect.stringContaining('TFJob manifest, at spec.tfReplicaSpecs.Worker.template.spec.containers[0].image: ')]);
  });

  test('what is set at run time, a patch and an action known at run time are not judged', () => {
    expect(messages(workflow(deploymentManifest('{name: main, image: "{{workflow.parameters.image}}"}')))).toEqual([]);
    expect(messages(workflow(deploymentManifest('{name: main}'), 'patch'))).toEqual([]);
    expect(messages(workflow(deploymentManifest('{name: main}'), '{{workflow.parameters.action}}'))).toEqual([]);
    expect(messages(workflow(deploymentManifest('{name: main, image: "registry.example.com/app:1.0"}')))).toEqual([]);
  });
});
