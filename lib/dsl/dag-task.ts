import type { DAGTask as IDAGTask } from '../../imports/argo-workflows';
import { Construct } from 'constructs';
import { arrayOf, instanceOf, object, PropsGuard } from '../guards';
import { UserError } from '../user-error';
import { Depends, DEPENDS, DependsOperand } from './depends';
import { INVOCATION_GUARDS, Invocation, InvocationProps } from './invocation';
import { Valued } from './value';

/** Props of {@link DagTask}. */
export interface DagTaskProps extends InvocationProps {
  /**
   * When the task may start, on other tasks' results (Argo `depends`): a task (`A`: it succeeded, was skipped or is
   * a daemon) or a {@link Depends} expression. @default - after the tasks whose outputs it reads
   */
  readonly depends?: DependsOperand;
  /** The tasks that must succeed first (Argo's older `dependencies`; prefer `depends`). @default - none */
  readonly dependencies?: readonly DagTask[];
  /** Task fields kfops has no prop for yet, written as given; a field kfops also sets is an error. @default - none */
  readonly extraFields?: Valued<Partial<IDAGTask>> & { readonly [field: string]: unknown };
}

/**
 * A task of a {@link DagTemplate}: a call of a template with arguments, run once its dependencies allow.
 *
 * @example
 * const a = new DagTask(diamond, 'A', { template: echo, arguments: { parameters: { message: 'A' } } });
 * new DagTask(diamond, 'B', { template: echo, depends: a, arguments: { parameters: { message: a.output('out') } } });
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/dag/
 */
export class DagTask extends Invocation {
  public readonly depends?: DependsOperand;
  public readonly explicitDependencies?: readonly DagTask[];
  public readonly extraFields?: Valued<Partial<IDAGTask>> & { readonly [field: string]: unknown };

  constructor(scope: Construct, id: string, props: DagTaskProps) {
    super(scope, id, DAG_TASK_PROPS.check(scope, id, props, new.target === DagTask), 'DagTemplate');
    if (props.depends !== undefined && props.dependencies !== undefined) {
      throw new UserError(`[${this.node.path}] give depends or dependencies, not both (Argo rejects a task with both); prefer depends`);
    }
    this.depends = props.depends;
    this.explicitDependencies = props.dependencies;
    this.extraFields = props.extraFields;
  }

  /** The tasks this task waits for: those its `depends` or `dependencies` name, else those whose outputs it reads. */
  get dependencyTasks(): DagTask[] {
    if (this.depends instanceof Depends) return this.depends.tasks.filter((t): t is DagTask => t instanceof DagTask);
    if (this.depends instanceof DagTask) return [this.depends];
    if (this.explicitDependencies) return [...this.explicitDependencies];
    return this.dataDependencies;
  }

  /** The sibling tasks whose outputs this task reads. */
  get dataDependencies(): DagTask[] {
    const deps = new Set<DagTask>();
    for (const ref of this.references()) {
      const r = ref.reference;
      if (r.kind === 'output' && r.step instanceof DagTask && r.step !== this && r.step.node.scope === this.node.scope) deps.add(r.step);
    }
    return [...deps].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** Checks the props of a {@link DagTask}. */
export const DAG_TASK_PROPS = new PropsGuard<DagTaskProps>('DagTaskProps', {
  ...INVOCATION_GUARDS,
  depends: DEPENDS,
  dependencies: arrayOf(instanceOf(DagTask, 'a DagTask'), 'an array of DagTasks of the same DAG'),
  extraFields: object('Argo DAG task fields'),
});
