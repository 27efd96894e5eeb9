import { Construct } from 'constructs';
import { PropsGuard, required } from '../guards';
import { CONTAINER_STEP_GUARDS, ContainerStep, ContainerStepProps } from './container-step';
import { ScriptOptions } from './script-template';
import type { TemplateBody } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { Value, VALUE } from './value';

/** Props of {@link ScriptStep}. */
export interface ScriptStepProps extends ContainerStepProps, ScriptOptions {}

/**
 * A step that runs inline source in an image (Argo `script`, like KFP's lightweight components and Hera's `@script`):
 * parameters and outputs used in `source` are wired like a container step's arguments, and the script's standard
 * output is `step.result`.
 *
 * @example
 * const roll = new ScriptStep(pipeline, 'roll', {
 *   image: 'python:3.12-alpine', command: ['python'],
 *   source: fmt`import random\nprint(random.randint(1, ${sides}))`,
 * });
 * new ContainerStep(pipeline, 'report', { image: 'busybox:1.36', args: ['echo', roll.result] });
 */
export class ScriptStep extends ContainerStep {
  public readonly source: Value;

  constructor(scope: Construct, id: string, props: ScriptStepProps) {
    super(scope, id, SCRIPT_STEP_PROPS.check(scope, id, props, new.target === ScriptStep));
    this.source = props.source;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return this.body.render(r, 'script', { source: r.value(this.source) });
  }

  protected values(): Value[] {
    return [...super.values(), this.source];
  }
}

/** Checks the props of a {@link ScriptStep}. */
export const SCRIPT_STEP_PROPS = new PropsGuard<ScriptStepProps>('ScriptStepProps', { ...CONTAINER_STEP_GUARDS, source: required(VALUE) });
