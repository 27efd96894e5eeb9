import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { formatGoDuration } from '../argo-spec/duration';
import { PropsGuard } from '../guards';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { DURATION_OR_VALUE, Value } from './value';

/** Props of {@link SuspendTemplate}. */
export interface SuspendTemplateProps extends TemplateProps {
  /** Resume on its own after this long. @default - until resumed (`argo resume`, the UI) */
  readonly duration?: Duration | Value;
}

/**
 * A template that pauses the run (Argo `suspend`): an approval gate, or a wait. Output parameters with
 * `valueFrom: { supplied: {} }` are filled in by whoever resumes it.
 *
 * @example new SuspendTemplate(pipeline, 'approve', { outputs: [new OutputParameter('approve', { valueFrom: { supplied: {} } })] })
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/suspending/
 */
export class SuspendTemplate extends Template {
  public readonly duration?: Duration | Value;

  constructor(scope: Construct, id: string, props: SuspendTemplateProps = {}) {
    super(scope, id, SUSPEND_TEMPLATE_PROPS.check(scope, id, props, new.target === SuspendTemplate));
    this.duration = props.duration;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return renderSuspend(r, this.duration);
  }

  protected values(): Value[] {
    return suspendValues(this.duration);
  }
}

/** Argo's `suspend` block, resuming after `duration` when given. */
export function renderSuspend(r: ITemplateRenderer, duration: Duration | Value | undefined): TemplateBody {
  return { suspend: duration === undefined ? {} : { duration: duration instanceof Duration ? formatGoDuration(duration) : r.value(duration) } };
}

/** The values a suspension's duration holds. */
export function suspendValues(duration: Duration | Value | undefined): Value[] {
  return duration === undefined || duration instanceof Duration ? [] : [duration];
}

/** Checks the props of a {@link SuspendTemplate}. */
export const SUSPEND_TEMPLATE_PROPS = new PropsGuard<SuspendTemplateProps>('SuspendTemplateProps',
  { ...TEMPLATE_PROPS_GUARDS, duration: DURATION_OR_VALUE });
