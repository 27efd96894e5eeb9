import { finishTags, substituteParams, SubstitutionError } from '../argo-spec/substitute';
import { scanTags } from '../argo-spec/variables';
import { DependsError, dependsOutcomes, DependsLogic, taskDependsLogic, TaskPhase } from './depends-outcomes';
import { expandLoop } from './loop-items';
import { checkContainer, previewResource, SchemaCheck } from './manifest-checks';
import { PreviewProblem, PreviewStep, StepPhase, StepType } from './run-preview';
import { decideWhen, WhenOutcome } from './step-condition';
import { unknownVariablesProblem } from './unknown-variables';
import { MAX_DEPTH, MAX_NODES } from './walk-limits';
import { own, setOwn } from '../own';

type Obj = Record<string, unknown>;

/** The templates a name resolves against: the workflow's, or those of the WorkflowTemplate a `templateRef` entered. */
interface TemplateScope {
  readonly templates: ReadonlyMap<string, Obj>;
  /** the WorkflowTemplate's name, for a scope entered through a `templateRef` */
  readonly owner?: string;
}

/** What the walker knows of a node before running its template. */
interface NodeContext {
  /** the node's name below the workflow: `train`, `outer.inner`; '' for the entrypoint */
  readonly name: string;
  /** the name of the node it is a child of ('' at the top) */
  readonly prefix?: string;
  readonly phase: StepPhase;
  readonly reason?: string;
  readonly when?: string;
  readonly after: readonly string[];
  readonly loop?: PreviewStep['loop'];
  readonly exitHandler?: boolean;
  /** `tasks` for a DAG task, `steps` for a step: sets `{{tasks.name}}` / `{{steps.name}}` */
  readonly kind?: 'tasks' | 'steps';
  /** the task's own name, as `{{tasks.name}}` gives it */
  readonly ownName?: string;
}

/** What the walker needs from the run. */
export interface WalkerOptions {
  /** the run's workflow spec, its WorkflowTemplate merged in */
  readonly spec: Obj;
  /** the run's global variables */
  readonly globals: ReadonlyMap<string, string>;
  /** the Workflow's name when fixed, for `{{node.name}}` */
  readonly workflowName?: string;
  /** the spec of a WorkflowTemplate (or ClusterWorkflowTemplate) a `templateRef` names */
  readonly lookup?: (name: string, clusterScope: boolean) => Obj | undefined;
  readonly schemas?: SchemaCheck;
}


const TEMPLATE_TYPES: readonly StepType[] = ['container', 'script', 'resource', 'containerSet', 'suspend', 'http', 'plugin', 'data', 'dag', 'steps'];

/**
 * Walks a workflow the way the controller runs it, from the entrypoint through DAGs and steps down to the
 * templates that run pods or submit resources, substituting as it goes (`executeTemplate`, `ProcessArgs`,
 * `SubstituteParams`, `executeDAG`, `executeSteps`), and records every step with what it would run.
 */
export class RunWalker {
  readonly steps: PreviewStep[] = [];
  readonly problems: PreviewProblem[] = [];
  private readonly root: TemplateScope;
  /** nodes walked so far ({@link MAX_NODES}) */
  private nodes = 0;
  /** nodes past {@link MAX_DEPTH} so far */
  private tooDeep = 0;

  constructor(private readonly options: WalkerOptions) {
    this.root = { templates: templatesOf(options.spec) };
  }

  /** Runs the entrypoint, then the exit handler. */
  walk(): void {
    const { spec } = this.options;
    const entry = typeof spec.entrypoint === 'string' ? spec.entrypoint : '';
    this.runTemplate({ template: entry }, {}, { name: '', phase: 'runs', after: [] }, this.root, 0);
    if (typeof spec.onExit === 'string' && spec.onExit !== '') {
      const topLevel = this.steps.filter((s) => !s.name.includes('.')).map((s) => s.name);
      this.runTemplate({ template: spec.onExit }, {}, { name: 'onExit', phase: 'runs', after: topLevel, exitHandler: true }, this.root, 0);
    }
  }

  /**
   * Runs a template as a node: resolves it, gives it its inputs, substitutes, then walks its DAG or steps or
   * records it as a step.
   *
   * @returns the phases the node may end in, for the steps that depend on it
   */
  private runTemplate(holder: Obj, args: Obj, node: NodeContext, scope: TemplateScope, depth: number): Set<TaskPhase> {
    const resolved = this.resolve(holder, scope);
    if (typeof resolved === 'string') return this.fail(node, templateLabel(holder), 'container', resolved);
    const { template, scope: inner } = resolved;
    const label = templateLabel(holder);
    if (depth > MAX_DEPTH) {
      const reason = `templates call each other more than ${MAX_DEPTH} deep`;
      // Each branch of a recursion gets there: the problem is told once, each node still shows it failed.
      if (this.tooDeep++ === 0) return this.fail(node, label, typeOf(template), reason);
      this.recordOnly({ ...node, phase: 'fails', reason }, label, typeOf(template));
      return new Set(['Errored']);
    }
    if (++this.nodes > MAX_NODES) {
      if (this.nodes === MAX_NODES + 1) this.fail(node, label, typeOf(template), `the run has more than ${MAX_NODES} nodes, so the preview stops here`, 'preview a smaller run (fewer loop items or recursion levels)');
      return new Set(['Errored']);
    }
    let substituted: Obj;
    try {
      substituted = this.substituteTemplate(this.withDefaults(template), args, node);
    } catch (err) {
      if (!(err instanceof SubstitutionError)) throw err;
      return this.fail(node, label, typeOf(template), err.message);
    }
    if (isRecord(substituted.dag) && Array.isArray(substituted.dag.tasks)) {
      return this.walkDag(substituted.dag.tasks.filter(isRecord), node, inner, depth);
    }
    if (Array.isArray(substituted.steps)) return this.walkSteps(substituted.steps, node, inner, depth);
    this.record(node, label, substituted);
    return new Set(['Succeeded']);
  }

  private resolve(holder: Obj, scope: TemplateScope): { template: Obj; scope: TemplateScope } | string {
    if (isRecord(holder.inline)) return { template: holder.inline, scope };
    if (isRecord(holder.templateRef)) {
      const ref = holder.templateRef;
      const name = String(ref.name ?? '');
      const spec = this.options.lookup?.(name, ref.clusterScope === true);
      if (!spec) return `templateRef ${name}/${String(ref.template)}: no ${ref.clusterScope === true ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'} named '${name}' in this environment`;
      const templates = templatesOf(spec);
      const template = templates.get(String(ref.template));
      if (!template) return `templateRef ${name}/${String(ref.template)}: WorkflowTemplate '${name}' has no template '${String(ref.template)}'`;
      return { template, scope: { templates, owner: name } };
    }
    const name = String(holder.template ?? '');
    const template = scope.templates.get(name);
    if (!template) return `template '${name}' not found${scope.owner ? ` in WorkflowTemplate '${scope.owner}'` : ''}`;
    return { template, scope };
  }

  /** `spec.templateDefaults` under the template's own fields (maps merged, everything else the template's). */
  private withDefaults(template: Obj): Obj {
    const defaults = this.options.spec.templateDefaults;
    return isRecord(defaults) ? deepMerge(defaults, template) as Obj : template;
  }

  /**
   * Inputs from arguments, then `value`, then `default` (`ProcessArgs`; an input without any fails the node),
   * then the two passes of `SubstituteParams` with the globals and the node's own variables.
   */
  private substituteTemplate(template: Obj, args: Obj, node: NodeContext): Obj {
    const inputs = isRecord(template.inputs) ? template.inputs : {};
    const given = new Map(records(isRecord(args) ? args.parameters : undefined).map((p) => [String(p.name), p]));
    const parameters = records(inputs.parameters).map((p) => {
      const arg = given.get(String(p.name));
      const value = arg?.value ?? p.value ?? p.default;
      if (value === undefined || value === null) {
        if (p.valueFrom !== undefined) return p;
        throw new SubstitutionError(`inputs.parameters.${String(p.name)} was not supplied`);
      }
      return { ...p, value: String(value) };
    });
    const locals = new Map(this.options.globals);
    if (node.kind) locals.set(`${node.kind}.name`, node.ownName ?? node.name);
    if (this.options.workflowName !== undefined) locals.set('node.name', join(this.options.workflowName, node.name));
    return substituteParams({ ...template, inputs: { ...inputs, parameters } }, locals);
  }

  private walkDag(tasks: Obj[], parent: NodeContext, scope: TemplateScope, depth: number): Set<TaskPhase> {
    const phases = new Map<string, ReadonlySet<TaskPhase>>();
    const continueOn = new Map(tasks.map((t) => [String(t.name), continuesOn(t)]));
    const logic = new Map<string, DependsLogic | undefined | DependsError>();
    for (const task of tasks) {
      try {
        logic.set(String(task.name), taskDependsLogic(task));
      } catch (err) {
        if (!(err instanceof DependsError)) throw err;
        logic.set(String(task.name), err);
      }
    }
    const { ordered, cyclic } = topological(tasks, logic);
    for (const task of ordered) {
      const name = String(task.name);
      const depends = logic.get(name);
      const base = this.child(parent, name, 'tasks');
      if (depends instanceof DependsError) {
        phases.set(name, this.fail(base, templateLabel(task), this.typeOfTask(task, scope), depends.message));
        continue;
      }
      if (cyclic.has(name)) {
        phases.set(name, this.fail(base, templateLabel(task), this.typeOfTask(task, scope),
          `tasks ${[...cyclic].join(', ')} cannot be ordered: their dependencies form a cycle, so Argo refuses the run ("dependency cycle detected")`,
          'remove one of the dependencies that close the cycle'));
        continue;
      }
      const after = (depends?.tasks ?? []).map((t) => join(parent.name, t));
      const outcomes = depends ? dependsOutcomes(depends, phases, continueOn) : new Set([true]);
      if (!outcomes.has(true)) {
        const reason = `depends '${depends?.text ?? ''}' does not hold on a run where every step that runs succeeds`;
        this.recordOnly({ ...base, phase: 'omitted', reason, after }, templateLabel(task), this.typeOfTask(task, scope));
        phases.set(name, new Set(['Omitted']));
        continue;
      }
      const node: NodeContext = outcomes.has(false)
        ? { ...base, after, phase: 'maybe', reason: `depends '${depends?.text ?? ''}' may not hold, depending on how ${after.join(', ')} end` }
        : { ...base, after };
      const ended = this.runTask(task, node, scope, depth);
      phases.set(name, outcomes.has(false) ? new Set([...ended, 'Omitted']) : ended);
    }
    return new Set(['Succeeded']);
  }

  private walkSteps(groups: unknown[], parent: NodeContext, scope: TemplateScope, depth: number): Set<TaskPhase> {
    let previous: string[] = [];
    for (const group of groups) {
      const steps = (Array.isArray(group) ? group : [group]).filter(isRecord);
      const names = steps.map((s) => join(parent.name, String(s.name)));
      for (const step of steps) this.runTask(step, { ...this.child(parent, String(step.name), 'steps'), after: previous }, scope, depth);
      previous = names;
    }
    return new Set(['Succeeded']);
  }

  /** A task or step of `parent`, which runs only if its parent does. */
  private child(parent: NodeContext, name: string, kind: 'tasks' | 'steps'): NodeContext {
    return {
      name: join(parent.name, name), prefix: parent.name, ownName: name, kind, after: [], phase: parent.phase,
      ...(parent.phase === 'maybe' && { reason: `it is part of ${parent.name}, which may not run: ${parent.reason ?? ''}` }),
    };
  }

  /** A DAG task or step: its `when`, its loop, then its template once per item. */
  private runTask(task: Obj, node: NodeContext, scope: TemplateScope, depth: number): Set<TaskPhase> {
    try {
      return this.expandTask(task, node, scope, depth);
    } catch (err) {
      // A loop item or parameter value that left a `{{` without `}}`, or a control character, behind.
      if (!(err instanceof SubstitutionError)) throw err;
      return this.fail(node, templateLabel(task), this.typeOfTask(task, scope), err.message);
    }
  }

  private expandTask(task: Obj, node: NodeContext, scope: TemplateScope, depth: number): Set<TaskPhase> {
    const label = templateLabel(task);
    const type = this.typeOfTask(task, scope);
    // A loop over a variable Argo does not know is no run-time loop: the run is refused before anything starts.
    // (An unknown variable in `when` is decideWhen's to find.)
    const { unknown } = finishTags({ withParam: task.withParam, withSequence: task.withSequence });
    if (unknown.length > 0) {
      const { reason, fix } = unknownVariablesProblem(unknown);
      return this.fail(node, label, type, reason, fix);
    }
    // A `when` that reads the loop item is decided per item; any other before the loop expands, as Argo does.
    if (!(typeof task.when === 'string' && scanTags(task.when).tags.some((t) => t.name === 'item' || t.name.startsWith('item.')))) {
      const early = decideWhen(task.when);
      if (early.phase === 'skipped' || early.phase === 'fails') return this.decided(node, label, type, early);
    }
    const loop = expandLoop(task);
    switch (loop.kind) {
      case 'none':
        return this.runDecided(task, node, scope, depth, decideWhen(task.when));
      case 'error':
        return this.fail(node, label, type, loop.message);
      case 'runtime':
        return this.runDecided(task, { ...node, loop: { over: finishTags(loop.over).value } }, scope, depth, decideWhen(task.when));
      default: {
        if (loop.tasks.length === 0) return this.decided(node, label, type, { phase: 'skipped', reason: 'Skipped, empty params' });
        const ended = new Set<TaskPhase>();
        for (const t of loop.tasks) {
          const itemNode: NodeContext = { ...node, name: join(node.prefix ?? '', t.name), ownName: t.name, loop: { index: t.index, item: t.item } };
          for (const phase of this.runDecided(t.task, itemNode, scope, depth, decideWhen(t.task.when))) ended.add(phase);
        }
        return ended;
      }
    }
  }

  private runDecided(task: Obj, node: NodeContext, scope: TemplateScope, depth: number, when: WhenOutcome): Set<TaskPhase> {
    if (when.phase === 'skipped' || when.phase === 'fails') return this.decided(node, templateLabel(task), this.typeOfTask(task, scope), when);
    const decided: NodeContext = {
      ...node, phase: combine(node.phase, when.phase), ...(when.when !== undefined && { when: when.when }),
      ...((when.reason ?? node.reason) !== undefined && { reason: when.reason ?? node.reason }),
    };
    const ended = this.runTemplate(task, isRecord(task.arguments) ? task.arguments : {}, decided, scope, depth + 1);
    return when.phase === 'maybe' ? new Set([...ended, 'Skipped']) : ended;
  }

  /** A step that does not run its template: skipped by `when`, or failed before it starts. */
  private decided(node: NodeContext, label: string, type: StepType, when: WhenOutcome): Set<TaskPhase> {
    if (when.phase === 'fails') return this.fail({ ...node, ...(when.when !== undefined && { when: when.when }) }, label, type, when.reason ?? 'fails', when.fix);
    this.recordOnly({ ...node, phase: 'skipped', reason: when.reason, ...(when.when !== undefined && { when: when.when }) }, label, type);
    return new Set(['Skipped']);
  }

  private fail(node: NodeContext, label: string, type: StepType, reason: string, fix?: string): Set<TaskPhase> {
    this.recordOnly({ ...node, phase: 'fails', reason }, label, type);
    this.problems.push({ step: node.name, severity: 'error', message: reason, ...(fix !== undefined && { fix }) });
    return new Set(['Errored']);
  }

  private recordOnly(node: NodeContext, label: string, type: StepType): void {
    this.steps.push(stepOf(node, label, type, {}));
  }

  /**
   * A template that runs: what it runs, with run-time values as placeholders. A variable Argo does not know fails
   * the step (and the run, which the controller refuses at submission); the step still shows what it would run.
   */
  private record(node: NodeContext, label: string, template: Obj): void {
    const { value, unknown } = finishTags(template);
    const problem = unknown.length > 0 ? unknownVariablesProblem(unknown) : undefined;
    if (problem) this.problems.push({ step: node.name, severity: 'error', message: problem.reason, fix: problem.fix });
    const type = typeOf(value);
    const inputs = Object.fromEntries(records(isRecord(value.inputs) ? value.inputs.parameters : undefined)
      .filter((p) => p.value !== undefined).map((p) => [String(p.name), String(p.value)]));
    const step: { -readonly [K in keyof PreviewStep]: PreviewStep[K] } = stepOf(problem ? { ...node, phase: 'fails', reason: problem.reason } : node, label, type, inputs);
    const container = type === 'container' ? value.container : type === 'script' ? value.script : type === 'containerSet' ? value.containerSet : undefined;
    if (isRecord(container)) {
      step.container = container;
      if (type !== 'containerSet') checkContainer(node.name, container, this.options.schemas, this.problems);
    }
    if (type === 'resource' && isRecord(value.resource)) step.resource = previewResource(node.name, value.resource, this.options.schemas, this.problems);
    this.steps.push(step);
  }

  /** The type of the template a task runs, without running it. */
  private typeOfTask(task: Obj, scope: TemplateScope): StepType {
    const resolved = this.resolve(task, scope);
    return typeof resolved === 'string' ? 'container' : typeOf(resolved.template);
  }
}

function stepOf(node: NodeContext, template: string, type: StepType, inputs: Record<string, string>): PreviewStep {
  return {
    name: node.name || template, template, type, phase: node.phase,
    ...(node.reason !== undefined && node.phase !== 'runs' && { reason: node.reason }),
    ...(node.when !== undefined && { when: node.when }),
    after: node.after,
    ...(node.loop && { loop: node.loop }),
    inputs,
    ...(node.exitHandler && { exitHandler: true }),
  };
}

function typeOf(template: Obj): StepType {
  return TEMPLATE_TYPES.find((t) => template[t] !== undefined && template[t] !== null) ?? 'container';
}

function templateLabel(holder: Obj): string {
  if (isRecord(holder.templateRef)) return `${String(holder.templateRef.name)}/${String(holder.templateRef.template)}`;
  if (isRecord(holder.inline)) return '(inline)';
  return String(holder.template ?? '');
}

/** A `maybe` parent makes every child `maybe`; otherwise the child's own phase stands. */
function combine(parent: StepPhase, child: StepPhase): StepPhase {
  return parent === 'maybe' && child === 'runs' ? 'maybe' : child;
}

function continuesOn(task: Obj): ReadonlySet<TaskPhase> {
  const c = isRecord(task.continueOn) ? task.continueOn : {};
  return new Set<TaskPhase>([...(c.failed === true ? ['Failed' as const] : []), ...(c.error === true ? ['Errored' as const] : [])]);
}

/**
 * Tasks in an order where each comes after what it depends on, declaration order otherwise; those on or behind a
 * cycle last, and named in `cyclic`.
 */
function topological(tasks: Obj[], logic: ReadonlyMap<string, DependsLogic | undefined | DependsError>): { ordered: Obj[]; cyclic: Set<string> } {
  const names = new Set(tasks.map((t) => String(t.name)));
  const done = new Set<string>();
  const out: Obj[] = [];
  let progress = true;
  while (out.length < tasks.length && progress) {
    progress = false;
    for (const task of tasks) {
      const name = String(task.name);
      if (done.has(name)) continue;
      const l = logic.get(name);
      const deps = l instanceof DependsError || !l ? [] : l.tasks.filter((t) => names.has(t) && t !== name);
      if (deps.every((d) => done.has(d))) {
        done.add(name);
        out.push(task);
        progress = true;
      }
    }
  }
  // A cycle: what is left waits on it, listed as declared.
  const left = tasks.filter((t) => !done.has(String(t.name)));
  return { ordered: [...out, ...left], cyclic: new Set(left.map((t) => String(t.name))) };
}

function join(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

function templatesOf(spec: Obj): Map<string, Obj> {
  return new Map(records(spec.templates).map((t) => [String(t.name), t]));
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) setOwn(out, k, deepMerge(own(base, k), v));
  return out;
}

function isRecord(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function records(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
