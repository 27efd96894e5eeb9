import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { KubeObject, ObjectIndex } from '../../../../lib/validate/object-index';
import { rules, runCheck, workflow } from '../../builders';

const check = (template: Record<string, unknown>, spec: Record<string, unknown> = {}, argoVersion?: string) =>
  rules(runCheck(checkArgoWorkflow, workflow([{ name: 'main', ...template }], spec, 'WorkflowTemplate'), [], argoVersion));

describe('templates that run something (validate.go: validateLeaf, ContainerSetTemplate.Validate, common.IsArgoSidecar)', () => {
  // "templates.x.container.image may not be empty", unless templateDefaults give one
  test.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['a container with an image', { container: { image: 'a:1' } }, {}, []],
    ['a container without an image', { container: { command: ['x'] } }, {}, ['error:argo/image']],
    ['a container image from templateDefaults', { container: { command: ['x'] } }, { templateDefaults: { container: { image: 'a:1' } } }, []],
    ['a script without an image', { script: { source: 'x' } }, {}, ['error:argo/image']],
    ['a script with a container default only', { script: { source: 'x' } }, { templateDefaults: { container: { image: 'a:1' } } }, ['error:argo/image']],
    ['a script image from templateDefaults', { script: { source: 'x' } }, { templateDefaults: { script: { image: 'a:1' } } }, []],
  ])('image: %s', (_, template, spec, expected) => {
    expect(check(template, spec)).toEqual(expected);
  });

  test('the image may come from the templateDefaults of the WorkflowTemplate a Workflow runs', () => {
    const library: KubeObject = workflow([{ name: 'main', container: { command: ['x'] } }], { templateDefaults: { container: { image: 'a:1' } } }, 'WorkflowTemplate');
    const run: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'r-' }, spec: { workflowTemplateRef: { name: 'wf' } } };
    expect(rules(runCheck(checkArgoWorkflow, run, [library]))).toEqual([]);
  });

  // validateLeaf does not look at http.url; the minimal CRDs of v3.6 and v3.7 do not require it, v4's full CRD does.
  test.each<[string, Record<string, unknown>, string | undefined, boolean, string[]]>([
    ['an http template with a url', { http: { url: 'https://example.com' } }, undefined, false, []],
    ['an http template without a url (v3.6, the default)', { http: { method: 'GET' } }, undefined, false, ['warning:argo/http-url']],
    ['an http template without a url on v4, without schemas', { http: { method: 'GET' } }, '4.0', false, ['warning:argo/http-url']],
    ['an http template without a url on v4: the schema\'s required field', { http: { method: 'GET' } }, '4.0', true, []],
  ])('http: %s', (_, template, argoVersion, withSchemas, expected) => {
    const object = workflow([{ name: 'main', ...template }], {}, 'WorkflowTemplate');
    const schemas = withSchemas ? { schemas: { has: () => true, validate: () => [] } } : {};
    expect(rules(checkArgoWorkflow(object, { index: new ObjectIndex([object]), argoVersion, ...schemas }))).toEqual(expected);
  });

  // "already mounted in"
  test.each<[string, Record<string, unknown>, string[]]>([
    ['distinct paths', { inputs: { artifacts: [{ name: 'a', path: '/in' }] }, container: { image: 'a:1', volumeMounts: [{ name: 'v', mountPath: '/data' }] } }, []],
    ['two volumes on one path', { container: { image: 'a:1', volumeMounts: [{ name: 'v', mountPath: '/d' }, { name: 'w', mountPath: '/d' }] } }, ['error:argo/mount-path']],
    ['an artifact on a volume\'s path', { inputs: { artifacts: [{ name: 'a', path: '/d' }] }, container: { image: 'a:1', volumeMounts: [{ name: 'v', mountPath: '/d' }] } }, ['error:argo/mount-path']],
  ])('mounts: %s', (_, template, expected) => {
    expect(check(template)).toEqual(expected);
  });

  const set = (containers: unknown[], extra: Record<string, unknown> = {}) => ({ containerSet: { containers }, ...extra });
  test.each<[string, Record<string, unknown>, string[]]>([
    ['a sequence of containers', set([{ name: 'a', image: 'x:1' }, { name: 'b', image: 'x:1', dependencies: ['a'] }]), []],
    ['no containers', set([]), ['error:argo/container-set']],
    ['a dependency that does not exist', set([{ name: 'a', image: 'x:1' }, { name: 'b', image: 'x:1', dependencies: ['c'] }]), ['error:argo/container-set']],
    ['a cycle', set([{ name: 'a', image: 'x:1', dependencies: ['b'] }, { name: 'b', image: 'x:1', dependencies: ['a'] }]), ['error:argo/container-set']],
    ['a repeated container name', set([{ name: 'a', image: 'x:1' }, { name: 'a', image: 'x:1' }]), ['error:argo/duplicate-container']],
    ['an unnamed container', set([{ image: 'x:1' }]), ['error:argo/container-name']],
    ['input artifacts without a main container', set([{ name: 'a', image: 'x:1' }], { inputs: { artifacts: [{ name: 'm', path: '/m' }] } }), ['error:argo/container-set']],
    ['output parameters without a main container', set([{ name: 'a', image: 'x:1' }], { outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' } }] } }), ['error:argo/container-set']],
    ['outputs with a main container', set([{ name: 'main', image: 'x:1' }], { outputs: { artifacts: [{ name: 'o', path: '/o' }] } }), []],
    ['a container named wait', set([{ name: 'wait', image: 'x:1' }]), ['error:argo/reserved-container-name']],
  ])('containerSet: %s', (_, template, expected) => {
    expect(check(template)).toEqual(expected);
  });

  // Argo v4.1 reserves supervisor and artifact-plugin-*; wait always collides with Argo's wait container
  test.each<[string, string, string | undefined, string[]]>([
    ['a sidecar named wait', 'wait', undefined, ['error:argo/reserved-container-name']],
    ['a sidecar named supervisor on v4.1', 'supervisor', '4.1', ['error:argo/reserved-container-name']],
    ['a sidecar named supervisor, version unknown', 'supervisor', undefined, ['warning:argo/reserved-container-name']],
    ['a sidecar named supervisor on v3.7', 'supervisor', '3.7', []],
    ['an artifact-plugin- sidecar on v4.2', 'artifact-plugin-x', 'v4.2.0', ['error:argo/reserved-container-name']],
    ['a sidecar named db', 'db', '4.1', []],
  ])('%s', (_, name, version, expected) => {
    expect(check({ container: { image: 'a:1' }, sidecars: [{ name, image: 'b:1' }] }, {}, version)).toEqual(expected);
  });

  // resource: action, manifest / manifestFrom
  test.each<[string, Record<string, unknown>, string[]]>([
    ['get without a manifest', { action: 'get', flags: ['pod', 'x'] }, []],
    ['an unknown action', { action: 'launch', manifest: 'apiVersion: v1\nkind: Pod\n' }, ['error:argo/resource-action']],
    ['a templated action', { action: '{{inputs.parameters.action}}', manifest: 'apiVersion: v1\nkind: Pod\n' }, []],
    ['create without manifest', { action: 'create' }, ['error:argo/resource-manifest']],
    ['manifest and manifestFrom', { action: 'create', manifest: 'apiVersion: v1\nkind: Pod\n', manifestFrom: { artifact: { name: 'm' } } }, ['error:argo/resource-manifest']],
    ['manifestFrom an input artifact', { action: 'apply', manifestFrom: { artifact: { name: 'm' } } }, []],
    ['manifestFrom an unknown artifact', { action: 'apply', manifestFrom: { artifact: { name: 'x' } } }, ['error:argo/resource-manifest']],
  ])('resource: %s', (_, resource, expected) => {
    expect(check({ inputs: { parameters: [{ name: 'action', default: 'create' }], artifacts: [{ name: 'm', path: '/m' }] }, resource })).toEqual(expected);
  });
});
