import type { WorkflowStep as IWorkflowStep } from '../../imports/argo-workflows';
import { Construct } from 'constructs';
import { BOOLEAN, object, PropsGuard } from '../guards';
import { INVOCATION_GUARDS, Invocation, InvocationProps } from './invocation';
import { Valued } from './value';

/** Props of {@link WorkflowStep}. */
export interface WorkflowStepProps extends InvocationProps {
  /**
   * Run in parallel with the step added before it (the same `- -` group in Argo YAML); by default a step starts a
   * new group, which runs once the previous group has finished. @default false
   */
  readonly parallel?: boolean;
  /** Step fields kfops has no prop for yet, written as given; a field kfops also sets is an error. @default - none */
  readonly extraFields?: Valued<Partial<IWorkflowStep>> & { readonly [field: string]: unknown };
}

/**
 * A step of a {@link StepsTemplate}: a call of a template, in sequence with the groups before it.
 *
 * @example
 * new WorkflowStep(main, 'hello1', { template: print, arguments: { parameters: { message: 'hello1' } } });
 * new WorkflowStep(main, 'hello2a', { template: print, arguments: { parameters: { message: 'hello2a' } } });
 * new WorkflowStep(main, 'hello2b', { template: print, parallel: true, arguments: { parameters: { message: 'hello2b' } } });
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/steps/
 */
export class WorkflowStep extends Invocation {
  public readonly parallel: boolean;
  public readonly extraFields?: Valued<Partial<IWorkflowStep>> & { readonly [field: string]: unknown };

  constructor(scope: Construct, id: string, props: WorkflowStepProps) {
    super(scope, id, WORKFLOW_STEP_PROPS.check(scope, id, props, new.target === WorkflowStep), 'StepsTemplate');
    this.parallel = props.parallel ?? false;
    this.extraFields = props.extraFields;
  }
}

/** Checks the props of a {@link WorkflowStep}. */
export const WORKFLOW_STEP_PROPS = new PropsGuard<WorkflowStepProps>('WorkflowStepProps',
  { ...INVOCATION_GUARDS, parallel: BOOLEAN, extraFields: object('Argo workflow step fields') });
