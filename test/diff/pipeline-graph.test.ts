import * as path from 'path';
import { graphCommand } from '../../lib/cli/graph-command';
import { toDot, toMermaid } from '../../lib/diff/graph-format';
import { pipelineGraph } from '../../lib/diff/pipeline-graph';
import { makeTemp, removeTemp, writeFiles } from '../helpers/temp-git';

const FIXTURE_HEAD = path.join(__dirname, '..', 'fixtures', 'diff', 'pr-train-steps', 'head');

const workflow = (main: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'WorkflowTemplate',
  metadata: { name: 'w' },
  spec: { entrypoint: 'main', templates: [{ name: 'main', ...main }, { name: 't', container: { image: 'i' } }], ...extra },
});

describe('pipelineGraph', () => {
  test('DAG edges come from dependencies and from depends expressions', () => {
    const graph = pipelineGraph(workflow({
      dag: {
        tasks: [
          { name: 'a', template: 't' },
          { name: 'b', template: 't', dependencies: ['a'] },
          { name: 'c', template: 't', depends: 'a && (b.Succeeded || b.Failed)' },
        ],
      },
    }, { onExit: 'cleanup' }), 'w.yaml');
    expect(graph).toEqual({
      nodes: [{ name: 'a', template: 't' }, { name: 'b', template: 't' }, { name: 'c', template: 't' }],
      edges: [['a', 'b'], ['a', 'c'], ['b', 'c']],
      onExit: 'cleanup',
    });
  });

  test('steps: every step of a group follows every step of the previous group', () => {
    const graph = pipelineGraph(workflow({ steps: [[{ name: 'a', template: 't' }], [{ name: 'b', template: 't' }, { name: 'c', template: 't' }]] }), 'w.yaml');
    expect(graph.edges).toEqual([['a', 'b'], ['a', 'c']]);
  });

  // common.GetTaskDependencies via lib/argo-spec/depends.ts: `depends` wins over `dependencies` when both are set.
  test('depends names keep hyphens and drop result suffixes; depends wins over dependencies', () => {
    const graph = pipelineGraph(workflow({ dag: { tasks: [
      { name: 'train-model', template: 't' }, { name: 'eval', template: 't' }, { name: 'x-1', template: 't' },
      { name: 'report', template: 't', depends: 'train-model.Succeeded && !eval.Failed || x-1', dependencies: ['nope'] },
    ] } }), 'w.yaml');
    expect(graph.edges).toEqual([['train-model', 'report'], ['eval', 'report'], ['x-1', 'report']]);
  });

  test('an entrypoint naming no template is an error with the known templates', () => {
    const body = { ...workflow({}), spec: { entrypoint: 'nope', templates: [{ name: 'main' }] } };
    expect(() => pipelineGraph(body, 'dist/dev/w.yaml')).toThrow("dist/dev/w.yaml: spec.entrypoint 'nope' names no template (templates: main)");
  });
});

describe('toMermaid / toDot', () => {
  const graph = { nodes: [{ name: 'end', template: 't' }, { name: 'say "hi"', template: 'say "hi"' }], edges: [['end', 'say "hi"'] as const], onExit: 'notify' };

  test('Mermaid uses generated ids (task names may be keywords) and escapes labels', () => {
    expect(toMermaid(graph, { changed: new Set(['end']), added: new Set(['say "hi"']) })).toBe([
      'flowchart TD',
      '  n0["end (t)"]',
      '  n1["say #quot;hi#quot;"]',
      '  n0 --> n1',
      '  exit(["onExit: notify"])',
      '  style exit stroke-dasharray: 5 5',
      '  classDef added fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
      '  class n1 added',
      '  classDef changed fill:#fff8c5,stroke:#9a6700,color:#1f2328',
      '  class n0 changed',
      '',
    ].join('\n'));
  });

  test('DOT quotes ids and marks the exit handler', () => {
    expect(toDot(graph, 'p')).toBe([
      'digraph "p" {',
      '  rankdir=TB;',
      '  node [shape=box];',
      '  "end" [label="end (t)"];',
      '  "say \\"hi\\"" [label="say \\"hi\\""];',
      '  "end" -> "say \\"hi\\"";',
      '  "onExit: notify" [shape=ellipse, style=dashed];',
      '}',
      '',
    ].join('\n'));
  });
});

describe('graphCommand', () => {
  const run = async (options: { pipeline: string; env?: string; format?: 'mermaid' | 'dot'; out?: string }) => {
    let text = '';
    const code = await graphCommand({ cwd: path.dirname(FIXTURE_HEAD), out: 'head', write: (t) => { text += t; }, ...options });
    return { code, text };
  };

  test('prints the pipeline found by its kfops.dev/pipeline label', async () => {
    const { code, text } = await run({ pipeline: 'workflow1', env: 'prod' });
    expect(code).toBe(0);
    expect(text).toContain('flowchart TD\n  n0["preprocess (tft-preprocess)"]');
    expect(text).toContain('exit(["onExit: notify"])');
    expect(text).not.toContain('classDef');
  });

  test('with several environments and no --env, dev is used', async () => {
    const { text } = await run({ pipeline: 'workflow1', format: 'dot' });
    expect(text).toContain('"preprocess" -> "train";');
  });

  test('an unknown pipeline is an error listing the known ones', async () => {
    await expect(run({ pipeline: 'nope', env: 'prod' })).rejects.toMatchObject({
      message: "head/prod: no pipeline named 'nope'; known pipelines: workflow1",
      exitCode: 2,
    });
  });

  test('an unknown environment is an error listing the known ones', async () => {
    await expect(run({ pipeline: 'workflow1', env: 'staging' })).rejects.toThrow('head/staging: no such environment in head/; known: dev, prod');
  });

  test('without dev and several envs, the error says to pass --env', async () => {
    const dir = await makeTemp('graph');
    try {
      await writeFiles(dir, { 'dist/a/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'dist/b/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
      await expect(graphCommand({ cwd: dir, out: 'dist', pipeline: 'p', write: () => undefined })).rejects.toThrow('(pass --env');
    } finally {
      await removeTemp(dir);
    }
  });
});
