import { displayText } from '../publish/display-text';
import { FieldChange } from './field-diff';
import { MASKED } from './masking';
import { ParameterChange } from './review-summary';
import { RunLine, StepRunChange } from './run-changes';

/**
 * Renders a value from a manifest on one line that cannot pass for anything else (see `displayText`, the one
 * escaping of untrusted text): plain strings and numbers as they are (`10000`), strings that would read
 * ambiguously (empty, spaces at the ends, control characters, newlines) quoted with escapes, maps and lists as
 * compact JSON; long values cut with a count of the rest, so one big added template does not flood a review.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  return displayText(typeof value === 'string' ? value : String(JSON.stringify(value)));
}

/** `path: before -> after`, `path: (changed)` when masked, `path: value` for additions and removals. */
export function formatChange(change: FieldChange): string {
  const path = displayText(change.path);
  if (change.masked) return `${path}: (${change.op})`;
  if (change.op === 'changed') return `${path}: ${formatValue(change.before)} -> ${formatValue(change.after)}`;
  return `${path}: ${formatValue(change.op === 'added' ? change.after : change.before)}`;
}

/** `before -> after`, with `(none)` for the missing side. */
export function formatTransition(before: unknown, after: unknown): string {
  return `${formatValue(before)} -> ${formatValue(after)}`;
}

/** `train-steps: 10000 -> 12345`, `eval-split: added (0.2)`, `seed: removed (was 42)`, `api-token: (changed)`. */
export function formatParameterChange(p: ParameterChange): string {
  const name = displayText(p.parameter);
  if (p.before === MASKED || p.after === MASKED) return `${name}: (${p.op})`;
  const runtime = p.argoExpression ? ` ${RUN_TIME_NOTE}` : '';
  if (p.op === 'added') return `${name}: added (${formatValue(p.after)})${runtime}`;
  if (p.op === 'removed') return `${name}: removed (was ${formatValue(p.before)})`;
  return `${name}: ${formatTransition(p.before, p.after)}${runtime}`;
}

/** Said of a parameter value that Argo evaluates when the run starts, so a reviewer does not read it as a literal. */
export const RUN_TIME_NOTE = '[Argo expression, evaluated at run time]';

/**
 * One thing a step will do differently, on one line: `--train-steps 50000 -> --train-steps 12345` for
 * arguments (with where, unless plain args), `image: a -> b`, `env DB_PASS: (changed)`, `new step: ...`.
 * Values and the names in `where` come from manifests: they are shown by `displayText`, so a value with a
 * newline or an escape sequence stays on its line and reaches no terminal raw.
 *
 * @param code wraps a value already made safe to show, e.g. in `<code>` for Markdown @default - values as they are
 * @param arrow between before and after @default '->'
 */
export function formatRunLine(change: StepRunChange, line: RunLine, code: (text: string) => string = (t) => t, arrow = '->'): string {
  const shown = (value: string | undefined) => code(displayText(value ?? ''));
  const place = displayText(line.where);
  if (line.masked) return `${place}: (changed)`;
  if (change.op === 'added') return `new step: ${shown(line.after)}`;
  if (change.op === 'removed') return `no longer runs: ${shown(line.before)}`;
  const argument = /(^|\s)(args|command)$/.test(line.where);
  if (argument) {
    const where = line.where === 'args' ? '' : ` (${place})`;
    if (line.before === undefined) return `adds ${shown(line.after)}${where}`;
    if (line.after === undefined) return `drops ${shown(line.before)}${where}`;
    return `${shown(line.before)} ${arrow} ${shown(line.after)}${where}`;
  }
  return `${place}: ${line.before === undefined ? '(none)' : shown(line.before)} ${arrow} ${line.after === undefined ? '(none)' : shown(line.after)}`;
}
