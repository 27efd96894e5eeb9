import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { UserError } from '../user-error';
import { describeValue, fieldsProblem, Guard, isPlainObject, mustBe, PropGuards } from './guard';

/**
 * The guard of a props interface: a guard per prop, checked where a construct is made, before anything reads the
 * props, so a JavaScript caller (or a TypeScript one who casts) gets a UserError naming the construct path, the prop,
 * what it takes and what it got, never a TypeError or output rendered from garbage.
 *
 * @example
 * const GUARD = new PropsGuard<TfServingStepProps>('TfServingStepProps', { ...STEP_GUARDS, modelName: required(VALUE), ... });
 * constructor(scope: Construct, id: string, props: TfServingStepProps) {
 *   super(scope, id, GUARD.check(scope, id, props, new.target === TfServingStep));
 */
export class PropsGuard<P> {
  private readonly known: readonly string[];
  private readonly requiredFields: readonly string[];

  /**
   * @param name the props interface's name, for messages
   * @param fields a guard for every prop
   * @param chart whether the construct is a chart itself (made in the app); any other must be made inside one.
   *   @default false
   */
  constructor(public readonly name: string, public readonly fields: PropGuards<P>, private readonly chart = false) {
    const all = fields as Readonly<Record<string, Guard>>;
    this.known = Object.keys(all);
    this.requiredFields = this.known.filter((k) => all[k].required);
  }

  /**
   * Checks the props of the construct about to be made as `id` in `scope` and returns them.
   * @param exact whether to report unknown props: true when the construct is of the class these props are for
   *   (`new.target === TfServingStep`), false for subclasses, whose props may have more
   */
  check(scope: unknown, id: unknown, props: P | undefined, exact: boolean): P {
    this.checkAt(constructPath(scope, id, this.name.replace(/Props$/, ''), !this.chart), props, exact);
    return props as P;
  }

  /** Checks the props of something that is not a construct (an InputParameter, a function's options); `where` names it. */
  checkAt(where: string, props: unknown, exact = true): void {
    if (props !== undefined && !isPlainObject(props)) {
      throw new UserError(`[${where}] props must be ${this.name} (an object), got ${describeValue(props)}`);
    }
    const problem = fieldsProblem(props ?? {}, undefined, this.fields as Readonly<Record<string, Guard>>, this.known, this.requiredFields, !exact, this.name);
    if (problem) throw new UserError(`[${where}] ${problem}`);
  }
}

/**
 * The path the construct `id` will have in `scope`, as the constructs library makes it (separators in the id
 * become `--`); throws when `scope` is not a construct, `id` not a string, or (`inChart`) `scope` is in no chart.
 * `what` names the construct's class.
 */
export function constructPath(scope: unknown, id: unknown, what: string, inChart = true): string {
  if (!Construct.isConstruct(scope)) {
    throw new UserError(`${what}: the scope (first argument) must be a construct, e.g. a Chart or a Pipeline, got ${describeValue(scope)}`);
  }
  const parent = scope.node.path;
  if (typeof id !== 'string') {
    throw new UserError(`[${parent}] the id of a ${what} (second argument) must be a string, got ${describeValue(id)}`);
  }
  const own = id.replace(/[/\n]/g, '--');
  const path = parent ? `${parent}/${own}` : own;
  // cdk8s writes only what is inside a chart: elsewhere a construct is dropped without a word, or (one that makes
  // an API object) fails with the library's own stack trace.
  if (inChart && !scope.node.scopes.some((s) => Chart.isChart(s))) {
    throw new UserError(`[${path}] a ${what} must be made inside a chart, and its scope (${parent ? `'${parent}'` : 'the app'}) is in `
      + 'none: make it in an environment (one of deployEnvironments(app, ...).environments) or a cdk8s Chart, not in the app itself');
  }
  return path;
}

/**
 * Checks a list of values given as rest arguments (`after(...steps)`, `fmt` values): none is optional, so
 * undefined is a wrong value; `label` names the i-th (0-based), e.g. `after() argument 1`.
 */
export function checkEach(where: string, values: readonly unknown[], guard: Guard, label: (i: number) => string): void {
  for (let i = 0; i < values.length; i++) {
    const problem = values[i] === undefined ? mustBe(label(i), guard.expected, undefined, guard.hint) : guard.problem(values[i], label(i));
    if (problem) throw new UserError(`[${where}] ${problem}`);
  }
}

/**
 * Checks the arguments of a function users call (`Loop.overItems(items)`, `SecretKey.of(name, key)`): each as
 * `[name, value, guard]`; `where` names the function.
 */
export function checkArguments(where: string, args: ReadonlyArray<readonly [string, unknown, Guard]>): void {
  for (const [name, value, guard] of args) {
    const problem = value === undefined
      ? guard.required ? `${name} is required (${guard.expected})` : undefined
      : guard.problem(value, name);
    if (problem) throw new UserError(`[${where}] ${problem}`);
  }
}
