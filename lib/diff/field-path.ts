/** An item of a keyed list, addressed by its merge key: `containers[name=trainer]`. */
export interface KeyedSegment {
  readonly key: string;
  readonly value: string;
}

/** One step of a path into an object: a map field, a list index, or a keyed list item. */
export type PathSegment = string | number | KeyedSegment;

const PLAIN_FIELD = /^[A-Za-z_$][\w$-]*$/;

/**
 * Renders a path the way reviewers read it: `spec.templates[name=train].container.image`,
 * `metadata.labels["kfops.dev/pipeline"]`, `spec.args[2]`.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'object') out += `[${seg.key}=${seg.value}]`;
    else if (PLAIN_FIELD.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
