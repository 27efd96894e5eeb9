import * as fs from 'fs';
import * as path from 'path';
import { isPipelineObject, pipelineName } from '../diff/argo-pipeline';
import { ManifestObject } from '../diff/manifest-object';
import { isManifestFile, parseTreeFiles, readTreeFiles } from '../diff/tree-files';
import { readCdk8sConfig } from '../synth/cdk8s-config';
import { UserError } from '../user-error';

/** One environment of a synthesized tree, read. */
export interface TreeEnvironment {
  /** The tree as the user names it (`dist`). */
  readonly out: string;
  readonly env: string;
  /** The environments of the tree, sorted. */
  readonly envs: readonly string[];
  /** The objects of the environment's folder. */
  readonly objects: readonly ManifestObject[];
  /** The objects of the whole tree (cluster-scoped ones may sit in another folder), read on first use. */
  all(): readonly ManifestObject[];
}

/**
 * Reads one environment of the synthesized tree: `out` (default: `output` of cdk8s.yaml, else dist), and `env`
 * (default: the only environment, else dev).
 *
 * @throws UserError (exit 2) when the tree is missing or the environment is not in it, listing those that are
 */
export async function readTreeEnvironment(cwd: string, options: { readonly out?: string; readonly env?: string }): Promise<TreeEnvironment> {
  const out = options.out ?? (fs.existsSync(path.join(cwd, 'cdk8s.yaml')) ? (await readCdk8sConfig(cwd)).output : 'dist');
  const files = await readTreeFiles(path.resolve(cwd, out), { filter: isManifestFile });
  const envs = [...new Set([...files.keys()].filter((f) => f.includes('/')).map((f) => f.split('/')[0]))].sort();
  const env = options.env ?? (envs.length === 1 ? envs[0] : 'dev');
  if (!envs.includes(env)) {
    const hint = options.env ? '' : ' (pass --env; it defaults to the only environment, else dev)';
    throw new UserError(`${out}/${env}: no such environment in ${out}/; known: ${envs.join(', ') || 'none, run `npx kfops synth`'}${hint}`, 2);
  }
  const mine = [...files].filter(([f]) => f.startsWith(`${env}/`));
  const objects = parseTreeFiles(mine);
  let all: readonly ManifestObject[] | undefined;
  // Parsing YAML is most of the cost: the other folders only when something looks there.
  const others = () => parseTreeFiles([...files].filter(([f]) => !f.startsWith(`${env}/`)));
  return { out, env, envs, objects, all: () => (all ??= [...objects, ...others()]) };
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
