import { loadRegistry, rulesAt } from './load-registry';

const meta = { name: 'ml', namespace: 'argocd' };
const destination = { server: 'https://kubernetes.default.svc', namespace: 'ml' };
const source = { repoURL: 'https://git.example.com/gitops.git', path: 'dist/prod', targetRevision: 'main' };

const valid: [string, Record<string, unknown>][] = [
  ['Application', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: meta, spec: { project: 'ml', source, destination, syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] } } }],
  ['ApplicationSet', { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: meta, spec: { generators: [{ list: { elements: [{ env: 'prod' }] } }], template: { metadata: { name: 'ml-{{env}}' }, spec: { project: 'ml', source, destination } } } }],
  ['AppProject', { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: meta, spec: { sourceRepos: ['*'], destinations: [destination], roles: [{ name: 'ci', policies: ['p, proj:ml:ci, applications, sync, ml/*, allow'] }] } }],
];

test.each(valid)('valid %s has no violations', async (_, obj) => {
  expect((await loadRegistry()).validate(obj)).toEqual([]);
});

const invalid: [string, Record<string, unknown>, string[]][] = [
  ['Application without destination', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: meta, spec: { project: 'ml', source } }, ['required spec.destination']],
  ['Application misspelled repoUrl', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: meta, spec: { project: 'ml', source: { repoUrl: 'x', path: '.' }, destination } }, ['unknown-field spec.source.repoUrl']],
  ['Application prune as string', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: meta, spec: { project: 'ml', source, destination, syncPolicy: { automated: { prune: 'true' } } } }, ['type spec.syncPolicy.automated.prune']],
  ['AppProject sourceRepos as string', { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: meta, spec: { sourceRepos: '*' } }, ['type spec.sourceRepos']],
  ['ApplicationSet unknown generator', { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: meta, spec: { generators: [{ lists: {} }], template: { metadata: {}, spec: { project: 'ml', destination } } } }, ['unknown-field spec.generators[0].lists']],
];

test.each(invalid)('%s is reported', async (_, obj, expected) => {
  expect(rulesAt((await loadRegistry()).validate(obj))).toEqual(expected);
});
