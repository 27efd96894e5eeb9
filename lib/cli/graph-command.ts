// Type-only: the command function is called directly by tests and the library, without commander.
import type { Command } from 'commander';
import { toDot, toMermaid } from '../diff/graph-format';
import { pipelineGraph } from '../diff/pipeline-graph';
import type { SetExitCode } from './main';
import { findPipelineObject, readTreeEnvironment } from './tree-environment';

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
  const tree = await readTreeEnvironment(options.cwd, options);
  const match = findPipelineObject(tree, options.pipeline);
  const graph = pipelineGraph(match.body, `${tree.out}/${match.file}`);
  write(options.format === 'dot' ? toDot(graph, options.pipeline) : toMermaid(graph));
  return 0;
}
