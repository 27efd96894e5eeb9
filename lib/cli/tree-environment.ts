import * as fs from 'fs';
import * as path from 'path';
import { isPipelineObject, pipelineName } from '../diff/argo-pipeline';
import { ManifestObject } from '../diff/manifest-object';
import { isManifestFile, parseTreeFiles, readTreeFiles } from '../diff/tree-files';
import { readCdk8sConfig } from '../layout/cdk8s-config';
import { UserError } from '../user-error';

/** One environment of a synthesized tree, read. */
export interface TreeEnvironment {
  /** The tree as the user names it (`dist`). */
  readonly out: string;
  readonly env: string;
  /** The objects of the environment's folder. */
  readonly objects: readonly ManifestObject[];
  /** The objects of the whole tree (cluster-scoped ones may sit in another folder), read on first use. */
  all(): readonly ManifestObject[];
}

/**
 * Reads one environment of the synthesized tree: `out` (default: `output` of cdk8s.yaml, else dist), and `env`
 * (default: the only environment, else dev). An environment is a top folder holding objects of pipelines
 * (WorkflowTemplates, CronWorkflows, ...): `argocd/` and `bootstrap/`, which hold Argo CD's objects, are not.
 *
 * @throws UserError (exit 2) when the tree is missing or the environment is not in it, listing those that are
 */
export async function readTreeEnvironment(cwd: string, options: { readonly out?: string; readonly env?: string }): Promise<TreeEnvironment> {
  const out = options.out ?? (fs.existsSync(path.join(cwd, 'cdk8s.yaml')) ? (await readCdk8sConfig(cwd)).output : 'dist');
  const files = await readTreeFiles(path.resolve(cwd, out), { filter: isManifestFile });
  const folders = [...new Set([...files.keys()].filter((f) => f.includes('/')).map((f) => f.split('/')[0]))].sort();
  // Parsing YAML is most of the cost: a folder only when something looks there, and each once.
  const parsed = new Map<string, readonly ManifestObject[]>();
  const objectsOf = (folder: string) => {
    let objects = parsed.get(folder);
    if (!objects) {
      objects = parseTreeFiles([...files].filter(([f]) => f.startsWith(`${folder}/`)));
      parsed.set(folder, objects);
    }
    return objects;
  };
  const isEnvironment = (folder: string) => folders.includes(folder) && objectsOf(folder).some((o) => isPipelineObject(o.body));
  let env = options.env;
  if (env === undefined) {
    const envs = folders.filter(isEnvironment);
    env = envs.length === 1 ? envs[0] : 'dev';
  }
  if (!isEnvironment(env)) {
    const hint = options.env ? '' : ' (pass --env; it defaults to the only environment, else dev)';
    const known = folders.filter(isEnvironment);
    throw new UserError(`${out}/${env}: no such environment in ${out}/; known: ${known.join(', ') || 'none, run `npx kfops synth`'}${hint}`, 2);
  }
  const objects = objectsOf(env);
  let all: readonly ManifestObject[] | undefined;
  const rest = () => [...folders.filter((f) => f !== env).flatMap(objectsOf), ...parseTreeFiles([...files].filter(([f]) => !f.includes('/')))];
  return { out, env, objects, all: () => (all ??= [...objects, ...rest()]) };
}

/** Kinds searched for a pipeline, most specific first: the template is what the other kinds run. */
const KIND_PREFERENCE = ['WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow', 'Workflow'];

/**
 * The object that defines a pipeline in an environment: its WorkflowTemplate, else a ClusterWorkflowTemplate,
 * CronWorkflow or Workflow labelled with (or named) the pipeline.
 *
 * @throws UserError (exit 2) naming the pipelines the environment has, and the environments that have this one
 */
export function findPipelineObject(tree: TreeEnvironment, name: string): ManifestObject {
  const candidates = tree.objects.filter((o) => isPipelineObject(o.body) && pipelineName(o.body) === name);
  for (const kind of KIND_PREFERENCE) {
    const found = candidates.find((o) => o.ref.kind === kind);
    if (found) return found;
  }
  const known = [...new Set(tree.objects.filter((o) => isPipelineObject(o.body)).map((o) => pipelineName(o.body)))].sort();
  const elsewhere = [...new Set(tree.all().filter((o) => isPipelineObject(o.body) && pipelineName(o.body) === name).map((o) => o.ref.env))].sort();
  const hint = elsewhere.length > 0 ? ` ('${name}' is in ${elsewhere.join(', ')})` : '';
  throw new UserError(`${tree.out}/${tree.env}: no pipeline named '${name}'; known pipelines: ${known.join(', ') || 'none'}${hint}`, 2);
}
