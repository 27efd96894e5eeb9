import { IConstruct } from 'constructs';
import { UserError } from '../user-error';

const PIPELINE = Symbol.for('kfops.Pipeline');

/** What steps and templates need of the pipeline they belong to (implemented by `PipelineBase`). */
export interface IPipelineScope extends IConstruct {
  /** The pipeline's name: object name and, for steps, DAG entrypoint. */
  readonly name: string;
}

/** Marks `pipeline` so constructs created inside it find it with {@link pipelineOf}. */
export function markPipeline(pipeline: IPipelineScope): void {
  Object.defineProperty(pipeline, PIPELINE, { value: true });
}

/** The pipeline `construct` belongs to, if any. */
export function findPipeline(construct: IConstruct): IPipelineScope | undefined {
  return construct.node.scopes.slice().reverse().find((c) => (c as unknown as Record<symbol, boolean>)[PIPELINE]) as IPipelineScope | undefined;
}

/** The pipeline `construct` belongs to; throws when it is not inside one. */
export function pipelineOf(construct: IConstruct): IPipelineScope {
  const found = findPipeline(construct);
  if (!found) {
    throw new UserError(`[${construct.node.path}] steps, templates and parameters must be created inside a Pipeline; `
      + 'pass the pipeline (or a construct inside it) as scope');
  }
  return found;
}
