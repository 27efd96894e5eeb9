import { Construct, IConstruct } from 'constructs';
import { fieldNameProblem } from '../argo-spec/names';
import { BOOLEAN, checkArguments, PropGuards, required, STRING } from '../guards';
import { UserError } from '../user-error';
import { Condition } from './condition';
import type { IDependable } from './depends';
import { InputParameter } from './inputs';
import type { Loop } from './loop';
import { IOutputSource, IReferenceable, isReferenceable, OutputKind } from './reference';
import { StepOutput } from './step-output';
import {
  Arguments, ARGUMENTS, ContinueOn, LifecycleHook, LifecycleHooks, TASK_OPTIONS_GUARDS, TaskOptions, TEMPLATE_OR_REF, WhenCondition,
} from './task-options';
import { Template, TEMPLATE } from './template';
import { TemplateRef } from './template-ref';
import { referencesOf, valuesIn } from './value';

/** Marks the constructs that hold invocations: a DAG template holds tasks, a steps template holds steps. */
export const INVOCATION_SCOPE = Symbol.for('kfops.InvocationScope');

/** Props every call of a template takes, in a DAG (`DagTask`) or in steps (`WorkflowStep`). */
export interface InvocationProps extends TaskOptions {
  /** The template to run: a template of this pipeline, or another WorkflowTemplate's through {@link TemplateRef}. */
  readonly template: Template | TemplateRef;
  /** The name in Argo. @default - the construct id */
  readonly name?: string;
  /** Values of the template's inputs. @default - none */
  readonly arguments?: Arguments;
  /** Embed the template in the call (Argo `inline`) instead of naming it; it then needs no name of its own. @default false */
  readonly inline?: boolean;
  /** A template run when this call ends, whatever the outcome (Argo's call-level `onExit`). @default - none */
  readonly onExit?: Template;
}

/**
 * A call of a template inside a DAG or steps template, with arguments; the base of {@link DagTask} and
 * {@link WorkflowStep}. Its outputs are read with `output()`, `outputArtifact()`, `result`, `exitCode` and
 * `status`, which wire the reference and the dependency.
 */
export abstract class Invocation extends Construct implements IOutputSource, IDependable {
  /** The name in Argo. */
  public readonly name: string;
  public readonly template: Template | TemplateRef;
  public readonly arguments: Arguments;
  public readonly inline: boolean;
  public readonly when?: WhenCondition;
  public readonly forEach?: Loop;
  public readonly continueOn?: ContinueOn;
  public readonly onExit?: Template;
  private readonly hookSet: LifecycleHooks;

  constructor(scope: Construct, id: string, props: InvocationProps, what: 'DagTemplate' | 'StepsTemplate') {
    super(scope, id);
    if ((scope as unknown as Record<symbol, string>)[INVOCATION_SCOPE] !== what) {
      throw new UserError(`[${this.node.path}] a ${what === 'DagTemplate' ? 'DagTask' : 'WorkflowStep'} must be created in a ${what}; pass the ${what} as scope`);
    }
    this.name = props.name ?? id;
    const problem = fieldNameProblem(this.name);
    if (problem) throw new UserError(`[${this.node.path}] name '${this.name}' ${problem}; set 'name'`);
    this.template = props.template;
    this.arguments = props.arguments ?? {};
    this.inline = props.inline ?? false;
    this.when = props.when;
    this.forEach = props.forEach;
    this.continueOn = props.continueOn;
    this.hookSet = new LifecycleHooks(this.node.path, props.hooks);
    this.onExit = props.onExit;
    // Arguments written through the escape hatch are passed as they are, unchecked.
    if ((props as { extraFields?: { arguments?: unknown } }).extraFields?.arguments === undefined) this.checkArguments();
  }

  /**
   * Adds a lifecycle hook: `exit`, or a name with an `expression`. A hook may read this call's own outputs, which
   * exist only once the call does.
   */
  addHook(name: string, hook: LifecycleHook): this {
    this.hookSet.add(name, hook);
    return this;
  }

  /** The lifecycle hooks, by name. */
  get hooks(): Readonly<Record<string, LifecycleHook>> {
    return this.hookSet.all;
  }

  /** An output parameter of the called template; throws when the template (if known) declares none of that name. */
  output(name: string): StepOutput {
    return this.outputOf(name, 'parameter');
  }

  /** An output artifact of the called template, to pass as another call's artifact argument. */
  outputArtifact(name: string): StepOutput {
    return this.outputOf(name, 'artifact');
  }

  /** The container's standard output (`outputs.result`), for container and script templates. */
  get result(): StepOutput { return new StepOutput(this, 'result', 'result'); }
  /** The main container's exit code. */
  get exitCode(): StepOutput { return new StepOutput(this, 'exitCode', 'exitCode'); }
  /** The node's phase (`Succeeded`, `Failed`, ...). */
  get status(): StepOutput { return new StepOutput(this, 'status', 'status'); }
  /** The pod's IP, e.g. of a daemon. */
  get ip(): StepOutput { return new StepOutput(this, 'ip', 'ip'); }
  /** The node's id. */
  get id(): StepOutput { return new StepOutput(this, 'id', 'id'); }
  /** When the node started (RFC 3339). */
  get startedAt(): StepOutput { return new StepOutput(this, 'startedAt', 'startedAt'); }
  /** When the node finished (RFC 3339). */
  get finishedAt(): StepOutput { return new StepOutput(this, 'finishedAt', 'finishedAt'); }
  /** The node the pod ran on. */
  get hostNodeName(): StepOutput { return new StepOutput(this, 'hostNodeName', 'hostNodeName'); }
  /** All output parameters as a JSON object (or, for a loop, a JSON list of them). */
  get outputParameters(): StepOutput { return new StepOutput(this, 'parameters', 'parameters'); }

  /** The template, when it is a construct of this app. */
  get knownTemplate(): Template | undefined {
    return this.template instanceof TemplateRef ? this.template.template : this.template;
  }

  /** Every reference the call uses: in arguments, condition, loop and hooks. */
  references(): IReferenceable[] {
    const refs: IReferenceable[] = [];
    for (const v of Object.values(this.arguments.parameters ?? {})) refs.push(...referencesOf(v));
    for (const a of Object.values(this.arguments.artifacts ?? {})) {
      if (isReferenceable(a)) refs.push(a);
      else refs.push(...valuesIn(a).flatMap(referencesOf), ...(a.from ? [a.from] : []));
    }
    if (this.when instanceof Condition) refs.push(...this.when.references);
    else if (this.when !== undefined) refs.push(...referencesOf(this.when));
    const loop = this.forEach?.source;
    if (loop?.kind === 'json') refs.push(...referencesOf(loop.list));
    if (loop?.kind === 'sequence') refs.push(...valuesIn(loop.sequence).flatMap(referencesOf));
    return refs;
  }

  private outputOf(name: string, of: OutputKind): StepOutput {
    checkArguments(this.node.path, [[`${of === 'parameter' ? 'output' : 'outputArtifact'}() name`, name, required(STRING)]]);
    const known = this.knownTemplate;
    const type = of === 'parameter' ? 'parameters' : 'artifacts';
    if (known && !known.outputsMayGrow && !known.findOutput(name, type)) {
      const declared = known.outputs.filter((o) => o.type === type).map((o) => o.name);
      throw new UserError(`[${this.node.path}] template '${known.name}' has no output ${of} '${name}' `
        + `(declared: ${declared.join(', ') || 'none'}); declare it in the template's outputs`);
    }
    return new StepOutput(this, name, of);
  }

  private checkArguments(): void {
    const known = this.knownTemplate;
    if (!known) return;
    for (const [type, given] of [['parameters', this.arguments.parameters], ['artifacts', this.arguments.artifacts]] as const) {
      const declared = known.inputs.filter((i) => i.type === type).map((i) => i.name);
      const unknown = Object.keys(given ?? {}).find((n) => !declared.includes(n));
      if (unknown !== undefined) {
        throw new UserError(`[${this.node.path}] template '${known.name}' has no input ${type.slice(0, -1)} '${unknown}' `
          + `(inputs: ${declared.join(', ') || 'none'}); fix the argument's name or declare the input`);
      }
    }
    const missing = known.inputs.find((i) => i instanceof InputParameter && i.default === undefined && i.value === undefined
      && i.valueFrom === undefined && !(i.name in (this.arguments.parameters ?? {})));
    if (missing) {
      throw new UserError(`[${this.node.path}] template '${known.name}' needs input parameter '${missing.name}', which is not given; `
        + `pass it in arguments.parameters, or give the input a default`);
    }
  }
}

/** Marks `scope` as holding invocations of kind `what`. */
export function markInvocationScope(scope: IConstruct, what: 'DagTemplate' | 'StepsTemplate'): void {
  Object.defineProperty(scope, INVOCATION_SCOPE, { value: what });
}

/** The guards of {@link InvocationProps}, which every call takes. */
export const INVOCATION_GUARDS: PropGuards<InvocationProps> = {
  ...TASK_OPTIONS_GUARDS,
  template: required(TEMPLATE_OR_REF),
  name: STRING,
  arguments: ARGUMENTS,
  inline: BOOLEAN,
  onExit: TEMPLATE,
};
