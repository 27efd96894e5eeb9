/**
 * Benchmark of `kfops validate` as a whole (read, YAML parse, schemas, semantic checks, construct paths) on a
 * generated tree of OBJECTS objects (default 10,000; one YAML file each, a kfops-like mix of WorkflowTemplates,
 * CronWorkflows, Deployments, Services, HPAs, ConfigMaps and TFJobs), next to the floor (reading and parsing the
 * same files with `yaml`, nothing else) and the plain kubernetes-models validators (parse + their ajv validator;
 * no unknown-field check, no semantics, no TFJob). Also runs on ./dist when it exists. Prints a Markdown table.
 * Run: `npx tsx bench/validate.ts` (env OBJECTS to tune).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { parseAllDocuments, stringify } from 'yaml';
import { countViolations } from '../lib/validate/violation';
import { validateManifests } from '../lib/validate/validator';

const OBJECTS = Number(process.env.OBJECTS ?? 10000);
const TFJOB_CRD = path.join(__dirname, '../test/fixtures/validate/schema/upstream/training-operator/crd/kubeflow.org_tfjobs.abridged.yaml');

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
            { name: 'train', template: 'train', dependencies: ['prep'], arguments: { parameters: [{ name: 'examples', value: '{{tasks.prep.outputs.parameters.examples}}' }] } },
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

function writeTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-validate-'));
  fs.mkdirSync(path.join(root, 'dist'));
  const withTfJob = fs.existsSync(TFJOB_CRD);
  if (withTfJob) {
    fs.mkdirSync(path.join(root, 'imports'));
    fs.copyFileSync(TFJOB_CRD, path.join(root, 'imports', 'tfjobs.yaml'));
  }
  for (let i = 0; i < OBJECTS; i++) {
    const obj = object(i, withTfJob);
    fs.writeFileSync(path.join(root, 'dist', `${String(obj.kind).toLowerCase()}-${i}.yaml`), stringify(obj));
  }
  return root;
}

function listYaml(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name) && e.name !== 'construct-metadata.json')
    .map((e) => path.join(e.parentPath, e.name)).sort();
}

/** The floor: read and parse every file, as any validator must. */
function parseOnly(files: readonly string[]): { ms: number; objects: Record<string, unknown>[] } {
  const started = performance.now();
  const objects: Record<string, unknown>[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const value = doc.toJS() as unknown;
      if (value && typeof value === 'object') objects.push(value as Record<string, unknown>);
    }
  }
  return { ms: performance.now() - started, objects };
}

/** The packages' own ajv validators by kind (ESM-only, hence dynamic import). */
async function modelValidators(): Promise<Record<string, (data: unknown) => boolean>> {
  const load = async (pkgPath: string) => ((await import(pathToFileURL(path.join(__dirname, '../node_modules', pkgPath)).href)) as { validate: (d: unknown) => boolean }).validate;
  return {
    Deployment: await load('kubernetes-models/_schemas/IoK8sApiAppsV1Deployment.js'),
    Service: await load('kubernetes-models/_schemas/IoK8sApiCoreV1Service.js'),
    ConfigMap: await load('kubernetes-models/_schemas/IoK8sApiCoreV1ConfigMap.js'),
    HorizontalPodAutoscaler: await load('kubernetes-models/_schemas/IoK8sApiAutoscalingV2HorizontalPodAutoscaler.js'),
    WorkflowTemplate: await load('@kubernetes-models/argo-workflows/_schemas/ComGithubArgoprojArgoWorkflowsV4PkgApisWorkflowV1alpha1WorkflowTemplate.js'),
    CronWorkflow: await load('@kubernetes-models/argo-workflows/_schemas/ComGithubArgoprojArgoWorkflowsV4PkgApisWorkflowV1alpha1CronWorkflow.js'),
  };
}

interface Row { readonly label: string; readonly objects: number; readonly ms: number; readonly note: string }

async function measureTree(label: string, cwd: string, dir: string, paths: string[]): Promise<Row[]> {
  const files = listYaml(dir);
  parseOnly(files.slice(0, 200)); // warm the parser up so the floor is not penalised for JIT
  const floor = parseOnly(files);
  // The plain validators run on the objects the floor parsed: their cost is that parse plus this loop.
  const validators = await modelValidators();
  const modelsStarted = performance.now();
  let modelFailures = 0;
  for (const obj of floor.objects) {
    const validate = validators[String(obj.kind)];
    if (validate && !validate(obj)) modelFailures++;
  }
  const modelsLoopMs = performance.now() - modelsStarted;
  const started = performance.now();
  const report = await validateManifests({ cwd, paths });
  const kfopsMs = performance.now() - started;
  // Parsing again afterwards and keeping the faster floor makes the ratio conservative on a busy machine.
  const floorMs = Math.min(floor.ms, parseOnly(files).ms);
  const { errors, warnings } = countViolations(report.results);
  return [
    { label: `${label}: read + YAML parse only (floor)`, objects: floor.objects.length, ms: floorMs, note: 'faster of two runs' },
    { label: `${label}: parse + kubernetes-models validators`, objects: floor.objects.length, ms: floorMs + modelsLoopMs, note: `${modelFailures} reported invalid; no unknown fields, semantics or CRDs` },
    { label: `${label}: kfops validate (all checks)`, objects: report.objects, ms: kfopsMs, note: `${errors} errors, ${warnings} warnings` },
  ];
}

async function main(): Promise<void> {
  const root = writeTree();
  const rows: Row[] = [];
  try {
    rows.push(...await measureTree(`generated ${OBJECTS}`, root, path.join(root, 'dist'), ['dist']));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const dist = path.join(process.cwd(), 'dist');
  if (fs.existsSync(dist)) rows.push(...await measureTree('./dist', process.cwd(), dist, ['dist']));
  console.log('| tree: what runs | objects | seconds | objects/s | vs parse alone | result |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const floor = rows[i - (i % 3)];
    console.log(`| ${row.label} | ${row.objects} | ${(row.ms / 1000).toFixed(2)} | ${Math.round(row.objects / (row.ms / 1000))} | ${(row.ms / floor.ms).toFixed(2)}x | ${row.note} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
