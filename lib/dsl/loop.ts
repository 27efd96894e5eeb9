import { UserError } from '../user-error';
import { IReferenceable, Reference } from './reference';

/** Items a static fan-out iterates over: scalars, or flat objects whose fields steps read with `field()`. */
export type LoopItem = string | number | boolean | { readonly [field: string]: string | number | boolean };

/** Where a loop's items come from, read by the Argo compiler. */
export type LoopSource =
  | { readonly kind: 'items'; readonly items: readonly LoopItem[] }
  | { readonly kind: 'json'; readonly list: IReferenceable };

/**
 * A fan-out (KFP `ParallelFor`, Argo `withItems` / `withParam`): a step with `forEach: loop` runs once per item,
 * in parallel, and reads the current item through `loop.item` or `loop.field('x')`.
 *
 * @example
 * const shards = Loop.overItems([{ region: 'us', rows: 100 }, { region: 'eu', rows: 50 }]);
 * new ContainerStep(pipeline, 'count', { image, forEach: shards, args: ['--region', shards.field('region')] });
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/loops/
 */
export class Loop<T extends LoopItem = LoopItem> {
  /** Fans out over a list known at synth time (`withItems`). */
  static overItems<T extends LoopItem>(items: readonly T[]): Loop<T> {
    if (items.length === 0) throw new UserError('Loop.overItems needs at least one item (a loop over nothing never runs)');
    return new Loop<T>({ kind: 'items', items });
  }

  /**
   * Fans out over a JSON list known only at run time (`withParam`): a step output or a parameter holding a
   * JSON array. Using a step output makes the looping step depend on that step.
   */
  static overJson<T extends LoopItem = LoopItem>(list: IReferenceable): Loop<T> {
    return new Loop<T>({ kind: 'json', list });
  }

  /** The current item. */
  public readonly item: IReferenceable;

  private constructor(public readonly source: LoopSource) {
    this.item = { reference: { kind: 'item', loop: this } };
  }

  /** One field of the current item (object items only). */
  field<K extends T extends Record<string, unknown> ? keyof T & string : never>(key: K): IReferenceable {
    const reference: Reference = { kind: 'item', loop: this, field: key };
    return { reference };
  }
}
