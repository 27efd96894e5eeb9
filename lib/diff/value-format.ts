import { FieldChange } from './field-diff';
import { MASKED } from './masking';
import { ParameterChange } from './review-summary';
import { RunLine, StepRunChange } from './run-changes';

/** Longest rendering of one value before it is cut with `…`, so one big added template does not flood a review. */
export const MAX_VALUE_CHARS = 300;

/**
 * Renders a value on one line: plain strings and numbers as they are (`10000`), strings that would read
 * ambiguously (empty, spaces at the ends, newlines) JSON-quoted, maps and lists as compact JSON; cut at
 * `max` characters.
 */
export function formatValue(value: unknown, max: number = MAX_VALUE_CHARS): string {
  let text: string;
  if (value === undefined) text = '(none)';
  else if (typeof value === 'string') text = /^\S(.*\S)?$/.test(value) && !value.includes('\n') ? value : JSON.stringify(value);
  else text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `path: before -> after`, `path: (changed)` when masked, `path: value` for additions and removals. */
export function formatChange(change: FieldChange): string {
  if (change.masked) return `${change.path}: (${change.op})`;
  if (change.op === 'changed') return `${change.path}: ${formatValue(change.before)} -> ${formatValue(change.after)}`;
  return `${change.path}: ${formatValue(change.op === 'added' ? change.after : change.before)}`;
}

/** `before -> after`, with `(none)` for the missing side. */
export function formatTransition(before: unknown, after: unknown): string {
  return `${formatValue(before)} -> ${formatValue(after)}`;
}

/** `train-steps: 10000 -> 12345`, `eval-split: added (0.2)`, `seed: removed (was 42)`, `api-token: (changed)`. */
export function formatParameterChange(p: ParameterChange): string {
  if (p.before === MASKED || p.after === MASKED) return `${p.parameter}: (${p.op})`;
  const runtime = p.argoExpression ? ` ${RUN_TIME_NOTE}` : '';
  if (p.op === 'added') return `${p.parameter}: added (${formatValue(p.after)})${runtime}`;
  if (p.op === 'removed') return `${p.parameter}: removed (was ${formatValue(p.before)})`;
  return `${p.parameter}: ${formatTransition(p.before, p.after)}${runtime}`;
}

/** Said of a parameter value that Argo evaluates when the run starts, so a reviewer does not read it as a literal. */
export const RUN_TIME_NOTE = '[Argo expression, evaluated at run time]';

/**
 * One thing a step will do differently, on one line: `--train-steps 50000 -> --train-steps 12345` for
 * arguments (with where, unless plain args), `image: a -> b`, `env DB_PASS: (changed)`, `new step: ...`.
 *
 * @param code wraps a value, e.g. in backticks for Markdown @default - values as they are
 * @param arrow between before and after @default '->'
 */
export function formatRunLine(change: StepRunChange, line: RunLine, code: (text: string) => string = (t) => t, arrow = '->'): string {
  if (line.masked) return `${line.where}: (changed)`;
  if (change.op === 'added') return `new step: ${code(line.after ?? '')}`;
  if (change.op === 'removed') return `no longer runs: ${code(line.before ?? '')}`;
  const argument = /(^|\s)(args|command)$/.test(line.where);
  if (argument) {
    const where = line.where === 'args' ? '' : ` (${line.where})`;
    if (line.before === undefined) return `adds ${code(line.after ?? '')}${where}`;
    if (line.after === undefined) return `drops ${code(line.before)}${where}`;
    return `${code(line.before)} ${arrow} ${code(line.after)}${where}`;
  }
  return `${line.where}: ${line.before === undefined ? '(none)' : code(line.before)} ${arrow} ${line.after === undefined ? '(none)' : code(line.after)}`;
}
