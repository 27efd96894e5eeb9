import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { parseManifestFile } from '../../lib/diff/manifest-object';
import { renderJson } from '../../lib/diff/render-json';
import { renderMarkdown } from '../../lib/diff/render-markdown';
import { renderText } from '../../lib/diff/render-text';
import { diffManifests, diffTrees } from '../../lib/diff/semantic-diff';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'diff', 'pr-train-steps');
const DIST = path.join(__dirname, '..', '..', 'dist');

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The committed Workflow 1 of prod, with `edit` applied to a copy. */
function workflow1(edit: (body: Obj) => void = () => undefined): string {
  const body = parse(fs.readFileSync(path.join(DIST, 'prod', 'workflowtemplate-workflow1.yaml'), 'utf8'));
  edit(body);
  return stringify(body);
}

function setParameter(body: Obj, name: string, value: string): void {
  body.spec.arguments.parameters.find((p: Obj) => p.name === name).value = value;
}

function diffOf(base: string, head: string) {
  return diffManifests(parseManifestFile('prod/workflowtemplate-workflow1.yaml', base), parseManifestFile('prod/workflowtemplate-workflow1.yaml', head));
}

describe('what runs will do differently', () => {
  test('a parameter change shows as the arguments of the steps that read it', async () => {
    const diff = await diffTrees(path.join(FIXTURE, 'base'), path.join(FIXTURE, 'head'));
    // The dev side only reordered env vars: nothing runs differently there.
    expect(diff.runs.map((r) => [r.pipeline, r.ref.env, r.steps])).toEqual([
      ['workflow1', 'prod', [{ step: 'train', op: 'changed', lines: [{ where: 'args', before: '--steps 10000', after: '--steps 12345' }] }]],
    ]);
    expect(renderText(diff)).toContain('What will run differently\n  workflow1 (prod)\n    train: --steps 10000 -> --steps 12345\n');
    expect(renderMarkdown(diff)).toContain('**What will run differently**\n\nworkflow1 (prod):\n- <code>train</code>: <code>--steps 10000</code> → <code>--steps 12345</code>\n');
    expect(JSON.parse(renderJson(diff)).runs).toEqual([{
      pipeline: 'workflow1', env: 'prod', kind: 'WorkflowTemplate', name: 'prod-workflow1',
      steps: [{ step: 'train', op: 'changed', lines: [{ where: 'args', before: '--steps 10000', after: '--steps 12345' }] }],
    }]);
  });

  test('in the seed, train-steps reaches every TFJob replica of both trainings, one line each', () => {
    const diff = diffOf(workflow1(), workflow1((b) => setParameter(b, 'train-steps', '12345')));
    const [run] = diff.runs;
    expect(run.steps.map((s) => [s.step, s.lines])).toEqual([
      ['train', [{ where: 'TFJob Master/PS/Worker args', before: '--train-steps=50000', after: '--train-steps=12345' }]],
      ['train2', [{ where: 'TFJob Master/PS/Worker args', before: '--train-steps=50000', after: '--train-steps=12345' }]],
    ]);
    expect(renderText(diff)).toContain('    train: --train-steps=50000 -> --train-steps=12345 (TFJob Master/PS/Worker args)\n');
  });

  test('workers change the replica count of the TFJob, as an integer', () => {
    const diff = diffOf(workflow1(), workflow1((b) => setParameter(b, 'workers', '2')));
    expect(diff.runs[0].steps).toEqual([{ step: 'train', op: 'changed', lines: [{ where: 'TFJob spec.tfReplicaSpecs.Worker.replicas', before: '4', after: '2' }] }]);
  });

  test('a step whose when turns false shows as no longer running, with the reason', () => {
    const wt = (mode: string) => stringify({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'p', labels: { 'kfops.dev/pipeline': 'p' } },
      spec: {
        entrypoint: 'main', arguments: { parameters: [{ name: 'mode', value: mode }] },
        templates: [
          { name: 'main', dag: { tasks: [{ name: 'upload', template: 'c', when: "'{{workflow.parameters.mode}}' == 'cloud'" }] } },
          { name: 'c', container: { image: 'up:1' } },
        ],
      },
    });
    const diff = diffManifests(parseManifestFile('dev/p.yaml', wt('cloud')), parseManifestFile('dev/p.yaml', wt('local')));
    expect(diff.runs[0].steps[0].lines).toEqual([{ where: 'phase', before: 'runs', after: "skipped: when ''local' == 'cloud'' evaluated false" }]);
  });

  test('secret values that change show as (changed) and never as values', () => {
    const wt = (password: string) => stringify({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'p' },
      spec: {
        entrypoint: 'main', arguments: { parameters: [{ name: 'db-pass', value: password }] },
        templates: [
          { name: 'main', dag: { tasks: [{ name: 'load', template: 'c', arguments: { parameters: [{ name: 'pw', value: '{{workflow.parameters.db-pass}}' }] } }] } },
          { name: 'c', inputs: { parameters: [{ name: 'pw' }] }, container: { image: 'db:1', args: ['--password={{inputs.parameters.pw}}'], env: [{ name: 'PGPASS', value: '{{inputs.parameters.pw}}' }] } },
        ],
      },
    });
    const diff = diffManifests(parseManifestFile('dev/p.yaml', wt('hunter2-old')), parseManifestFile('dev/p.yaml', wt('hunter2-new')));
    expect(diff.runs[0].steps[0].lines).toEqual([
      { where: 'args', masked: true },
      { where: 'env PGPASS', before: '(masked)', after: '(masked)', masked: true },
    ]);
    for (const out of [renderText(diff), renderMarkdown(diff), renderJson(diff)]) expect(out).not.toContain('hunter2');
    expect(renderText(diff)).toContain('    load: args: (changed)\n    load: env PGPASS: (changed)\n');
  });

  test('a longer loop list adds steps', () => {
    const wt = (regions: string[]) => stringify({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'p' },
      spec: {
        entrypoint: 'main',
        templates: [
          { name: 'main', dag: { tasks: [{ name: 'count', template: 'c', withItems: regions, arguments: { parameters: [{ name: 'r', value: '{{item}}' }] } }] } },
          { name: 'c', inputs: { parameters: [{ name: 'r' }] }, container: { image: 'count:1', args: ['--region', '{{inputs.parameters.r}}'] } },
        ],
      },
    });
    const diff = diffManifests(parseManifestFile('dev/p.yaml', wt(['us'])), parseManifestFile('dev/p.yaml', wt(['us', 'eu'])));
    expect(diff.runs[0].steps).toEqual([{ step: 'count(1:eu)', op: 'added', lines: [{ where: 'step', after: 'container count:1' }] }]);
    expect(renderText(diff)).toContain('count(1:eu): new step: container count:1');
  });
});
