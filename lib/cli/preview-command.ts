// Type-only: the command function is called directly by tests and the library, without commander.
import type { Command } from 'commander';
import { previewInput } from '../diff/pipeline-run';
import { parseParamFlags, previewRun, renderPreviewJson, renderPreviewText, renderPreviewYaml, RunPreview } from '../preview';
import { SchemaRegistry } from '../validate/schema';
import type { SetExitCode } from './main';
import { findPipelineObject, readTreeEnvironment } from './tree-environment';

/** Output formats of `kfops preview`. */
export type PreviewFormat = 'text' | 'yaml' | 'json';

/** Options of {@link previewCommand}: the CLI argument and flags, plus what tests inject. */
export interface PreviewCommandOptions {
  /** Project root, where `cdk8s.yaml` is. */
  readonly cwd: string;
  /** The pipeline: label `kfops.dev/pipeline` of its WorkflowTemplate, else its name. */
  readonly pipeline: string;
  /** `--env`. @default - the only environment, else 'dev' */
  readonly env?: string;
  /** `--param NAME=VALUE`, repeatable. @default - none */
  readonly param?: readonly string[];
  /** `--out`: synthesized tree to read. @default - `output` of cdk8s.yaml, else 'dist' */
  readonly out?: string;
  /** `--format`. @default 'text' */
  readonly format?: PreviewFormat;
  /** Color the text format. @default - when stdout is a TTY and NO_COLOR is not set */
  readonly color?: boolean;
  /** Where the preview goes. @default process.stdout */
  readonly write?: (text: string) => void;
}

const HELP_AFTER = `
Reads the synthesized tree (run \`npx kfops synth\` first) and shows what a run of the pipeline in the environment
would submit, as \`argo submit --from workflowtemplate/<pipeline>\` would: the parameters (the environment's
values, which synth put in the WorkflowTemplate, then --param overrides, checked against the pipeline's parameter
schema), and every step with Argo's substitution done as the controller does it: image, command, args, env, the
manifests of resource steps (checked against their schemas), \`when\` conditions decided where they read only
parameters, loops over literal lists expanded. Values known only at run time show as <placeholders>
(<workflow.name>, <tasks.train.outputs.parameters.job-name>, <expr: ...>). Secrets are masked as in kfops diff.

Exit codes:
  0  previewed, no problems
  1  a bad --param (unknown, wrong type, out of range, not in the enum), or the run would fail: a manifest its
     schema rejects after substitution, a \`when\` that does not evaluate, an unknown variable
  2  unknown pipeline or environment (the known ones are listed), no synthesized tree, bad flags

Examples:
  npx kfops preview workflow1 --env prod
  npx kfops preview workflow1 --env prod --param train-steps=12345 --format yaml`;

const collect = (value: string, previous: string[]) => [...previous, value];

/** Registers `kfops preview`. */
export function registerPreview(program: Command, setExit: SetExitCode): void {
  program
    .command('preview')
    .description('show what a run of a pipeline would submit: parameters, steps, resolved args and manifests')
    .argument('<pipeline>', 'pipeline name (label kfops.dev/pipeline, else the WorkflowTemplate name)')
    .option('--env <env>', 'environment folder to read (default: the only one, else dev)')
    .option('--param <name=value>', 'override a parameter for this run (repeatable)', collect, [])
    .option('--out <dir>', 'synthesized tree (default: output of cdk8s.yaml, else dist)')
    .addOption(program.createOption('--format <format>', 'output format').choices(['text', 'yaml', 'json']).default('text'))
    .addHelpText('after', HELP_AFTER)
    .action(async (pipeline: string, flags: Omit<PreviewCommandOptions, 'cwd' | 'pipeline'>) => {
      setExit(await previewCommand({ ...flags, pipeline, cwd: process.cwd() }));
    });
}

/**
 * `kfops preview`: previews a run of the pipeline and prints it. Resolves to 0, or 1 when the run would hit a
 * problem; a bad `--param` throws a UserError with exit code 1, an unknown pipeline or environment one with 2.
 */
export async function previewCommand(options: PreviewCommandOptions): Promise<number> {
  const overrides = parseParamFlags(options.param ?? []);
  const tree = await readTreeEnvironment(options.cwd, options);
  const object = findPipelineObject(tree, options.pipeline);
  const schemas = await SchemaRegistry.load({ cwd: options.cwd });
  const preview = previewRun({ ...previewInput(object, { env: () => tree.objects, all: tree.all }, `${tree.out}/${object.file}`, true), overrides, schemas });
  const write = options.write ?? ((text: string) => { process.stdout.write(text); });
  write(render(preview, options));
  return preview.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function render(preview: RunPreview, options: PreviewCommandOptions): string {
  switch (options.format ?? 'text') {
    case 'json': return renderPreviewJson(preview);
    case 'yaml': return renderPreviewYaml(preview);
    default: return renderPreviewText(preview, { color: options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR) });
  }
}
