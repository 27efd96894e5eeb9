import { fieldNameProblem, parameterNameProblem } from '../../../argo-spec/names';
import { isRecord } from '../../object-index';
import { error, Violation } from '../../violation';

/** What a list of named entries holds, for messages and rule ids. */
export interface NamedKind {
  /** `template`, `step`, `input parameter`, ... */
  readonly what: string;
  /** the rule for a missing or malformed name (`argo/template-name`) */
  readonly rule: string;
  /** the rule for a repeated name (`argo/duplicate-template`) */
  readonly duplicateRule: string;
  /** why a name is malformed, or undefined */
  readonly problem: (name: string) => string | undefined;
}

const named = (what: string, key: string, problem: (name: string) => string | undefined): NamedKind =>
  ({ what, rule: `argo/${key}-name`, duplicateRule: `argo/duplicate-${key}`, problem });

/** The named lists Argo checks, with their rules: `argo/<kind>-name` and `argo/duplicate-<kind>`. */
export const TEMPLATE_NAMES = named('template', 'template', fieldNameProblem);
export const STEP_NAMES = named('step', 'step', fieldNameProblem);
export const TASK_NAMES = named('task', 'task', fieldNameProblem);
export const CONTAINER_NAMES = named('container', 'container', fieldNameProblem);
export const PARAMETER_NAMES = named('parameter', 'parameter', parameterNameProblem);
export const ARTIFACT_NAMES = named('artifact', 'artifact', parameterNameProblem);

/** One entry of a named list, where it sits and its name (after `nameOf` when the caller rewrites it). */
export interface NamedEntry {
  readonly path: string;
  readonly name: unknown;
}

/**
 * Names in one list are present, well formed and unique (Argo's `validateWorkflowFieldNames`). `where` says
 * which list for messages (`inputs.parameters of template "train"`).
 */
export function checkNames(entries: readonly NamedEntry[], kind: NamedKind, where: string, checkedName: (name: string) => string = (n) => n): Violation[] {
  if (entries.length === 0) return [];
  const violations: Violation[] = [];
  const seen = new Map<string, string>();
  for (const { path, name } of entries) {
    if (typeof name !== 'string' || name === '') {
      violations.push(error(`${path}.name`, kind.rule, `a ${kind.what} in ${where} has no name`, `give the ${kind.what} a name`));
      continue;
    }
    const problem = kind.problem(checkedName(name));
    if (problem) {
      violations.push(error(`${path}.name`, kind.rule, `${kind.what} name "${name}" ${problem}`, nameFix(kind, name)));
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      violations.push(error(`${path}.name`, kind.duplicateRule, `${kind.what} name "${name}" is already used in ${where} (${first})`,
        `give each ${kind.what} in ${where} a unique name`));
    } else {
      seen.set(name, path);
    }
  }
  return violations;
}

function nameFix(kind: NamedKind, name: string): string {
  const allowed = kind.problem === parameterNameProblem ? /[^-a-zA-Z0-9_]+/g : /[^-a-zA-Z0-9]+/g;
  const fixed = name.replace(allowed, '-').replace(/^-+/, '').slice(0, 128);
  return fixed !== '' && fixed !== name && kind.problem(fixed) === undefined ? `rename it, e.g. "${fixed}"` : `rename the ${kind.what}`;
}

/** The entries of a list value with their paths, skipping anything that is not an object. */
export function namedEntries(value: unknown, path: string): NamedEntry[] {
  if (!Array.isArray(value) || value.length === 0) return [];
  const entries: NamedEntry[] = [];
  value.forEach((v, i) => {
    if (isRecord(v)) entries.push({ path: `${path}[${i}]`, name: v.name });
  });
  return entries;
}
