import { isRecord, metadataOf, records } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { labelValue, qualifiedName } from '../../../k8s-spec/name-rules';
import { argumentRules } from './argument-rules';
import { checkNames, namedEntries, TEMPLATE_NAMES } from './field-names';
import { declaredParameters } from './global-scope';
import { hookRules, missingInputs, unknownTemplate } from './invocation-rules';
import { podResourceProblems } from './template-rules';
import { namesOf, WorkflowModel } from './workflow-model';

/**
 * The workflow as a whole: template names; a `workflowTemplateRef` that brings the templates (and none of its
 * own beside it); an entrypoint, an exit handler and hooks that name templates; spec.arguments with values when
 * submitted (a WorkflowTemplate's may come with the submission); the entrypoint's and exit handler's inputs
 * supplied; podGC, podResources and executorPlugins that Argo can use.
 *
 * Argo: `validate.Workflow` (and `WorkflowTemplateRefFields`, `validateExecutorPlugins`), with the options
 * `WorkflowTemplate` / `ClusterWorkflowTemplate` set for templates (`argo template lint`).
 */
export function workflowRules(model: WorkflowModel): Violation[] {
  const { spec, path } = model;
  const violations = checkNames(namedEntries(spec.templates, `${path}.templates`), TEMPLATE_NAMES, `${path}.templates`);
  const ref = isRecord(spec.workflowTemplateRef) ? spec.workflowTemplateRef : undefined;
  if (ref && Array.isArray(spec.templates) && spec.templates.length > 0) {
    violations.push(error(`${path}.templates`, 'argo/workflow-template-ref', 'a workflow that runs a workflowTemplateRef takes its templates from it, so it may not have templates of its own',
      'move these templates into the WorkflowTemplate, or drop workflowTemplateRef'));
  }
  if (model.workflowTemplate === 'external' && ref) {
    violations.push(warning(`${path}.workflowTemplateRef.name`, 'argo/workflow-template-ref',
      `workflowTemplateRef names ${ref.clusterScope === true ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'} "${String(ref.name)}", which is not in the validated files`,
      'make sure the cluster holds it, or validate it together with this file'));
  }
  violations.push(...argumentsOf(model), ...entrypointRules(model), ...exitHandlerRules(model));
  if (isRecord(spec.hooks)) violations.push(...hookRules(spec.hooks, `${path}.hooks`, model));
  violations.push(...podGcProblems(spec.podGC, `${path}.podGC`), ...podResourceProblems(spec.podResources, `${path}.podResources`));
  records(spec.executorPlugins).forEach((plugin, i) => violations.push(...executorPluginProblems(plugin, `${path}.executorPlugins[${i}]`)));
  return violations;
}

/**
 * spec.arguments: checked as arguments, with values required on submission. A Workflow running a validated
 * WorkflowTemplate is submitted with the template's parameters too: one without a value it does not override
 * makes the submission fail.
 */
function argumentsOf(model: WorkflowModel): Violation[] {
  const { spec, path } = model;
  const submission = model.mode === 'submission';
  const violations = argumentRules(spec.arguments, { path: `${path}.arguments`, where: `${path}.arguments`, requireValues: submission });
  const refSpec = isRecord(model.workflowTemplate) && isRecord(model.workflowTemplate.spec) ? model.workflowTemplate.spec : undefined;
  if (submission && refSpec && isRecord(refSpec.arguments)) {
    const own = new Set(declaredParameters(spec));
    const name = String(metadataOf(model.workflowTemplate as Record<string, unknown>).name);
    for (const parameter of records(refSpec.arguments.parameters)) {
      if (typeof parameter.name !== 'string' || own.has(parameter.name)) continue;
      if ((parameter.value !== undefined && parameter.value !== null) || parameter.valueFrom !== undefined) continue;
      violations.push(error(`${path}.arguments.parameters`, 'argo/argument-value',
        `WorkflowTemplate "${name}" declares parameter "${parameter.name}" without a value, and this Workflow does not pass one`,
        `add {name: ${parameter.name}, value: ...} to ${path}.arguments.parameters`));
    }
  }
  return violations;
}

/** A submitted workflow needs an entrypoint that exists and gets the inputs it needs from spec.arguments. */
function entrypointRules(model: WorkflowModel): Violation[] {
  const { spec, path } = model;
  const external = model.workflowTemplate === 'external';
  const own = typeof spec.entrypoint === 'string' && spec.entrypoint !== '' ? spec.entrypoint : undefined;
  if (own !== undefined && !external && !model.available.has(own)) {
    return [unknownTemplate(`${path}.entrypoint`, 'argo/entrypoint', 'entrypoint', own, model.available)];
  }
  if (model.mode !== 'submission' || external) return [];
  if (model.entrypoint === undefined) {
    const names = [...model.local.keys()];
    return [error(`${path}.entrypoint`, 'argo/entrypoint', `${path}.entrypoint is not set, so the workflow has nothing to run`,
      names.length > 0 ? `set it to one of: ${names.join(', ')}` : 'add a template and set entrypoint to its name')];
  }
  const entry = model.available.get(model.entrypoint);
  if (!entry || !isRecord(entry.template.inputs)) return [];
  const refSpec = isRecord(model.workflowTemplate) && isRecord(model.workflowTemplate.spec) ? model.workflowTemplate.spec : undefined;
  const args = [spec, ...(refSpec ? [refSpec] : [])].map((s) => (isRecord(s.arguments) ? s.arguments : {}));
  return missingInputs(entry.template.inputs, new Set(args.flatMap((a) => namesOf(a.parameters))), new Set(args.flatMap((a) => namesOf(a.artifacts))),
    `${path}.arguments`, (what, name) => `entrypoint template "${model.entrypoint}" needs ${what} "${name}", which ${path}.arguments does not supply`);
}

/** The exit handler exists, and gets its inputs from the workflow's own spec.arguments (as Argo validates it). */
function exitHandlerRules(model: WorkflowModel): Violation[] {
  const { spec, path } = model;
  const onExit = typeof spec.onExit === 'string' && spec.onExit !== '' ? spec.onExit : undefined;
  if (onExit === undefined || model.workflowTemplate === 'external') return [];
  const handler = model.available.get(onExit);
  if (!handler) return [unknownTemplate(`${path}.onExit`, 'argo/template-ref', 'onExit', onExit, model.available)];
  if (!isRecord(handler.template.inputs)) return [];
  const args = isRecord(spec.arguments) ? spec.arguments : {};
  return missingInputs(handler.template.inputs, new Set(namesOf(args.parameters)), new Set(namesOf(args.artifacts)), `${path}.arguments`,
    (what, name) => `exit handler "${onExit}" needs ${what} "${name}", which ${path}.arguments does not supply`);
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * podGC: a label selector Kubernetes can parse (Argo's `PodGC.GetLabelSelector`). Its strategy is an enum the
 * schema walker checks (enum facts: PodGCStrategy), so it is not reported twice.
 */
function podGcProblems(podGC: unknown, path: string): Violation[] {
  if (!isRecord(podGC)) return [];
  const violations: Violation[] = [];
  const selector = podGC.labelSelector;
  if (isRecord(selector)) {
    records(selector.matchExpressions).forEach((expression, i) => {
      const at = `${path}.labelSelector.matchExpressions[${i}]`;
      const operator = expression.operator;
      const values = Array.isArray(expression.values) ? expression.values : [];
      if (typeof expression.key === 'string') {
        const problem = qualifiedName(expression.key);
        if (problem) violations.push(error(`${at}.key`, 'argo/pod-gc', `label selector key "${expression.key}" ${problem}`, 'use a label key like "app.kubernetes.io/name"'));
      }
      if (typeof operator !== 'string' || !SELECTOR_OPERATORS.includes(operator)) {
        violations.push(error(`${at}.operator`, 'argo/pod-gc', `"${String(operator)}" is not a label selector operator`, `use one of: ${SELECTOR_OPERATORS.join(', ')}`));
      } else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
        violations.push(error(`${at}.values`, 'argo/pod-gc', `operator ${operator} needs at least one value`, 'list the label values to match'));
      } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
        violations.push(error(`${at}.values`, 'argo/pod-gc', `operator ${operator} takes no values`, 'drop values, or use In / NotIn'));
      }
      values.forEach((value, j) => {
        const problem = typeof value === 'string' ? labelValue(value) : 'is not a string';
        if (problem) violations.push(error(`${at}.values[${j}]`, 'argo/pod-gc', `label selector value "${String(value)}" ${problem}`, 'use a valid label value'));
      });
    });
  }
  return violations;
}

/** An executor plugin has a name and a sidecar Argo accepts (Argo's `WorkflowSpec.AsExecutorPluginSpec`). */
function executorPluginProblems(plugin: Record<string, unknown>, path: string): Violation[] {
  const violations: Violation[] = [];
  const name = isRecord(plugin.metadata) ? plugin.metadata.name : undefined;
  if (typeof name !== 'string' || name === '') {
    violations.push(error(`${path}.metadata.name`, 'argo/executor-plugin', 'an executor plugin needs metadata.name', 'name the plugin'));
  }
  const sidecar = isRecord(plugin.spec) && isRecord(plugin.spec.sidecar) ? plugin.spec.sidecar : {};
  const container = isRecord(sidecar.container) ? sidecar.container : {};
  const resources = isRecord(container.resources) ? container.resources : {};
  const at = `${path}.spec.sidecar.container`;
  const need = (missing: boolean, field: string, what: string, fix: string) => {
    if (missing) violations.push(error(`${at}.${field}`, 'argo/executor-plugin', `the plugin's sidecar container needs ${what}`, fix));
  };
  need(!Array.isArray(container.ports) || container.ports.length === 0, 'ports', 'at least one port', 'list the port the plugin listens on');
  need(!isRecord(resources.requests), 'resources', 'resources.requests', 'set cpu and memory requests');
  need(!isRecord(resources.limits), 'resources', 'resources.limits', 'set cpu and memory limits');
  need(!isRecord(container.securityContext), 'securityContext', 'a securityContext', 'set a securityContext, e.g. {runAsNonRoot: true}');
  return violations;
}
