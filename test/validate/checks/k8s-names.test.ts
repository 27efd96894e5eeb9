import { checkNamesAndLabels } from '../../../lib/validate/checks';
import { KubeObject } from '../../../lib/validate/object-index';
import { rules, runCheck } from '../builders';

const object = (kind: string, metadata: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: kind === 'Service' || kind === 'ConfigMap' || kind === 'Namespace' ? 'v1' : 'apps/v1', kind, metadata, ...extra });

describe('checkNamesAndLabels', () => {
  test.each<[string, KubeObject, string[]]>([
    ['subdomain name', object('ConfigMap', { name: 'train.config-1' }), []],
    ['uppercase name', object('ConfigMap', { name: 'Train' }), ['error:k8s/name']],
    ['underscore name', object('Deployment', { name: 'tf_serving' }), ['error:k8s/name']],
    ['name over 253', object('ConfigMap', { name: 'a'.repeat(254) }), ['error:k8s/name']],
    ['Service name with a dot', object('Service', { name: 'serving.v1' }), ['error:k8s/name']],
    ['Service name starting with a digit', object('Service', { name: '1serving' }), ['error:k8s/name']],
    ['Service name over 63', object('Service', { name: 's'.repeat(64) }), ['error:k8s/name']],
    ['RBAC name with colons', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:kfops:runner' } }, []],
    ['CronJob name over 52', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c'.repeat(53) } }, ['error:k8s/name']],
    ['missing name', object('ConfigMap', {}), ['error:k8s/name']],
    ['Workflow without any name (argo submit may name it)', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: {} }, ['warning:k8s/name']],
    ['generateName instead of name', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'train-' } }, []],
    ['bad namespace', object('ConfigMap', { name: 'a', namespace: 'ML_Team' }), ['error:k8s/name']],
    ['good labels', object('ConfigMap', { name: 'a', labels: { 'app.kubernetes.io/name': 'train', tier: '', 'kfops.dev/pipeline': 'workflow1' } }), []],
    ['label value over 63', object('ConfigMap', { name: 'a', labels: { app: 'x'.repeat(64) } }), ['error:k8s/label']],
    ['label value with a space', object('ConfigMap', { name: 'a', labels: { app: 'my app' } }), ['error:k8s/label']],
    ['label key with bad prefix', object('ConfigMap', { name: 'a', labels: { 'Kfops_dev/x': 'y' } }), ['error:k8s/label']],
    ['annotation key with two slashes', object('ConfigMap', { name: 'a', annotations: { 'a/b/c': 'free text is fine' } }), ['error:k8s/annotation']],
    ['pod template labels', object('Deployment', { name: 'a' }, { spec: { template: { metadata: { labels: { app: 'bad value!' } } } } }), ['error:k8s/label']],
    ['selector matchLabels', object('Deployment', { name: 'a' }, { spec: { selector: { matchLabels: { app: '-x' } } } }), ['error:k8s/label']],
    ['templated label value is left alone', object('Deployment', { name: 'a' }, { spec: { template: { metadata: { labels: { run: '{{workflow.name}}' } } } } }), []],
    ['CRD schemas are not labels', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'tfjobs.kubeflow.org' },
      spec: { versions: [{ schema: { openAPIV3Schema: { properties: { matchLabels: { type: 'object', description: 'matchLabels is a map of {key,value} pairs.' } } } } }] } }, []],
  ])('%s', (_, input, expected) => {
    expect(rules(runCheck(checkNamesAndLabels, input))).toEqual(expected);
  });

  test('the message quotes the name and the rule broken', () => {
    expect(runCheck(checkNamesAndLabels, object('Service', { name: 'Serving' }))[0]).toMatchObject({
      path: 'metadata.name',
      message: 'Service name "Serving" must consist of lowercase alphanumerics and \'-\', start with a letter and end with an alphanumeric',
    });
  });
});
