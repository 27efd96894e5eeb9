/**
 * Benchmark of schema validation alone: a generated tree of OBJECTS objects (default 10,000; one YAML file each:
 * Deployments, Services, Argo WorkflowTemplates, Kubeflow TFJobs and Argo CD Applications, all valid), read and
 * parsed with js-yaml (the floor), then checked against the upstream schemas two ways, each in a fresh process:
 *
 * - kfops' schema walker (SchemaRegistry, strict), cold (no cache) and warm (large CRD files kept parsed in the
 *   data cache);
 * - ajv compiling the same upstream schemas (non-strict: no unknown-field pass, no Kubernetes extensions, so a
 *   lower bound of what ajv would cost), cold (compile every run) and warm (compiled code cached on disk and
 *   evaluated, the approach kfops retired).
 *
 * "schema load" is the time from nothing to having validated one object of every kind (reading the upstream files,
 * and compiling for ajv); "check" is the rest of the objects. Prints a Markdown table.
 * Run: `npx tsx bench/validate-schema.ts` (env OBJECTS, RUNS to tune).
 */
import Ajv, { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { SchemaRegistry } from '../lib/validate/schema';

const OBJECTS = Number(process.env.OBJECTS ?? 10000);
const RUNS = Number(process.env.RUNS ?? 1);
const MODES = ['walker-cold', 'walker-warm', 'ajv-cold', 'ajv-warm'] as const;
type Mode = (typeof MODES)[number];
// js-yaml (installed with jest) is the floor the issue measures against; it ships no types of its own.
const { dump, load } = require('js-yaml') as { dump(value: unknown): string; load(text: string): unknown };
const UPSTREAM = path.join(__dirname, '../lib/validate/schema/upstream');
const CACHE_DIR = path.join(os.tmpdir(), 'kfops-bench-schema-cache');
const KINDS = 5;

/** Object `i` of the tree, like a kfops dist/. */
function object(i: number): Record<string, unknown> {
  const name = `obj-${i}`;
  const labels = { 'app.kubernetes.io/name': name, 'kfops.dev/env': ['dev', 'staging', 'prod'][i % 3] };
  const container = {
    name: 'main', image: 'gcr.io/acme/trainer:1.4.0', args: ['--steps', '10000', '--model-dir', 'gs://acme/models'],
    env: [{ name: 'TF_CPP_MIN_LOG_LEVEL', value: '2' }],
    ports: [{ containerPort: 8500, name: 'grpc' }, { containerPort: 8501, name: 'http' }],
    resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } },
  };
  const metadata = { name, namespace: 'ml', labels };
  switch (i % KINDS) {
    case 0:
      return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } } } };
    case 1:
      return { apiVersion: 'v1', kind: 'Service', metadata, spec: { selector: labels, ports: [{ name: 'grpc', port: 8500, targetPort: 'grpc' }, { name: 'http', port: 8501, targetPort: 'http' }] } };
    case 2:
      return {
        apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata,
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
    case 3:
      return {
        apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata,
        spec: {
          runPolicy: { cleanPodPolicy: 'None' },
          tfReplicaSpecs: {
            PS: { replicas: 1, restartPolicy: 'Never', template: { spec: { containers: [{ ...container, name: 'tensorflow' }] } } },
            Worker: { replicas: 4, restartPolicy: 'Never', template: { spec: { containers: [{ ...container, name: 'tensorflow' }] } } },
          },
        },
      };
    default:
      return {
        apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { ...metadata, namespace: 'argocd' },
        spec: {
          project: 'ml', source: { repoURL: 'https://github.com/acme/deploy.git', targetRevision: 'main', path: `envs/${name}` },
          destination: { server: 'https://kubernetes.default.svc', namespace: 'ml' },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
        },
      };
  }
}

function writeTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-schema-'));
  for (let i = 0; i < OBJECTS; i++) {
    const obj = object(i);
    fs.writeFileSync(path.join(root, `${String(obj.kind).toLowerCase()}-${i}.yaml`), dump(obj));
  }
  return root;
}

type Check = (obj: Record<string, unknown>) => number;

/** kfops' walker over the upstream files; the default releases (TFJob and Application from their CRDs). */
async function walker(cacheDir: string | false): Promise<Check> {
  const registry = await SchemaRegistry.load({ cwd: os.tmpdir(), cacheDir });
  return (obj) => registry.validate(obj).length;
}

/** ajv compiling the same upstream files (Kubernetes 1.33, Argo Workflows 3.6, Argo CD 3.4, TFJob 1.9). */
function ajvChecks(warm: boolean): Check {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { source: true } });
  const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(UPSTREAM, file), 'utf8')) as Record<string, unknown>;
  const crdSchema = (file: string) => {
    const crd = parse(fs.readFileSync(path.join(UPSTREAM, file), 'utf8')) as { spec: { versions: { schema: { openAPIV3Schema: object } }[] } };
    return crd.spec.versions[0].schema.openAPIV3Schema;
  };
  const sources: Record<string, () => object> = {
    Deployment: () => { ajv.addSchema(readJson('kubernetes/1.33/apis__apps__v1_openapi.json'), 'apps'); return { $ref: 'apps#/components/schemas/io.k8s.api.apps.v1.Deployment' }; },
    Service: () => { ajv.addSchema(readJson('kubernetes/1.33/api__v1_openapi.json'), 'core'); return { $ref: 'core#/components/schemas/io.k8s.api.core.v1.Service' }; },
    WorkflowTemplate: () => {
      const doc = readJson('argo-workflows/3.6/schema.json');
      delete doc.$schema;
      delete doc.$id;
      ajv.addSchema(doc, 'argo');
      return { $ref: 'argo#/definitions/io.argoproj.workflow.v1alpha1.WorkflowTemplate' };
    },
    TFJob: () => crdSchema('training-operator/1.9/kubeflow.org_tfjobs.yaml'),
    Application: () => crdSchema('argo-cd/3.4/application-crd.yaml'),
  };
  const byKind = new Map<string, ValidateFunction>();
  return (obj) => {
    const kind = String(obj.kind);
    let validate = byKind.get(kind);
    if (!validate) {
      const file = path.join(CACHE_DIR, 'ajv', `${kind}.js`);
      if (warm && fs.existsSync(file)) {
        const mod = { exports: {} as unknown };
        new Function('require', 'module', 'exports', fs.readFileSync(file, 'utf8'))(require, mod, mod.exports);
        validate = mod.exports as ValidateFunction;
      } else {
        validate = ajv.compile(sources[kind]());
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, standaloneCode(ajv, validate));
      }
      byKind.set(kind, validate);
    }
    return validate(obj) ? 0 : 1;
  };
}

interface Run {
  readonly parseMs: number;
  readonly loadMs: number;
  readonly checkMs: number;
  readonly violations: number;
}

/** Child process: reads and parses every file with js-yaml, then checks it, timing parse, first-of-kind and the rest. */
async function child(mode: Mode, root: string): Promise<void> {
  let started = performance.now();
  const check: Check = mode === 'walker-cold' ? await walker(false) : mode === 'walker-warm' ? await walker(CACHE_DIR) : ajvChecks(mode === 'ajv-warm');
  let loadMs = performance.now() - started;
  let parseMs = 0;
  let checkMs = 0;
  let violations = 0;
  const seen = new Set<string>();
  for (const file of fs.readdirSync(root).sort()) {
    started = performance.now();
    const obj = load(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
    const parsed = performance.now();
    violations += check(obj);
    parseMs += parsed - started;
    const ms = performance.now() - parsed;
    if (seen.has(String(obj.kind))) checkMs += ms;
    else loadMs += ms;
    seen.add(String(obj.kind));
  }
  if (mode.startsWith('walker') && violations > 0) throw new Error(`kfops: ${violations} violations on a valid tree`);
  process.send!({ parseMs, loadMs, checkMs, violations });
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
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  try {
    console.log(`Schema validation of ${OBJECTS} objects (one YAML file each: Deployment, Service, WorkflowTemplate, TFJob, Application); median of ${RUNS} fresh process(es) per mode\n`);
    console.log('| checker | js-yaml read + parse (floor) s | schema load ms | check s | check objects/s | parse + schema vs parse alone | violations on the valid tree |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const label: Record<Mode, string> = {
      'walker-cold': 'kfops schema walker, cold (no cache)',
      'walker-warm': 'kfops schema walker, warm (parsed CRD files cached as JSON)',
      'ajv-cold': 'ajv compile of the same schemas, non-strict (compiles every run)',
      'ajv-warm': 'ajv, compiled code cached on disk and evaluated (retired)',
    };
    // Fill the caches the warm modes read.
    await runChild('walker-warm', root);
    await runChild('ajv-cold', root);
    for (const mode of MODES) {
      const runs: Run[] = [];
      for (let r = 0; r < RUNS; r++) runs.push(await runChild(mode, root));
      const total = (run: Run) => run.loadMs + run.checkMs;
      const { parseMs, loadMs, checkMs, violations } = runs.sort((a, b) => total(a) - total(b))[Math.floor(runs.length / 2)];
      const checked = OBJECTS - KINDS;
      console.log(
        `| ${label[mode]} | ${(parseMs / 1000).toFixed(2)} | ${Math.round(loadMs)} | ${(checkMs / 1000).toFixed(2)} | ${Math.round(checked / (checkMs / 1000))} | ${((parseMs + loadMs + checkMs) / parseMs).toFixed(2)}x | ${violations} |`,
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
