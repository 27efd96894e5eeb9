/**
 * Benchmark of schema validation: a generated tree of OBJECTS objects (default 10,000; one YAML file each, a mix of
 * Deployments, Services, Argo WorkflowTemplates and Kubeflow TFJobs checked against a CRD in imports/), each file
 * read and parsed with `yaml` (the floor) and validated by the plain kubernetes-models validators or by kfops'
 * SchemaRegistry (strict). Each validator runs RUNS times (default 1) in a fresh process, so loading CRDs and
 * compiling schemas are counted every time, as in a CLI run. Prints a Markdown table.
 * Run: `npx tsx bench/validate-schema.ts` (env OBJECTS, RUNS to tune).
 */
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { parse, stringify } from 'yaml';
import { SchemaRegistry } from '../lib/validate/schema';

const OBJECTS = Number(process.env.OBJECTS ?? 10000);
const RUNS = Number(process.env.RUNS ?? 1);
const MODES = ['kubernetes-models', 'kfops-cold', 'kfops'] as const;
type Mode = (typeof MODES)[number];

/** A cache of the benchmark's own, filled by a warm-up run, so the cached mode measures a steady state. */
const CACHE_DIR = path.join(os.tmpdir(), 'kfops-bench-schema-cache');
const TFJOB_CRD = path.join(__dirname, '../test/fixtures/validate/schema/upstream/training-operator/crd/kubeflow.org_tfjobs.abridged.yaml');

/** Object `i` of the tree: Deployments, Services, WorkflowTemplates and TFJobs like a kfops dist/. */
function object(i: number, name: string, env: string): Record<string, unknown> {
  const labels = { 'app.kubernetes.io/name': name, 'kfops.dev/env': env };
  const container = {
    name: 'main',
    image: 'gcr.io/acme/trainer:1.4.0',
    args: ['--steps', '10000', '--model-dir', 'gs://acme/models'],
    env: [{ name: 'TF_CPP_MIN_LOG_LEVEL', value: '2' }],
    ports: [{ containerPort: 8500, name: 'grpc' }, { containerPort: 8501, name: 'http' }],
    resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } },
  };
  switch (i % 7) {
    case 0:
    case 1:
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: 'ml', labels },
        spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } } },
      };
    case 2:
    case 3:
      return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: 'ml', labels },
        spec: { selector: labels, ports: [{ name: 'grpc', port: 8500, targetPort: 'grpc' }, { name: 'http', port: 8501, targetPort: 'http' }] },
      };
    case 4:
    case 5:
      return {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'WorkflowTemplate',
        metadata: { name, namespace: 'ml', labels },
        spec: {
          entrypoint: 'main',
          arguments: { parameters: [{ name: 'train-steps', value: '10000' }, { name: 'learning-rate', value: '0.01' }] },
          templates: [
            { name: 'main', dag: { tasks: [{ name: 'prep', template: 'prep' }, { name: 'train', template: 'train', dependencies: ['prep'] }] } },
            { name: 'prep', container: { image: 'gcr.io/acme/tft:1.0.0', command: ['python', '-m', 'prep'] } },
            { name: 'train', retryStrategy: { limit: 2, retryPolicy: 'OnError' }, container: { image: container.image, args: ['--steps', '{{workflow.parameters.train-steps}}'], resources: container.resources } },
          ],
        },
      };
    default:
      return {
        apiVersion: 'kubeflow.org/v1',
        kind: 'TFJob',
        metadata: { name, namespace: 'ml', labels },
        spec: {
          runPolicy: { cleanPodPolicy: 'None' },
          tfReplicaSpecs: {
            PS: { replicas: 1, restartPolicy: 'Never', template: { spec: { containers: [{ ...container, name: 'tensorflow' }] } } },
            Worker: { replicas: 4, restartPolicy: 'Never', template: { spec: { containers: [{ ...container, name: 'tensorflow' }] } } },
          },
        },
      };
  }
}

function writeTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-schema-'));
  fs.mkdirSync(path.join(root, 'dist'));
  fs.mkdirSync(path.join(root, 'imports'));
  fs.copyFileSync(TFJOB_CRD, path.join(root, 'imports', 'tfjobs.yaml'));
  // Serialising once per shape and filling in names keeps writing 10,000 files to a second.
  const shapes = new Map<number, { kind: string; text: string }>();
  for (let i = 0; i < OBJECTS; i++) {
    let shape = shapes.get(i % 7);
    if (!shape) {
      const obj = object(i, '__NAME__', '__ENV__');
      shape = { kind: String(obj.kind).toLowerCase(), text: stringify(obj) };
      shapes.set(i % 7, shape);
    }
    const text = shape.text.replace(/__NAME__/g, `obj-${i}`).replace(/__ENV__/g, ['dev', 'staging', 'prod'][i % 3]);
    fs.writeFileSync(path.join(root, 'dist', `${shape.kind}-${i}.yaml`), text);
  }
  return root;
}

/**
 * Child process: reads and parses every file, then validates it with the mode's validator, timing the two apart
 * (validation includes loading CRDs and compiling schemas), so the ratio to parsing is taken within one process
 * and does not drift with the machine's load between runs.
 */
async function child(mode: Mode, root: string): Promise<void> {
  const dist = path.join(root, 'dist');
  let parseMs = 0;
  let validateMs = 0;
  let started = performance.now();
  let validate: (obj: Record<string, unknown>) => number = () => 0;
  if (mode === 'kfops' || mode === 'kfops-cold') {
    const registry = await SchemaRegistry.load({ cwd: root, cacheDir: mode === 'kfops' ? CACHE_DIR : false });
    validate = (obj) => registry.validate(obj).length;
  } else if (mode === 'kubernetes-models') {
    validate = await modelValidators();
  }
  validateMs += performance.now() - started;
  let violations = 0;
  for (const file of fs.readdirSync(dist).sort()) {
    started = performance.now();
    const obj = parse(fs.readFileSync(path.join(dist, file), 'utf8')) as Record<string, unknown>;
    const parsed = performance.now();
    violations += validate(obj);
    parseMs += parsed - started;
    validateMs += performance.now() - parsed;
  }
  // kfops must never cry wolf on this valid tree; the plain validators' count is reported as found.
  if (mode !== 'kubernetes-models' && violations > 0) throw new Error(`kfops: ${violations} violations on a valid tree`);
  process.send!({ parseMs, validateMs, violations });
}

/** The packages' own validators by kind (ESM-only, hence dynamic import); TFJob has none there. */
async function modelValidators(): Promise<(obj: Record<string, unknown>) => number> {
  const load = async (pkgPath: string) => {
    const mod = (await import(pathToFileURL(path.join(__dirname, '../node_modules', pkgPath)).href)) as {
      validate: ((data: unknown) => boolean) & { errors?: unknown[] };
    };
    return mod.validate;
  };
  const byKind: Record<string, (data: unknown) => boolean> = {
    Deployment: await load('kubernetes-models/_schemas/IoK8sApiAppsV1Deployment.js'),
    Service: await load('kubernetes-models/_schemas/IoK8sApiCoreV1Service.js'),
    WorkflowTemplate: await load('@kubernetes-models/argo-workflows/_schemas/ComGithubArgoprojArgoWorkflowsV4PkgApisWorkflowV1alpha1WorkflowTemplate.js'),
  };
  return (obj) => {
    const validate = byKind[obj.kind as string];
    return validate && !validate(obj) ? 1 : 0;
  };
}

interface Run {
  readonly parseMs: number;
  readonly validateMs: number;
  readonly violations: number;
}

function runChild(mode: Mode, root: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = fork(__filename, ['--child', mode, root], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let run: Run | undefined;
    proc.on('message', (m: Run) => (run = m));
    proc.on('exit', (code) => (code === 0 && run ? resolve(run) : reject(new Error(`${mode} run failed (exit ${code})`))));
  });
}

async function main(): Promise<void> {
  const root = writeTree();
  try {
    console.log(`Schema validation of ${OBJECTS} objects (one YAML file each: Deployment, Service, WorkflowTemplate, TFJob); median of ${RUNS} fresh process(es) per mode; validation includes loading CRDs and compiling schemas\n`);
    console.log('| validator | read + YAML parse (floor) s | validation s | parse objects/s | parse + validate objects/s | parse + validate vs parse alone | violations on the valid tree |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const label: Record<Mode, string> = {
      'kubernetes-models': 'kubernetes-models validators (no TFJob, no unknown-field check)',
      'kfops-cold': 'kfops SchemaRegistry (strict), first run: compiles every schema',
      kfops: 'kfops SchemaRegistry (strict), compiled validators cached on disk',
    };
    await runChild('kfops', root);
    for (const mode of MODES) {
      const runs: Run[] = [];
      for (let r = 0; r < RUNS; r++) runs.push(await runChild(mode, root));
      const ratio = (run: Run) => (run.parseMs + run.validateMs) / run.parseMs;
      const { parseMs, validateMs, violations } = runs.sort((a, b) => ratio(a) - ratio(b))[Math.floor(runs.length / 2)];
      const perSecond = (ms: number) => Math.round(OBJECTS / (ms / 1000));
      console.log(
        `| ${label[mode]} | ${(parseMs / 1000).toFixed(2)} | ${(validateMs / 1000).toFixed(2)} | ${perSecond(parseMs)} | ${perSecond(parseMs + validateMs)} | ${((parseMs + validateMs) / parseMs).toFixed(2)}x | ${violations} |`,
      );
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Mode, process.argv[4]).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
