import { isKustomization, isKustomizationFile } from '../../lib/layout';

describe('isKustomizationFile', () => {
  test.each<[string, boolean]>([
    ['kustomization.yaml', true],
    ['kustomization.yml', true],
    ['Kustomization', true],
    ['dist/prod/kustomization.yaml', true],
    ['dist\\prod\\kustomization.yml', true],
    ['/abs/dist/Kustomization', true],
    // kustomize reads only these exact names: a name that merely ends like one is a manifest.
    ['my-kustomization.yaml', false],
    ['dist/prod/mykustomization.yaml', false],
    ['dist/prod/kustomization.yaml.bak', false],
    ['dist/Kustomization/deployment.yaml', false],
    ['kustomization.json', false],
    ['', false],
  ])('%s → %s', (file, expected) => {
    expect(isKustomizationFile(file)).toBe(expected);
  });

  test('a kustomization by its apiVersion and kind, whatever the file is called', () => {
    expect(isKustomization('dist/base.yaml', { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' })).toBe(true);
    expect(isKustomization('dist/base.yaml', { apiVersion: 'example.com/v1', kind: 'Kustomization' })).toBe(false);
  });
});
