import { checkArgoCd } from '../../../../lib/validate/checks';
import { KubeObject } from '../../../../lib/validate/object-index';
import { rules, runCheck } from '../../builders';

const application = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'app', namespace: 'argocd' },
  spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'ml' },
    source: { repoURL: 'https://github.com/example/deploy.git', path: 'prod', targetRevision: 'main' }, ...spec },
});
const project = (spec: Record<string, unknown>, name = 'ml'): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name, namespace: 'argocd' }, spec,
});
const appSet = (generators: unknown[]): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 's' }, spec: { generators, template: {} },
});

// util/argo: ValidatePermissions, validateSourcePermissions, validateSourceHydrator, GetDestinationServer
describe('Application', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['a git source', {}, []],
    ['no source at all', { source: undefined }, ['error:argocd/source']],
    ['a source without repoURL', { source: { path: 'x' } }, ['error:argocd/source']],
    ['a source without path or chart', { source: { repoURL: 'https://x/r.git' } }, ['error:argocd/source']],
    ['a Helm chart without targetRevision', { source: { repoURL: 'https://charts.example.com', chart: 'nginx' } }, ['error:argocd/source']],
    ['a Helm chart with targetRevision', { source: { repoURL: 'https://charts.example.com', chart: 'nginx', targetRevision: '1.2.3' } }, []],
    ['sources with a ref', { source: undefined, sources: [{ repoURL: 'https://x/values.git', ref: 'values' }, { repoURL: 'https://charts.example.com', chart: 'c', targetRevision: '1' }] }, []],
    ['a ref in a single source', { source: { repoURL: 'https://x/values.git', ref: 'values' } }, ['error:argocd/source']],
    ['a source hydrator', { source: undefined, sourceHydrator: { drySource: { repoURL: 'https://x/r.git', path: '.' }, syncSource: { targetBranch: 'env/prod', path: 'p' } } }, []],
    ['a source hydrator without a sync branch', { source: undefined, sourceHydrator: { drySource: { repoURL: 'https://x/r.git' }, syncSource: {} } }, ['error:argocd/source']],
    ['a destination by name', { destination: { name: 'in-cluster', namespace: 'ml' } }, []],
    ['a destination by server and name', { destination: { server: 'https://kubernetes.default.svc', name: 'in-cluster' } }, ['error:argocd/destination']],
    ['a destination naming no cluster', { destination: { namespace: 'ml' } }, ['error:argocd/destination']],
  ])('%s', (_, spec, expected) => {
    expect(rules(runCheck(checkArgoCd, application(spec)))).toEqual(expected);
  });

  // AppProject.IsSourcePermitted / IsDestinationPermitted, when the run holds the project
  test.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['permitted repository and destination', { sourceRepos: ['https://github.com/example/*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'ml' }] }, {}, []],
    ['any repository, any destination', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] }, {}, []],
    ['a repository the project does not list', { sourceRepos: ['https://github.com/other/*'], destinations: [{ server: '*', namespace: '*' }] }, {}, ['error:argocd/project-permission']],
    ['a denied repository', { sourceRepos: ['*', '!https://github.com/example/deploy'], destinations: [{ server: '*', namespace: '*' }] }, {}, ['error:argocd/project-permission']],
    ['an scp-style ssh URL matching its pattern', { sourceRepos: ['git@github.com:example/*'], destinations: [{ server: '*', namespace: '*' }] },
      { source: { repoURL: 'git@github.com:example/deploy.git', path: '.' } }, []],
    ['a namespace the project does not list', { sourceRepos: ['*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'prod' }] }, {}, ['error:argocd/project-permission']],
    ['a denied namespace', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '!ml' }, { server: '*', namespace: '*' }] }, {}, ['error:argocd/project-permission']],
    ['the in-cluster name for the in-cluster server', { sourceRepos: ['*'], destinations: [{ name: 'in-cluster', namespace: 'ml' }] }, {}, []],
    ['a cluster named in the registry only (cannot tell)', { sourceRepos: ['*'], destinations: [{ server: 'https://prod.example.com', namespace: 'ml' }] },
      { destination: { name: 'prod', namespace: 'ml' } }, []],
  ])('project %s', (_, projectSpec, spec, expected) => {
    expect(rules(runCheck(checkArgoCd, application({ project: 'ml', ...spec }), [project(projectSpec)]))).toEqual(expected);
  });

  test('a project the run does not hold: a warning only when the run holds others (a likely typo)', () => {
    expect(rules(runCheck(checkArgoCd, application({ project: 'ml' })))).toEqual([]);
    expect(runCheck(checkArgoCd, application({ project: 'mll' }), [project({ sourceRepos: ['*'] })])).toEqual([expect.objectContaining({
      rule: 'argocd/project', severity: 'warning', fix: 'did you mean "ml"?',
    })]);
  });
});

// AppProject.ValidateProject, validatePolicy, validateRoleName, validateGroupName, SyncWindow.Validate
describe('AppProject', () => {
  const role = (extra: Record<string, unknown>) => ({ roles: [{ name: 'ci', policies: ['p, proj:ml:ci, applications, sync, ml/*, allow'], groups: ['ml-team'], ...extra }] });
  const window = (extra: Record<string, unknown>) => ({ syncWindows: [{ kind: 'deny', schedule: '0 22 * * *', duration: '1h', applications: ['*'], ...extra }] });
  test.each<[string, Record<string, unknown>, string[]]>([
    ['a plain project', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: 'ml' }] }, []],
    ['a "!*" destination', { destinations: [{ server: '!*', namespace: 'ml' }] }, ['error:argocd/project-destination']],
    ['a repeated destination', { destinations: [{ server: 'https://a', namespace: 'ml' }, { server: 'https://a', namespace: 'ml' }] }, ['error:argocd/project-destination']],
    ['a "!*" source repository', { sourceRepos: ['!*'] }, ['error:argocd/project-source']],
    ['a repeated source repository', { sourceRepos: ['https://x', 'https://x'] }, ['error:argocd/project-source']],
    ['a repeated source namespace', { sourceNamespaces: ['ml', 'ml'] }, ['error:argocd/project-source']],
    ['a valid role', role({}), []],
    ['a role name with a space', role({ name: 'c i', policies: [] }), ['error:argocd/project-role']],
    ['a policy for another project', role({ policies: ['p, proj:ml:ci, applications, sync, other/*, allow'] }), ['error:argocd/project-policy']],
    ['a policy with the wrong subject', role({ policies: ['p, proj:ml:admin, applications, get, ml/*, allow'] }), ['error:argocd/project-policy']],
    ['a policy with an unknown action', role({ policies: ['p, proj:ml:ci, applications, deploy, ml/*, allow'] }), ['error:argocd/project-policy']],
    ['a custom resource action', role({ policies: ['p, proj:ml:ci, applications, action/apps/Deployment/restart, ml/*, allow'] }), []],
    ['a policy with five fields', role({ policies: ['p, proj:ml:ci, applications, get, ml/*'] }), ['error:argocd/project-policy']],
    ['a repeated policy', role({ policies: ['p, proj:ml:ci, logs, get, ml/*, allow', 'p, proj:ml:ci, logs, get, ml/*, allow'] }), ['error:argocd/project-role']],
    ['a group with a comma, unquoted', role({ groups: ['a,b'] }), ['error:argocd/project-role']],
    ['a group with a comma, quoted', role({ groups: ['"a,b"'] }), []],
    ['a valid sync window', window({}), []],
    ['a sync window of unknown kind', window({ kind: 'block' }), ['error:argocd/sync-window']],
    ['a sync window with a bad schedule', window({ schedule: '0 25 * * *' }), ['error:argocd/sync-window']],
    ['a sync window with a descriptor schedule', window({ schedule: '@daily' }), ['error:argocd/sync-window']],
    ['a sync window with a bad duration', window({ duration: '1 hour' }), ['error:argocd/sync-window']],
    ['a sync window applying to nothing', window({ applications: [] }), ['error:argocd/sync-window']],
    ['a destination service account', { destinationServiceAccounts: [{ server: 'https://kubernetes.default.svc', namespace: 'ml', defaultServiceAccount: 'deployer' }] }, []],
    ['a destination service account with "!"', { destinationServiceAccounts: [{ server: '!https://x', namespace: 'ml', defaultServiceAccount: 'deployer' }] }, ['error:argocd/destination-service-account']],
    ['a destination service account without account', { destinationServiceAccounts: [{ server: 'https://x', namespace: 'ml', defaultServiceAccount: ' ' }] }, ['error:argocd/destination-service-account']],
  ])('%s', (_, spec, expected) => {
    expect(rules(runCheck(checkArgoCd, project(spec)))).toEqual(expected);
  });
});

// applicationset/generators: MatrixGenerator, MergeGenerator, GetRelevantGenerators
describe('ApplicationSet', () => {
  const list = { list: { elements: [{ env: 'dev' }] } };
  const clusters = { clusters: {} };
  test.each<[string, unknown[], string[]]>([
    ['a list generator', [list], []],
    ['a generator of no kind', [{ selector: { matchLabels: { a: 'b' } } }], ['error:argocd/applicationset-generator']],
    ['a matrix of two', [{ matrix: { generators: [list, clusters] } }], []],
    ['a matrix of three', [{ matrix: { generators: [list, clusters, list] } }], ['error:argocd/applicationset-generator']],
    ['a matrix child of two kinds', [{ matrix: { generators: [{ ...list, ...clusters }, list] } }], ['error:argocd/applicationset-generator']],
    ['a merge with keys', [{ merge: { mergeKeys: ['server'], generators: [clusters, list] } }], []],
    ['a merge without keys', [{ merge: { generators: [clusters, list] } }], ['error:argocd/applicationset-generator']],
    ['a merge of one', [{ merge: { mergeKeys: ['server'], generators: [clusters] } }], ['error:argocd/applicationset-generator']],
  ])('%s', (_, generators, expected) => {
    expect(rules(runCheck(checkArgoCd, appSet(generators)))).toEqual(expected);
  });
});
