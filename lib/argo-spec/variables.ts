/**
 * Argo's `{{...}}` variable syntax, as its template engine reads it: a tag runs from `{{` to the next `}}`, and a
 * tag starting with `=` is an expression (`{{=sprig.upper(x)}}`). A tag holding another opening `{{` is nested:
 * `{{steps.run-{{inputs.parameters.day}}.status}}` substitutes the inner variable first, which makes the outer
 * name (`steps.run-monday.status`) known only then. An opening `{{` without a closing `}}` makes the whole string
 * unusable: Argo refuses to substitute it.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/variables/
 */

/** One `{{...}}` in a string. */
export interface VariableTag {
  /** the text between the braces, trimmed: `inputs.parameters.lr`, or the expression after `=` */
  readonly name: string;
  /**
   * `simple` for a variable, `expression` for `{{=...}}`, which Argo evaluates and never checks ahead, `nested`
   * for the outer tag around a nested one, whose name is known only after substitution
   */
  readonly kind: 'simple' | 'expression' | 'nested';
  /** 0-based offset of the opening braces */
  readonly offset: number;
}

/** The tags of a string, and the offset of an opening `{{` that is never closed. */
export interface ScannedTags {
  readonly tags: readonly VariableTag[];
  readonly unclosedAt?: number;
}

/**
 * Where the next `{{...}}` at or after `from` is, as Argo's template engine (valyala/fasttemplate with `{{` and
 * `}}`) finds it: from the opening braces to the first `}}` after them, whatever is between (a nested `{{`
 * included). `close` is -1 when no `}}` follows, which makes the whole text unusable to Argo.
 *
 * This is the one scanner of Argo tags in kfops: {@link scanTags}, {@link replaceTags} and the substitution of
 * `substitute.ts` are built on it.
 *
 * @returns undefined when no `{{` follows
 */
export function nextTag(text: string, from = 0): { readonly open: number; readonly close: number } | undefined {
  const open = text.indexOf('{{', from);
  if (open < 0) return undefined;
  return { open, close: text.indexOf('}}', open + 2) };
}

/** A `{{` without a `}}` after it: Argo refuses to substitute the text. */
export class UnclosedTagError extends Error {
  /** @param offset where the unclosed `{{` is */
  constructor(readonly offset: number) {
    super('a "{{" has no closing "}}"');
  }
}

/**
 * Replaces every tag of a text the way fasttemplate's `ExecuteFunc` does: each `{{tag}}` (the raw text between the
 * braces, spaces and nested `{{` included) becomes what `replace` returns for it; the text between tags is kept.
 *
 * @throws UnclosedTagError when a `{{` has no `}}` after it
 */
export function replaceTags(text: string, replace: (tag: string, offset: number) => string): string {
  let out = '';
  let at = 0;
  for (let tag = nextTag(text); tag; tag = nextTag(text, at)) {
    if (tag.close < 0) throw new UnclosedTagError(tag.open);
    out += text.slice(at, tag.open) + replace(text.slice(tag.open + 2, tag.close), tag.open);
    at = tag.close + 2;
  }
  return at === 0 ? text : out + text.slice(at);
}

/** Scans a string for `{{...}}` tags, the way Argo's template engine splits it. */
export function scanTags(text: string): ScannedTags {
  const tags: VariableTag[] = [];
  let from = 0;
  for (let tag = nextTag(text); tag; tag = nextTag(text, from)) {
    const { open, close } = tag;
    if (close < 0) return { tags, unclosedAt: open };
    const raw = text.slice(open + 2, close);
    const inner = raw.lastIndexOf('{{');
    if (inner >= 0) {
      // The outer tag continues after the inner one's braces, up to the next `}}`.
      tags.push({ name: raw.slice(inner + 2).trim(), kind: 'simple', offset: open + 2 + inner });
      const outerClose = text.indexOf('}}', close + 2);
      if (outerClose < 0) return { tags, unclosedAt: open };
      tags.push({ name: `${raw.slice(0, inner)}*${text.slice(close + 2, outerClose)}`.trim(), kind: 'nested', offset: open });
      from = outerClose + 2;
      continue;
    }
    // Argo tests the raw tag for the `=` prefix, so `{{ =x}}` is not an expression (and not a variable either).
    tags.push(raw.startsWith('=') ? { name: raw.slice(1).trim(), kind: 'expression', offset: open } : { name: raw.trim(), kind: 'simple', offset: open });
    from = close + 2;
  }
  return { tags };
}

/**
 * Prefixes of the variables Argo resolves and checks before a run; any other tag (`{{item}}`, `{{retries}}`,
 * `{{ .Values.x }}` from Helm text in a script) is passed through unchecked.
 * Argo's `GlobalVarValidWorkflowVariablePrefix`.
 */
export const CHECKED_VARIABLE_PREFIXES = ['item.', 'steps.', 'inputs.', 'outputs.', 'pod.', 'workflow.', 'tasks.'] as const;

/** True when Argo resolves the variable before a run, so an unknown one is an error. */
export function isCheckedVariable(name: string): boolean {
  return CHECKED_VARIABLE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** True when the whole string is one `{{...}}` tag, so its value is known only at run time. */
export function isWholeTag(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{{') || !trimmed.endsWith('}}')) return false;
  const { tags, unclosedAt } = scanTags(trimmed);
  return unclosedAt === undefined && tags.length === 1 && tags[0].offset === 0;
}

/** True when the string holds a `{{...}}` tag, so part of it is set at run time. */
export function hasTag(text: string): boolean {
  return scanTags(text).tags.length > 0;
}
