import { goJson, unescapeHtml } from '../argo-spec/go-format';
import { hasPlaceholder } from '../argo-spec/placeholder';
import { substitute } from '../argo-spec/substitute';
import { MAX_NODES } from './walk-limits';

type Obj = Record<string, unknown>;

/** One task of an expanded loop. */
export interface LoopTask {
  /** `train(0:us)`, as Argo names the node */
  readonly name: string;
  readonly index: number;
  readonly item: unknown;
  /** the task with `{{item}}` and `{{item.<key>}}` substituted */
  readonly task: Obj;
}

/** How a task loops: not at all, over a list known now, over one known only at run time, or not at all because the list is broken. */
export type Loop =
  | { readonly kind: 'none' }
  | { readonly kind: 'items'; readonly tasks: readonly LoopTask[] }
  | { readonly kind: 'runtime'; readonly over: string }
  | { readonly kind: 'error'; readonly message: string };

/**
 * Expands a DAG task or step with `withItems`, `withParam` or `withSequence` into one task per item, the way the
 * controller does (`expandTask`, `processItem`): each gets `{{item}}` (and `{{item.<key>}}` for maps) substituted
 * and is named `name(index:item)`. A `withParam` or sequence still holding a run-time value cannot be expanded yet.
 *
 * @param task the task after substitution of everything known before it runs
 */
export function expandLoop(task: Obj): Loop {
  let items: unknown[];
  if (Array.isArray(task.withItems) && task.withItems.length > 0) {
    items = task.withItems;
  } else if (typeof task.withParam === 'string' && task.withParam !== '') {
    if (hasRuntimeValue(task.withParam)) return { kind: 'runtime', over: task.withParam };
    try {
      const parsed: unknown = JSON.parse(task.withParam);
      if (!Array.isArray(parsed)) throw new Error('not a list');
      items = parsed;
    } catch (err) {
      return { kind: 'error', message: `withParam value could not be parsed as a JSON list: ${task.withParam.trim()}: ${(err as Error).message}` };
    }
  } else if (task.withSequence !== null && typeof task.withSequence === 'object') {
    const sequence = task.withSequence as Obj;
    if (hasRuntimeValue(JSON.stringify(sequence))) return { kind: 'runtime', over: JSON.stringify(sequence) };
    const expanded = expandSequence(sequence);
    if (typeof expanded === 'string') return { kind: 'error', message: expanded };
    items = expanded;
  } else {
    return { kind: 'none' };
  }
  const { withItems: _i, withParam: _p, withSequence: _s, ...body } = task;
  return {
    kind: 'items',
    tasks: items.map((item, index) => ({
      name: `${String(task.name)}(${index}:${itemLabel(item).replace(/[()]/g, '')})`,
      index, item, task: substitute(body, itemVariables(item)),
    })),
  };
}

function hasRuntimeValue(text: string): boolean {
  return text.includes('{{') || hasPlaceholder(text);
}

/** `{{item}}` and, for a map, `{{item.<key>}}`, as `processItem` sets them. */
function itemVariables(item: unknown): Map<string, string> {
  const vars = new Map<string, string>();
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    for (const [k, v] of Object.entries(item)) vars.set(`item.${k}`, itemText(v));
    vars.set('item', goJson(item));
  } else {
    vars.set('item', Array.isArray(item) ? goJson(item) : itemText(item));
  }
  return vars;
}

/** An item as Argo's `Item.String()` shows it: strings without quotes, anything else as its JSON. */
function itemText(item: unknown): string {
  const json = goJson(item);
  return unescapeHtml(typeof item === 'string' ? json.slice(1, -1) : json);
}

/** The item part of a node name: `us`, `4`, `region:us,rows:100` (map keys sorted), `[a b]`. */
function itemLabel(item: unknown): string {
  if (Array.isArray(item)) return `[${item.map(itemText).join(' ')}]`;
  if (item !== null && typeof item === 'object') {
    return Object.entries(item).map(([k, v]) => `${k}:${itemText(v)}`).sort().join(',');
  }
  return itemText(item);
}

/**
 * The items of a `withSequence`: `count` (or `end`) from `start`, as strings printed with `format` (a printf
 * `%d` form).
 *
 * @returns the items, or why the sequence is invalid
 */
function expandSequence(sequence: Obj): string[] | string {
  const int = (v: unknown, field: string): number | string => {
    const text = String(v);
    return /^[-+]?\d+$/.test(text) ? Number(text) : `withSequence.${field} ${JSON.stringify(text)} is not an integer`;
  };
  const start = sequence.start === undefined ? 0 : int(sequence.start, 'start');
  if (typeof start === 'string') return start;
  let end: number;
  if (sequence.end !== undefined) {
    const e = int(sequence.end, 'end');
    if (typeof e === 'string') return e;
    end = e;
  } else if (sequence.count !== undefined) {
    const count = int(sequence.count, 'count');
    if (typeof count === 'string') return count;
    if (count === 0) return [];
    end = start + count - 1;
  } else {
    return 'neither end nor count was specified in withSequence';
  }
  // Each item is a node: past the preview's limit the walk stops anyway, so the list is not built.
  if (Math.abs(end - start) + 1 > MAX_NODES) return `withSequence from ${start} to ${end} has ${Math.abs(end - start) + 1} items, more than the ${MAX_NODES} nodes a preview walks`;
  const format = typeof sequence.format === 'string' && sequence.format !== '' ? sequence.format : '%d';
  const out: string[] = [];
  const step = start <= end ? 1 : -1;
  for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(printInt(format, i));
  return out;
}

/** `fmt.Sprintf(format, i)` for the `%d` forms sequences use: `%d`, `%03d`, `%5d`, `%x`. */
function printInt(format: string, i: number): string {
  return format.replace(/%(0?)(\d*)([dxXo])|%%/g, (whole, zero: string, width: string, verb: string) => {
    if (whole === '%%') return '%';
    const digits = Math.abs(i).toString(verb === 'o' ? 8 : verb === 'd' ? 10 : 16);
    const text = verb === 'X' ? digits.toUpperCase() : digits;
    const sign = i < 0 ? '-' : '';
    const w = Number(width || 0);
    return zero ? sign + text.padStart(w - sign.length, '0') : (sign + text).padStart(w, ' ');
  });
}
