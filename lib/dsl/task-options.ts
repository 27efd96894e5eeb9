import {
  anyOf, BOOLEAN, checkArguments, instanceOf, OptionalGuard, PropGuards, recordOf, required, shape, STRING,
} from '../guards';
import { UserError } from '../user-error';
import { ArtifactFields, ARTIFACT_FIELDS } from './artifact';
import { Condition, CONDITION } from './condition';
import { Loop, LOOP } from './loop';
import { IReferenceable, REFERENCE } from './reference';
import { Template, TEMPLATE } from './template';
import { TemplateRef } from './template-ref';
import { Concat, CONCAT, Value, VALUE } from './value';

/** What a template is called with (Argo `arguments`): parameter values and artifacts, by the template's input names. */
export interface Arguments {
  /** Values of input parameters, by name. @default - none (inputs keep their defaults) */
  readonly parameters?: Readonly<Record<string, Value>>;
  /** Input artifacts, by name: another step's output artifact (`task.outputArtifact('x')`) or a location. @default - none */
  readonly artifacts?: Readonly<Record<string, IReferenceable | ArtifactFields>>;
}

/**
 * Keep going when the task fails or errors (Argo `continueOn`): later tasks run as if it had succeeded.
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/continue-on-fail/
 */
export interface ContinueOn {
  /** Continue when the task failed. @default false */
  readonly failed?: boolean;
  /** Continue when the task errored. @default false */
  readonly error?: boolean;
}

/**
 * A template run on a lifecycle event (Argo `hooks`): under the name `exit` when the task or workflow ends, or under
 * any other name whenever `expression` becomes true.
 * @see https://argo-workflows.readthedocs.io/en/latest/lifecyclehook/
 */
export interface LifecycleHook {
  /** The template to run. */
  readonly template: Template | TemplateRef;
  /** Its arguments. @default - none */
  readonly arguments?: Arguments;
  /** When to run it (expr-lang, e.g. `steps['build'].status == "Running"`); not for `exit`. @default - on exit */
  readonly expression?: string;
}

/**
 * When a step or task runs (Argo `when`): a {@link Condition}, or an expression of your own written with `fmt`, e.g.
 * fmt`${flip.result} == heads`. A plain string is not one: it names no parameter or output, so it could only
 * compare constants.
 */
export type WhenCondition = Condition | Concat | IReferenceable;

/** How a step or task runs, besides what it runs: conditions, loops, failure handling and hooks. */
export interface TaskOptions {
  /**
   * Run only when this holds (Argo `when`): a condition, or an expression of your own built with {@link fmt} (or a
   * reference holding one). @default - always runs
   */
  readonly when?: WhenCondition;
  /** Run once per item of this loop (Argo `withItems` / `withParam` / `withSequence`). @default - runs once */
  readonly forEach?: Loop;
  /** Treat failures or errors as success for what runs after. @default - stop */
  readonly continueOn?: ContinueOn;
  /** Templates to run on lifecycle events, by hook name (`exit` or an expression hook's name). @default - none */
  readonly hooks?: Readonly<Record<string, LifecycleHook>>;
}

/** The lifecycle hooks of a step or call, by name; a name is used once. */
export class LifecycleHooks {
  private readonly byName = new Map<string, LifecycleHook>();

  /** @param path construct path that prefixes errors */
  constructor(private readonly path: string, initial: Readonly<Record<string, LifecycleHook>> = {}) {
    for (const [name, hook] of Object.entries(initial)) this.add(name, hook);
  }

  /** Adds the hook `name`. */
  add(name: string, hook: LifecycleHook): void {
    checkArguments(this.path, [['hook name', name, required(STRING)], [`hooks.${name}`, hook, required(LIFECYCLE_HOOK)]]);
    if (this.byName.has(name)) throw new UserError(`[${this.path}] hook '${name}' is added twice; a hook name is used once`);
    this.byName.set(name, hook);
  }

  /** The hooks, by name, in the order added. */
  get all(): Readonly<Record<string, LifecycleHook>> {
    return Object.fromEntries(this.byName);
  }
}

/** Guards a prop that takes a template to call: a template of the app, or a {@link TemplateRef}. */
export const TEMPLATE_OR_REF: OptionalGuard = anyOf([TEMPLATE, instanceOf(TemplateRef, 'a TemplateRef')],
  "a template of this app or a TemplateRef (e.g. TemplateRef.named('shared', 'train'))");

/** Guards {@link Arguments}. */
export const ARGUMENTS: OptionalGuard = shape<Arguments>('Arguments', {
  parameters: recordOf(VALUE),
  artifacts: recordOf(anyOf([REFERENCE, ARTIFACT_FIELDS], "an output artifact (e.g. task.outputArtifact('data')) or ArtifactFields")),
});

/** Guards a {@link LifecycleHook}. */
export const LIFECYCLE_HOOK: OptionalGuard = shape<LifecycleHook>('LifecycleHook', {
  template: required(TEMPLATE_OR_REF), arguments: ARGUMENTS, expression: STRING,
});

/** Guards a {@link WhenCondition}. */
const WHEN: OptionalGuard = anyOf([CONDITION, CONCAT, REFERENCE], CONDITION.expected,
  'an expression of your own is written with fmt, e.g. fmt`${flip.result} == heads`');

/** The guards of {@link TaskOptions}. */
export const TASK_OPTIONS_GUARDS: PropGuards<TaskOptions> = {
  when: WHEN,
  forEach: LOOP,
  continueOn: shape<ContinueOn>('ContinueOn', { failed: BOOLEAN, error: BOOLEAN }),
  hooks: recordOf(LIFECYCLE_HOOK),
};
