import { isRecord, records } from '../../object-index';
import { error, Violation } from '../../violation';
import { hasLocationOrKey } from './artifact-location';
import { ARTIFACT_NAMES, checkNames, namedEntries, PARAMETER_NAMES } from './field-names';

/** Where arguments are passed, for messages: `spec.arguments` or `the arguments of task "train"`. */
export interface ArgumentsSite {
  readonly path: string;
  readonly where: string;
  /**
   * Every parameter must have a value or a source. True for task and step arguments and for a submitted
   * Workflow's spec.arguments; false when linting a WorkflowTemplate, whose values come with the submission.
   */
  readonly requireValues: boolean;
}

/** The `valueFrom` sources an argument may take: the others read outputs, which arguments have none of. */
const ARGUMENT_SOURCES = ['configMapKeyRef', 'event', 'supplied'];
const OUTPUT_SOURCES = ['path', 'jsonPath', 'parameter', 'expression'];

/**
 * Arguments: parameter and artifact names valid and unique, each parameter with a value or a source Argo can
 * read for an argument, a value among its `enum`, each artifact with `from` or a location.
 *
 * Argo: `validateArguments` (`validateArgumentsFieldNames`, `validateArgumentsValues`).
 */
export function argumentRules(args: unknown, site: ArgumentsSite): Violation[] {
  if (!isRecord(args)) return [];
  const violations = [
    ...checkNames(namedEntries(args.parameters, `${site.path}.parameters`), PARAMETER_NAMES, `${site.where} parameters`),
    ...checkNames(namedEntries(args.artifacts, `${site.path}.artifacts`), ARTIFACT_NAMES, `${site.where} artifacts`),
  ];
  records(args.parameters).forEach((parameter, i) => violations.push(...parameterProblems(parameter, `${site.path}.parameters[${i}]`, site)));
  records(args.artifacts).forEach((artifact, i) => violations.push(...artifactProblems(artifact, `${site.path}.artifacts[${i}]`)));
  return violations;
}

function parameterProblems(parameter: Record<string, unknown>, path: string, site: ArgumentsSite): Violation[] {
  const name = typeof parameter.name === 'string' ? parameter.name : '?';
  const violations: Violation[] = [];
  const hasValue = parameter.value !== undefined && parameter.value !== null;
  const valueFrom = parameter.valueFrom;
  if (!hasValue && valueFrom === undefined && site.requireValues) {
    violations.push(error(path, 'argo/argument-value', `parameter "${name}" of ${site.where} has no value or valueFrom`,
      site.path.endsWith('spec.arguments')
        ? `set value: ..., or pass it when submitting (argo submit -p ${name}=...)`
        : `set value: ... (e.g. "{{inputs.parameters.${name}}}"), or valueFrom.configMapKeyRef`));
  }
  if (isRecord(valueFrom)) {
    const wrong = OUTPUT_SOURCES.filter((s) => valueFrom[s] !== undefined && valueFrom[s] !== '');
    if (wrong.length > 0 || !ARGUMENT_SOURCES.some((s) => valueFrom[s] !== undefined && valueFrom[s] !== '')) {
      violations.push(error(`${path}.valueFrom`, 'argo/argument-value',
        `parameter "${name}" of ${site.where} takes valueFrom.${wrong[0] ?? Object.keys(valueFrom)[0] ?? '(nothing)'}, which reads a template's outputs; an argument's valueFrom may only use ${ARGUMENT_SOURCES.join(', ')} (with default)`,
        wrong.length > 0 ? `pass the value itself: value: "{{...}}"` : 'set valueFrom.configMapKeyRef (with an optional default), or value'));
    }
  }
  if (Array.isArray(parameter.enum)) {
    if (parameter.enum.length === 0) {
      violations.push(error(`${path}.enum`, 'argo/argument-enum', `parameter "${name}" of ${site.where} has an empty enum`, 'list the allowed values, or drop enum'));
    } else if (hasValue && !parameter.enum.map(String).includes(String(parameter.value))) {
      violations.push(error(`${path}.value`, 'argo/argument-enum', `parameter "${name}" of ${site.where} has value "${String(parameter.value)}", which is not in its enum (${parameter.enum.map(String).join(', ')})`,
        `use one of: ${parameter.enum.map(String).join(', ')}`));
    }
  }
  return violations;
}

function artifactProblems(artifact: Record<string, unknown>, path: string): Violation[] {
  const name = typeof artifact.name === 'string' ? artifact.name : '?';
  const from = typeof artifact.from === 'string' && artifact.from !== '';
  if (from && typeof artifact.fromExpression === 'string' && artifact.fromExpression !== '') {
    return [error(path, 'argo/argument-artifact', `artifact argument "${name}" sets both from and fromExpression`, 'keep one of them')];
  }
  if (!from && !hasLocationOrKey(artifact)) {
    return [error(path, 'argo/argument-artifact', `artifact argument "${name}" has neither from nor a location`,
      'set from: "{{tasks.<task>.outputs.artifacts.<name>}}" (or steps.), or a location such as s3.key, http.url, git.repo or raw.data')];
  }
  return [];
}
