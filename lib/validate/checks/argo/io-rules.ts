import { nameAfterSubstitution, parameterNameProblem } from '../../../argo-spec/names';
import { isRecord, records } from '../../object-index';
import { error, Violation } from '../../violation';
import { artifactLocationProblems, traversalProblem } from './artifact-location';
import { ARTIFACT_NAMES, checkNames, namedEntries, PARAMETER_NAMES } from './field-names';
import { TemplateInfo, templateLabel } from './workflow-model';

/**
 * A template's inputs and outputs: names valid and unique; artifacts with a path exactly where the template puts
 * files on disk (leaf templates), none escaping their directory with `..`, no `from` on an input; each output
 * parameter with one value or one `valueFrom` source that suits the template type; `globalName`s valid names.
 *
 * Argo: `validateInputs`, `validateOutputs`, `validateOutputParameter`, `Artifact.CleanPath`.
 */
export function ioRules(info: TemplateInfo): Violation[] {
  const { template, path } = info;
  const label = templateLabel(info);
  const inputs = isRecord(template.inputs) ? template.inputs : {};
  const outputs = isRecord(template.outputs) ? template.outputs : {};
  const violations = [
    ...checkNames(namedEntries(inputs.parameters, `${path}.inputs.parameters`), PARAMETER_NAMES, `the inputs of ${label}`),
    ...checkNames(namedEntries(inputs.artifacts, `${path}.inputs.artifacts`), ARTIFACT_NAMES, `the inputs of ${label}`),
    // validateOutputs reads the substituted template (inputs as placeholders); validateInputs the template as written.
    ...checkNames(namedEntries(outputs.parameters, `${path}.outputs.parameters`), PARAMETER_NAMES, `the outputs of ${label}`, nameAfterSubstitution),
    ...checkNames(namedEntries(outputs.artifacts, `${path}.outputs.artifacts`), ARTIFACT_NAMES, `the outputs of ${label}`, nameAfterSubstitution),
  ];
  records(inputs.artifacts).forEach((artifact, i) => {
    const at = `${path}.inputs.artifacts[${i}]`;
    violations.push(...artifactPath(artifact, at, info, 'input'));
    if (typeof artifact.from === 'string' && artifact.from !== '') {
      violations.push(error(`${at}.from`, 'argo/input-artifact', `input artifact "${String(artifact.name)}" of ${label} sets from, which only arguments may`,
        'pass the artifact with from: in the arguments of the task or step that calls the template'));
    }
    violations.push(...artifactLocationProblems(artifact, at));
  });
  records(outputs.artifacts).forEach((artifact, i) => {
    const at = `${path}.outputs.artifacts[${i}]`;
    violations.push(...artifactPath(artifact, at, info, 'output'), ...globalNameProblems(artifact, at));
  });
  records(outputs.parameters).forEach((parameter, i) => {
    const at = `${path}.outputs.parameters[${i}]`;
    violations.push(...outputParameterProblems(parameter, at, info), ...globalNameProblems(parameter, at));
  });
  if (isRecord(template.archiveLocation)) violations.push(...artifactLocationProblems(template.archiveLocation, `${path}.archiveLocation`));
  return violations;
}

function artifactPath(artifact: Record<string, unknown>, at: string, info: TemplateInfo, direction: 'input' | 'output'): Violation[] {
  const name = String(artifact.name);
  const rule = `argo/${direction}-artifact`;
  const path = typeof artifact.path === 'string' ? artifact.path : '';
  if (info.leaf) {
    if (path === '') {
      return [error(at, rule, `${direction} artifact "${name}" of ${templateLabel(info)} has no path`,
        `set path to where the container ${direction === 'input' ? 'reads' : 'writes'} it, e.g. /tmp/${name}`)];
    }
    const traversal = traversalProblem(path);
    return traversal ? [error(`${at}.path`, rule, `${direction} artifact "${name}": ${traversal}; Argo refuses directory traversal`, 'use a path without ".."')] : [];
  }
  return path !== ''
    ? [error(`${at}.path`, rule, `${direction} artifact "${name}" of ${templateLabel(info)} sets path, but a ${info.type ?? 'typeless'} template puts no files on disk`,
      direction === 'input' ? 'drop path here and set it on the container or script template that reads the artifact'
        : 'drop path and take the artifact from a task or step: from: "{{tasks.<task>.outputs.artifacts.<name>}}"')]
    : [];
}

/** The `valueFrom` sources of an output parameter (Argo's `validateOutputParameter`). */
const OUTPUT_SOURCES = ['path', 'jqFilter', 'jsonPath', 'parameter', 'expression'] as const;

function outputParameterProblems(parameter: Record<string, unknown>, at: string, info: TemplateInfo): Violation[] {
  const name = String(parameter.name);
  const label = `output parameter "${name}" of ${templateLabel(info)}`;
  const hasValue = parameter.value !== undefined && parameter.value !== null;
  const valueFrom = parameter.valueFrom;
  if (hasValue && valueFrom !== undefined) return [error(at, 'argo/output-parameter', `${label} has both value and valueFrom`, 'keep one of them')];
  if (hasValue) return [];
  if (!isRecord(valueFrom)) {
    return [error(at, 'argo/output-parameter', `${label} has neither value nor valueFrom`,
      info.leaf ? 'set valueFrom.path to the file the container writes it to' : 'set valueFrom.parameter to "{{tasks.<task>.outputs.parameters.<name>}}" (or steps.)')];
  }
  const sources = [...OUTPUT_SOURCES.filter((s) => typeof valueFrom[s] === 'string' && valueFrom[s] !== ''), ...(valueFrom.supplied !== undefined ? ['supplied'] : [])];
  if (sources.length === 0) {
    return [error(`${at}.valueFrom`, 'argo/output-parameter', `${label} has a valueFrom that names no source`,
      'set one of: path, jqFilter, jsonPath, parameter, expression, supplied')];
  }
  if (sources.length > 1) {
    return [error(`${at}.valueFrom`, 'argo/output-parameter', `${label} has ${sources.length} valueFrom sources (${sources.join(', ')})`, 'keep exactly one')];
  }
  const needed = SOURCES_BY_TYPE[info.type ?? ''];
  if (needed && !needed.includes(sources[0])) {
    return [error(`${at}.valueFrom`, 'argo/output-parameter', `${label} reads valueFrom.${sources[0]}, but a ${info.type} template's output comes from ${needed.join(' or ')}`,
      `use valueFrom.${needed[0]}${info.type === 'steps' || info.type === 'dag' ? ': "{{tasks.<task>.outputs.parameters.<name>}}" (or steps.)' : ''}`)];
  }
  return [];
}

/** The valueFrom sources each template type can give an output parameter. */
const SOURCES_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  container: ['path'], containerSet: ['path'], script: ['path'], resource: ['jsonPath', 'jqFilter'], steps: ['parameter', 'expression'], dag: ['parameter', 'expression'],
};

function globalNameProblems(output: Record<string, unknown>, at: string): Violation[] {
  const globalName = output.globalName;
  if (typeof globalName !== 'string' || globalName === '' || globalName.includes('{{')) return [];
  const problem = parameterNameProblem(globalName);
  return problem ? [error(`${at}.globalName`, 'argo/global-name', `globalName "${globalName}" ${problem}`, 'use letters, digits, \'_\' and \'-\'')] : [];
}
