/**
 * Argo's `depends` language: the condition on earlier tasks a DAG task waits for, such as
 * `prep && (train.Succeeded || train.Failed) && !lint.Errored`.
 *
 * Argo finds the task names with a regular expression, expands a bare name `a` to
 * `(a.Succeeded || a.Skipped || a.Daemoned)` and evaluates the result as a boolean expression when the task is
 * due. This module parses the same language into a tree, so everyone reading or writing `depends` (the validator,
 * the graph renderers, the compiler) agrees on what it says, including what Argo would fail on at run time.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/enhanced-depends-logic/
 */

/**
 * The results a `depends` expression may test on a task.
 * `AnySucceeded` and `AllFailed` are about the iterations of a task that loops (withItems, withParam, withSequence).
 */
export enum TaskResult {
  SUCCEEDED = 'Succeeded',
  FAILED = 'Failed',
  ERRORED = 'Errored',
  SKIPPED = 'Skipped',
  OMITTED = 'Omitted',
  DAEMONED = 'Daemoned',
  ANY_SUCCEEDED = 'AnySucceeded',
  ALL_FAILED = 'AllFailed',
}

const RESULTS = new Set<string>(Object.values(TaskResult));

/** Results that only make sense on a task that loops. */
export const LOOP_RESULTS: ReadonlySet<TaskResult> = new Set([TaskResult.ANY_SUCCEEDED, TaskResult.ALL_FAILED]);

/** A task named in a `depends` expression, with the result tested (none for a bare name) and where it sits. */
export interface DependsReference {
  readonly task: string;
  /** the result after the dot; undefined for a bare name, which means "succeeded, skipped or daemoned" */
  readonly result?: TaskResult;
  /** 0-based offset of the name in the expression */
  readonly offset: number;
}

/** The parsed expression. */
export type DependsExpression =
  | { readonly op: 'task'; readonly reference: DependsReference }
  | { readonly op: 'not'; readonly operand: DependsExpression }
  | { readonly op: 'and' | 'or'; readonly operands: readonly DependsExpression[] };

/** What {@link parseDepends} found: the tree when the text is well formed, and every task reference either way. */
export interface ParsedDepends {
  readonly expression?: DependsExpression;
  /** every reference, in text order (a task may appear more than once) */
  readonly references: readonly DependsReference[];
  /** why the text is not a `depends` expression, with the 0-based offset of the problem */
  readonly error?: { readonly message: string; readonly offset: number };
}

/** A task name as Argo's `depends` scanner reads it (DAG task names must also be valid Argo field names). */
const NAME = /[A-Za-z0-9][-A-Za-z0-9]*/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * Parses a `depends` expression: task names, optional `.Result`, `!`, `&&`, `||` and parentheses, with `!`
 * binding tightest and `&&` before `||`. Results are cached by text, since a DAG repeats the same few.
 *
 * @example parseDepends('a && (b.Failed || !c)').references.map((r) => r.task) // ['a', 'b', 'c']
 */
export function parseDepends(text: string): ParsedDepends {
  const cached = parsed.get(text);
  if (cached) return cached;
  const result = new DependsParser(text).parse();
  if (parsed.size >= PARSE_CACHE_SIZE) parsed.clear();
  parsed.set(text, result);
  return result;
}

const PARSE_CACHE_SIZE = 10_000;
const parsed = new Map<string, ParsedDepends>();

/**
 * How deep parentheses and `!` may nest. Argo takes any depth; past this, no DAG a person writes goes, and the
 * parser and what walks its result would run out of stack, so the expression is refused with a message instead.
 */
const MAX_NESTING = 200;

/** A recursive-descent parser over one expression. */
class DependsParser {
  private pos = 0;
  private depth = 0;
  private failure?: { message: string; offset: number };
  private readonly references: DependsReference[] = [];

  constructor(private readonly text: string) {}

  parse(): ParsedDepends {
    const expression = this.disjunction();
    this.skipSpace();
    if (expression && this.pos < this.text.length) {
      this.fail(`unexpected "${this.text.slice(this.pos, this.pos + 2).trim()}"; join conditions with && or ||`);
    }
    // Callers still learn every task the text names (for graphs and "unknown task" messages).
    if (this.failure) return { references: scanReferences(this.text), error: this.failure };
    return { expression, references: this.references };
  }

  private fail(message: string, offset = this.pos): undefined {
    this.failure ??= { message, offset };
    return undefined;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private peek(token: string): boolean {
    this.skipSpace();
    return this.text.startsWith(token, this.pos);
  }

  private disjunction(): DependsExpression | undefined {
    return this.chain('or', '||', () => this.conjunction());
  }

  private conjunction(): DependsExpression | undefined {
    return this.chain('and', '&&', () => this.negation());
  }

  private chain(op: 'and' | 'or', token: string, next: () => DependsExpression | undefined): DependsExpression | undefined {
    const first = next();
    if (!first) return undefined;
    const operands = [first];
    while (this.peek(token)) {
      this.pos += token.length;
      const operand = next();
      if (!operand) return undefined;
      operands.push(operand);
    }
    return operands.length === 1 ? first : { op, operands };
  }

  private negation(): DependsExpression | undefined {
    if (this.peek('!')) {
      this.pos++;
      const operand = this.nested(() => this.negation());
      return operand && { op: 'not', operand };
    }
    return this.primary();
  }

  /** Parses what `parse` reads one level deeper, or fails past {@link MAX_NESTING}. */
  private nested(parse: () => DependsExpression | undefined): DependsExpression | undefined {
    if (++this.depth > MAX_NESTING) return this.fail(`the expression nests parentheses and "!" more than ${MAX_NESTING} deep; write it flatter`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private primary(): DependsExpression | undefined {
    const { text } = this;
    this.skipSpace();
    if (text[this.pos] === '(') {
      this.pos++;
      const inner = this.nested(() => this.disjunction());
      if (!inner) return undefined;
      if (!this.peek(')')) return this.fail('expected ")"');
      this.pos++;
      return inner;
    }
    NAME.lastIndex = this.pos;
    const name = NAME.exec(text);
    if (!name) return this.fail(this.pos >= text.length ? 'expected a task name, got the end of the expression' : `expected a task name, got "${text[this.pos]}"`);
    const offset = this.pos;
    this.pos = NAME.lastIndex;
    let result: TaskResult | undefined;
    if (text[this.pos] === '.') {
      WORD.lastIndex = this.pos + 1;
      const word = WORD.exec(text);
      if (!word) return this.fail(`expected a task result after "${name[0]}."`, this.pos + 1);
      if (!RESULTS.has(word[0])) return this.fail(`"${word[0]}" is not a task result; use one of ${[...RESULTS].join(', ')}`, this.pos + 1);
      result = word[0] as TaskResult;
      this.pos = WORD.lastIndex;
    }
    const reference = result === undefined ? { task: name[0], offset } : { task: name[0], result, offset };
    this.references.push(reference);
    return { op: 'task', reference };
  }
}

/** Every `name` or `name.Result` in the text, the way Argo's scanner finds them, for text that does not parse. */
function scanReferences(text: string): DependsReference[] {
  const found: DependsReference[] = [];
  for (const match of text.matchAll(/([A-Za-z0-9][-A-Za-z0-9]*)(?:\.([A-Za-z]+))?/g)) {
    const result = match[2] !== undefined && RESULTS.has(match[2]) ? (match[2] as TaskResult) : undefined;
    found.push(result === undefined ? { task: match[1], offset: match.index } : { task: match[1], result, offset: match.index });
  }
  return found;
}

/** The distinct task names a `depends` expression mentions, in order of first appearance. */
export function dependsTasks(text: string): string[] {
  return [...new Set(parseDepends(text).references.map((r) => r.task))];
}

/**
 * The tasks a DAG task waits for, from `depends` or, when that is unset, the older `dependencies` list (which
 * Argo reads as a bare-name `depends` joined with `&&`).
 */
export function taskDependencies(task: { readonly depends?: unknown; readonly dependencies?: unknown }): string[] {
  if (typeof task.depends === 'string' && task.depends.trim() !== '') return dependsTasks(task.depends);
  return Array.isArray(task.dependencies) ? [...new Set(task.dependencies.filter((d): d is string => typeof d === 'string'))] : [];
}

/** Writes an expression in Argo's usual spelling (`a && (b.Failed || c)`), with parentheses only where needed. */
export function formatDepends(expression: DependsExpression): string {
  const write = (e: DependsExpression, parent: 'or' | 'and' | 'not' | undefined): string => {
    switch (e.op) {
      case 'task':
        return e.reference.result ? `${e.reference.task}.${e.reference.result}` : e.reference.task;
      case 'not':
        return `!${write(e.operand, 'not')}`;
      default: {
        const text = e.operands.map((o) => write(o, e.op)).join(e.op === 'and' ? ' && ' : ' || ');
        // '!' binds tightest and '&&' before '||': an 'or' needs parentheses inside either, an 'and' inside '!'.
        return parent === 'not' || (parent === 'and' && e.op === 'or') ? `(${text})` : text;
      }
    }
  };
  return write(expression, undefined);
}
