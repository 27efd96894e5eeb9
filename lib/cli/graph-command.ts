import * as path from 'path';
// Type-only: commander 15 is ESM-only, and jest loads this file as CommonJS to call the command directly.
import type { Command } from 'commander';
import { isPipelineObject, pipelineName } from '../diff/argo-pipeline';
import { toDot, toMermaid } from '../diff/graph-format';
import { ManifestObject } from '../diff/manifest-object';
import { pipelineGraph } from '../diff/pipeline-graph';
import { isManifestFile, parseTreeFiles, readTreeFiles } from '../diff/tree-files';
import { readCdk8sConfig } from '../synth/cdk8s-config';
import { UserError } from '../user-error';
import type { SetExitCode } from './main';

/** Options of {@link graphCommand}: the CLI argument and flags, plus what tests inject. */
export interface GraphCommandOptions {
  /** Project root, where `cdk8s.yaml` is. */
  readonly cwd: string;
  /** The pipeline: label `kfops.dev/pipeline` of its WorkflowTemplate, else its name. */
  readonly pipeline: string;
  /** `--env`. @default - the only environment, else 'dev' */
  readonly env?: string;
  /** `--out`: synthesized tree to read. @default - `output` of cdk8s.yaml, else 'dist' */
  readonly out?: string;
  /** `--format`. @default 'mermaid' */
  readonly format?: 'mermaid' | 'dot';
  /** Where the graph goes. @default process.stdout */
  readonly write?: (text: string) => void;
}

/** Kinds searched for a pipeline, most specific first: the template is what the other kinds run. */
const KIND_PREFERENCE = ['WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow', 'Workflow'];

const HELP_AFTER = `
Reads the synthesized tree (run \`npx kfops synth\` first) and prints the DAG of the pipeline's entrypoint: one node
per task (labelled "task (template)" when they differ), an edge per dependency (dependencies and depends), and the
exit handler (spec.onExit) as a dashed node. Paste Mermaid into Markdown inside a \`\`\`mermaid block; render DOT
with \`dot -Tsvg\`.

Exit codes:
  0  printed
  2  unknown pipeline or environment (the known ones are listed), no synthesized tree, invalid manifest

Example:
  npx kfops graph workflow1 --env prod --format dot | dot -Tsvg > workflow1.svg`;

/** Registers `kfops graph`. */
export function registerGraph(program: Command, setExit: SetExitCode): void {
  program
    .command('graph')
    .description("print a pipeline's DAG as a Mermaid flowchart or Graphviz DOT")
    .argument('<pipeline>', 'pipeline name (label kfops.dev/pipeline, else the WorkflowTemplate name)')
    .option('--env <env>', 'environment folder to read (default: the only one, else dev)')
    .option('--out <dir>', 'synthesized tree (default: output of cdk8s.yaml, else dist)')
    .addOption(program.createOption('--format <format>', 'output format').choices(['mermaid', 'dot']).default('mermaid'))
    .addHelpText('after', HELP_AFTER)
    .action(async (pipeline: string, flags: Omit<GraphCommandOptions, 'cwd' | 'pipeline'>) => {
      setExit(await graphCommand({ ...flags, pipeline, cwd: process.cwd() }));
    });
}

/** `kfops graph`: prints the pipeline's graph and resolves to 0; errors throw a UserError with exit code 2. */
export async function graphCommand(options: GraphCommandOptions): Promise<number> {
  const write = options.write ?? ((text: string) => { process.stdout.write(text); });
  const out = options.out ?? (await readCdk8sConfig(options.cwd)).output;
  const root = path.resolve(options.cwd, out);
  const files = await readTreeFiles(root, { filter: isManifestFile });
  const envs = [...new Set([...files.keys()].filter((f) => f.includes('/')).map((f) => f.split('/')[0]))].sort();
  const env = options.env ?? (envs.length === 1 ? envs[0] : 'dev');
  if (!envs.includes(env)) {
    const hint = options.env ? '' : ' (pass --env; it defaults to the only environment, else dev)';
    throw new UserError(`${out}/${env}: no such environment in ${out}/; known: ${envs.join(', ') || 'none, run `npx kfops synth`'}${hint}`, 2);
  }
  const objects = parseTreeFiles([...files].filter(([f]) => f.startsWith(`${env}/`)));
  const match = findPipeline(objects, options.pipeline);
  if (!match) {
    const known = [...new Set(objects.filter((o) => isPipelineObject(o.body)).map((o) => pipelineName(o.body)))].sort();
    throw new UserError(`${out}/${env}: no pipeline named '${options.pipeline}'; known pipelines: ${known.join(', ') || 'none'}`, 2);
  }
  const graph = pipelineGraph(match.body, `${out}/${match.file}`);
  write(options.format === 'dot' ? toDot(graph, options.pipeline) : toMermaid(graph));
  return 0;
}

function findPipeline(objects: readonly ManifestObject[], name: string): ManifestObject | undefined {
  const candidates = objects.filter((o) => isPipelineObject(o.body) && pipelineName(o.body) === name);
  for (const kind of KIND_PREFERENCE) {
    const found = candidates.find((o) => o.ref.kind === kind);
    if (found) return found;
  }
  return undefined;
}
