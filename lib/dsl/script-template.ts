import { Construct } from 'constructs';
import { PropsGuard, required } from '../guards';
import { ContainerOptions } from './container-body';
import { CONTAINER_TEMPLATE_GUARDS, ContainerTemplate } from './container-template';
import { TemplateBody, TemplateProps } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { Value, VALUE } from './value';

/** Props of a script: the container, plus the source its command runs. */
export interface ScriptOptions extends ContainerOptions {
  /** The program, written to a file that `command` runs (e.g. `command: ['python']`); references are compiled in. */
  readonly source: Value;
}

/** Props of {@link ScriptTemplate}. */
export interface ScriptTemplateProps extends TemplateProps, ScriptOptions {}

/**
 * A reusable template that runs inline source in an image (Argo `script`, as Hera's `@script` and KFP's lightweight
 * components do); its standard output is the caller's `result`.
 *
 * @example
 * new ScriptTemplate(pipeline, 'gen-random-int', {
 *   image: 'python:3.12-alpine', command: ['python'],
 *   source: 'import random\nprint(random.randint(1, 100))',
 * });
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/scripts-and-results/
 */
export class ScriptTemplate extends ContainerTemplate {
  public readonly source: Value;

  constructor(scope: Construct, id: string, props: ScriptTemplateProps) {
    super(scope, id, SCRIPT_TEMPLATE_PROPS.check(scope, id, props, new.target === ScriptTemplate));
    this.source = props.source;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return this.body.render(r, 'script', { source: r.value(this.source) });
  }

  protected values(): Value[] {
    return [...super.values(), this.source];
  }
}

/** Checks the props of a {@link ScriptTemplate}. */
export const SCRIPT_TEMPLATE_PROPS = new PropsGuard<ScriptTemplateProps>('ScriptTemplateProps', { ...CONTAINER_TEMPLATE_GUARDS, source: required(VALUE) });
