import * as path from 'path';
import { stringify } from 'yaml';
import { parseManifestFile } from '../../lib/diff/manifest-object';
import { renderJson } from '../../lib/diff/render-json';
import { DIFF_COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../lib/diff/render-markdown';
import { renderText } from '../../lib/diff/render-text';
import { diffManifests, diffTrees, TreeDiff } from '../../lib/diff/semantic-diff';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'diff', 'pr-train-steps');
const fixtureDiff = () => diffTrees(path.join(FIXTURE, 'base'), path.join(FIXTURE, 'head'));

const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

/** A diff with `n` changed ConfigMaps, each with `fields` changed keys of `size` characters. */
function bigDiff(n: number, fields: number, size: number): TreeDiff {
  const data = (v: string) => Object.fromEntries(Array.from({ length: fields }, (_, i) => [`k${i}`, v.repeat(size)]));
  const side = (v: string) => Array.from({ length: n }, (_, i) => parseManifestFile(`prod/cm-${i}.yaml`, stringify(configMap(`cm-${i}`, data(v))))).flat();
  return diffManifests(side('a'), side('b'));
}

describe('renderMarkdown', () => {
  test('starts with the marker, then the summary and parameter tables, a Mermaid graph with the changed step, and details', async () => {
    const md = renderMarkdown(await fixtureDiff(), { subtitle: 'origin/main → working tree' });
    expect(md.startsWith(`${DIFF_COMMENT_MARKER}\n### kfops diff: 1 changed, 0 added, 0 removed`)).toBe(true);
    expect(md).toContain('| prod | WorkflowTemplate | <code>prod-workflow1</code> (ml-prod) | 1 field change |');
    expect(md).toContain('| workflow1 | <code>train-steps</code> | prod | <code>10000</code> | <code>12345</code> |');
    expect(md).toContain('<summary>workflow1 (prod): 1 step changed</summary>');
    expect(md).toContain('```mermaid\nflowchart TD\n  n0["preprocess (tft-preprocess)"]\n  n1["train (tf-train)"]');
    expect(md).toContain('  class n1 changed\n');
    expect(md).toContain('```diff\n- spec.arguments.parameters[name=train-steps].value: 10000\n+ spec.arguments.parameters[name=train-steps].value: 12345\n```');
    expect(md.indexOf('**Parameters**')).toBeLessThan(md.indexOf('#### Changes'));
  });

  test('added steps are highlighted as added', () => {
    const wt = (tasks: unknown[]) => ({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'p' },
      spec: { entrypoint: 'main', templates: [{ name: 'main', dag: { tasks } }, { name: 't', container: { image: 'i' } }] },
    });
    const a = wt([{ name: 'prep', template: 't' }]);
    const b = wt([{ name: 'prep', template: 't' }, { name: 'train', template: 't', dependencies: ['prep'] }]);
    const md = renderMarkdown(diffManifests(parseManifestFile('dev/p.yaml', stringify(a)), parseManifestFile('dev/p.yaml', stringify(b))));
    expect(md).toContain('  n0 --> n1\n');
    expect(md).toContain('  class n1 added\n');
    expect(md).toContain('p (dev): 1 step added');
  });

  test('masked values show as (changed) and never as values', () => {
    const secret = (v: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: v } });
    const diff = diffManifests(parseManifestFile('prod/s.yaml', stringify(secret('b2xk'))), parseManifestFile('prod/s.yaml', stringify(secret('bmV3'))));
    const md = renderMarkdown(diff);
    expect(md).toContain('! data.password: (changed)');
    for (const out of [md, renderText(diff), renderJson(diff)]) expect(out).not.toMatch(/b2xk|bmV3/);
  });

  test('a diff too big for one comment is truncated under the limit with a count of what was left out', () => {
    const diff = bigDiff(400, 5, 100);
    const md = renderMarkdown(diff);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const note = md.match(/Truncated: (\d+) object section\(s\) \((\d+) change\(s\)\) not shown/);
    expect(note).not.toBeNull();
    const shown = (md.match(/<details><summary>/g) ?? []).length;
    expect(shown + Number(note![1])).toBe(400);
    expect(Number(note![2])).toBe(Number(note![1]) * 5);
    expect(md).toContain('| _… and 350 more objects (kinds: ConfigMap 350)_ | | | |');
  });

  test('maxLength is honoured for small limits too', () => {
    const md = renderMarkdown(bigDiff(50, 2, 50), { maxLength: 4000, fullDiffCommand: 'npx kfops diff --base origin/main' });
    expect(md.length).toBeLessThanOrEqual(4000);
    expect(md).toContain('Run `npx kfops diff --base origin/main` locally for the full diff.');
  });

  test('values containing a code fence get a longer fence, so they cannot end the block early', () => {
    const diff = diffManifests(parseManifestFile('dev/c.yaml', stringify(configMap('c', { x: 'a' }))),
      parseManifestFile('dev/c.yaml', stringify(configMap('c', { x: '```end```' }))));
    expect(renderMarkdown(diff)).toContain('````diff\n- data.x: a\n+ data.x: ```end```\n````');
  });

  test('no changes says so', () => {
    expect(renderMarkdown(diffManifests([], []))).toBe(`${DIFF_COMMENT_MARKER}\n### kfops diff: no changes\n`);
  });
});

describe('renderText', () => {
  test('plain: summary per pipeline and environment first, what runs do differently, then field changes', async () => {
    expect(renderText(await fixtureDiff())).toBe([
      'kfops diff: 1 changed, 0 added, 0 removed',
      '',
      'Parameters',
      '  workflow1',
      '    train-steps: 10000 -> 12345 (prod)',
      '',
      'What will run differently',
      '  workflow1 (prod)',
      '    train: --steps 10000 -> --steps 12345',
      '',
      'Changes',
      '  ~ prod WorkflowTemplate prod-workflow1 -n ml-prod (prod/workflowtemplate-workflow1.yaml)',
      '      ~ spec.arguments.parameters[name=train-steps].value: 10000 -> 12345',
      '',
    ].join('\n'));
  });

  test('color only when asked', async () => {
    const diff = await fixtureDiff();
    expect(renderText(diff)).not.toContain('\x1b[');
    expect(renderText(diff, { color: true })).toContain('\x1b[33m  ~ prod WorkflowTemplate');
  });

  test('a parameter value holding an Argo expression (a params value tagged !argo) is called out', () => {
    const template = (value: string) => stringify({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w', labels: { 'kfops.dev/pipeline': 'w' } },
      spec: { entrypoint: 'main', arguments: { parameters: [{ name: 'project', value }] }, templates: [{ name: 'main', container: { image: 'x:1' } }] },
    });
    const diff = diffManifests(parseManifestFile('dev/w.yaml', template('p')), parseManifestFile('dev/w.yaml', template('{{workflow.namespace}}-p')));
    expect(renderText(diff)).toContain('project: p -> {{workflow.namespace}}-p [Argo expression, evaluated at run time] (dev)');
    expect(renderMarkdown(diff)).toContain('<code>{{workflow.namespace}}-p</code> _[Argo expression, evaluated at run time]_ |');
  });

  test('added and removed objects are listed', () => {
    const diff = diffManifests(parseManifestFile('dev/a.yaml', stringify(configMap('old', {}))), parseManifestFile('dev/b.yaml', stringify(configMap('new', {}))));
    expect(renderText(diff)).toContain('Added\n  + dev ConfigMap new (dev/b.yaml)\n\nRemoved\n  - dev ConfigMap old (dev/a.yaml)');
  });
});

describe('renderJson', () => {
  test('is stable and carries summary, objects and pipelines', async () => {
    const json = renderJson(await fixtureDiff());
    expect(json).toBe(renderJson(await fixtureDiff()));
    const doc = JSON.parse(json);
    expect(doc.kfopsDiff).toBe(1);
    expect(doc.summary.parameters).toEqual([{ pipeline: 'workflow1', env: 'prod', parameter: 'train-steps', op: 'changed', before: '10000', after: '12345' }]);
    expect(doc.objects[0]).toMatchObject({ op: 'changed', env: 'prod', kind: 'WorkflowTemplate', name: 'prod-workflow1', changes: [{ path: 'spec.arguments.parameters[name=train-steps].value' }] });
    expect(doc.pipelines[0]).toMatchObject({ pipeline: 'workflow1', changedSteps: ['train'] });
  });
});
