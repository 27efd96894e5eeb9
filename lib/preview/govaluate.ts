import { goFloat } from '../argo-spec/go-format';
import { checkSyntax, GoPattern, GovaluateError, isGoPattern, Token, tokenize } from './govaluate-tokens';
import { userPattern } from '../user-pattern';

export { GovaluateError };

/** A govaluate value: float64, string, bool, a list (from `,`), a compiled pattern, or nil. */
type Value = number | string | boolean | GoPattern | Value[] | null;

/** A node of the evaluation tree. */
type Stage =
  | { readonly op: 'literal'; readonly value: Value }
  | { readonly op: 'accessor'; readonly path: readonly string[] }
  | { readonly op: 'group'; readonly inner: Stage | undefined }
  | { readonly op: 'prefix'; readonly symbol: string; readonly operand: Stage | undefined }
  | { readonly op: 'binary'; readonly symbol: string; readonly left: Stage | undefined; readonly right: Stage | undefined };

/**
 * Evaluates an Argo `when` expression the way the controller's `shouldExecute` does, after substitution: parsed by
 * govaluate, every bare word then turned into a string (so `cloud == cloud` compares text), quoted strings that
 * read as times compared as times, and the result required to be a boolean.
 *
 * @returns the result
 * @throws GovaluateError with govaluate's message when the expression does not parse, a type does not fit its
 *   operator, or the result is not a boolean
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/conditionals/
 */
export function evaluateWhen(expression: string): boolean {
  const parsed = tokenize(expression);
  checkSyntax(parsed);
  // Argo re-reads variables as strings: it never passes parameters to govaluate.
  const tokens: Token[] = parsed.map((t) => (t.kind === 'VARIABLE' ? { kind: 'STRING', value: t.value } : t));
  checkSyntax(tokens);
  compilePatterns(tokens);
  const parser = new Parser(tokens);
  const stage = parser.separator();
  const result = stage === undefined ? null : evaluate(stage);
  if (typeof result !== 'boolean') throw new GovaluateError(`Expected boolean evaluation for '${expression}'. Got ${show(result)}`);
  return result;
}

/** A string right of `=~`/`!~` is compiled once, when the expression is parsed. */
function compilePatterns(tokens: Token[]): void {
  tokens.forEach((t, i) => {
    if (t.kind !== 'COMPARATOR' || (t.value !== '=~' && t.value !== '!~')) return;
    const next = tokens[i + 1];
    if (next?.kind === 'STRING') tokens[i + 1] = { kind: 'PATTERN', value: compileRegexp(String(next.value)) };
  });
}

/** Go's RE2 has no look-around or back-references; JavaScript's RegExp would accept them. */
function compileRegexp(pattern: string): GoPattern {
  if (/\(\?<?[=!]|\\[1-9]/.test(pattern)) throw new GovaluateError(`error parsing regexp: invalid or unsupported Perl syntax in '${pattern}'`);
  // RE2's leading flag group, `(?i)abc`, is a RegExp flag in JavaScript.
  const flags = /^\(\?([ims]+)\)/.exec(pattern);
  try {
    // Matched as RE2 matches it, in linear time: a `when` in a pull request must not hang a preview or diff.
    const source = flags ? pattern.slice(flags[0].length) : pattern;
    const compiled = userPattern(source, flags ? flags[1] : '');
    return { source, test: (value) => compiled.test(value) };
  } catch (err) {
    throw new GovaluateError(`error parsing regexp: ${(err as Error).message}`);
  }
}

/** Binary operators by precedence level, lowest first; each level is left-associative. */
const LEVELS: readonly (readonly string[])[] = [
  [','],
  ['?', ':', '??'],
  ['||'],
  ['&&'],
  ['==', '!=', '>', '>=', '<', '<=', '=~', '!~', 'in'],
  ['^', '&', '|'],
  ['>>', '<<'],
  ['+', '-'],
  ['*', '/', '%'],
  ['**'],
];
const LEVEL_KINDS: readonly (readonly string[])[] = [
  ['SEPARATOR'], ['TERNARY'], ['LOGICALOP'], ['LOGICALOP'], ['COMPARATOR'], ['MODIFIER'], ['MODIFIER'], ['MODIFIER'], ['MODIFIER'], ['MODIFIER'],
];

/** How deep parentheses and prefix operators may nest in a `when`. */
const MAX_NESTING = 100;

/** govaluate's stage planner: precedence climbing, operators of one level applied left to right. */
class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  separator(): Stage | undefined {
    return this.level(0);
  }

  private level(n: number): Stage | undefined {
    if (n === LEVELS.length) return this.value();
    let left = this.level(n + 1);
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || !LEVEL_KINDS[n].includes(t.kind) || !LEVELS[n].includes(String(t.value))) return left;
      this.i++;
      left = { op: 'binary', symbol: String(t.value), left, right: this.level(n + 1) };
    }
  }

  private value(): Stage | undefined {
    const t = this.tokens[this.i];
    if (!t) return undefined;
    this.i++;
    // Every level of parentheses or prefix goes through all eleven precedence levels: far past what anyone writes,
    // the parse would run out of stack, so it stops with a message (Go's govaluate sets no limit).
    if ((t.kind === 'CLAUSE' || t.kind === 'PREFIX') && this.depth >= MAX_NESTING) {
      throw new GovaluateError(`the expression nests parentheses and prefixes more than ${MAX_NESTING} deep; write it flatter`);
    }
    this.depth++;
    try {
      return this.stage(t);
    } finally {
      this.depth--;
    }
  }

  private stage(t: Token): Stage | undefined {
    switch (t.kind) {
      case 'CLAUSE': {
        const inner = this.separator();
        this.i++; // the closing parenthesis; parentheses are balanced
        return { op: 'group', inner };
      }
      case 'CLAUSE_CLOSE':
        this.i--;
        return undefined;
      case 'PREFIX':
        return { op: 'prefix', symbol: String(t.value), operand: this.value() };
      case 'ACCESSOR':
        if (this.tokens[this.i]?.kind === 'CLAUSE') this.value();
        return { op: 'accessor', path: t.value as string[] };
      case 'NUMERIC': case 'STRING': case 'BOOLEAN': case 'PATTERN': case 'TIME':
        return { op: 'literal', value: t.value as Value };
      default:
        throw new GovaluateError(`Unable to plan token kind: '${t.kind}', value: '${String(t.value)}'`);
    }
  }
}

const SKIPPED = Symbol('short-circuited');

function evaluate(stage: Stage | undefined): Value {
  if (stage === undefined) return null;
  switch (stage.op) {
    case 'literal': return stage.value;
    case 'group': return evaluate(stage.inner);
    // Argo evaluates with no parameters, so every accessor fails to find its root.
    case 'accessor': throw new GovaluateError(`No parameter '${stage.path[0]}' found.`);
    case 'prefix': return prefix(stage.symbol, evaluate(stage.operand));
    default: return binary(stage);
  }
}

function prefix(symbol: string, v: Value): Value {
  if (symbol === '!') {
    if (typeof v !== 'boolean') throw new GovaluateError(`Value '${show(v)}' cannot be used with the prefix '!'`);
    return !v;
  }
  if (typeof v !== 'number') throw new GovaluateError(`Value '${show(v)}' cannot be used with the prefix '${symbol}'`);
  return symbol === '-' ? -v : Number(~BigInt.asIntN(64, BigInt(Math.trunc(v))));
}

function binary(stage: Extract<Stage, { op: 'binary' }>): Value {
  const { symbol } = stage;
  const left = evaluate(stage.left);
  if (symbol === '&&' && left === false) return false;
  if (symbol === '||' && left === true) return true;
  if (symbol === '??' && left !== null) return left;
  const skipRight = (symbol === '?' && left === false) || (symbol === ':' && left !== null);
  const right: Value | typeof SKIPPED = skipRight ? SKIPPED : evaluate(stage.right);
  switch (symbol) {
    case ',': return Array.isArray(left) ? [...left, right as Value] : [left, right as Value];
    case '?':
      requireType(left, 'boolean', symbol, 'ternary operator', 'bool');
      return left === true ? right as Value : null;
    case ':': case '??': return left !== null ? left : right as Value;
    case '&&': case '||':
      requireType(left, 'boolean', symbol, 'logical operator', 'bool');
      requireType(right, 'boolean', symbol, 'logical operator', 'bool');
      return symbol === '&&' ? (left as boolean) && (right as boolean) : (left as boolean) || (right as boolean);
    case '==': return deepEqual(left, right as Value);
    case '!=': return !deepEqual(left, right as Value);
    case '>': case '>=': case '<': case '<=': return compare(symbol, left, right as Value);
    case '=~': case '!~': return match(symbol, left, right as Value);
    case 'in':
      if (!Array.isArray(right)) throw new GovaluateError(`Value '${show(right as Value)}' cannot be used with the comparator 'in', it is not a number`);
      return right.some((v) => v === left);
    case '+':
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      if (typeof left !== 'string' && typeof right !== 'string') throw new GovaluateError(`Value '${show(left)}' cannot be used with the modifier '+', it is not a number`);
      return `${show(left)}${show(right as Value)}`;
    default: return arithmetic(symbol, left, right as Value);
  }
}

function arithmetic(symbol: string, left: Value, right: Value): Value {
  requireType(left, 'number', symbol, 'modifier', 'number');
  requireType(right, 'number', symbol, 'modifier', 'number');
  const a = left as number;
  const b = right as number;
  const int = (x: number) => BigInt.asIntN(64, BigInt(Math.trunc(x)));
  const uint = (x: number) => BigInt.asUintN(64, BigInt(Math.trunc(x)));
  switch (symbol) {
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return a % b;
    case '**': return a ** b;
    case '&': return Number(int(a) & int(b));
    case '|': return Number(int(a) | int(b));
    case '^': return Number(int(a) ^ int(b));
    case '<<': return Number(BigInt.asUintN(64, uint(a) << uint(b)));
    default: return Number(uint(a) >> uint(b));
  }
}

function compare(symbol: string, left: Value, right: Value): boolean {
  const numbers = typeof left === 'number' && typeof right === 'number';
  if (!numbers && !(typeof left === 'string' && typeof right === 'string')) {
    throw new GovaluateError(`Value '${show(left)}' cannot be used with the comparator '${symbol}', it is not a number`);
  }
  const a = left as number | string;
  const b = right as number | string;
  // Strings compare by bytes in Go; UTF-16 order differs from it only outside the BMP.
  switch (symbol) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    default: return a <= b;
  }
}

function match(symbol: string, left: Value, right: Value): boolean {
  if (typeof left !== 'string') throw new GovaluateError(`Value '${show(left)}' cannot be used with the comparator '${symbol}', it is not a number`);
  if (typeof right !== 'string' && !isGoPattern(right)) {
    throw new GovaluateError(`Value '${show(right)}' cannot be used with the comparator '${symbol}', it is not a number`);
  }
  const found = (typeof right === 'string' ? compileRegexp(right) : right).test(left);
  return symbol === '=~' ? found : !found;
}

function requireType(v: Value | typeof SKIPPED, type: 'boolean' | 'number', symbol: string, what: string, goType: string): void {
  if (typeof v !== type) throw new GovaluateError(`Value '${show(v as Value)}' cannot be used with the ${what} '${symbol}', it is not a ${goType}`);
}

/** `reflect.DeepEqual` on govaluate values. */
function deepEqual(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isGoPattern(a) || isGoPattern(b)) return isGoPattern(a) && isGoPattern(b) && a.source === b.source;
  return a === b;
}

/** A value as Go's `%v` prints it. */
function show(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(show).join(' ')}]`;
  if (isGoPattern(v)) return v.source;
  return String(v);
}
