import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Step, StepProps } from './step';
import { renderSuspend, suspendValues } from './suspend-template';
import type { TemplateBody } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { Value } from './value';

/** Props of {@link SuspendStep}. */
export interface SuspendStepProps extends StepProps {
  /** Resume on its own after this long. @default - until resumed (`argo resume`, the UI) */
  readonly duration?: Duration | Value;
}

/**
 * A step that pauses the run until someone resumes it (or `duration` passes): an approval gate, e.g. before a model
 * is deployed (Argo `suspend`).
 *
 * @example const approve = new SuspendStep(pipeline, 'approve').after(evaluate);
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/suspending/
 */
export class SuspendStep extends Step {
  public readonly duration?: Duration | Value;

  constructor(scope: Construct, id: string, props: SuspendStepProps = {}) {
    super(scope, id, props);
    this.duration = props.duration;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return renderSuspend(r, this.duration);
  }

  protected values(): Value[] {
    return suspendValues(this.duration);
  }
}
