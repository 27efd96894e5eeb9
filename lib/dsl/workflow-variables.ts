import { checkArguments, required, STRING } from '../guards';
import { IReferenceable, Reference } from './reference';

/** An Argo global variable, compiled to `{{<variable>}}` wherever it is used. */
export class WorkflowVariable implements IReferenceable {
  public readonly reference: Reference;
  /** @param variable the variable's name without braces, e.g. `workflow.name` */
  constructor(public readonly variable: string) {
    checkArguments('WorkflowVariable', [['variable', variable, required(STRING)]]);
    this.reference = { kind: 'global', variable };
  }
}

/**
 * Typed access to Argo's global variables, so user code never types `{{workflow.name}}` by hand.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/variables/#global
 */
export class WorkflowVariables {
  /** The run's name, e.g. `workflow1-x7k2p`; unique per run. */
  static readonly name = new WorkflowVariable('workflow.name');
  /** The run's UID. */
  static readonly uid = new WorkflowVariable('workflow.uid');
  /** The namespace the run executes in. */
  static readonly namespace = new WorkflowVariable('workflow.namespace');
  /** The service account the run's pods use. */
  static readonly serviceAccountName = new WorkflowVariable('workflow.serviceAccountName');
  /** When the run was created (RFC 3339). */
  static readonly creationTimestamp = new WorkflowVariable('workflow.creationTimestamp');
  /** The run's status (`Succeeded`, `Failed`, `Error`); meaningful only in the exit handler. */
  static readonly status = new WorkflowVariable('workflow.status');
  /** JSON list of failed nodes; meaningful only in the exit handler. */
  static readonly failures = new WorkflowVariable('workflow.failures');
  /** The run's duration in seconds; meaningful only in the exit handler. */
  static readonly duration = new WorkflowVariable('workflow.duration');
  /** The template the run started with (`workflow.mainEntrypoint`). */
  static readonly mainEntrypoint = new WorkflowVariable('workflow.mainEntrypoint');
  /** When a scheduled run was due (CronWorkflows). */
  static readonly scheduledTime = new WorkflowVariable('workflow.scheduledTime');
  /** The run's priority. */
  static readonly priority = new WorkflowVariable('workflow.priority');
  /** All the run's parameters, as a JSON object. */
  static readonly parameters = new WorkflowVariable('workflow.parameters');
  /** The run's labels, as a JSON object. */
  static readonly labels = new WorkflowVariable('workflow.labels');
  /** The run's annotations, as a JSON object. */
  static readonly annotations = new WorkflowVariable('workflow.annotations');
  /** The current pod's name (in container and script templates). */
  static readonly podName = new WorkflowVariable('pod.name');
  /** The current node's name. */
  static readonly nodeName = new WorkflowVariable('node.name');
  /** How many times the current template has been retried (with a retry strategy). */
  static readonly retries = new WorkflowVariable('retries');
  /** All of the current template's input parameters, as a JSON object. */
  static readonly inputParameters = new WorkflowVariable('inputs.parameters');

  /** One label of the run. */
  static label(key: string): WorkflowVariable { return named('label', 'key', key, 'workflow.labels'); }
  /** One annotation of the run. */
  static annotation(key: string): WorkflowVariable { return named('annotation', 'key', key, 'workflow.annotations'); }
  /**
   * A run parameter this pipeline does not declare, e.g. one a Workflow passes to the WorkflowTemplate whose templates
   * read it. Prefer the `Parameter` object where the pipeline declares it.
   */
  static parameter(name: string): WorkflowVariable { return named('parameter', 'name', name, 'workflow.parameters'); }
  /** A workflow output parameter, published by a template's `globalName`. */
  static outputParameter(name: string): WorkflowVariable { return named('outputParameter', 'name', name, 'workflow.outputs.parameters'); }
  /** A workflow output artifact, published by a template's `globalName`. */
  static outputArtifact(name: string): WorkflowVariable { return named('outputArtifact', 'name', name, 'workflow.outputs.artifacts'); }

  private constructor() {}
}

// The variable `prefix.<value>`, after checking that the argument `arg` of WorkflowVariables.<method> is a string.
function named(method: string, arg: string, value: string, prefix: string): WorkflowVariable {
  checkArguments(`WorkflowVariables.${method}`, [[arg, value, required(STRING)]]);
  return new WorkflowVariable(`${prefix}.${value}`);
}
