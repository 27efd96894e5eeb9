/**
 * Generates the TypeScript declarations of Argo Workflows' and Argo CD's objects in imports/ from the upstream
 * schemas kfops validates against (lib/validate/schema/upstream/, see scripts/refresh-schemas.ts), so kfops' types
 * come from the same published API data as its validation, and users install no models package for them.
 * Kubernetes' own types (Container, Volume, ObjectMeta, ...) are referred to in the `kubernetes-types` package.
 *
 *   npx tsx scripts/generate-api-types.ts            # rewrite imports/argo-workflows.ts and imports/argo-cd.ts
 *   npx tsx scripts/generate-api-types.ts --check    # exit 1 when they differ from what the schemas give
 *   npx tsx scripts/generate-api-types.ts --from DIR # read the schemas from DIR (same layout, with provenance.json)
 *
 * The releases are the ones kfops' own code is written against; change them here, regenerate, and type-check.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { DeclarationSet, JsonSchema, RefTarget } from './api-types/declarations';

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_FROM = path.join(ROOT, 'lib/validate/schema/upstream');

/** Argo Workflows' kinds; everything they refer to is declared with them. */
const ARGO_WORKFLOWS = {
  file: 'argo-workflows/4.0/schema.json',
  namespace: 'io.argoproj.workflow.v1alpha1.',
  apiVersion: 'argoproj.io/v1alpha1',
  kinds: ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow', 'WorkflowEventBinding'],
  output: 'imports/argo-workflows.ts',
};

/** Argo CD's CRDs. Their schemas are inline, so nested objects are named by path (`ApplicationSpecSyncPolicy`). */
const ARGO_CD = {
  files: ['argo-cd/3.4/application-crd.yaml', 'argo-cd/3.4/appproject-crd.yaml'],
  output: 'imports/argo-cd.ts',
};

/** Kubernetes' definitions by name prefix, and the kubernetes-types module (imported as a namespace) that has them. */
const KUBERNETES_MODULES: readonly (readonly [prefix: string, alias: string, module: string])[] = [
  ['io.k8s.api.core.v1.', 'core', 'kubernetes-types/core/v1'],
  ['io.k8s.api.policy.v1.', 'policy', 'kubernetes-types/policy/v1'],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.', 'meta', 'kubernetes-types/meta/v1'],
  ['io.k8s.apimachinery.pkg.api.resource.', 'resource', 'kubernetes-types/api/resource'],
];
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

interface Provenance {
  readonly file: string;
  readonly repository: string;
  readonly ref: string;
  readonly path: string;
}

/** A generated file: its path in the repository and its content. */
export interface GeneratedFile {
  readonly output: string;
  readonly text: string;
}

/** Both generated files, from the schemas under `from`. */
export function generateApiTypes(from: string): GeneratedFile[] {
  const provenance = readProvenance(from);
  return [argoWorkflowsTypes(from, provenance), argoCdTypes(from, provenance)];
}

function argoWorkflowsTypes(from: string, provenance: ReadonlyMap<string, Provenance>): GeneratedFile {
  const bytes = readInput(from, ARGO_WORKFLOWS.file);
  const definitions = (JSON.parse(bytes.toString('utf8')) as { definitions: Record<string, JsonSchema> }).definitions;
  const used = new Set<string>();
  const set = new DeclarationSet({
    kinds: Object.fromEntries(ARGO_WORKFLOWS.kinds.map((kind) => [kind, ARGO_WORKFLOWS.apiVersion])),
    resolveRef: (ref) => {
      const name = ref.replace(/^#\/definitions\//, '');
      if (name.startsWith(ARGO_WORKFLOWS.namespace) && definitions[name]) {
        return { local: name.slice(ARGO_WORKFLOWS.namespace.length), schema: definitions[name] };
      }
      return kubernetesRef(name, used, ref);
    },
  });
  for (const kind of ARGO_WORKFLOWS.kinds) set.declare(kind, definitions[ARGO_WORKFLOWS.namespace + kind]);
  return {
    output: ARGO_WORKFLOWS.output,
    text: fileText([[ARGO_WORKFLOWS.file, bytes]], provenance, used, set.render()),
  };
}

function argoCdTypes(from: string, provenance: ReadonlyMap<string, Provenance>): GeneratedFile {
  const used = new Set<string>(['meta']);
  const crds = ARGO_CD.files.map((file) => {
    const bytes = readInput(from, file);
    const crd = parse(bytes.toString('utf8')) as {
      spec: { group: string; names: { kind: string }; versions: { name: string; storage?: boolean; schema: { openAPIV3Schema: JsonSchema } }[] };
    };
    const version = crd.spec.versions.find((v) => v.storage) ?? crd.spec.versions[0];
    return { file, bytes, kind: crd.spec.names.kind, apiVersion: `${crd.spec.group}/${version.name}`, schema: version.schema.openAPIV3Schema };
  });
  const set = new DeclarationSet({
    kinds: Object.fromEntries(crds.map((crd) => [crd.kind, crd.apiVersion])),
    resolveRef: (ref) => { throw new Error(`CRD schemas are inline, but found $ref ${ref}`); },
    // CRDs leave metadata to the API server (`type: object`); it is an ObjectMeta. Status and a running
    // operation are written by Argo CD, never by manifests.
    overrides: { 'Application.metadata': 'meta.ObjectMeta', 'AppProject.metadata': 'meta.ObjectMeta' },
    omit: ['Application.status', 'Application.operation', 'AppProject.status'],
  });
  for (const crd of crds) set.declare(crd.kind, crd.schema);
  return { output: ARGO_CD.output, text: fileText(crds.map((crd) => [crd.file, crd.bytes]), provenance, used, set.render()) };
}

function kubernetesRef(name: string, used: Set<string>, ref: string): RefTarget {
  if (name === INT_OR_STRING) return { external: 'number | string' };
  for (const [prefix, alias] of KUBERNETES_MODULES) {
    if (name.startsWith(prefix)) {
      used.add(alias);
      return { external: `${alias}.${name.slice(prefix.length)}` };
    }
  }
  throw new Error(`no type known for $ref ${ref}: map its package in KUBERNETES_MODULES`);
}

function fileText(
  inputs: readonly (readonly [string, Buffer])[], provenance: ReadonlyMap<string, Provenance>, used: ReadonlySet<string>, body: string,
): string {
  const sources = inputs.map(([file, bytes]) => {
    const p = provenance.get(file);
    const origin = p ? `${p.repository} ${p.ref} ${p.path}` : file;
    return ` *   ${origin} (sha256 ${createHash('sha256').update(bytes).digest('hex')})`;
  });
  const imports = KUBERNETES_MODULES.filter(([, alias]) => used.has(alias))
    .map(([, alias, module]) => `import type * as ${alias} from '${module}';`);
  return [
    '/**',
    ' * Generated by scripts/generate-api-types.ts from the upstream schemas; never edit by hand, regenerate. From:',
    ...sources,
    ' */',
    ...imports,
    '',
    body,
    '',
  ].join('\n');
}

function readProvenance(from: string): Map<string, Provenance> {
  const file = path.join(from, 'provenance.json');
  const entries = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { files: Provenance[] }).files : [];
  return new Map(entries.map((e) => [e.file, e]));
}

function readInput(from: string, file: string): Buffer {
  const full = path.join(from, file);
  if (!fs.existsSync(full)) throw new Error(`${full}: missing; run scripts/refresh-schemas.ts, or pass --from DIR`);
  return fs.readFileSync(full);
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const fromIndex = argv.indexOf('--from');
  const from = fromIndex >= 0 ? path.resolve(argv[fromIndex + 1]) : DEFAULT_FROM;
  let stale = 0;
  for (const { output, text } of generateApiTypes(from)) {
    const target = path.join(ROOT, output);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    if (check) {
      console.error(`${output} is out of date with the upstream schemas: run npx tsx scripts/generate-api-types.ts`);
      stale++;
    } else {
      fs.writeFileSync(target, text);
      console.log(`wrote ${output}`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
