/**
 * Benchmark of `kfops validate` as a whole fresh process (node start, read, YAML, schemas, checks, report) against
 * the floor: a fresh node process that reads the same files and parses them with js-yaml, nothing else. Each run
 * times the floor and kfops side by side (floor, kfops from the repository through tsx, kfops compiled as the
 * package installs it), RUNS times, and reports medians, CPU time and the load average, since the machine is shared.
 * Reports the ratio on two trees, and the time and peak RSS of `kfops validate` and `kfops diff` on 50 MB inputs:
 *
 * - generated: OBJECTS objects (default 10,000), one file each, a kfops-like mix (WorkflowTemplates, CronWorkflows,
 *   Deployments, Services, HPAs, ConfigMaps, TFJobs);
 * - upstream: ~14 MB built from material committed in the repo (no network at bench time): the upstream examples
 *   and install manifests under test/fixtures/validate/schema/upstream/** (with their provenance there), copied
 *   COPIES times, each copy in its own folder with `metadata.name` suffixed so no two objects collide; and, once
 *   each, the install bundles of full CRDs kfops keeps as upstream data (Argo CD's three CRDs and the Training
 *   Operator's TFJob CRD, at the default releases; lib/validate/schema/upstream/provenance.json). A cluster installs
 *   each CRD once, so copying a 576 kB CRD with every copy of the examples (as this bench once did, 90 MB) would
 *   make the set mostly CRDs, which cost kfops far less over js-yaml than workflows do;
 * - big: a 50 MB `kind: List` and a 50 MB multi-document file of Pods, clean (tagged images) and with a finding in
 *   every Pod (an untagged image: a `security/image-tag` warning, each placed at its file:line:column), validate
 *   with its JSON report and diff (clean inputs; diff does not look for findings).
 *
 * Also the reader's own share: lib/manifest against bare js-yaml in one process.
 *
 * Run: `npx tsx bench/validate.ts` (env OBJECTS, COPIES, BIG_MB, RUNS to tune; COMPILED=0 skips the compiled
 * package, which takes a `tsc` build into a temp folder). Prints Markdown tables.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dump, loadAll } from 'js-yaml';
import { readManifestText, readTextFile } from '../lib/manifest';
import { measure, Measurement } from './measure';

const OBJECTS = Number(process.env.OBJECTS ?? 10000);
const COPIES = Number(process.env.COPIES ?? 170);
const BIG_MB = Number(process.env.BIG_MB ?? 50);
const RUNS = Number(process.env.RUNS ?? 5);
const COMPILED = process.env.COMPILED !== '0';
const REPO = path.join(__dirname, '..');
const KFOPS = path.join(REPO, 'lib/cli/kfops.js');
const TFJOB_CRD = path.join(REPO, 'imports/tfjob-crd.yaml');
const UPSTREAM = path.join(REPO, 'test/fixtures/validate/schema/upstream');
/** The full-CRD install bundles of the upstream set, by folder: upstream's files at kfops' default releases. */
const CRD_BUNDLES: Readonly<Record<string, readonly string[]>> = {
  'argo-cd': ['argo-cd/3.4/application-crd.yaml', 'argo-cd/3.4/applicationset-crd.yaml', 'argo-cd/3.4/appproject-crd.yaml'],
  'training-operator': ['training-operator/1.9/kubeflow.org_tfjobs.yaml'],
};
const SCHEMA_DATA = path.join(REPO, 'lib/validate/schema/upstream');

/** Object `i` of the generated tree; every one is valid, so any error is a false alarm. */
function object(i: number, withTfJob: boolean): Record<string, unknown> {
  const name = `obj-${i}`;
  const labels = { 'app.kubernetes.io/name': `serving-${Math.floor(i / 8)}`, 'kfops.dev/env': ['dev', 'staging', 'prod'][Math.floor(i / 8) % 3] };
  const container = {
    name: 'main', image: 'gcr.io/acme/trainer:1.4.0', args: ['--steps', '10000', '--model-dir', 'gs://acme/models'],
    env: [{ name: 'TF_CPP_MIN_LOG_LEVEL', value: '2' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }],
    ports: [{ containerPort: 8500, name: 'grpc' }, { containerPort: 8501, name: 'http' }],
    resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } },
  };
  switch (i % 8) {
    case 0: return {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `serving-${Math.floor(i / 8)}`, namespace: 'ml', labels },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } } },
    };
    case 1: return {
      apiVersion: 'v1', kind: 'Service', metadata: { name: `serving-${Math.floor(i / 8)}`, namespace: 'ml', labels },
      spec: { selector: labels, ports: [{ name: 'grpc', port: 8500, targetPort: 'grpc' }, { name: 'http', port: 8501, targetPort: 'http' }] },
    };
    case 2: return {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: 'ml' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `serving-${Math.floor(i / 8)}` }, minReplicas: 1, maxReplicas: 4 },
    };
    case 3: case 4: return {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name, namespace: 'ml', labels },
      spec: {
        entrypoint: 'main',
        arguments: { parameters: [{ name: 'train-steps', value: '10000' }, { name: 'learning-rate', value: '0.01' }] },
        templates: [
          { name: 'main', dag: { tasks: [
            { name: 'prep', template: 'prep' },
            { name: 'train', template: 'train', depends: 'prep', arguments: { parameters: [{ name: 'examples', value: '{{tasks.prep.outputs.parameters.examples}}' }] } },
            { name: 'eval', template: 'eval', depends: 'train.Succeeded', arguments: { parameters: [{ name: 'model', value: '{{tasks.train.outputs.parameters.model}}' }] } },
          ] } },
          { name: 'prep', container: { image: 'gcr.io/acme/tft:1.0.0', command: ['python', '-m', 'prep', '{{workflow.name}}'] },
            outputs: { parameters: [{ name: 'examples', valueFrom: { path: '/tmp/examples' } }] } },
          { name: 'train', inputs: { parameters: [{ name: 'examples' }] }, retryStrategy: { limit: 2, retryPolicy: 'OnError' },
            container: { image: container.image, args: ['--steps', '{{workflow.parameters.train-steps}}', '--examples', '{{inputs.parameters.examples}}'], resources: container.resources },
            outputs: { parameters: [{ name: 'model', valueFrom: { path: '/tmp/model' } }] } },
          { name: 'eval', inputs: { parameters: [{ name: 'model' }] }, script: { image: 'python:3.12-slim', command: ['python'], source: 'print("{{inputs.parameters.model}}")' } },
        ],
      },
    };
    case 5: return {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name, namespace: 'ml' },
      spec: { schedules: ['0 2 * * *'], timezone: 'Europe/Berlin', workflowSpec: { workflowTemplateRef: { name: `obj-${i - 2}` } } },
    };
    case 6: return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ml', labels }, data: { 'model-name': 'taxi', 'learning-rate': '0.01' } };
    default: return withTfJob ? {
      apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name, namespace: 'ml', labels },
      spec: { runPolicy: { cleanPodPolicy: 'None' }, tfReplicaSpecs: { Worker: { replicas: 4, restartPolicy: 'Never', template: { spec: { containers: [{ ...container, name: 'tensorflow' }] } } } } },
    } : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ml' }, data: { note: 'no TFJob CRD available' } };
  }
}

function writeGenerated(root: string): void {
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.mkdirSync(path.join(root, 'imports'));
  fs.copyFileSync(TFJOB_CRD, path.join(root, 'imports', 'tfjobs.yaml'));
  for (let i = 0; i < OBJECTS; i++) {
    const obj = object(i, true);
    // noRefs: objects sharing a labels object would be written with an anchor and aliases, which synth never writes.
    fs.writeFileSync(path.join(root, 'dist', `${String(obj.kind).toLowerCase()}-${i}.yaml`), dump(obj, { noRefs: true }));
  }
}

/** The upstream set: every committed upstream file, COPIES times, names suffixed per copy; the CRD bundles once. */
function writeUpstream(root: string): number {
  const files = listYaml(UPSTREAM);
  let bytes = 0;
  for (const [bundle, crds] of Object.entries(CRD_BUNDLES)) {
    const dir = path.join(root, 'dist', 'bundles', bundle);
    fs.mkdirSync(dir, { recursive: true });
    for (const crd of crds) {
      fs.copyFileSync(path.join(SCHEMA_DATA, crd), path.join(dir, path.basename(crd)));
      bytes += fs.statSync(path.join(dir, path.basename(crd))).size;
    }
  }
  for (let copy = 0; copy < COPIES; copy++) {
    const dir = path.join(root, 'dist', `copy-${copy}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of files) {
      // Top-level metadata.name / generateName only (two-space indent right under `metadata:`).
      const text = fs.readFileSync(file, 'utf8').replace(/^(metadata:\r?\n(?:  [^\n]*\n)*?  (?:name|generateName): *)(["']?)([^"'\n#]+?)\2( *(?:#.*)?)$/gm,
        (_, head: string, quote: string, name: string, tail: string) => `${head}${quote}${name.endsWith('-') ? `${name}c${copy}-` : `${name}-c${copy}`}${quote}${tail}`);
      const target = path.join(dir, `${path.basename(path.dirname(file))}-${path.basename(file)}`);
      fs.writeFileSync(target, text);
      bytes += Buffer.byteLength(text);
    }
  }
  return bytes;
}

function listYaml(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name)).sort();
}

/** The floor: a fresh node process that reads every file and parses it with js-yaml (all documents). */
function writeFloorScript(root: string): string {
  const script = path.join(root, 'floor.cjs');
  fs.writeFileSync(script, `const fs = require('fs'); const path = require('path');
const yaml = require(${JSON.stringify(require.resolve('js-yaml'))});
let n = 0;
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
  const p = path.join(d, e.name);
  if (e.isDirectory()) walk(p); else if (/\\.ya?ml$/.test(e.name)) n += yaml.loadAll(fs.readFileSync(p, 'utf8')).length;
} };
walk(process.argv[2]);
console.log(n);
`);
  return script;
}

/** The kfops entry points measured: the repository's (TypeScript through tsx) and, unless COMPILED=0, the package's. */
interface Entry {
  readonly label: string;
  readonly bin: string;
}

/**
 * The package as npm installs it: the compiled JavaScript of lib/ (`tsc -p tsconfig.build.json`, into a temp copy
 * with no TypeScript sources beside it, so nothing goes through tsx), with the repository's node_modules.
 */
function buildPackage(root: string): Entry {
  const dir = path.join(root, 'package');
  fs.mkdirSync(dir);
  for (const entry of ['lib', 'imports', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) fs.cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  const built = spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`tsc failed:\n${built.stdout}${built.stderr}`);
  for (const file of fs.readdirSync(path.join(dir, 'lib'), { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.ts') && !file.endsWith('.d.ts')) fs.rmSync(path.join(dir, 'lib', file));
  }
  return { label: 'compiled package', bin: path.join(dir, 'lib/cli/kfops.js') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => os.loadavg()[0].toFixed(1);

/**
 * The floor and each entry, run one after another RUNS times (so each ratio compares runs taken side by side), with
 * the medians of wall time, of CPU time and of the per-run ratios.
 */
function ratioRows(label: string, root: string, entries: readonly Entry[]): string[] {
  const floorCommand = `node ${writeFloorScript(root)} dist`;
  const loads = [load()];
  const floor: Measurement[] = [];
  const kfops = entries.map(() => [] as Measurement[]);
  for (let run = 0; run < RUNS; run++) {
    floor.push(measure(floorCommand, { cwd: root }));
    entries.forEach((e, i) => kfops[i].push(measure(`node ${e.bin} validate dist --format json > report.json || test $? -eq 1`, { cwd: root })));
  }
  loads.push(load());
  const report = JSON.parse(fs.readFileSync(path.join(root, 'report.json'), 'utf8')) as { summary?: Record<string, number> };
  return entries.map((e, i) => {
    const ratio = median(kfops[i].map((m, run) => m.seconds / floor[run].seconds));
    const cpuRatio = median(kfops[i].map((m, run) => m.cpuSeconds / floor[run].cpuSeconds));
    return `| ${label} | ${e.label} | ${median(floor.map((m) => m.seconds)).toFixed(2)} | ${median(kfops[i].map((m) => m.seconds)).toFixed(2)} | `
      + `**${ratio.toFixed(2)}x** | ${cpuRatio.toFixed(2)}x | ${median(kfops[i].map((m) => m.peakMiB))} | ${loads.join(' → ')} | ${JSON.stringify(report.summary ?? {})} |`;
  });
}

/**
 * The reader's own share, in this process: lib/manifest (reading, limits, go-yaml's scalars, List expansion)
 * against bare js-yaml on the same files, interleaved, best of RUNS + 1 each.
 */
function readerRow(label: string, root: string): string {
  const files = listYaml(path.join(root, 'dist'));
  const time = (fn: () => void) => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  };
  let floor = Infinity;
  let reader = Infinity;
  for (let i = 0; i <= RUNS; i++) {
    floor = Math.min(floor, time(() => { for (const f of files) loadAll(fs.readFileSync(f, 'utf8')); }));
    reader = Math.min(reader, time(() => { for (const f of files) readManifestText(readTextFile(f, f), f); }));
  }
  return `| ${label} | ${(floor / 1000).toFixed(2)} | ${(reader / 1000).toFixed(2)} | ${(reader / floor).toFixed(2)}x |`;
}

/** A Pod of the big inputs; untagged (`busybox`, so `:latest`) when it is to have a finding. */
function pod(i: number, finding: boolean): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'ml', labels: { 'app.kubernetes.io/name': `trainer-${i % 50}` } },
    spec: { containers: [{ name: 'main', image: finding ? 'busybox' : 'busybox:1.36', args: ['--steps', '1000', '--dir', `gs://bucket/models/${i}`], env: [{ name: 'MODE', value: 'train' }] }] },
  };
}

/** BIG_MB of Pods, as one `kind: List` and as one document each, clean and with a finding in each Pod. */
function writeBig(root: string): { label: string; dir: string; clean: boolean; objects: number }[] {
  const write = (name: string, head: string, item: (i: number) => string) => {
    const dir = path.join(root, name, 'prod');
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(path.join(dir, 'big.yaml'), 'w');
    fs.writeSync(fd, head);
    let bytes = head.length;
    let count = 0;
    while (bytes < BIG_MB * 1e6) {
      const text = item(count++);
      fs.writeSync(fd, text);
      bytes += text.length;
    }
    fs.closeSync(fd);
    return { dir: path.join(root, name), objects: count };
  };
  return [false, true].flatMap((finding) => [
    { label: `kind: List, ${BIG_MB} MB${finding ? ', a finding in each Pod' : ''}`, clean: !finding,
      ...write(`list-${finding}`, 'apiVersion: v1\nkind: List\nitems:\n', (i) => dump([pod(i, finding)])) },
    { label: `multi-document, ${BIG_MB} MB${finding ? ', a finding in each Pod' : ''}`, clean: !finding,
      ...write(`multi-${finding}`, '', (i) => `---\n${dump(pod(i, finding))}`) },
  ]);
}

function main(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-validate-'));
  try {
    const entries: Entry[] = [{ label: 'repository (tsx)', bin: KFOPS }, ...(COMPILED ? [buildPackage(root)] : [])];
    const generated = path.join(root, 'generated');
    writeGenerated(generated);
    const upstream = path.join(root, 'upstream');
    const bytes = writeUpstream(upstream);
    console.log(`${RUNS} rounds of fresh processes, floor and kfops side by side; medians; validate writes its JSON report to a file.\n`);
    console.log('| tree | kfops | js-yaml floor (s) | kfops validate (s) | ratio (wall) | ratio (CPU) | validate peak RSS (MiB) | load average | report summary |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
    for (const row of ratioRows(`generated: ${OBJECTS} objects`, generated, entries)) console.log(row);
    for (const row of ratioRows(`upstream: ${(bytes / 1e6).toFixed(1)} MB (examples ×${COPIES}, CRD bundles ×1)`, upstream, entries)) console.log(row);
    console.log('\n| tree, in one process | js-yaml (s) | lib/manifest reader (s) | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(readerRow(`generated: ${OBJECTS} objects`, generated));
    console.log(readerRow(`upstream: ${(bytes / 1e6).toFixed(1)} MB`, upstream));
    const empty = path.join(root, 'big', 'empty');
    fs.mkdirSync(empty, { recursive: true });
    console.log(`\n| ${BIG_MB} MB input (Pods) | objects | kfops validate --format json (s) | validate peak RSS (MiB) | kfops diff (s) | diff peak RSS (MiB) | load average |`);
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const big of writeBig(path.join(root, 'big'))) {
      const before = load();
      const validate = measure(`node ${KFOPS} validate prod --format json > report.json || test $? -eq 1`, { cwd: big.dir });
      const diff = big.clean ? measure(`node ${KFOPS} diff --base-dir ${empty} --head-dir ${big.dir} --format json > /dev/null`, { cwd: REPO }) : undefined;
      console.log(`| ${big.label} | ${big.objects} | ${validate.seconds.toFixed(1)} | ${validate.peakMiB} | ${diff ? diff.seconds.toFixed(1) : '—'} | ${diff ? diff.peakMiB : '—'} | ${before} → ${load()} |`);
      fs.rmSync(big.dir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
