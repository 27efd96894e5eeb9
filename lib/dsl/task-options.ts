import { UserError } from '../user-error';
import type { ArtifactFields } from './artifact';
import { Condition } from './condition';
import type { Loop } from './loop';
import { IReferenceable } from './reference';
import type { Template } from './template';
import type { TemplateRef } from './template-ref';
import { Value } from './value';

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

/** How a step or task runs, besides what it runs: conditions, loops, failure handling and hooks. */
export interface TaskOptions {
  /** Run only when this holds (Argo `when`): a condition, or an expression built with {@link fmt}. @default - always runs */
  readonly when?: Condition | Value;
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
    if (this.byName.has(name)) throw new UserError(`[${this.path}] hook '${name}' is added twice; a hook name is used once`);
    this.byName.set(name, hook);
  }

  /** The hooks, by name, in the order added. */
  get all(): Readonly<Record<string, LifecycleHook>> {
    return Object.fromEntries(this.byName);
  }
}
