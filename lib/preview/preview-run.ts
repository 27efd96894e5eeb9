import type { ParameterSchema } from '../params';
import type { SchemaCheck } from './manifest-checks';
import { ParameterOverride, runParameters } from './run-parameters';
import { RunPreview } from './run-preview';
import { globalVariables } from '../argo-spec/global-variables';
import { RunWalker } from './run-walker';

type Obj = Record<string, unknown>;

/** What to preview: a pipeline object of a synthesized tree, as the CLI or the diff found it. */
export interface PreviewInput {
  /** The pipeline's name (label `kfops.dev/pipeline`). */
  readonly pipeline: string;
  /** The environment (folder of the tree). */
  readonly env: string;
  /** The object previewed. */
  readonly source: RunPreview['source'];
  /**
   * The Workflow the run creates: a fixed `name`, or a `generateName` (`argo submit --from workflowtemplate/x`
   * generates `x-` plus 5 characters), its namespace, labels and annotations.
   */
  readonly run: {
    readonly name?: string;
    readonly generateName?: string;
    readonly namespace: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /** The run's own workflow spec: a WorkflowTemplate's `spec`, or a Workflow's (a CronWorkflow's `workflowSpec`). */
  readonly spec: Obj;
  /** The spec of the WorkflowTemplate that `spec.workflowTemplateRef` names, merged under `spec`. @default - none */
  readonly templateSpec?: Obj;
  /** The spec of the WorkflowTemplate (or ClusterWorkflowTemplate) a `templateRef` names. @default - none found */
  readonly lookup?: (name: string, clusterScope: boolean) => Obj | undefined;
  /** `--param` overrides. @default - none */
  readonly overrides?: readonly ParameterOverride[];
  /** The `kfops.dev/parameter-schema` of the pipeline, to check overrides. @default - only Argo's `enum` is checked */
  readonly parameterSchema?: ParameterSchema;
  /** Schemas to check resource manifests and containers against after substitution. @default - not checked */
  readonly schemas?: SchemaCheck;
  /** Objects that start runs of the pipeline, for the report. @default - none */
  readonly triggers?: readonly string[];
}

/**
 * What a run of a pipeline would submit, with Argo's substitution done the way the controller does it: the
 * parameters (template values, then the Workflow's, then `--param` overrides), every step with its resolved image,
 * command, args and env, the resolved manifests of resource steps (checked against their schemas), `when`
 * conditions decided where they read only parameters, literal loops expanded, and run-time values as placeholders.
 *
 * @throws UserError (exit 1) for bad overrides (unknown, wrong type, out of range, not in the enum)
 */
export function previewRun(input: PreviewInput): RunPreview {
  const { workflowTemplateRef: _ref, arguments: ownArguments, ...own } = input.spec;
  const spec: Obj = { ...(input.templateSpec ?? {}), ...own };
  const where = `pipeline ${input.pipeline} (${input.source.file})`;
  const { parameters, arguments: args } = runParameters(
    parametersOf(input.templateSpec?.arguments ?? (input.templateSpec ? undefined : ownArguments)),
    input.templateSpec ? parametersOf(ownArguments) : [],
    input.overrides ?? [], input.parameterSchema, where,
  );
  spec.arguments = { ...(isRecord(ownArguments) ? ownArguments : {}), parameters: args };
  const globals = globalVariables(spec, { name: input.run.name, namespace: input.run.namespace, labels: input.run.labels ?? {}, annotations: input.run.annotations ?? {} }, args);
  const walker = new RunWalker({ spec, globals, workflowName: input.run.name, lookup: input.lookup, schemas: input.schemas });
  walker.walk();
  return {
    pipeline: input.pipeline,
    env: input.env,
    source: input.source,
    workflow: {
      ...(input.run.name !== undefined && { name: input.run.name }),
      ...(input.run.name === undefined && input.run.generateName !== undefined && { generateName: input.run.generateName }),
      namespace: input.run.namespace,
      entrypoint: typeof spec.entrypoint === 'string' ? spec.entrypoint : '',
      ...(typeof spec.serviceAccountName === 'string' && { serviceAccountName: spec.serviceAccountName }),
    },
    parameters,
    steps: walker.steps,
    problems: walker.problems,
    triggers: input.triggers ?? [],
  };
}

function parametersOf(args: unknown): Obj[] {
  return isRecord(args) && Array.isArray(args.parameters) ? args.parameters.filter(isRecord) : [];
}


function isRecord(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
