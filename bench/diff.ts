/**
 * Benchmark of the semantic diff: two generated trees of OBJECTS objects each (default 5,000), CHANGED_PERCENT
 * percent of them changed (default 1), diffed by kfops and, as the floor, by `git diff --no-index --stat`; then
 * `kfops diff` in each format, in a fresh process, on a LIST_MB (default 50, 0 to skip) `kind: List` of Pods, each
 * with an untagged image and a literal DB_PASS env value, added to an empty tree: wall time and peak RSS.
 * Prints Markdown tables. Run: `npx tsx bench/diff.ts` (env OBJECTS, CHANGED_PERCENT, RUNS, LIST_MB to tune).
 */
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { renderMarkdown } from '../lib/diff/render-markdown';
import { diffManifests, diffTrees, TreeDiff } from '../lib/diff/semantic-diff';
import { loadTree } from '../lib/diff/tree-files';
import { measure } from './measure';

const OBJECTS = Number(process.env.OBJECTS ?? 5000);
const CHANGED_PERCENT = Number(process.env.CHANGED_PERCENT ?? 1);
const RUNS = Number(process.env.RUNS ?? 5);
const ENVS = ['dev', 'staging', 'prod'];
const LIST_MB = Number(process.env.LIST_MB ?? 50);
const KFOPS = path.join(__dirname, '..', 'lib', 'cli', 'kfops.js');

/** Object `i` of a tree: a mix of WorkflowTemplates, Deployments and ConfigMaps like a real dist/. */
function object(i: number, changed: boolean): { file: string; body: unknown } {
  const env = ENVS[i % ENVS.length];
  const name = `obj-${i}`;
  switch (i % 3) {
    case 0:
      return {
        file: `${env}/workflowtemplate-${name}.yaml`,
        body: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'WorkflowTemplate',
          metadata: { name, labels: { 'kfops.dev/pipeline': name } },
          spec: {
            entrypoint: 'main',
            arguments: { parameters: [{ name: 'train-steps', value: changed ? '12345' : '10000' }, { name: 'learning-rate', value: '0.01' }] },
            templates: [
              { name: 'main', dag: { tasks: [{ name: 'prep', template: 'prep' }, { name: 'train', template: 'train', dependencies: ['prep'] }] } },
              { name: 'prep', container: { image: 'gcr.io/acme/tft:1.0.0', command: ['python', '-m', 'prep'] } },
              { name: 'train', container: { image: 'gcr.io/acme/trainer:1.4.0', args: ['--steps', '{{workflow.parameters.train-steps}}'], resources: { limits: { cpu: '4', memory: '16Gi' } } } },
            ],
          },
        },
      };
    case 1:
      return {
        file: `${env}/deployment-${name}.yaml`,
        body: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace: 'serving' },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: name } },
            template: {
              metadata: { labels: { app: name } },
              spec: { containers: [{ name: 'tf-serving', image: changed ? 'tensorflow/serving:2.15.0' : 'tensorflow/serving:2.14.1', ports: [{ name: 'grpc', containerPort: 8500 }, { name: 'http', containerPort: 8501 }] }] },
            },
          },
        },
      };
    default:
      return {
        file: `${env}/configmap-${name}.yaml`,
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { 'config.json': JSON.stringify({ batch: changed ? 64 : 32, epochs: 10 }) } },
      };
  }
}

async function writeTree(root: string, changedEvery: number | undefined): Promise<void> {
  for (const env of ENVS) await fs.mkdir(path.join(root, env), { recursive: true });
  await Promise.all(Array.from({ length: OBJECTS }, (_, i) => {
    const { file, body } = object(i, changedEvery !== undefined && i % changedEvery === 0);
    return fs.writeFile(path.join(root, file), stringify(body));
  }));
}

async function time<T>(fn: () => Promise<T> | T, runs = RUNS): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kfops-bench-diff-'));
  try {
    const base = path.join(dir, 'base');
    const head = path.join(dir, 'head');
    const changedEvery = Math.round(100 / CHANGED_PERCENT);
    await writeTree(base, undefined);
    await writeTree(head, changedEvery);

    const semantic = await time(() => diffTrees(base, head));
    const full = await time(async () => diffManifests(await loadTree(base), await loadTree(head)), 1);
    const markdown = await time(() => renderMarkdown(semantic.result));
    const git = await time(() => spawnSync('git', ['diff', '--no-index', '--stat', base, head], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    const gitChanged = (git.result.stdout.match(/(\d+) files? changed/) ?? [])[1];
    const d: TreeDiff = semantic.result;
    const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

    console.log(`### kfops diff: ${OBJECTS.toLocaleString('en-US')} objects per tree, ${CHANGED_PERCENT}% changed (median of ${RUNS} runs, ${os.cpus().length} CPUs, Node ${process.version})\n`);
    console.log('| What | Time | Result |');
    console.log('|---|---:|---|');
    console.log(`| \`git diff --no-index --stat\` (the floor) | ${fmt(git.ms)} | ${gitChanged ?? '?'} files changed |`);
    console.log(`| kfops semantic diff (\`diffTrees\`) | ${fmt(semantic.ms)} | ${d.summary.changed} objects changed, ${d.summary.parameters.length} parameter changes, ${d.summary.images.length} image changes, ${d.runs.length} pipelines whose runs change |`);
    console.log(`| kfops semantic diff, every file parsed (1 run) | ${fmt(full.ms)} | what a tree where every file differs costs |`);
    console.log(`| Markdown rendering | ${fmt(markdown.ms)} | ${markdown.result.length.toLocaleString('en-US')} characters |`);
    console.log(`\nTarget: semantic diff under 2 s — ${semantic.ms < 2000 ? 'met' : 'NOT met'}.`);
    if (LIST_MB > 0) await bigList(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** `kfops diff` of an empty tree against one `LIST_MB` MB `kind: List` of Pods, in every format. */
async function bigList(dir: string): Promise<void> {
  const empty = path.join(dir, 'empty');
  const tree = path.join(dir, 'list', 'dev');
  await fs.mkdir(empty, { recursive: true });
  await fs.mkdir(tree, { recursive: true });
  const file = await fs.open(path.join(tree, 'pods.yaml'), 'w');
  let bytes = 0;
  let pods = 0;
  const write = async (text: string) => {
    await file.write(text);
    bytes += Buffer.byteLength(text);
  };
  await write('apiVersion: v1\nkind: List\nitems:\n');
  while (bytes < LIST_MB * 1e6) {
    await write(`- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: pod-${pods}\n    namespace: ns\n  spec:\n    containers:\n    - name: app\n      image: nginx\n      env:\n      - name: DB_PASS\n        value: hunter2-${pods++}\n`);
  }
  await file.close();
  console.log(`\n### kfops diff of a ${LIST_MB} MB \`kind: List\` (${pods.toLocaleString('en-US')} Pods) added to an empty tree (1 run each)\n`);
  console.log('| Format | Time | Peak RSS | Output |');
  console.log('|---|---:|---:|---:|');
  for (const format of ['text', 'markdown', 'json']) {
    const out = path.join(dir, `out.${format}`);
    const m = measure(`node ${KFOPS} diff --base-dir ${empty} --head-dir ${path.dirname(tree)} --format ${format} > ${out}`, { cwd: dir });
    const size = (await fs.stat(out)).size;
    console.log(`| ${format} | ${m.seconds.toFixed(1)} s | ${m.peakMiB} MiB | ${(size / 1e6).toFixed(2)} MB |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
