import { Construct } from 'constructs';
import { ContainerStep, ContainerStepProps } from './container-step';
import { ScriptOptions } from './script-template';
import type { TemplateBody } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { Value } from './value';

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
    super(scope, id, props);
    this.source = props.source;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return this.body.render(r, 'script', { source: r.value(this.source) });
  }

  protected values(): Value[] {
    return [...super.values(), this.source];
  }
}
