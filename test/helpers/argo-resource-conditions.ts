/**
 * An evaluator of Argo resource templates' `successCondition` / `failureCondition`, written from the executor's
 * code (workflow/executor/resource.go, unchanged from v3.6.0 to v4.1): each condition is parsed as a Kubernetes
 * label selector (k8s.io/apimachinery labels.Parse), every requirement key is a gjson path into the object's JSON,
 * and each poll checks the failure requirements first, then the success requirements.
 *
 * The executor fails the step when ANY failure requirement holds; Argo's docs say comma-separated requirements are
 * ANDed. `reading` picks one, so a test can require a condition to mean the same under both.
 */

/** What the executor concludes from one poll of the object. */
export type Outcome = 'succeeded' | 'failed' | 'waiting';

/** How the requirements of a failure condition combine: the executor's (any) or the docs' (all). */
export type Reading = 'executor' | 'docs';

type Operator = '=' | '==' | '!=' | 'in' | 'notin' | '>' | '<' | 'exists' | '!';

interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

// IsQualifiedName: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): void {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (name.length > 63 || !NAME.test(name) || (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix)))) {
    throw new Error(`label selector key '${key}' is not a qualified name: the executor cannot parse the condition`);
  }
}

function checkValue(value: string, operator: Operator): void {
  if (value.length > 63 || !VALUE.test(value)) throw new Error(`label selector value '${value}' is not a valid label value`);
  if ((operator === '>' || operator === '<') && !/^-?\d+$/.test(value)) throw new Error(`'${operator}' needs an integer, got '${value}'`);
}

/** Splits a selector at the commas outside parentheses, as the selector lexer does. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

/** Parses a condition the way labels.Parse does; throws where it would return an error. */
export function parseCondition(selector: string): Requirement[] {
  if (selector.trim() === '') return [];
  return splitRequirements(selector).map((text) => {
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      checkKey(set[1]);
      values.forEach((v) => checkValue(v, set[2] as Operator));
      return { key: set[1], operator: set[2] as Operator, values };
    }
    const binary = /^([^\s=!<>]+)\s*(==|=|!=|>|<)\s*(\S*)$/.exec(text);
    if (binary) {
      checkKey(binary[1]);
      checkValue(binary[3], binary[2] as Operator);
      return { key: binary[1], operator: binary[2] as Operator, values: [binary[3]] };
    }
    const negated = /^!\s*(\S+)$/.exec(text);
    if (negated) {
      checkKey(negated[1]);
      return { key: negated[1], operator: '!', values: [] };
    }
    if (/^\S+$/.test(text)) {
      checkKey(text);
      return { key: text, operator: 'exists', values: [] };
    }
    throw new Error(`cannot parse requirement '${text}'`);
  });
}

/** gjson's `Get(path)`: whether the path exists, and `.String()` of what it finds (numbers as their JSON text). */
function lookup(object: unknown, path: string): { exists: boolean; text: string } {
  let node: unknown = object;
  for (const segment of path.split('.')) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (node !== null && typeof node === 'object' && !Array.isArray(node)) node = (node as Record<string, unknown>)[segment];
    else node = undefined;
    if (node === undefined) return { exists: false, text: '' };
  }
  if (node === null) return { exists: true, text: '' };
  return { exists: true, text: typeof node === 'object' ? JSON.stringify(node) : String(node) };
}

/** Requirement.Matches of apimachinery, over the object's JSON. */
function matches(r: Requirement, object: unknown): boolean {
  const { exists, text } = lookup(object, r.key);
  switch (r.operator) {
    case '=': case '==': case 'in':
      return exists && r.values.includes(text);
    case '!=': case 'notin':
      return !exists || !r.values.includes(text);
    case 'exists':
      return exists;
    case '!':
      return !exists;
    case '>': case '<': {
      if (!exists || !/^-?\d+$/.test(text)) return false;
      const [have, want] = [Number(text), Number(r.values[0])];
      return r.operator === '>' ? have > want : have < want;
    }
  }
}

/** One poll of the executor's wait loop (matchConditions) on `object`. */
export function evaluateConditions(
  conditions: { readonly successCondition?: string; readonly failureCondition?: string },
  object: unknown,
  reading: Reading,
): Outcome {
  const failure = parseCondition(conditions.failureCondition ?? '');
  const success = parseCondition(conditions.successCondition ?? '');
  const failed = reading === 'executor'
    ? failure.some((r) => matches(r, object))
    : failure.length > 0 && failure.every((r) => matches(r, object));
  if (failed) return 'failed';
  // The executor counts matches and succeeds when all matched, so no success condition succeeds at once.
  return success.every((r) => matches(r, object)) ? 'succeeded' : 'waiting';
}
