import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthCommand } from '../../lib/cli/synth-command';
import { UserError } from '../../lib/user-error';

/** A WorkflowTemplate whose entrypoint names no template: invalid output, with the error on line 6. */
const INVALID = [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: WorkflowTemplate',
  'metadata:',
  '  name: train',
  'spec:',
  '  entrypoint: mian',
  '  templates:',
  '    - name: main',
  '      container:',
  '        image: alpine:3.19',
  '        command: [echo, hi]',
  '',
].join('\n');

/** A project whose app (plain node, fast) writes `manifest` as dev/workflowtemplate-train.yaml. */
function project(manifest: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-synth-command-')));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node app.js\n');
  writeApp(dir, manifest);
  return dir;
}

/** Writes an app (JavaScript, or TypeScript run by tsx) that writes `manifest` as dev/workflowtemplate-train.yaml. */
function writeApp(dir: string, manifest: string, file = 'app.js'): void {
  fs.writeFileSync(path.join(dir, file), [
    "const fs = require('fs');",
    "fs.mkdirSync(process.env.CDK8S_OUTDIR + '/dev', { recursive: true });",
    `fs.writeFileSync(process.env.CDK8S_OUTDIR + '/dev/workflowtemplate-train.yaml', ${JSON.stringify(manifest)});`,
    '',
  ].join('\n'));
}

describe('kfops synth on invalid output', () => {
  test('keeps the rejected output in .kfops/synth/rejected/, and every file:line of the report opens there', async () => {
    const dir = project(INVALID);
    const logged: string[] = [];

    const error = await synthCommand({ cwd: dir, typecheck: false, log: (t) => logged.push(t) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('synth output is invalid (1 error); the previous output was kept, and the rejected output '
      + 'is in .kfops/synth/rejected/dist/ (the files named above). Fix the errors above and synth again');
    const report = logged.join('\n');
    const places = [...report.matchAll(/(\S+\.yaml):(\d+)/g)].map((m) => [m[1], Number(m[2])] as const);
    expect(places).toContainEqual(['.kfops/synth/rejected/dist/dev/workflowtemplate-train.yaml', 6]);
    for (const [file, line] of places) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8').split('\n')[line - 1]).toBe('  entrypoint: mian');
    }
    expect(report).not.toMatch(/stage-\d+/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, '.kfops', 'synth')).sort()).toEqual(['rejected']);

    // Once the app is fixed, synth succeeds and what the failure kept is gone.
    writeApp(dir, INVALID.replace('mian', 'main'));
    await synthCommand({ cwd: dir, typecheck: false, log: () => undefined });
    expect(fs.readdirSync(path.join(dir, 'dist', 'dev'))).toEqual(['workflowtemplate-train.yaml']);
    expect(fs.readdirSync(path.join(dir, '.kfops', 'synth', 'rejected'))).toEqual([]);
  });
});

/** A WorkflowTemplate `train` with an Argo 4.1 template field (`podResources`), unknown to Argo 3.6's schema. */
const ARGO_4_1 = [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: WorkflowTemplate',
  'metadata:',
  '  name: train',
  'spec:',
  '  entrypoint: main',
  '  templates:',
  '    - name: main',
  '      podResources:',
  '        requests:',
  '          cpu: 100m',
  '      container:',
  '        image: alpine:3.19',
  '        command: [echo, hi]',
  '',
].join('\n');

describe('kfops synth --app of another app than the project\'s', () => {
  // The project's app is main.ts, whose params file names its pipeline `workflow1`; other.ts is an unrelated app
  // whose pipeline `train` declares its parameters as kfops does, so a params file can be checked against it.
  const TRAIN = INVALID.replace('mian', 'main').replace('  name: train\n', [
    '  name: train',
    '  labels: { kfops.dev/pipeline: train }',
    `  annotations: { kfops.dev/parameter-schema: '{"type":"object","properties":{}}' }`,
    '',
  ].join('\n'));
  function projectWithParams(): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-synth-app-')));
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: node --require ${require.resolve('tsx/cjs')} main.ts\n`);
    writeApp(dir, TRAIN, 'main.ts');
    writeApp(dir, TRAIN, 'other.ts');
    fs.mkdirSync(path.join(dir, 'pipelines', 'params'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pipelines', 'params', 'dev.yaml'), 'workflow1:\n  project: p\n');
    return dir;
  }

  test('is not checked against the project\'s params files, which belong to cdk8s.yaml\'s app', async () => {
    const dir = projectWithParams();
    const logged: string[] = [];

    await expect(synthCommand({ cwd: dir, app: 'other.ts', out: 'out', typecheck: false, log: (t) => logged.push(t) })).resolves.toBe(0);

    expect(fs.readdirSync(path.join(dir, 'out', 'dev'))).toEqual(['workflowtemplate-train.yaml']);
    expect(logged.join('\n')).toMatch(/validated: 1 objects, 0 errors/);
  });

  test.each([
    ['by default', undefined],
    ['named by --app', 'main.ts'],
  ])('the project\'s app, %s, is checked against them', async (_, app) => {
    const dir = projectWithParams();
    const logged: string[] = [];

    const error = await synthCommand({ cwd: dir, app, typecheck: false, log: (t) => logged.push(t) }).catch((e: unknown) => e);

    expect((error as UserError).message).toMatch(/^synth output is invalid \(1 error\)/);
    expect(logged.join('\n')).toMatch(/pipelines\/params\/dev\.yaml:1.*there is no pipeline "workflow1".*params\/unknown-pipeline/s);
  });
});

describe('kfops synth target versions', () => {
  test('an Argo 4.1 field fails against the default Argo 3.6 and passes with argoVersion 4.1', async () => {
    const dir = project(ARGO_4_1);
    const logged: string[] = [];

    const error = await synthCommand({ cwd: dir, typecheck: false, log: (t) => logged.push(t) }).catch((e: unknown) => e);
    expect((error as UserError).message).toMatch(/^synth output is invalid/);
    expect(logged.join('\n')).toMatch(/podResources/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);

    await expect(synthCommand({ cwd: dir, typecheck: false, schemaVersions: { argoVersion: '4.1' }, log: () => undefined })).resolves.toBe(0);
    expect(fs.readdirSync(path.join(dir, 'dist', 'dev'))).toEqual(['workflowtemplate-train.yaml']);
  });

  test('a version flag with --no-validate is a usage error naming both', async () => {
    const error = await synthCommand({ cwd: project(ARGO_4_1), validate: false, schemaVersions: { argoVersion: '4.1' }, log: () => undefined })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ exitCode: 2, message: expect.stringMatching(/^--argo-version and --no-validate conflict/) });
  });

  test('an unsupported version is refused naming the supported ones', async () => {
    const error = await synthCommand({ cwd: project(ARGO_4_1), typecheck: false, schemaVersions: { argoVersion: '2.1' }, log: () => undefined })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/2\.1.*3\.6/s);
  });
});
