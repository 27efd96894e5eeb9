import { parseGovaluateTime } from './go-time';

/**
 * Token kinds of govaluate, the expression language of Argo's `when` (Knetic/govaluate, the version the Argo
 * controller vendors).
 */
export type TokenKind =
  | 'UNKNOWN' | 'PREFIX' | 'NUMERIC' | 'BOOLEAN' | 'STRING' | 'PATTERN' | 'TIME' | 'VARIABLE' | 'FUNCTION' | 'SEPARATOR'
  | 'ACCESSOR' | 'COMPARATOR' | 'LOGICALOP' | 'MODIFIER' | 'CLAUSE' | 'CLAUSE_CLOSE' | 'TERNARY';

/** A compiled `=~` pattern: what it matches, and its source (without a leading flag group) as messages show it. */
export interface GoPattern {
  readonly source: string;
  test(value: string): boolean;
}

/** True for a {@link GoPattern} value. */
export function isGoPattern(value: unknown): value is GoPattern {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as GoPattern).test === 'function';
}

/** One token: a literal value, an operator symbol, a variable name or an accessor path. */
export interface Token {
  readonly kind: TokenKind;
  readonly value: string | number | boolean | GoPattern | readonly string[];
}

/** An expression govaluate rejects, with govaluate's own reason. */
export class GovaluateError extends Error {}

const PREFIX_SYMBOLS = new Set(['-', '!', '~']);
const MODIFIER_SYMBOLS = new Set(['+', '-', '*', '/', '%', '**', '&', '|', '^', '>>', '<<']);
const LOGICAL_SYMBOLS = new Set(['&&', '||']);
const COMPARATOR_SYMBOLS = new Set(['==', '!=', '>', '>=', '<', '<=', '=~', '!~', 'in']);
const TERNARY_SYMBOLS = new Set(['?', ':', '??']);

/** Which token kinds may follow each kind, and whether an expression may end on it (govaluate's lexer states). */
const VALUE_NEXT: readonly TokenKind[] = ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'TERNARY', 'SEPARATOR'];
const OPERAND: readonly TokenKind[] = ['PREFIX', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'PATTERN', 'FUNCTION', 'ACCESSOR', 'STRING', 'TIME', 'CLAUSE'];
const STATES: Readonly<Record<TokenKind, { readonly next: readonly TokenKind[]; readonly eof: boolean }>> = {
  UNKNOWN: { next: OPERAND, eof: false },
  CLAUSE: { next: [...OPERAND, 'CLAUSE_CLOSE'], eof: false },
  CLAUSE_CLOSE: {
    next: ['COMPARATOR', 'MODIFIER', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'STRING', 'PATTERN', 'TIME', 'CLAUSE', 'CLAUSE_CLOSE', 'LOGICALOP', 'TERNARY', 'SEPARATOR'],
    eof: true,
  },
  NUMERIC: { next: VALUE_NEXT, eof: true },
  BOOLEAN: { next: VALUE_NEXT, eof: true },
  STRING: { next: VALUE_NEXT, eof: true },
  TIME: { next: ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR'], eof: true },
  PATTERN: { next: ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR'], eof: true },
  VARIABLE: { next: VALUE_NEXT, eof: true },
  MODIFIER: { next: ['PREFIX', 'NUMERIC', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'STRING', 'BOOLEAN', 'CLAUSE', 'CLAUSE_CLOSE'], eof: false },
  COMPARATOR: { next: ['PREFIX', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'STRING', 'TIME', 'CLAUSE', 'CLAUSE_CLOSE', 'PATTERN'], eof: false },
  LOGICALOP: { next: ['PREFIX', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'STRING', 'TIME', 'CLAUSE', 'CLAUSE_CLOSE'], eof: false },
  PREFIX: { next: ['NUMERIC', 'BOOLEAN', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'CLAUSE', 'CLAUSE_CLOSE'], eof: false },
  TERNARY: { next: ['PREFIX', 'NUMERIC', 'BOOLEAN', 'STRING', 'TIME', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'CLAUSE', 'SEPARATOR'], eof: false },
  FUNCTION: { next: ['CLAUSE'], eof: false },
  ACCESSOR: { next: ['CLAUSE', 'MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'TERNARY', 'SEPARATOR'], eof: true },
  SEPARATOR: { next: ['PREFIX', 'NUMERIC', 'BOOLEAN', 'STRING', 'TIME', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'CLAUSE'], eof: false },
};

const isDigit = (c: string) => /^\p{Nd}$/u.test(c);
const isLetter = (c: string) => /^\p{L}$/u.test(c);
const isSpace = (c: string) => /^\s$/u.test(c);
const isQuote = (c: string) => c === "'" || c === '"';

/** A rune stream with govaluate's read, rewind and escape rules. */
class Stream {
  private position = 0;
  private readonly chars: string[];

  constructor(text: string) {
    this.chars = [...text];
  }

  canRead(): boolean { return this.position < this.chars.length; }
  read(): string { return this.chars[this.position++] ?? ''; }
  rewind(n: number): void { this.position -= n; }

  /**
   * Reads while `condition` holds; a backslash escapes the next character; whitespace ends the text once it has
   * started (`breakWhitespace`) or is skipped (`!includeWhitespace`). Returns the text and whether `condition` (or
   * whitespace) ended it before the stream did.
   */
  readUntil(includeWhitespace: boolean, breakWhitespace: boolean, condition: (c: string) => boolean): [string, boolean] {
    let text = '';
    while (this.canRead()) {
      let c = this.read();
      if (c === '\\') {
        c = this.read();
        text += c;
        continue;
      }
      if (isSpace(c)) {
        if (breakWhitespace && text.length > 0) return [text, true];
        if (!includeWhitespace) continue;
      }
      if (!condition(c)) {
        this.rewind(1);
        return [text, true];
      }
      text += c;
    }
    return [text, false];
  }

  /** Reads the token that starts with the character just read. */
  readToken(condition: (c: string) => boolean): string {
    this.rewind(1);
    return this.readUntil(false, true, condition)[0];
  }
}

/** Splits an expression into govaluate tokens, as `NewEvaluableExpression` does (no functions are defined). */
export function tokenize(expression: string): Token[] {
  const stream = new Stream(expression);
  const tokens: Token[] = [];
  let state: TokenKind = 'UNKNOWN';
  while (stream.canRead()) {
    const token = readToken(stream, state);
    if (!token) break;
    state = token.kind;
    tokens.push(token);
  }
  checkBalance(tokens);
  return tokens;
}

function readToken(stream: Stream, state: TokenKind): Token | undefined {
  while (stream.canRead()) {
    let c = stream.read();
    if (isSpace(c)) continue;
    if (isDigit(c) || c === '.') {
      if (stream.canRead() && c === '0') {
        c = stream.read();
        if (stream.canRead() && c === 'x') {
          const hex = stream.readUntil(false, true, (h) => /^[0-9a-f]$/i.test(h))[0];
          if (!/^[0-9a-f]{1,16}$/i.test(hex)) throw new GovaluateError(`Unable to parse hex value '${hex}' to uint64`);
          return { kind: 'NUMERIC', value: Number.parseInt(hex, 16) };
        }
        stream.rewind(1);
      }
      const text = stream.readToken((d) => isDigit(d) || d === '.');
      if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) throw new GovaluateError(`Unable to parse numeric value '${text}' to float64`);
      return { kind: 'NUMERIC', value: Number(text) };
    }
    if (c === ',') return { kind: 'SEPARATOR', value: ',' };
    if (c === '[') {
      const [name, closed] = stream.readUntil(true, false, (b) => b !== ']');
      if (!closed) throw new GovaluateError('Unclosed parameter bracket');
      stream.rewind(-1);
      return { kind: 'VARIABLE', value: name };
    }
    if (isLetter(c)) return wordToken(stream.readToken((w) => isLetter(w) || isDigit(w) || w === '_' || w === '.'));
    if (isQuote(c)) {
      const [text, closed] = stream.readUntil(true, false, (q) => !isQuote(q));
      if (!closed) throw new GovaluateError('Unclosed string literal');
      stream.rewind(-1);
      const time = parseGovaluateTime(text);
      return time === undefined ? { kind: 'STRING', value: text } : { kind: 'TIME', value: time };
    }
    if (c === '(') return { kind: 'CLAUSE', value: '(' };
    if (c === ')') return { kind: 'CLAUSE_CLOSE', value: ')' };
    const symbol = stream.readToken((s) => !(isDigit(s) || isLetter(s) || s === '(' || s === ')' || s === '[' || s === ']' || isQuote(s)));
    if (STATES[state].next.includes('PREFIX') && PREFIX_SYMBOLS.has(symbol)) return { kind: 'PREFIX', value: symbol };
    if (MODIFIER_SYMBOLS.has(symbol)) return { kind: 'MODIFIER', value: symbol };
    if (LOGICAL_SYMBOLS.has(symbol)) return { kind: 'LOGICALOP', value: symbol };
    if (COMPARATOR_SYMBOLS.has(symbol)) return { kind: 'COMPARATOR', value: symbol };
    if (TERNARY_SYMBOLS.has(symbol)) return { kind: 'TERNARY', value: symbol };
    throw new GovaluateError(`Invalid token: '${symbol}'`);
  }
  return undefined;
}

function wordToken(word: string): Token {
  if (word === 'true' || word === 'false') return { kind: 'BOOLEAN', value: word === 'true' };
  if (word === 'in' || word === 'IN') return { kind: 'COMPARATOR', value: 'in' };
  const dot = word.indexOf('.');
  if (dot > 0) {
    if (word.endsWith('.')) throw new GovaluateError(`Hanging accessor on token '${word}'`);
    const parts = word.split('.');
    const unexported = parts.slice(1).find((p) => p !== '' && p[0] !== p[0].toUpperCase());
    if (unexported !== undefined) throw new GovaluateError(`Unable to access unexported field '${unexported}' in token '${word}'`);
    return { kind: 'ACCESSOR', value: parts };
  }
  return { kind: 'VARIABLE', value: word };
}

function checkBalance(tokens: readonly Token[]): void {
  let depth = 0;
  for (const t of tokens) depth += t.kind === 'CLAUSE' ? 1 : t.kind === 'CLAUSE_CLOSE' ? -1 : 0;
  if (depth !== 0) throw new GovaluateError('Unbalanced parenthesis');
}

/** Checks that each token may follow the one before and that the expression may end where it does. */
export function checkSyntax(tokens: readonly Token[]): void {
  let state: TokenKind = 'UNKNOWN';
  let last: Token | undefined;
  for (const token of tokens) {
    if (!STATES[state].next.includes(token.kind)) {
      if (last?.kind === 'VARIABLE' && token.kind === 'CLAUSE') throw new GovaluateError(`Undefined function ${String(last.value)}`);
      throw new GovaluateError(`Cannot transition token types from ${state} [${last ? String(last.value) : ''}] to ${token.kind} [${String(token.value)}]`);
    }
    state = token.kind;
    last = token;
  }
  if (!STATES[state].eof) throw new GovaluateError('Unexpected end of expression');
}
