import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateCommand, ValidateCommandOptions } from '../../lib/cli/validate-command';
import { UserError } from '../../lib/user-error';

const APP = path.join(__dirname, '..', 'fixtures', 'validate', 'app');
const WORKFLOW = 'dist/dev/WorkflowTemplate.workflow1.yaml';

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-validate-'));
  fs.cpSync(APP, cwd, { recursive: true });
});
afterEach(() => {
  fs.rmSync(cwd, { recursive: true, force: true });
});

/** Runs the command and captures what it prints. */
async function run(options: Partial<ValidateCommandOptions> = {}): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await validateCommand({ cwd, out: (t) => { out += t; }, ...options });
  return { code, out };
}

function edit(file: string, from: string, to: string): void {
  const full = path.join(cwd, file);
  const text = fs.readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  fs.writeFileSync(full, text.replace(from, to));
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
  fs.writeFileSync(path.join(cwd, file), text);
}

describe('kfops validate', () => {
  test('the example app output and its params file validate clean', async () => {
    const { code, out } = await run();
    expect(out).toBe('6 objects in 7 files: valid\n');
    expect(code).toBe(0);
  });

  test('an error names file, object, construct path, JSON path, rule and fix; exit 1', async () => {
    edit(WORKFLOW, 'template: evaluate', 'template: evalute');
    const { code, out } = await run();
    expect(code).toBe(1);
    expect(out).toContain('dist/dev/WorkflowTemplate.workflow1.yaml - WorkflowTemplate kfops-dev/workflow1  (construct: dev/workflow1/Template)');
    expect(out).toContain('  error    dist/dev/WorkflowTemplate.workflow1.yaml:42:13 spec.templates[0].dag.tasks[2].template: template "evalute" is not a template of this workflow [argo/template-ref]\n           fix: did you mean "evaluate"?');
    expect(out).toMatch(/1 error, 0 warnings in 6 objects \(7 files\)\n$/);
  });

  test('warnings pass unless --strict', async () => {
    edit('dist/dev/Deployment.serving.yaml', 'tensorflow/serving:2.14.0', 'tensorflow/serving:latest');
    expect((await run()).code).toBe(0);
    expect((await run({ strict: true })).code).toBe(1);
  });

  test('schema errors come from the schema part, strict about unknown fields unless --non-strict-schemas', async () => {
    edit('dist/dev/Deployment.serving.yaml', 'replicas: 2', 'replicaz: 2');
    const strict = await run();
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('spec.replicaz');
    expect((await run({ nonStrictSchemas: true })).code).toBe(0);
  });

  test('a kind without schema fails unless --ignore-missing-schemas; --crd adds the schema', async () => {
    write('dist/dev/Gadget.yaml', 'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  size: 3\n');
    expect((await run()).code).toBe(1);
    expect((await run({ ignoreMissingSchemas: true })).code).toBe(0);
    write('crds/gadget.yaml', `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets, singular: gadget}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`);
    expect((await run({ crd: ['crds'] })).code).toBe(0);
    edit('dist/dev/Gadget.yaml', 'size: 3', 'size: big');
    expect((await run({ crd: ['crds/gadget.yaml'] })).code).toBe(1);
  });

  test('params files under pipelines/params are checked with file:line:column', async () => {
    edit('pipelines/params/dev.yaml', 'optimizer: sgd', 'optimiser: sgd');
    const { code, out } = await run();
    expect(code).toBe(1);
    expect(out).toContain('pipelines/params/dev.yaml\n  error    pipelines/params/dev.yaml:4:3 workflow1.optimiser: pipeline "workflow1" has no parameter "optimiser" [params/unknown-parameter]\n           fix: did you mean "optimizer"?');
  });

  test('--params names params files explicitly', async () => {
    write('other/prod.yaml', 'workflow1:\n  epochs: many\n');
    const { code, out } = await run({ params: ['other/prod.yaml'] });
    expect(code).toBe(1);
    expect(out).toContain('other/prod.yaml:2:11 workflow1.epochs: parameter "epochs" of pipeline "workflow1": expected integer, got string "many"');
  });

  test('json output is data, the same bytes on every run', async () => {
    edit(WORKFLOW, 'template: evaluate', 'template: evalute');
    const first = await run({ format: 'json' });
    const second = await run({ format: 'json' });
    expect(first.out).toBe(second.out);
    const report = JSON.parse(first.out);
    expect(report).toMatchObject({ valid: false, summary: { files: 7, objects: 6, errors: 1, warnings: 0 } });
    expect(report.results.find((r: { kind?: string }) => r.kind === 'WorkflowTemplate')).toMatchObject({
      file: WORKFLOW, kind: 'WorkflowTemplate', namespace: 'kfops-dev', name: 'workflow1', constructPath: 'dev/workflow1/Template',
      violations: [{ path: 'spec.templates[0].dag.tasks[2].template', rule: 'argo/template-ref', severity: 'error', fix: 'did you mean "evaluate"?', line: 42, column: 13 }],
    });
  });

  test('junit output has a failure per error', async () => {
    edit(WORKFLOW, 'template: evaluate', 'template: evalute');
    const { out } = await run({ format: 'junit' });
    expect(out).toContain('<testsuites name="kfops validate" tests="7" failures="1" errors="0">');
    expect(out).toContain('<testcase classname="dist/dev/WorkflowTemplate.workflow1.yaml" name="WorkflowTemplate kfops-dev/workflow1" file="dist/dev/WorkflowTemplate.workflow1.yaml" line="42">');
    expect(out).toContain('<failure message="spec.templates[0].dag.tasks[2].template: template &quot;evalute&quot; is not a template of this workflow" type="argo/template-ref">');
  });

  test('bad YAML is an error with its line, not a crash', async () => {
    write('dist/dev/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n');
    const { code, out } = await run();
    expect(code).toBe(1);
    expect(out).toContain('dist/dev/broken.yaml:5:3: duplicate key');
  });

  test('an object without apiVersion or kind is an error', async () => {
    write('dist/dev/anon.yaml', 'metadata:\n  name: x\n');
    const { code, out } = await run();
    expect(code).toBe(1);
    expect(out).toContain('[input/missing-type]');
  });

  test('a kustomization is checked only for the files it lists', async () => {
    write('dist/dev/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - Service.serving.yaml\n  - Missing.yaml\n');
    const { code, out } = await run();
    expect(code).toBe(1);
    expect(out).toContain('resources[1]: resources lists "Missing.yaml", which does not exist next to the kustomization [kustomize/missing-resource]');
  });

  test('a kustomization without apiVersion and kind is still a kustomization', async () => {
    write('dist/dev/kustomization.yaml', 'resources:\n  - Service.serving.yaml\n');
    expect((await run()).code).toBe(0);
  });

  test('CRDs in the input give their kinds a schema', async () => {
    write('dist/dev/bundle.yaml', `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {size: {type: integer}}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: kfops-dev}
spec: {size: 3}
`);
    expect((await run()).out).toBe('8 objects in 8 files: valid\n');
  });

  test.each<[string, Partial<ValidateCommandOptions>, string]>([
    ['missing path', { paths: ['nope'] }, 'cannot read nope: no such file or directory'],
    ['unknown format', { format: 'xml' }, '--format xml is not a format; use one of: text, json, junit'],
    ['bad size', { maxFileSize: 'huge' }, '--max-file-size huge is not a size'],
  ])('usage error: %s (exit 2)', async (_, options, message) => {
    const error = await run(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(message);
    expect((error as UserError).exitCode).toBe(2);
  });

  test('without dist/ it says to synth first (exit 2)', async () => {
    fs.rmSync(path.join(cwd, 'dist'), { recursive: true });
    await expect(run()).rejects.toThrow('nothing to validate: dist/ does not exist (run `npx kfops synth` first');
  });

  test('--max-file-size accepts units', async () => {
    const { code, out } = await run({ maxFileSize: '1k' });
    expect(code).toBe(1);
    expect(out).toContain('over the 1024-byte limit');
  });

  // Argo v4.1 reserves the sidecar name `supervisor` (common.IsArgoSidecar): an error when the cluster runs 4.1,
  // a warning when the version is only the default, so a rule that depends on it reaches the Argo checks.
  describe('the selected Argo version reaches the Argo rules', () => {
    const supervisor = () => write('dist/dev/wf.yaml', `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: sidecars, namespace: kfops-dev}
spec:
  entrypoint: main
  templates:
  - name: main
    container: {image: 'busybox:1.36', command: [sh, -c, 'true']}
    sidecars:
    - {name: supervisor, image: 'busybox:1.36'}
`);
    const reserved = async (options: Partial<ValidateCommandOptions>) => {
      supervisor();
      const { out } = await run({ verbose: true, ...options });
      return out.split('\n').filter((l) => l.includes('[argo/reserved-container-name]')).map((l) => l.trim().split(/\s+/)[0]);
    };

    test.each<[string, Partial<ValidateCommandOptions>, string[]]>([
      ['--argo-version 4.1', { schemaVersions: { argoVersion: '4.1' } }, ['error']],
      ['--argo-version 3.7', { schemaVersions: { argoVersion: '3.7' } }, []],
      ['no version given (the default only picks schemas)', {}, ['warning']],
    ])('%s', async (_, options, expected) => {
      expect(await reserved(options)).toEqual(expected);
    });

    test('cdk8s.yaml\'s argoVersion is the project\'s choice, and a flag overrides it', async () => {
      write('cdk8s.yaml', "app: node app.js\nvalidations:\n  - package: ./plugin.js\n    class: KfopsValidation\n    properties: {argoVersion: '4.1'}\n");
      expect(await reserved({})).toEqual(['error']);
      expect(await reserved({ schemaVersions: { argoVersion: '3.6' } })).toEqual([]);
    });
  });
});
