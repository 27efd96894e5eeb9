import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { ContainerStep, KfopsApp, Pipeline } from '../../lib';

const image = 'busybox:1.36';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-app-'));
}

function build(outdir: string, define: (app: KfopsApp) => void): KfopsApp {
  const app = new KfopsApp({ outdir });
  define(app);
  return app;
}

describe('KfopsApp', () => {
  test('writes one file per object into a folder per environment, plus construct metadata', () => {
    const outdir = path.join(tempDir(), 'dist');
    build(outdir, (app) => {
      for (const env of ['dev', 'prod']) {
        const chart = new Chart(app, env, { namespace: `ml-${env}` });
        new ContainerStep(new Pipeline(chart, 'train', { schedule: { cron: ['0 1 * * *'] }, run: {} }), 's', { image });
      }
    }).synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['construct-metadata.json', 'dev', 'prod']);
    expect(fs.readdirSync(path.join(outdir, 'prod')).sort())
      .toEqual(['cronworkflow-train.yaml', 'kustomization.yaml', 'workflow-train-on-sync.yaml', 'workflowtemplate-train.yaml']);
    const template = parse(fs.readFileSync(path.join(outdir, 'prod', 'workflowtemplate-train.yaml'), 'utf8'));
    expect(template).toMatchObject({ kind: 'WorkflowTemplate', metadata: { name: 'train', namespace: 'ml-prod' } });
    const metadata = JSON.parse(fs.readFileSync(path.join(outdir, 'construct-metadata.json'), 'utf8'));
    expect(metadata.objects['argoproj.io/v1alpha1|WorkflowTemplate|ml-prod|train']).toBe('prod/train/WorkflowTemplate');
    expect(metadata.objects['argoproj.io/v1alpha1|Workflow|ml-dev|train-on-sync']).toBe('dev/train/Workflow');
    // The cdk8s CLI's report looks construct paths up by the resource name kfops' plugin reports: Kind namespace/name.
    expect(metadata.resources['WorkflowTemplate ml-prod/train']).toEqual({ path: 'prod/train/WorkflowTemplate' });
    expect(metadata.resources['CronWorkflow ml-dev/train']).toEqual({ path: 'dev/train/CronWorkflow' });
    expect(Object.keys(metadata.resources)).toHaveLength(6);
    expect(parse(fs.readFileSync(path.join(outdir, 'prod', 'kustomization.yaml'), 'utf8')).resources)
      .toEqual(['cronworkflow-train.yaml', 'workflow-train-on-sync.yaml', 'workflowtemplate-train.yaml']);
  });

  test('output gets the modes the umask gives (a staging folder made by mkdtemp would be 0700)', () => {
    const outdir = path.join(tempDir(), 'dist');
    const previous = process.umask(0o027);
    try {
      build(outdir, (app) => { new ContainerStep(new Pipeline(new Chart(app, 'dev'), 'p'), 's', { image }); }).synth();
    } finally {
      process.umask(previous);
    }
    const mode = (p: string) => (fs.statSync(path.join(outdir, p)).mode & 0o777).toString(8);
    expect([mode('.'), mode('dev'), mode('dev/workflowtemplate-p.yaml'), mode('construct-metadata.json')]).toEqual(['750', '750', '640', '640']);
  });

  test('strings YAML 1.1 would read as other types stay quoted', () => {
    const outdir = path.join(tempDir(), 'dist');
    build(outdir, (app) => {
      const p = new Pipeline(new Chart(app, 'dev'), 'p');
      p.addParameter('ts', { default: '2016-02-01 00:00:00' });
      p.addParameter('switch', { default: 'on' });
      new ContainerStep(p, 's', { image });
    }).synth();
    const text = fs.readFileSync(path.join(outdir, 'dev', 'workflowtemplate-p.yaml'), 'utf8');
    expect(text).toContain('value: "2016-02-01 00:00:00"');
    expect(text).toContain('value: "on"');
  });

  test('validation errors fail synth and leave the previous output untouched', () => {
    const outdir = path.join(tempDir(), 'dist');
    fs.mkdirSync(path.join(outdir, 'dev'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'dev', 'old.yaml'), 'kept: true\n');
    const app = build(outdir, (a) => {
      const p = new Pipeline(new Chart(a, 'dev'), 'p');
      const x = new ContainerStep(p, 'x', { image });
      new ContainerStep(p, 'y', { image, after: [x] });
      x.after(p.node.findChild('y') as ContainerStep);
    });
    expect(() => app.synth()).toThrow(/synth failed with 1 error:\n {2}\[dev\/p\/[xy]\] dependency cycle/);
    expect(fs.readdirSync(path.join(outdir, 'dev'))).toEqual(['old.yaml']);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });

  test('two objects with the same kind and name in one environment are an error naming both', () => {
    const outdir = path.join(tempDir(), 'dist');
    const app = build(outdir, (a) => {
      const chart = new Chart(a, 'dev');
      new Pipeline(chart, 'p');
      new ApiObject(chart, 'dup', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'p' } });
    });
    expect(() => app.synth()).toThrow("[dev/dup] WorkflowTemplate 'p' collides with dev/p/WorkflowTemplate in environment 'dev'");
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('main() reports duplicate construct ids as a user error, not a bug', () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => { errors.push(String(m)); });
    try {
      KfopsApp.main((app) => {
        const p = new Pipeline(new Chart(app, 'dev'), 'p');
        new ContainerStep(p, 'train', { image });
        new ContainerStep(p, 'train', { image });
      }, { outdir: path.join(tempDir(), 'dist') });
      expect(process.exitCode).toBe(1);
      expect(errors).toEqual(["[p] two constructs are named 'train'; construct ids must be unique within their scope: rename one of them (for steps, the id is also the Argo name)"]);
    } finally {
      spy.mockRestore();
      process.exitCode = 0;
    }
  });

  test('main() prints user errors without a stack trace and sets exit code 1', () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => { errors.push(String(m)); });
    try {
      KfopsApp.main((app) => {
        new Pipeline(new Chart(app, 'dev'), 'p').addParameter('bad name');
      }, { outdir: path.join(tempDir(), 'dist') });
      expect(process.exitCode).toBe(1);
      expect(errors).toEqual(["[dev/p/params/bad name] invalid parameter name 'bad name' (use letters, digits, '-' and '_')"]);
    } finally {
      spy.mockRestore();
      process.exitCode = 0;
    }
  });
});
