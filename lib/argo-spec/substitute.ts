import { parametersJson } from './global-variables';
import { isRuntimeVariable, placeholder } from './placeholder';
import { isCheckedVariable, replaceTags, UnclosedTagError } from './variables';

/** Variable values for one substitution pass: `workflow.parameters.train-steps` -> `50000`. */
export type Variables = ReadonlyMap<string, string>;

/** A substitution Argo cannot finish: the node (or, at submission, the workflow) fails with this reason. */
export class SubstitutionError extends Error {}

type Obj = Record<string, unknown>;

/**
 * Substitutes Argo tags in every string of a value (map keys included), the way the controller does on the
 * value's JSON (`util/template.Replace`): `{{name}}` (spaces around the name ignored) becomes the variable's value,
 * a tag with a nested tag (`{{tasks.{{inputs.parameters.t}}.outputs.result}}`) has its inner tag replaced first,
 * and an unknown tag is left for a later pass. `{{=expression}}` tags are left for run time: they become
 * placeholders.
 *
 * @throws SubstitutionError when a `{{` has no `}}` after it, or a value holds a control character Argo's JSON
 *   round trip rejects
 */
export function substitute<T>(value: T, variables: Variables): T {
  return JSON.parse(replaceAllTags(JSON.stringify(value), (tag) => replaceTag(tag, variables))) as T;
}

/**
 * Both passes of the controller's `common.SubstituteParams` on a template whose inputs have their values (from
 * the arguments, else `value`, else `default`): first the globals and the node's own variables (`variables`) over
 * the whole template, then, with the inputs as that pass left them (an input whose value is
 * `{{workflow.parameters.n}}` now holds the parameter's value), `inputs.parameters.<name>`, `inputs.parameters`
 * (as JSON), and the paths of input and output artifacts and of output parameters.
 *
 * @throws SubstitutionError as {@link substitute}, and for an input with neither a value nor a `valueFrom`
 */
export function substituteParams(template: Obj, variables: Variables): Obj {
  const first = substitute(template, variables);
  const inputs = isRecord(first.inputs) ? first.inputs : {};
  const vars = new Map(variables);
  const parameters = records(inputs.parameters);
  for (const p of parameters) {
    if (p.value !== undefined && p.value !== null) vars.set(`inputs.parameters.${String(p.name)}`, String(p.value));
    else if (p.valueFrom === undefined) throw new SubstitutionError(`inputs.parameters.${String(p.name)} had no value`);
  }
  vars.set('inputs.parameters', parametersJson(parameters));
  for (const a of records(inputs.artifacts)) if (typeof a.path === 'string' && a.path !== '') vars.set(`inputs.artifacts.${String(a.name)}.path`, a.path);
  const outputs = isRecord(first.outputs) ? first.outputs : {};
  for (const a of records(outputs.artifacts)) if (typeof a.path === 'string' && a.path !== '') vars.set(`outputs.artifacts.${String(a.name)}.path`, a.path);
  for (const p of records(outputs.parameters)) {
    if (isRecord(p.valueFrom) && typeof p.valueFrom.path === 'string' && p.valueFrom.path !== '') vars.set(`outputs.parameters.${String(p.name)}.path`, p.valueFrom.path);
  }
  return substitute(first, vars);
}

/**
 * After the last pass: tags left in a value are run-time variables (outputs of other steps, `{{workflow.uid}}`),
 * which become placeholders, variables Argo checks at submission but does not know (`{{inputs.parameters.typo}}`:
 * its validator refuses the workflow with "failed to resolve"), which are returned and left as written, or tags
 * Argo does not check (`{{ .Values.x }}` of a Helm text in a script), which stay as text.
 *
 * @returns the value with placeholders, and the unknown checked variables found (names as written, trimmed)
 */
export function finishTags<T>(value: T): { value: T; unknown: string[] } {
  const unknown: string[] = [];
  const text = replaceAllTags(JSON.stringify(value), (tag) => {
    const name = unquote(tag).trim();
    // A nested tag left over: its inner variable was not known either.
    const nested = name.lastIndexOf('{{');
    if (nested < 0 && isRuntimeVariable(name)) return insert(placeholder(name), tag);
    const inner = nested < 0 ? name : name.slice(nested + 2).trim();
    if (isCheckedVariable(inner) && !isRuntimeVariable(inner) && !unknown.includes(inner)) unknown.push(inner);
    return `{{${tag}}}`;
  });
  return { value: JSON.parse(text) as T, unknown };
}

/**
 * Every tag left in a text as a placeholder, known or not: how a manifest is read before any run exists (the
 * validator), so `replicas: {{inputs.parameters.n}}` is a value unknown until run time rather than a YAML flow map.
 *
 * @throws SubstitutionError when a `{{` has no `}}` after it
 */
export function placeholdTags(text: string): string {
  return replaceAllTags(text, (tag) => placeholder(tag.trim()));
}

/** {@link replaceTags}, an unclosed tag refused with the message Argo gives. */
function replaceAllTags(text: string, replace: (tag: string) => string): string {
  try {
    return replaceTags(text, replace);
  } catch (err) {
    if (err instanceof UnclosedTagError) throw unclosed(text, err.offset);
    throw err;
  }
}

function unclosed(text: string, offset: number): SubstitutionError {
  return new SubstitutionError(`"{{${unquote(text.slice(offset + 2, offset + 42))}..." has no closing "}}", so Argo cannot substitute the template`);
}

function replaceTag(tag: string, variables: Variables): string {
  if (tag.startsWith('=')) return insert(placeholder(`=${unquote(tag.slice(1))}`), tag);
  const value = variables.get(tag.trim());
  if (value !== undefined) return insert(value, tag);
  const nested = tag.lastIndexOf('{{');
  if (nested > 0) {
    const inner = variables.get(tag.slice(nested + 2));
    // The outer tag's own `}}` follows in the text, so the result is a tag again.
    if (inner !== undefined) return `{{${tag.slice(0, nested)}${insert(inner, tag)}`;
  }
  return `{{${tag}}}`;
}

/**
 * A value as JSON string content. Go's `strconv.Quote` writes `\a`, `\v` and `\x..` for other control characters,
 * which are not JSON, so Argo's substitution fails on them.
 */
function insert(value: string, tag: string): string {
  const bad = /[\x00-\x07\x0b\x0e-\x1f\x7f]/.exec(value);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
    throw new SubstitutionError(`the value of {{${unquote(tag).trim()}}} holds the control character U+${code}, which Argo's template substitution rejects (invalid JSON)`);
  }
  return JSON.stringify(value).slice(1, -1);
}

/** Text taken from the JSON, as it was in the string. */
function unquote(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function records(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
