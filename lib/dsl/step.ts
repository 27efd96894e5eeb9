import type { ValueFrom as IValueFrom } from '../../imports/argo-workflows';
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { arrayOf, checkArguments, checkEach, DURATION, instanceOf, OptionalGuard, PropGuards, required, STRING } from '../guards';
import { toDnsLabel } from '../k8s-spec/names';
import { UserError } from '../user-error';
import { Condition } from './condition';
import { Depends, DEPENDS, DependsOperand, IDependable } from './depends';
import { InputArtifact } from './inputs';
import type { Loop } from './loop';
import { OutputParameter } from './outputs';
import { IOutputSource, IReferenceable } from './reference';
import { StepOutput } from './step-output';
import { ContinueOn, LifecycleHook, LifecycleHooks, TASK_OPTIONS_GUARDS, TaskOptions, WhenCondition } from './task-options';
import { Template, TEMPLATE_OPTIONS_GUARDS, TemplateOptions } from './template';
import { referencesOf, valuesIn } from './value';

/** Props every kind of step takes. */
export interface StepProps extends TemplateOptions, TaskOptions {
  /** The step's name in Argo (task and template name). @default - the construct id */
  readonly name?: string;
  /** Steps that must finish first (same as calling `after()`). @default - none besides data dependencies */
  readonly after?: readonly Step[];
  /**
   * When the step may start, on other steps' results (Argo `depends`), instead of after its dependencies succeed;
   * it must name every step whose outputs it reads. @default - after `after()` and data dependencies succeed
   */
  readonly depends?: DependsOperand;
  /** Fail the step when it runs longer than this (Argo `activeDeadlineSeconds`). @default - no limit */
  readonly timeout?: Duration;
}

/**
 * A unit of work in a pipeline (KFP `ContainerOp`): one template and one task of the pipeline's DAG, of the same
 * name. Every parameter, output and loop item its body uses becomes a template input fed by the task, the way the
 * KFP compiler wires them. Subclasses say what runs (a container, a script, a Kubernetes resource); this class holds
 * what every step has: ordering, conditions, loops, retries, outputs.
 */
export abstract class Step extends Template implements IOutputSource, IDependable {
  public readonly when?: WhenCondition;
  public readonly forEach?: Loop;
  public readonly continueOn?: ContinueOn;
  public readonly depends?: DependsOperand;
  private readonly explicitDependencies: Step[] = [];
  private readonly hookSet: LifecycleHooks;

  constructor(scope: Construct, id: string, props: StepProps) {
    const name = toDnsLabel(props.name ?? id);
    super(scope, id, { ...props, timeout: undefined, activeDeadline: props.timeout }, name);
    if (this.name === '') {
      throw new UserError(`[${this.node.path}] step name '${props.name ?? id}' has no letters or digits; `
        + `Argo task and template names are DNS-1123 labels: rename the step or set 'name'`);
    }
    this.when = props.when;
    this.forEach = props.forEach;
    this.continueOn = props.continueOn;
    this.hookSet = new LifecycleHooks(this.node.path, props.hooks);
    this.depends = props.depends;
    this.after(...(props.after ?? []));
  }

  /** Makes this step run after `steps` (KFP `op.after()`). Returns this step, for chaining. */
  after(...steps: Step[]): this {
    checkEach(this.node.path, steps, STEP, (i) => `after() argument ${i + 1}`);
    for (const step of steps) {
      if (step === this) throw new UserError(`[${this.node.path}] a step cannot run after itself`);
      if (!this.explicitDependencies.includes(step)) this.explicitDependencies.push(step);
    }
    return this;
  }

  /** Adds a lifecycle hook: `exit`, or a name with an `expression`; it may read this step's own outputs. */
  addHook(name: string, hook: LifecycleHook): this {
    this.hookSet.add(name, hook);
    return this;
  }

  /** The lifecycle hooks, by name. */
  get hooks(): Readonly<Record<string, LifecycleHook>> {
    return this.hookSet.all;
  }

  /** An output of this step, to pass to later steps; throws when the step declares no such output. */
  output(name: string): StepOutput {
    checkArguments(this.node.path, [['output() name', name, required(STRING)]]);
    if (!this.findOutput(name, 'parameters')) {
      const known = this.outputs.filter((o) => o.type === 'parameters').map((o) => o.name);
      throw new UserError(`[${this.node.path}] unknown output '${name}' (declared: ${known.length ? known.join(', ') : 'none'}; `
        + `declare it on the step first, e.g. fileOutputs: { '${name}': '/tmp/${name}' })`);
    }
    return new StepOutput(this, name);
  }

  /** An output artifact of this step, to pass to later steps' `inputArtifacts` as `from`. */
  outputArtifact(name: string): StepOutput {
    checkArguments(this.node.path, [['outputArtifact() name', name, required(STRING)]]);
    if (!this.findOutput(name, 'artifacts')) {
      const known = this.outputs.filter((o) => o.type === 'artifacts').map((o) => o.name);
      throw new UserError(`[${this.node.path}] unknown output artifact '${name}' (declared: ${known.length ? known.join(', ') : 'none'}; `
        + `declare it on the step first, e.g. outputArtifacts: { '${name}': { path: '/tmp/${name}' } })`);
    }
    return new StepOutput(this, name, 'artifact');
  }

  /** The step's standard output (`outputs.result`), for container and script steps. */
  get result(): StepOutput { return new StepOutput(this, 'result', 'result'); }
  /** The main container's exit code. */
  get exitCode(): StepOutput { return new StepOutput(this, 'exitCode', 'exitCode'); }
  /** The step's phase (`Succeeded`, `Failed`, ...). */
  get status(): StepOutput { return new StepOutput(this, 'status', 'status'); }

  /** Steps this step runs after: explicit `after()` ones and those whose outputs it reads, by name. */
  get dependencies(): Step[] {
    const deps = new Set<Step>(this.explicitDependencies);
    for (const ref of this.references()) {
      if (ref.reference.kind === 'output' && ref.reference.step instanceof Step) deps.add(ref.reference.step);
    }
    if (this.depends instanceof Depends) this.depends.tasks.forEach((t) => t instanceof Step && deps.add(t));
    else if (this.depends instanceof Step) deps.add(this.depends);
    deps.delete(this);
    return [...deps].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every reference the step uses: in its values, condition and loop. */
  references(): IReferenceable[] {
    const refs = this.templateValues().flatMap(referencesOf);
    // An input artifact taken `from` another step's output is passed by this step's task.
    for (const input of this.inputs) if (input instanceof InputArtifact && input.fields.from) refs.push(input.fields.from);
    if (this.when instanceof Condition) refs.push(...this.when.references);
    else if (this.when !== undefined) refs.push(...referencesOf(this.when));
    const loop = this.forEach?.source;
    if (loop?.kind === 'json') refs.push(...referencesOf(loop.list));
    if (loop?.kind === 'sequence') refs.push(...valuesIn(loop.sequence).flatMap(referencesOf));
    return refs;
  }

  /** Declares an output parameter and where Argo reads it from. */
  protected declareOutput(name: string, valueFrom: IValueFrom): void {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(name)) {
      throw new UserError(`[${this.node.path}] invalid output name '${name}' (use letters, digits, '-' and '_')`);
    }
    this.addOutput(new OutputParameter(name, { valueFrom }));
  }
}

const STEP: OptionalGuard = instanceOf(Step, 'a step of this pipeline');

/** The guards of {@link StepProps}, which every step takes. */
export const STEP_PROPS_GUARDS: PropGuards<StepProps> = {
  ...TEMPLATE_OPTIONS_GUARDS,
  ...TASK_OPTIONS_GUARDS,
  name: STRING,
  after: arrayOf(STEP, 'an array of steps (e.g. [prep, train])'),
  depends: DEPENDS,
  timeout: DURATION,
};
