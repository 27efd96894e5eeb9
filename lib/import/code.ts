/**
 * A small TypeScript printer for generated code: expressions as a tree of object and array literals around raw
 * code, laid out on one line when short and indented otherwise.
 */
export type Code = string | ObjectCode | ArrayCode | CallCode;

/** A call, e.g. `new ContainerTemplate(this, 'x', { ... })`; a last object argument opens on the call's line. */
export interface CallCode {
  readonly callee: string;
  readonly args: readonly Code[];
}

/** A call or `new` expression of `callee` with `args`. */
export function call(callee: string, ...args: Code[]): CallCode {
  return { callee, args };
}

/** An object literal, entries in order. */
export interface ObjectCode {
  readonly entries: ReadonlyArray<readonly [string, Code]>;
}

/** An array literal. */
export interface ArrayCode {
  readonly items: readonly Code[];
}

/** An object literal from entries whose value is not undefined. */
export function obj(entries: ReadonlyArray<readonly [string, Code | undefined]>): ObjectCode {
  return { entries: entries.filter((e): e is [string, Code] => e[1] !== undefined) };
}

/** An array literal. */
export function arr(items: readonly Code[]): ArrayCode {
  return { items };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const WIDTH = 110;

/** A TypeScript string literal: single-quoted, or a template literal for text with line breaks. */
export function str(text: string): string {
  if (text.includes('\n') && !text.includes('\r')) return `\`${escapeTemplate(text)}\``;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}'`;
}

/** Text escaped for the inside of a template literal. */
export function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r');
}

/** An object key as written: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return IDENTIFIER.test(name) ? name : str(name);
}

/** Plain JSON data (numbers, booleans, strings, null, objects, arrays) as code. */
export function data(value: unknown): Code {
  if (value === null) return 'null';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return arr(value.map(data));
  if (typeof value === 'object') return obj(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, data(v)]));
  return 'undefined';
}

/**
 * Renders code whose first line starts at column `start` within a block indented by `indent`: on one line when it
 * fits, else one entry per line.
 */
export function print(code: Code, indent = 0, start = indent): string {
  if (typeof code === 'string') return code;
  const inline = printInline(code);
  if (inline !== undefined && start + inline.length <= WIDTH) return inline;
  const pad = ' '.repeat(indent + 2);
  if ('callee' in code) {
    const head = code.args.slice(0, -1).map((a) => printInline(a));
    const last = code.args[code.args.length - 1];
    if (last !== undefined && typeof last !== 'string' && !('callee' in last) && head.every((h) => h !== undefined)) {
      const prefix = `${code.callee}(${head.map((h) => `${h}, `).join('')}`;
      return `${prefix}${print(last, indent, start + prefix.length)})`;
    }
    return `${code.callee}(\n${code.args.map((a) => `${pad}${print(a, indent + 2)},`).join('\n')}\n${' '.repeat(indent)})`;
  }
  if ('items' in code) {
    return `[\n${code.items.map((i) => `${pad}${print(i, indent + 2)},`).join('\n')}\n${' '.repeat(indent)}]`;
  }
  return `{\n${code.entries.map(([k, v]) => `${pad}${entry(k, print(v, indent + 2, indent + 4 + key(k).length))},`).join('\n')}\n${' '.repeat(indent)}}`;
}

// `key: value`, or the shorthand `key` when the value is the variable of that name.
function entry(k: string, printed: string): string {
  return printed === k && IDENTIFIER.test(k) ? k : `${key(k)}: ${printed}`;
}

function printInline(code: Code): string | undefined {
  if (typeof code === 'string') return code.includes('\n') ? undefined : code;
  if ('callee' in code) {
    const parts = code.args.map(printInline);
    return parts.some((p) => p === undefined) ? undefined : `${code.callee}(${parts.join(', ')})`;
  }
  if ('items' in code) {
    const parts = code.items.map(printInline);
    return parts.some((p) => p === undefined) ? undefined : `[${parts.join(', ')}]`;
  }
  if (code.entries.length === 0) return '{}';
  const parts = code.entries.map(([k, v]) => {
    const p = printInline(v);
    return p === undefined ? undefined : entry(k, p);
  });
  return parts.some((p) => p === undefined) ? undefined : `{ ${parts.join(', ')} }`;
}
