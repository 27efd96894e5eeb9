import {
  arrayOf, checkArguments, custom, instanceOf, isPlainObject, OptionalGuard, required, shape, STRING,
} from '../guards';
import { UserError } from '../user-error';
import { ILoopSource, IReferenceable, Reference } from './reference';
import { Value, VALUE } from './value';

/** A JSON value, as loop items may be. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Items a static fan-out iterates over: scalars, or objects whose fields steps read with `field()`. */
export type LoopItem = string | number | boolean | { readonly [field: string]: JsonValue } | readonly JsonValue[];

/**
 * A numeric sequence to fan out over (Argo `withSequence`): `count` items from `start`, or `start` to `end`
 * inclusive; each item is the number, printed with `format` when given.
 */
export interface Sequence {
  /** How many numbers. @default - from `start` to `end` */
  readonly count?: Value;
  /** The first number. @default 0 */
  readonly start?: Value;
  /** The last number (instead of count). @default - `count` numbers */
  readonly end?: Value;
  /** A printf format for each number, e.g. `'2020-05-%02X'`. @default - the plain number */
  readonly format?: string;
}

/** Where a loop's items come from, read by the Argo compiler. */
export type LoopSource =
  | { readonly kind: 'items'; readonly items: readonly LoopItem[] }
  | { readonly kind: 'json'; readonly list: Value }
  | { readonly kind: 'sequence'; readonly sequence: Sequence };

/**
 * A fan-out (KFP `ParallelFor`, Argo `withItems` / `withParam` / `withSequence`): a step with `forEach: loop` runs
 * once per item, in parallel, and reads the current item through `loop.item` or `loop.field('x')`.
 *
 * @example
 * const shards = Loop.overItems([{ region: 'us', rows: 100 }, { region: 'eu', rows: 50 }]);
 * new ContainerStep(pipeline, 'count', { image, forEach: shards, args: ['--region', shards.field('region')] });
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/loops/
 */
export class Loop<T extends LoopItem = LoopItem> implements ILoopSource {
  /** Fans out over a list known at synth time (`withItems`). */
  static overItems<T extends LoopItem>(items: readonly T[]): Loop<T> {
    checkArguments('Loop.overItems', [['items', items, required(ITEMS)]]);
    if (items.length === 0) throw new UserError('Loop.overItems needs at least one item (a loop over nothing never runs)');
    return new Loop<T>({ kind: 'items', items });
  }

  /**
   * Fans out over a JSON list known only at run time (`withParam`): a step output, a parameter or an input holding
   * a JSON array. Using a step output makes the looping step depend on that step.
   */
  static overJson<T extends LoopItem = LoopItem>(list: Value): Loop<T> {
    checkArguments('Loop.overJson', [['list', list, required(VALUE)]]);
    return new Loop<T>({ kind: 'json', list });
  }

  /** Fans out over a numeric sequence (`withSequence`). */
  static overSequence(sequence: Sequence): Loop<number> {
    checkArguments('Loop.overSequence', [['sequence', sequence, required(SEQUENCE)]]);
    if (sequence.count !== undefined && sequence.end !== undefined) {
      throw new UserError('Loop.overSequence takes count or end, not both (Argo rejects a sequence with both)');
    }
    return new Loop<number>({ kind: 'sequence', sequence });
  }

  public readonly isLoop = true as const;
  /** The current item. */
  public readonly item: IReferenceable;

  private constructor(public readonly source: LoopSource) {
    this.item = { reference: { kind: 'item', loop: this } };
  }

  /** One field of the current item (object items only). */
  field<K extends T extends Record<string, unknown> ? keyof T & string : string>(key: K): IReferenceable {
    const reference: Reference = { kind: 'item', loop: this, field: key };
    return { reference };
  }
}

/** Guards a prop that takes a {@link Loop}. */
export const LOOP: OptionalGuard = instanceOf(Loop, "a Loop (e.g. Loop.overItems(['us', 'eu']))",
  'make one with Loop.overItems (a list), Loop.overJson (a JSON list known at run time) or Loop.overSequence');

const ITEMS = arrayOf(custom('a string, number, boolean, object or array', ['string', 'number', 'boolean', 'object', 'array'],
  (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isPlainObject(v) || Array.isArray(v)), 'an array of items');

const SEQUENCE = shape<Sequence>('Sequence', { count: VALUE, start: VALUE, end: VALUE, format: STRING });
