import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { suggestName } from '../suggest-name';
import { own } from '../own';

/**
 * What a guard takes, as data: tests generate wrong values from it, and {@link anyOf} picks the branch a value was
 * meant for (an object goes to the branch that takes objects, so its message names the wrong field inside).
 */
export type GuardKind =
  | { readonly kind: 'string' | 'number' | 'integer' | 'boolean' | 'function' | 'object' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'instance'; readonly of: Function }
  | { readonly kind: 'array'; readonly items: Guard }
  | { readonly kind: 'record'; readonly values: Guard }
  | { readonly kind: 'shape'; readonly fields: Readonly<Record<string, Guard>>; readonly open: boolean }
  | { readonly kind: 'union'; readonly branches: readonly Guard[] }
  /** Anything `accepts` says yes to: references, Cpu amounts, ... (`sorts` says which samples a test may expect it to take). */
  | { readonly kind: 'custom'; readonly sorts: readonly ValueSort[] };

/** The sorts of values tests try where a guard takes a `custom` kind of value. */
export type ValueSort = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'function' | 'reference' | 'instance';

/** A check of one prop's value: what it takes, in words for messages, and whether a value is one of those. */
export type Guard = GuardKind & {
  /** What the prop takes, e.g. `a string` or `a Loop (e.g. Loop.overItems(['us', 'eu']))`. */
  readonly expected: string;
  /** Whether the prop must be given. */
  readonly required: boolean;
  /** Said after the problem: how to write the value right. */
  readonly hint?: string;
  /**
   * The problem with `value` (never undefined) given as `prop` (e.g. `args[0]`), from `args[0] must be` on, or
   * undefined when the value fits.
   */
  problem(value: unknown, prop: string): string | undefined;
};

/** A guard of a prop that may be left out. */
export type OptionalGuard = Guard & { readonly required: false };
/** A guard of a prop that must be given. */
export type RequiredGuard = Guard & { readonly required: true };

/**
 * A guard for every prop of `P`, required ones marked {@link required}: the compiler checks that no prop is left
 * unguarded and that required-ness matches the interface.
 */
export type PropGuards<P> = { readonly [K in keyof P]-?: undefined extends P[K] ? OptionalGuard : RequiredGuard };

type Test = (value: unknown) => boolean;

function make(kind: GuardKind, expected: string, test: Test, hint?: string): OptionalGuard {
  return {
    ...kind,
    expected,
    required: false,
    ...(hint !== undefined && { hint }),
    problem: (value, prop) => (test(value) ? undefined : mustBe(prop, expected, value, hint)),
  };
}

/** The message of a value that is not what `prop` takes. */
export function mustBe(prop: string, expected: string, value: unknown, hint?: string): string {
  return `${prop} must be ${expected}, got ${describeValue(value)}${hint ? `; ${hint}` : ''}`;
}

/** A guard of values `accepts` says yes to, e.g. references: `sorts` are the sample sorts it takes, for tests. */
export function custom(expected: string, sorts: readonly ValueSort[], accepts: Test, hint?: string): OptionalGuard {
  return make({ kind: 'custom', sorts }, expected, accepts, hint);
}

/** Any string. */
export const STRING = make({ kind: 'string' }, 'a string', (v) => typeof v === 'string');
/** A finite number. */
export const NUMBER = make({ kind: 'number' }, 'a number', (v) => typeof v === 'number' && Number.isFinite(v));
/** A whole number. */
export const INTEGER = make({ kind: 'integer' }, 'a whole number', (v) => Number.isInteger(v));
/** true or false. */
export const BOOLEAN = make({ kind: 'boolean' }, 'true or false', (v) => typeof v === 'boolean');
/** A function, e.g. a pipeline factory; `expected` says which. */
export function func(expected: string): OptionalGuard {
  return make({ kind: 'function' }, expected, (v) => typeof v === 'function');
}

/** A plain object (`{ ... }`) of an upstream model, checked in depth by `kfops validate`; `what` names it. */
export function object(what: string): OptionalGuard {
  return make({ kind: 'object' }, `${what} (an object)`, isPlainObject);
}

/** A construct of the app (a step, a template, the pipeline, a chart). */
export const CONSTRUCT = custom('a construct (e.g. a step, a template or the pipeline)', ['instance'], (v) => Construct.isConstruct(v));

/** A cdk8s `Duration`. */
export const DURATION = instanceOf(Duration, 'a Duration (e.g. Duration.minutes(30))');
/** A cdk8s `Size`. */
export const SIZE = instanceOf(Size, 'a Size (e.g. Size.gibibytes(4))');

/** One of a string enum's values (the upstream strings); a near miss is suggested. */
export function enumOf(values: Readonly<Record<string, string>>, name: string): OptionalGuard {
  const allowed = Object.values(values);
  const expected = `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')} (${name})`;
  return {
    kind: 'enum',
    values: allowed,
    expected,
    required: false,
    problem: (value, prop) => {
      if (typeof value === 'string' && allowed.includes(value)) return undefined;
      // A member's name (`ON_FAILURE` for `OnFailure`) is what a JavaScript caller who read the TypeScript writes.
      const member = typeof value === 'string' && Object.prototype.hasOwnProperty.call(values, value) ? values[value] : undefined;
      const near = member ?? (typeof value === 'string' ? suggestName(value, allowed) : undefined);
      const named = member !== undefined ? ` (${name}.${value as string})` : '';
      return mustBe(prop, expected, value, near !== undefined ? `did you mean ${JSON.stringify(near)}${named}?` : undefined);
    },
  };
}

/** An instance of `of` (or of a subclass). */
export function instanceOf(of: Function, expected: string, hint?: string): OptionalGuard {
  return make({ kind: 'instance', of }, expected, (v) => v instanceof of, hint);
}

/** An array whose items `items` takes; items are checked as `prop[i]`. */
export function arrayOf(items: Guard, expected = `an array (each ${items.expected})`, hint?: string): OptionalGuard {
  return {
    kind: 'array',
    items,
    expected,
    required: false,
    ...(hint !== undefined && { hint }),
    problem: (value, prop) => {
      if (!Array.isArray(value)) return mustBe(prop, expected, value, hint);
      for (let i = 0; i < value.length; i++) {
        const problem = value[i] === undefined ? mustBe(`${prop}[${i}]`, items.expected, undefined) : items.problem(value[i], `${prop}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    },
  };
}

/** An object whose keys are the user's names (env variables, output names) and whose values `values` takes. */
export function recordOf(values: Guard, expected = `an object (each value ${values.expected})`): OptionalGuard {
  return {
    kind: 'record',
    values,
    expected,
    required: false,
    problem: (value, prop) => {
      if (!isPlainObject(value)) return mustBe(prop, expected, value);
      for (const key of Object.keys(value)) {
        // The keys are the user's own names, so an undefined value is a mistake (e.g. an unset process.env.X).
        const v = value[key];
        const problem = v === undefined ? mustBe(member(prop, key), values.expected, v) : values.problem(v, member(prop, key));
        if (problem) return problem;
      }
      return undefined;
    },
  };
}

/**
 * An object of known fields, as the interface `T` declares them (`name` is its name, for messages), e.g.
 * `shape<Retry>('Retry', { limit: VALUE, ... })`. Unknown fields are errors naming the closest known one, unless
 * `open` (for upstream structures with more fields than kfops reads: `T` then picks those it does).
 */
export function shape<T>(name: string, guards: PropGuards<NoInfer<T>>, options: { readonly open?: boolean } = {}): OptionalGuard {
  const fields = guards as Readonly<Record<string, Guard>>;
  const expected = `${article(name)} ${name} object`;
  const open = options.open ?? false;
  const known = Object.keys(fields);
  const requiredFields = known.filter((k) => fields[k].required);
  return {
    kind: 'shape',
    fields,
    open,
    expected,
    required: false,
    problem: (value, prop) => (isPlainObject(value) ? fieldsProblem(value, prop, fields, known, requiredFields, open, name)
      : mustBe(prop, expected, value)),
  };
}

/** The first problem of an object's fields: a required one missing, an unknown one (unless `open`), a wrong value. */
export function fieldsProblem(value: Readonly<Record<string, unknown>>, prop: string | undefined, fields: Readonly<Record<string, Guard>>,
  known: readonly string[], requiredFields: readonly string[], open: boolean, name: string): string | undefined {
  for (const key of Object.keys(value)) {
    const guard = own(fields, key);
    const at = prop === undefined ? key : member(prop, key);
    if (guard === undefined) {
      if (open) continue;
      const near = suggestName(key, known);
      return `unknown prop '${at}' (${near !== undefined ? `did you mean '${prop === undefined ? near : member(prop, near)}'?` : `${name} has no such prop; remove it`})`;
    }
    const v = value[key];
    // An undefined prop is a missing one (a spread of optional values writes them).
    if (v === undefined) continue;
    const problem = guard.problem(v, at);
    if (problem) return problem;
  }
  for (const key of requiredFields) {
    if (value[key] === undefined) {
      const guard = fields[key];
      return `${prop === undefined ? key : member(prop, key)} is required (${guard.expected})${guard.hint ? `; ${guard.hint}` : ''}`;
    }
  }
  return undefined;
}

/**
 * A value any of `branches` takes. A wrong value is reported by the branch that takes its kind of value (an object
 * by the one that takes objects, so the message names the field inside), else as not being `expected`.
 */
export function anyOf(branches: readonly Guard[], expected = branches.map((b) => b.expected).join(', or '), hint?: string): OptionalGuard {
  return {
    kind: 'union',
    branches,
    expected,
    required: false,
    ...(hint !== undefined && { hint }),
    problem: (value, prop) => {
      let meant: Guard | undefined;
      for (const branch of branches) {
        const problem = branch.problem(value, prop);
        if (problem === undefined) return undefined;
        if (meant === undefined && takesKindOf(branch, value)) meant = branch;
      }
      return meant !== undefined && meant.kind !== 'instance' && meant.kind !== 'custom' ? meant.problem(value, prop)
        : mustBe(prop, expected, value, hint);
    },
  };
}

/** The guards of `keys` only, e.g. of the pod options a construct takes. */
export function pick<G extends object, K extends keyof G>(guards: G, keys: readonly K[]): Pick<G, K> {
  return Object.fromEntries(keys.map((k) => [k, guards[k]])) as Pick<G, K>;
}

/** The guards of all props but `keys`, for props interfaces that `Omit` some. */
export function omit<G extends object, K extends keyof G>(guards: G, keys: readonly K[]): Omit<G, K> {
  return Object.fromEntries(Object.entries(guards).filter(([k]) => !keys.includes(k as K))) as Omit<G, K>;
}

/** `guard`, for a prop that must be given. */
export function required(guard: Guard): RequiredGuard {
  return { ...guard, required: true };
}

/** Whether `branch` is meant for values of this kind (an array for an array branch, an object for a shape, ...). */
function takesKindOf(branch: Guard, value: unknown): boolean {
  switch (branch.kind) {
    case 'array':
      return Array.isArray(value);
    case 'record':
    case 'shape':
    case 'object':
      return isPlainObject(value);
    default:
      return false;
  }
}

/** True for `{ ... }` objects: not arrays, not class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value as a message shows it: `the string "x"`, `the number 3`, `an array (["us","eu"])`, `a Loop`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(shorten(value))}`;
    case 'number':
    case 'bigint':
      return `the number ${String(value)}`;
    case 'boolean':
      return String(value);
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
  }
  if (Array.isArray(value)) return `an array (${preview(value, 2)})`;
  if (isPlainObject(value)) return `an object (${preview(value, 2)})`;
  const name = (value as object).constructor?.name || 'object';
  return `${article(name)} ${name}`;
}

// A short, cycle-safe rendering of data: constructs and other class instances by their class name.
function preview(value: unknown, depth: number): string {
  const text = render(value, depth);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function render(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(shorten(value));
  if (typeof value !== 'object' || value === null) return typeof value === 'function' ? 'function' : String(value);
  if (Array.isArray(value)) return depth === 0 ? '[...]' : `[${value.map((v) => render(v, depth - 1)).join(',')}]`;
  if (!isPlainObject(value)) return `<${(value as object).constructor?.name || 'object'}>`;
  if (depth === 0) return '{...}';
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${render(v, depth - 1)}`).join(',')}}`;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `prop.key`, or `prop['key']` when the key is not an identifier. */
export function member(prop: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${prop}.${key}` : `${prop}[${JSON.stringify(key)}]`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
