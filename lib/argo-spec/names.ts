/**
 * Argo Workflows' naming rules for the things inside a workflow (templates, steps, tasks, containers,
 * parameters, artifacts, metrics) and for the workflow objects themselves.
 *
 * @see https://github.com/argoproj/argo-workflows/blob/main/workflow/validate/validate.go
 */
import { replaceTags, UnclosedTagError } from './variables';

/** Longest template, step, task or container name. */
export const FIELD_NAME_MAX = 128;

/** Longest Workflow, WorkflowTemplate or ClusterWorkflowTemplate name: it becomes a 63-character label value. */
export const WORKFLOW_NAME_MAX = 63;

/** Longest CronWorkflow name: each run is named after it plus a 10-digit timestamp suffix. */
export const CRON_WORKFLOW_NAME_MAX = 52;

const FIELD_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const PARAMETER_NAME = /^[-a-zA-Z0-9_]+$/;
const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Why a template, step, task or container name is not one Argo accepts, or undefined when it is: letters, digits
 * and '-', starting with a letter or digit, at most 128 characters.
 */
export function fieldNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > FIELD_NAME_MAX) return `is ${name.length} characters, over the limit of ${FIELD_NAME_MAX}`;
  if (!FIELD_NAME.test(name)) return 'must consist of letters, digits and \'-\', and start with a letter or digit';
  return undefined;
}

/** Why a parameter or artifact name is not one Argo accepts (letters, digits, '_' and '-'), or undefined. */
export function parameterNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (!PARAMETER_NAME.test(name)) return 'must consist of letters, digits, \'_\' and \'-\' only';
  return undefined;
}

/** Why a Prometheus metric or metric label name is not one Argo accepts (letters, digits and '_'), or undefined. */
export function metricNameProblem(name: string): string | undefined {
  if (!METRIC_NAME.test(name)) return 'must consist of letters, digits and \'_\', and not start with a digit';
  return undefined;
}

/**
 * Since when Argo reserves a container name for its own containers in a workflow pod: `wait` always (a second
 * container of that name breaks the pod), `supervisor` and the `artifact-plugin-` prefix from v4.1.
 */
export function reservedContainerNameSince(name: string): 'always' | '4.1' | undefined {
  if (name === 'wait') return 'always';
  return name === 'supervisor' || name.startsWith('artifact-plugin-') ? '4.1' : undefined;
}

/**
 * A name as Argo's validator checks it once `ProcessArgs` has substituted the template: each `{{inputs...}}` and
 * `{{workflow...}}` tag is a placeholder then, checked as a short valid sentinel (`x`), so the literal part of
 * the name (its "skeleton") is still checked. Argo checks step and task names this way (`isValidStepName`), and
 * output parameter and artifact names, which `validateOutputs` reads from the substituted template
 * (`result-{{inputs.parameters.variable}}` passes). Other tags stay, and fail the check as written.
 */
export function nameAfterSubstitution(name: string): string {
  try {
    return replaceTags(name, (tag) => (/^\s*(inputs|workflow)\./.test(tag) ? 'x' : `{{${tag}}}`));
  } catch (err) {
    // Argo refuses the unclosed tag itself (argo/unclosed-tag); the name is checked as written.
    if (err instanceof UnclosedTagError) return name;
    throw err;
  }
}
