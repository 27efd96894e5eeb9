import { Construct } from 'constructs';
import { BOOLEAN, INTEGER, PropsGuard } from '../guards';
import { markInvocationScope } from './invocation';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import { Value } from './value';
import { WorkflowStep } from './workflow-step';

/** Props of {@link StepsTemplate}. */
export interface StepsTemplateProps extends TemplateProps {
  /** Stop starting steps once one fails (Argo `failFast`). @default - Argo's default (true) */
  readonly failFast?: boolean;
  /** At most this many steps at once. @default - unlimited */
  readonly parallelism?: number;
}

/**
 * Groups of calls to other templates run one group after another, the calls of a group in parallel (Argo `steps`).
 * Create its steps with `new WorkflowStep(steps, ...)`; `parallel: true` joins the previous step's group.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/steps/
 */
export class StepsTemplate extends Template {
  public readonly failFast?: boolean;
  public readonly parallelism?: number;

  constructor(scope: Construct, id: string, props: StepsTemplateProps = {}) {
    super(scope, id, STEPS_TEMPLATE_PROPS.check(scope, id, props, new.target === StepsTemplate));
    markInvocationScope(this, 'StepsTemplate');
    this.failFast = props.failFast;
    this.parallelism = props.parallelism;
  }

  /** The steps, grouped as they run: each group after the previous one, the steps of a group in parallel. */
  get groups(): WorkflowStep[][] {
    const groups: WorkflowStep[][] = [];
    for (const step of this.node.children.filter((c): c is WorkflowStep => c instanceof WorkflowStep)) {
      if (step.parallel && groups.length > 0) groups[groups.length - 1].push(step);
      else groups.push([step]);
    }
    return groups;
  }

  get outputsMayGrow(): boolean {
    return true;
  }

  /** The steps themselves are compiled by the Argo compiler, which renders each in the template's scope. */
  renderBody(): TemplateBody {
    return {
      ...(this.parallelism !== undefined && { parallelism: this.parallelism }),
      ...(this.failFast !== undefined && { failFast: this.failFast }),
    };
  }

  protected values(): Value[] {
    return [];
  }
}

/** Checks the props of a {@link StepsTemplate}. */
export const STEPS_TEMPLATE_PROPS = new PropsGuard<StepsTemplateProps>('StepsTemplateProps',
  { ...TEMPLATE_PROPS_GUARDS, failFast: BOOLEAN, parallelism: INTEGER });
