import { didYouMean } from '../../../suggest-name';
import { isRecord, records } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { hasLocationOrKey } from './artifact-location';
import { argumentRules } from './argument-rules';
import { Invocation, namesOf, TemplateInfo, templateLabel, WorkflowModel } from './workflow-model';

/** What a task or step is, for messages: `task "train"`. */
export interface CallSite {
  readonly call: Invocation;
  /** `task`, `step` or `hook` */
  readonly what: string;
}

/**
 * A task, step or hook: it names one template that exists (`template`, `templateRef` or `inline`, not two), loops
 * one way at most, passes valid arguments and every input the template needs, and its hooks say when they run.
 * A `templateRef` to a WorkflowTemplate the validated objects do not hold is a warning: the cluster may hold it.
 *
 * Argo: `validateTemplateHolder`, `addItemsToScope`, `validateHooks`, `common.ProcessArgs` (inputs not supplied).
 */
export function invocationRules({ call, what }: CallSite, model: WorkflowModel): Violation[] {
  const { node, path } = call;
  const label = call.name !== undefined ? `${what} "${call.name}"` : `the ${what} at ${path}`;
  const violations: Violation[] = [];
  if (typeof node.template === 'string' && node.template !== '' && node.templateRef !== undefined) {
    violations.push(error(`${path}.templateRef`, 'argo/template-ref', `${label} sets both template and templateRef`, 'keep one of them'));
  }
  if (isRecord(node.templateRef)) {
    for (const field of ['name', 'template']) {
      if (typeof node.templateRef[field] !== 'string' || node.templateRef[field] === '') {
        violations.push(error(`${path}.templateRef.${field}`, 'argo/template-ref', `the templateRef of ${label} has no ${field}`,
          field === 'name' ? 'set templateRef.name to the WorkflowTemplate' : 'set templateRef.template to the template in it'));
      }
    }
  }
  const target = model.target(call);
  switch (target.kind) {
    case 'missing-local':
      violations.push(unknownTemplate(`${path}.template`, 'argo/template-ref', 'template', target.name, model.available));
      break;
    case 'missing-in-ref': {
      violations.push(error(`${path}.templateRef.template`, 'argo/template-ref', `WorkflowTemplate "${target.refName}" has no template "${target.template}"`,
        didYouMean(target.template, target.known, `use one of: ${target.known.join(', ')}`)));
      break;
    }
    case 'external':
      violations.push(warning(`${path}.templateRef`, 'argo/template-ref-external',
        `templateRef names ${target.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'} "${target.refName}", which is not in the validated files`,
        'make sure the cluster holds it, or validate it together with this file'));
      break;
    case 'found':
      violations.push(...argumentsMatchInputs(node, path, label, target.info));
      break;
    case 'none':
      if (node.template === undefined && node.templateRef === undefined) {
        violations.push(error(path, 'argo/template-ref', `${label} names no template`, 'set template: (a template of this workflow), templateRef: or inline:'));
      }
      break;
    case 'runtime':
      break;
  }
  violations.push(...loopProblems(node, path, label));
  violations.push(...argumentRules(node.arguments, { path: `${path}.arguments`, where: `the arguments of ${label}`, requireValues: true }));
  if (isRecord(node.hooks)) violations.push(...hookRules(node.hooks, `${path}.hooks`, model));
  if (typeof node.onExit === 'string' && node.onExit !== '' && !model.available.has(node.onExit)) {
    violations.push(unknownTemplate(`${path}.onExit`, 'argo/template-ref', 'onExit', node.onExit, model.available));
  }
  return violations;
}

/**
 * Lifecycle hooks: each names a template, and all but `exit` say when they run (Argo's `validateHooks`).
 * The hook's template must exist, or the hook fails when it fires.
 */
export function hookRules(hooks: Record<string, unknown>, path: string, model: WorkflowModel): Violation[] {
  const violations: Violation[] = [];
  for (const [name, hook] of Object.entries(hooks)) {
    if (!isRecord(hook)) continue;
    const at = `${path}.${name}`;
    if (name !== 'exit' && (typeof hook.expression !== 'string' || hook.expression.trim() === '')) {
      violations.push(error(at, 'argo/hook-expression', `hook "${name}" has no expression, so it never fires; only the exit hook runs without one`,
        `set expression, e.g. "workflow.status == 'Running'", or name the hook "exit"`));
    }
    violations.push(...invocationRules({ call: { node: hook, path: at, name }, what: 'hook' }, model));
  }
  return violations;
}

/** At most one of withItems, withParam, withSequence; a sequence ends by count or by end, not both. */
function loopProblems(node: Record<string, unknown>, path: string, label: string): Violation[] {
  const ways = ['withItems', 'withParam', 'withSequence'].filter((w) => node[w] !== undefined && node[w] !== null && node[w] !== ''
    && !(Array.isArray(node[w]) && (node[w] as unknown[]).length === 0));
  if (ways.length > 1) return [error(`${path}.${ways[1]}`, 'argo/loop', `${label} loops with ${ways.join(' and ')}; only one may be set`, 'keep one of them')];
  const sequence = node.withSequence;
  if (isRecord(sequence) && sequence.count !== undefined && sequence.end !== undefined) {
    return [error(`${path}.withSequence`, 'argo/loop', `the withSequence of ${label} sets both count and end`, 'keep count (how many), or start and end (a range)')];
  }
  return [];
}

/**
 * Inputs without a value, default or configMap source must be passed, and so must input artifacts that are not
 * optional and have no location; arguments the template does not take are likely typos.
 */
function argumentsMatchInputs(node: Record<string, unknown>, nodePath: string, label: string, template: TemplateInfo): Violation[] {
  const inputs = isRecord(template.template.inputs) ? template.template.inputs : {};
  const args = isRecord(node.arguments) ? node.arguments : {};
  const violations = missingInputs(inputs, new Set(namesOf(args.parameters)), new Set(namesOf(args.artifacts)), `${nodePath}.arguments`,
    (what, name) => `${label} does not pass ${what} "${name}", which ${templateLabel(template)} needs`);
  // ProcessArgs looks up each input among the arguments: an argument no input names is never read.
  for (const list of ['parameters', 'artifacts'] as const) {
    const declared = new Set(namesOf(inputs[list]));
    for (const name of namesOf(args[list])) {
      if (declared.has(name)) continue;
      violations.push(warning(`${nodePath}.arguments.${list}`, 'argo/unused-argument',
        `${list === 'artifacts' ? 'artifact ' : ''}argument "${name}" is not an input of ${templateLabel(template)}, so it is ignored`,
        didYouMean(name, declared, `remove it, or declare it in the template's inputs.${list}`)));
    }
  }
  return violations;
}

/**
 * The inputs a caller must pass (Argo's `ProcessArgs`): parameters with no value, default or
 * `valueFrom.configMapKeyRef`, and artifacts that are not optional and have no location of their own.
 */
export function missingInputs(
  inputs: Record<string, unknown>, parameters: ReadonlySet<string>, artifacts: ReadonlySet<string>, argumentsPath: string,
  message: (what: string, name: string) => string,
): Violation[] {
  const violations: Violation[] = [];
  const where = argumentsPath.includes('.templates[') ? 'arguments' : argumentsPath;
  for (const input of records(inputs.parameters)) {
    if (typeof input.name !== 'string' || parameters.has(input.name)) continue;
    const fromConfigMap = isRecord(input.valueFrom) && input.valueFrom.configMapKeyRef !== undefined;
    if (input.value !== undefined || input.default !== undefined || fromConfigMap) continue;
    violations.push(error(`${argumentsPath}.parameters`, 'argo/missing-argument', message('input parameter', input.name),
      `pass {name: ${input.name}, value: ...} in ${where}.parameters, or give the input a default`));
  }
  for (const input of records(inputs.artifacts)) {
    if (typeof input.name !== 'string' || artifacts.has(input.name) || input.optional === true || hasLocationOrKey(input)) continue;
    violations.push(error(`${argumentsPath}.artifacts`, 'argo/missing-argument', message('input artifact', input.name),
      `pass {name: ${input.name}, from: ...} in ${where}.artifacts, or mark the input optional: true`));
  }
  return violations;
}

/** A template name that is not a template of the workflow, with the closest one suggested. */
export function unknownTemplate(path: string, rule: string, field: string, name: string, known: ReadonlyMap<string, unknown>): Violation {
  const names = [...known.keys()];
  return error(path, rule, `${field} "${name}" is not a template of this workflow`,
    didYouMean(name, names, names.length > 0 ? `use one of: ${names.join(', ')}` : 'add the template'));
}
