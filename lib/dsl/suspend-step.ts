import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsGuard } from '../guards';
import { Step, STEP_PROPS_GUARDS, StepProps } from './step';
import { renderSuspend, suspendValues } from './suspend-template';
import type { TemplateBody } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { DURATION_OR_VALUE, Value } from './value';

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
    super(scope, id, SUSPEND_STEP_PROPS.check(scope, id, props, new.target === SuspendStep));
    this.duration = props.duration;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return renderSuspend(r, this.duration);
  }

  protected values(): Value[] {
    return suspendValues(this.duration);
  }
}

/** Checks the props of a {@link SuspendStep}. */
export const SUSPEND_STEP_PROPS = new PropsGuard<SuspendStepProps>('SuspendStepProps', { ...STEP_PROPS_GUARDS, duration: DURATION_OR_VALUE });
