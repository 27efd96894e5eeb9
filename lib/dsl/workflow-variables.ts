import { IReferenceable, Reference } from './reference';

/** An Argo global variable, compiled to `{{<variable>}}` wherever it is used. */
export class WorkflowVariable implements IReferenceable {
  public readonly reference: Reference;
  /** @param variable the variable's name without braces, e.g. `workflow.name` */
  constructor(public readonly variable: string) {
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

  private constructor() {}
}
