/**
 * What a run of a pipeline submits, step by step, after Argo's substitution. Values known only at run time hold
 * placeholders (see `placeholder.ts`); renderers show them as `<name>` and mask secrets.
 */

/**
 * Whether a step runs, on a run where every step that runs succeeds. `runs`; `skipped`: its `when` is false;
 * `omitted`: its `depends` rules it out; `maybe`: that depends on values known only at run time; `fails`: Argo
 * would fail it before it starts (a `when` that does not evaluate, a substitution that cannot be done).
 */
export type StepPhase = 'runs' | 'skipped' | 'omitted' | 'maybe' | 'fails';

/** The template types Argo runs as a step. */
export type StepType = 'container' | 'script' | 'resource' | 'containerSet' | 'suspend' | 'http' | 'plugin' | 'data' | 'dag' | 'steps';

/** One run of a template as a step of the workflow. */
export interface PreviewStep {
  /** The node's name below the workflow: `train`, `outer.inner`, `count(0:us)`, `onExit`. */
  readonly name: string;
  /** The template it runs (`name`, or `workflowtemplate/template` for a templateRef). */
  readonly template: string;
  readonly type: StepType;
  readonly phase: StepPhase;
  /** Why it is not `runs`: `when 'cloud == local' evaluated false`, ... */
  readonly reason?: string;
  /** Its `when`, after substitution, when it has one. */
  readonly when?: string;
  /** The steps it runs after, by name. */
  readonly after: readonly string[];
  /** Its item, for a step of an expanded loop; for a loop over a list known only at run time, the list. */
  readonly loop?: { readonly index?: number; readonly item?: unknown; readonly over?: string };
  /** Input parameter values. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The container it runs (`container`, and `script` with its `source`): image, command, args, env, ... */
  readonly container?: Readonly<Record<string, unknown>>;
  /** What a resource step submits. */
  readonly resource?: PreviewResource;
  /** True for the exit handler (`spec.onExit`). */
  readonly exitHandler?: boolean;
}

/** A resource step's action and manifest. */
export interface PreviewResource {
  readonly action: string;
  /** The objects of the manifest, parsed the way kubectl reads it (YAML 1.1). */
  readonly objects: readonly Readonly<Record<string, unknown>>[];
  /** The manifest text, when it is not YAML. */
  readonly text?: string;
  readonly successCondition?: string;
  readonly failureCondition?: string;
  readonly setOwnerReference?: boolean;
  readonly mergeStrategy?: string;
  readonly flags?: readonly string[];
}

/** A problem a run would hit: a manifest its schema rejects, a `when` that fails, an unknown variable. */
export interface PreviewProblem {
  /** The step, when it is one step's problem. */
  readonly step?: string;
  /** Where in the step: `manifest spec.tfReplicaSpecs.Worker.replicas`, `when`, `container.env[0].value`. */
  readonly path?: string;
  readonly message: string;
  readonly fix?: string;
  readonly severity: 'error' | 'warning';
}

/** A parameter of the run, as the run gets it. */
export interface RunParameter {
  readonly name: string;
  readonly value: string;
  /** `template`: the WorkflowTemplate's value (the pipeline's default or the environment's value); `override`: `--param`. */
  readonly source: 'template' | 'workflow' | 'override';
  readonly description?: string;
}

/** The Workflow a run creates. */
export interface RunWorkflow {
  /** Its name, when fixed; absent for a `generateName` run. */
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace: string;
  readonly entrypoint: string;
  readonly serviceAccountName?: string;
}

/** What a run of a pipeline in an environment would submit. */
export interface RunPreview {
  readonly pipeline: string;
  readonly env: string;
  /** The object previewed: the file it is in, kind and name. */
  readonly source: { readonly file: string; readonly kind: string; readonly name: string; readonly namespace?: string };
  readonly workflow: RunWorkflow;
  readonly parameters: readonly RunParameter[];
  /** Every step, in the order Argo's DAG lists them (and nested steps under their parent), the exit handler last. */
  readonly steps: readonly PreviewStep[];
  readonly problems: readonly PreviewProblem[];
  /** Objects of the environment that start runs of this pipeline: `CronWorkflow workflow1 (0 3 * * *)`. */
  readonly triggers: readonly string[];
}
