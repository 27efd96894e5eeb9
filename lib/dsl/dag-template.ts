import { Construct } from 'constructs';
import { BOOLEAN, INTEGER, PropsGuard } from '../guards';
import { DagTask } from './dag-task';
import { markInvocationScope } from './invocation';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import { Value, VALUE } from './value';

/** Props of {@link DagTemplate}. */
export interface DagTemplateProps extends TemplateProps {
  /** Run only these tasks and what they depend on (Argo `dag.target`, task names). @default - every task */
  readonly target?: Value;
  /** Stop scheduling new tasks once one fails (Argo `dag.failFast`). @default - Argo's default (true) */
  readonly failFast?: boolean;
  /** At most this many tasks at once. @default - unlimited */
  readonly parallelism?: number;
}

/**
 * A DAG of calls to other templates (Argo `dag`): a nested DAG, or a reusable sub-pipeline that other DAGs call with
 * arguments. Create its tasks with `new DagTask(dag, ...)`; give it outputs taken from its tasks with `addOutput`.
 *
 * @example
 * const diamond = new DagTemplate(pipeline, 'diamond');
 * const a = new DagTask(diamond, 'A', { template: echo, arguments: { parameters: { message: 'A' } } });
 * pipeline.setEntrypoint(diamond);
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/dag/
 */
export class DagTemplate extends Template {
  public readonly target?: Value;
  public readonly failFast?: boolean;
  public readonly parallelism?: number;

  constructor(scope: Construct, id: string, props: DagTemplateProps = {}) {
    super(scope, id, DAG_TEMPLATE_PROPS.check(scope, id, props, new.target === DagTemplate));
    markInvocationScope(this, 'DagTemplate');
    this.target = props.target;
    this.failFast = props.failFast;
    this.parallelism = props.parallelism;
  }

  /** The tasks, in the order they were created. */
  get tasks(): DagTask[] {
    return this.node.children.filter((c): c is DagTask => c instanceof DagTask);
  }

  get outputsMayGrow(): boolean {
    return true;
  }

  /** The DAG itself is compiled by the Argo compiler, which renders each task in the DAG's scope. */
  renderBody(): TemplateBody {
    return {
      ...(this.parallelism !== undefined && { parallelism: this.parallelism }),
    };
  }

  protected values(): Value[] {
    return this.target !== undefined ? [this.target] : [];
  }
}

/** Checks the props of a {@link DagTemplate}. */
export const DAG_TEMPLATE_PROPS = new PropsGuard<DagTemplateProps>('DagTemplateProps',
  { ...TEMPLATE_PROPS_GUARDS, target: VALUE, failFast: BOOLEAN, parallelism: INTEGER });
