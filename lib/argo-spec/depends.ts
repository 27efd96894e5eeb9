/**
 * Argo's `depends` expressions on DAG task results: the grammar both the DSL (which prints them) and the importer
 * and validator (which read them) share.
 *
 * ```
 * expr    := or
 * or      := and ('||' and)*
 * and     := unary ('&&' unary)*
 * unary   := '!' unary | '(' expr ')' | operand
 * operand := TASK | TASK '.' RESULT
 * ```
 * A bare `TASK` means `(TASK.Succeeded || TASK.Skipped || TASK.Daemoned)` (plus Errored/Failed under `continueOn`).
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/enhanced-depends-logic/
 */

/** Results a `depends` operand can test, as Argo spells them. */
export enum TaskResult {
  SUCCEEDED = 'Succeeded',
  FAILED = 'Failed',
  ERRORED = 'Errored',
  SKIPPED = 'Skipped',
  OMITTED = 'Omitted',
  DAEMONED = 'Daemoned',
  /** At least one iteration of a looped task succeeded. */
  ANY_SUCCEEDED = 'AnySucceeded',
  /** Every iteration of a looped task failed. */
  ALL_FAILED = 'AllFailed',
}

/** A parsed `depends` expression. */
export type DependsNode =
  | { readonly kind: 'task'; readonly task: string; readonly result?: TaskResult }
  | { readonly kind: 'not'; readonly operand: DependsNode }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly DependsNode[] };

/** A `depends` expression that does not parse: what is wrong, and where (0-based character offset). */
export class DependsSyntaxError extends Error {
  constructor(message: string, public readonly offset: number) {
    super(message);
    this.name = 'DependsSyntaxError';
  }
}

const RESULTS = new Set<string>(Object.values(TaskResult));
const TOKEN = /\s*(&&|\|\||!|\(|\)|[a-zA-Z0-9][-a-zA-Z0-9]*(?:\.[A-Za-z]+)?)/y;

/** Parses a `depends` expression; throws {@link DependsSyntaxError} naming the offset of the problem. */
export function parseDepends(text: string): DependsNode {
  const tokens: Array<{ text: string; offset: number }> = [];
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      const offset = at + (text.slice(at).length - text.slice(at).trimStart().length);
      throw new DependsSyntaxError(`unexpected ${JSON.stringify(text[offset])} at ${offset}`, offset);
    }
    tokens.push({ text: m[1], offset: m.index + m[0].length - m[1].length });
    at = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i]?.text;
  const fail = (what: string): never => {
    const offset = tokens[i]?.offset ?? text.length;
    throw new DependsSyntaxError(`${what} at ${offset}${tokens[i] ? ` (found ${JSON.stringify(tokens[i].text)})` : ' (end of expression)'}`, offset);
  };
  const binary = (op: '||' | '&&', kind: 'or' | 'and', next: () => DependsNode) => (): DependsNode => {
    const operands = [next()];
    while (peek() === op) {
      i++;
      operands.push(next());
    }
    return operands.length === 1 ? operands[0] : { kind, operands };
  };
  const unary = (): DependsNode => {
    const t = peek();
    if (t === '!') {
      i++;
      return { kind: 'not', operand: unary() };
    }
    if (t === '(') {
      i++;
      const inner = or();
      if (peek() !== ')') fail("expected ')'");
      i++;
      return inner;
    }
    if (t === undefined || t === ')' || t === '&&' || t === '||') return fail('expected a task name');
    i++;
    const [task, result] = t.split('.');
    if (result !== undefined && !RESULTS.has(result)) {
      i--;
      fail(`unknown task result '${result}' (one of ${[...RESULTS].join(', ')})`);
    }
    return { kind: 'task', task, ...(result !== undefined && { result: result as TaskResult }) };
  };
  const and = binary('&&', 'and', unary);
  const or = binary('||', 'or', and);
  const node = or();
  if (i < tokens.length) fail("expected '&&', '||' or the end");
  return node;
}

/** Prints an expression in Argo's usual spelling (`A && (B.Failed || C)`), with parentheses only where needed. */
export function formatDepends(node: DependsNode): string {
  const print = (n: DependsNode, parent: 'or' | 'and' | 'not' | undefined): string => {
    switch (n.kind) {
      case 'task':
        return n.result ? `${n.task}.${n.result}` : n.task;
      case 'not':
        return `!${print(n.operand, 'not')}`;
      default: {
        const text = n.operands.map((o) => print(o, n.kind)).join(n.kind === 'and' ? ' && ' : ' || ');
        // '!' binds tightest and '&&' before '||': an 'or' needs parentheses inside either, an 'and' inside '!'.
        const wrap = parent === 'not' || (parent === 'and' && n.kind === 'or');
        return wrap ? `(${text})` : text;
      }
    }
  };
  return print(node, undefined);
}

/** The task names an expression mentions, in order of first appearance. */
export function dependsTasks(node: DependsNode): string[] {
  const names: string[] = [];
  const visit = (n: DependsNode): void => {
    if (n.kind === 'task') {
      if (!names.includes(n.task)) names.push(n.task);
    } else if (n.kind === 'not') {
      visit(n.operand);
    } else {
      n.operands.forEach(visit);
    }
  };
  visit(node);
  return names;
}
