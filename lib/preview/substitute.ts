import { isRuntimeVariable, placeholder } from './placeholder';

/** Variable values for one substitution pass: `workflow.parameters.train-steps` -> `50000`. */
export type Variables = ReadonlyMap<string, string>;

/** A substitution Argo cannot finish: the step fails with this reason. */
export class SubstitutionError extends Error {}

/**
 * Substitutes Argo tags in every string of a value (map keys included), the way the controller does on the
 * value's JSON (`util/template`): `{{name}}` (spaces around the name ignored) becomes the variable's value, a tag
 * with a nested tag (`{{tasks.{{inputs.parameters.t}}.outputs.result}}`) has its inner tag replaced first, and an
 * unknown tag is left for a later pass. `{{=expression}}` tags are left for run time: they become placeholders.
 *
 * @throws SubstitutionError when a `{{` has no `}}` after it, or a value holds a control character Argo's JSON
 *   round trip rejects
 */
export function substitute<T>(value: T, variables: Variables): T {
  return JSON.parse(replaceTags(JSON.stringify(value), variables)) as T;
}

/**
 * Replaces the tags of a JSON text (fasttemplate with `{{`/`}}`, as Argo uses it). Values are inserted as JSON
 * string content, the way Go's `strconv.Quote` escapes them.
 */
export function replaceTags(json: string, variables: Variables): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = json.indexOf('{{', at);
    if (start < 0) return out + json.slice(at);
    const end = json.indexOf('}}', start + 2);
    if (end < 0) {
      throw new SubstitutionError(`"{{${unquote(json.slice(start + 2, start + 42))}..." has no closing "}}", so Argo cannot substitute the template`);
    }
    out += json.slice(at, start) + replaceTag(json.slice(start + 2, end), variables);
    at = end + 2;
  }
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

/**
 * After the last pass: tags left in a value are either run-time variables (outputs of other steps,
 * `{{workflow.uid}}`), which become placeholders, or names Argo does not know, which are returned.
 *
 * @returns the value with placeholders, and the unknown tags found
 */
export function finishTags<T>(value: T): { value: T; unknown: string[] } {
  const unknown: string[] = [];
  const text = JSON.stringify(value).replace(/\{\{([^{}]*)\}\}/g, (whole, tag: string) => {
    const name = unquote(tag).trim();
    if (isRuntimeVariable(name)) return insert(placeholder(name), tag);
    if (!unknown.includes(name)) unknown.push(name);
    return whole;
  });
  return { value: JSON.parse(text) as T, unknown };
}
