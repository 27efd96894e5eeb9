import { checkHpaTarget, checkServiceSelectors } from '../../../lib/validate/checks';
import { KubeObject, ObjectIndex } from '../../../lib/validate/object-index';
import { rules, runCheck } from '../builders';

const deployment = (labels: Record<string, string>, ports: unknown[] = [{ name: 'grpc', containerPort: 8500 }], namespace = 'ml'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'serving', namespace },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'serve', image: 'tensorflow/serving:2.14.0', ports }] } } },
});
const service = (selector: Record<string, string>, targetPort: unknown = 'grpc', namespace = 'ml'): KubeObject => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'serving', namespace }, spec: { selector, ports: [{ port: 8500, targetPort }] },
});
const custom: KubeObject = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'ml' } };

describe('checkServiceSelectors', () => {
  test.each<[string, KubeObject, KubeObject[], string[]]>([
    ['selects a Deployment', service({ app: 'serving' }), [deployment({ app: 'serving', tier: 'ml' })], []],
    ['numeric targetPort', service({ app: 'serving' }, 8500), [deployment({ app: 'serving' })], []],
    ['selects nothing', service({ app: 'servng' }), [deployment({ app: 'serving' })], ['error:k8s/service-selector']],
    ['workload in another namespace', service({ app: 'serving' }, 'grpc', 'other'), [deployment({ app: 'serving' })], ['warning:k8s/service-selector']],
    ['no workloads at all: maybe elsewhere', service({ app: 'serving' }), [], ['warning:k8s/service-selector']],
    ['custom resources may run the pods', service({ app: 'other' }), [deployment({ app: 'serving' }), custom], ['warning:k8s/service-selector']],
    ['unknown named targetPort', service({ app: 'serving' }, 'http'), [deployment({ app: 'serving' })], ['error:k8s/service-target-port']],
    ['ExternalName has no selector', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } }, [], []],
    ['selects a StatefulSet', service({ app: 'db' }, 'grpc'), [{ ...deployment({ app: 'db' }), kind: 'StatefulSet' }], []],
    ['selects a CronJob\'s pods', service({ app: 'job' }, 8500), [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'j', namespace: 'ml' },
      spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'job' } }, spec: { containers: [] } } } } } }], []],
    ['selects a Deployment an Argo resource template creates', service({ app: 'serving' }, 'grpc'), [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate',
      metadata: { name: 'deploy', namespace: 'ml' }, spec: { templates: [{ name: 'd', resource: { action: 'apply', manifest:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: "{{workflow.name}}"}\nspec:\n  replicas: {{inputs.parameters.n}}\n  template:\n    metadata: {labels: {app: serving}}\n    spec: {containers: [{name: s, image: "x:1", ports: [{name: grpc, containerPort: 1}]}]}\n' } }] } }], []],
    ['a label set at run time may match', service({ app: 'serving' }, 8500), [{ ...deployment({ app: '{{workflow.parameters.app}}' }) }], []],
  ])('%s', (_, svc, others, expected) => {
    expect(rules(runCheck(checkServiceSelectors, svc, others))).toEqual(expected);
  });

  test('Services with the same selector in two namespaces each select the pods of their own', () => {
    // One index for the run, as validate builds it: the selection is worked out once per namespace and selector.
    const objects = [service({ app: 'serving' }, 'grpc', 'ml'), service({ app: 'serving' }, 'grpc', 'other'),
      deployment({ app: 'serving' }, [{ name: 'grpc', containerPort: 8500 }], 'ml'), deployment({ app: 'serving' }, [{ name: 'http', containerPort: 8501 }], 'other')];
    const index = new ObjectIndex(objects);
    expect(rules(checkServiceSelectors(objects[0], { index }))).toEqual([]);
    const [other] = checkServiceSelectors(objects[1], { index });
    expect(other).toMatchObject({ rule: 'k8s/service-target-port', fix: 'use one of: http, or a port number' });
    expect(rules(checkServiceSelectors(objects[0], { index }))).toEqual([]);
  });

  test('the fix shows the labels the workloads have', () => {
    const [v] = runCheck(checkServiceSelectors, service({ app: 'servng' }), [deployment({ app: 'serving' })]);
    expect(v).toMatchObject({ path: 'spec.selector', message: 'selector app=servng matches no pod template in namespace "ml"' });
    expect(v.fix).toContain('Deployment serving has app=serving');
  });
});

describe('checkHpaTarget', () => {
  const hpa = (name: string): KubeObject => ({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'serving', namespace: 'ml' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 1, maxReplicas: 3 },
  });
  test.each<[string, KubeObject, KubeObject[], string[]]>([
    ['target exists', hpa('serving'), [deployment({ app: 'serving' })], []],
    ['target missing', hpa('servng'), [deployment({ app: 'serving' })], ['error:k8s/hpa-target']],
    ['target may be elsewhere', hpa('serving'), [], ['warning:k8s/hpa-target']],
    ['target is a Deployment a pipeline applies', hpa('model'), [deployment({ app: 'serving' }), { apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate', metadata: { name: 'deploy', namespace: 'ml' }, spec: { templates: [{ name: 'd', resource: { action: 'apply',
        manifest: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: model\n' } }] } }], []],
  ])('%s', (_, object, others, expected) => {
    expect(rules(runCheck(checkHpaTarget, object, others))).toEqual(expected);
  });

  test('the fix names the closest target in the namespace, or a bounded list of them', () => {
    const named = (name: string, namespace = 'ml'): KubeObject => ({ ...deployment({ app: name }, [], namespace), metadata: { name, namespace } });
    const [typo] = runCheck(checkHpaTarget, hpa('servng'), [named('serving'), named('servng', 'other')]);
    expect(typo.fix).toBe('did you mean "serving"?');
    const many = Array.from({ length: 40 }, (_, i) => named(`model-${i}`));
    const [listed] = runCheck(checkHpaTarget, hpa('trainer'), [...many, named('trainer', 'other')]);
    expect(listed.fix).toMatch(/^use one of: model-0, model-1, .*model-11 \(and 28 more\)$/);
    expect(listed.fix).not.toContain('trainer');
  });

  test('HPAs naming the same missing target in two namespaces each get the fix of their own namespace', () => {
    const named = (name: string, namespace: string): KubeObject => ({ ...deployment({ app: name }, [], namespace), metadata: { name, namespace } });
    const inNamespace = (namespace: string): KubeObject => ({ ...hpa('servng'), metadata: { name: 'serving', namespace } });
    const objects = [inNamespace('ml'), inNamespace('other'), inNamespace('ml'), named('serving', 'ml'), named('trainer', 'other')];
    const index = new ObjectIndex(objects);
    expect(checkHpaTarget(objects[0], { index })[0].fix).toBe('did you mean "serving"?');
    expect(checkHpaTarget(objects[1], { index })[0].fix).toBe('use one of: trainer');
    expect(checkHpaTarget(objects[2], { index })[0].fix).toBe('did you mean "serving"?');
  });
});
