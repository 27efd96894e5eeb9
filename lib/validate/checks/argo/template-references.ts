import { suggestName } from '../../suggest-name';
import { Check } from '../../check';
import { isRecord, KubeObject, ObjectIndex, records } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import {
  argoSpecOf, dagTasks, namesOf, resolveTarget, stepGroups, TEMPLATE_TYPES, templatesByName, templatesOf,
  templateTypes, workflowTemplateRefTarget,
} from './argo-spec';

/**
 * Argo templates and the references between them: unique names, exactly one type per template, an entrypoint,
 * `onExit`, hooks, tasks and steps that name templates that exist, and every required input supplied.
 *
 * A `templateRef` or `workflowTemplateRef` to a WorkflowTemplate the input does not hold is a warning: the
 * cluster may hold it.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/workflow-templates/
 */
export const checkArgoTemplates: Check = (object, { index }) => {
  const argo = argoSpecOf(object);
  if (!argo) return [];
  const { spec, path } = argo;
  const violations: Violation[] = [];
  const local = templatesByName(spec);
  const seen = new Map<string, number>();

  for (const { template, index: i } of templatesOf(spec)) {
    const templatePath = `${path}.templates[${i}]`;
    const name = typeof template.name === 'string' ? template.name : undefined;
    if (name !== undefined) {
      const first = seen.get(name);
      if (first !== undefined) {
        violations.push(error(`${templatePath}.name`, 'argo/duplicate-template',
          `template name "${name}" is already used by ${path}.templates[${first}]`, 'give each template a unique name'));
      } else {
        seen.set(name, i);
      }
    }
    const types = templateTypes(template);
    // A template that only points at another (`template:` / `templateRef:`, Argo's older nesting) has no type of its own.
    const delegates = template.template !== undefined || template.templateRef !== undefined;
    if (types.length === 0 && !delegates) {
      violations.push(error(templatePath, 'argo/template-type', `template "${name ?? i}" has no type`,
        `set exactly one of: ${TEMPLATE_TYPES.join(', ')}`));
    } else if (types.length > 1) {
      violations.push(error(templatePath, 'argo/template-type', `template "${name ?? i}" sets ${types.length} types (${types.join(', ')})`,
        'split it into one template per type'));
    }
    for (const task of dagTasks(template, templatePath)) {
      violations.push(...checkInvocation(task.node, task.path, local, object, index));
    }
    for (const group of stepGroups(template, templatePath)) {
      for (const step of group) violations.push(...checkInvocation(step.node, step.path, local, object, index));
    }
  }

  const wftRef = workflowTemplateRefTarget(spec, object, index);
  if (wftRef === 'external') {
    const ref = spec.workflowTemplateRef as Record<string, unknown>;
    violations.push(warning(`${path}.workflowTemplateRef.name`, 'argo/workflow-template-ref',
      `workflowTemplateRef names ${ref.clusterScope === true ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'} "${String(ref.name)}", which is not in the validated files`,
      'make sure the cluster holds it, or validate it together with this file'));
  }
  const refTemplates = isRecord(wftRef) && isRecord(wftRef.spec) ? templatesByName(wftRef.spec) : undefined;
  const available = refTemplates ? new Map([...refTemplates, ...local]) : local;

  const needsEntrypoint = argo.kind !== 'WorkflowTemplate' && argo.kind !== 'ClusterWorkflowTemplate' && wftRef === undefined;
  const entrypoint = spec.entrypoint;
  if (typeof entrypoint === 'string' && entrypoint !== '') {
    if (wftRef !== 'external' && !available.has(entrypoint)) {
      violations.push(unknownTemplate(`${path}.entrypoint`, 'argo/entrypoint', 'entrypoint', entrypoint, available));
    } else if (needsEntrypoint) {
      violations.push(...entrypointInputs(available.get(entrypoint), spec, path));
    }
  } else if (needsEntrypoint) {
    violations.push(error(`${path}.entrypoint`, 'argo/entrypoint', 'spec.entrypoint is not set, so the workflow has nothing to run',
      local.size > 0 ? `set it to one of: ${[...local.keys()].join(', ')}` : 'add a template and set entrypoint to its name'));
  }
  if (typeof spec.onExit === 'string' && wftRef !== 'external' && !available.has(spec.onExit)) {
    violations.push(unknownTemplate(`${path}.onExit`, 'argo/template-ref', 'onExit', spec.onExit, available));
  }
  if (isRecord(spec.hooks)) {
    for (const [hookName, hook] of Object.entries(spec.hooks)) {
      if (isRecord(hook)) violations.push(...checkInvocation(hook, `${path}.hooks.${hookName}`, available, object, index));
    }
  }
  return violations;
};

function checkInvocation(
  node: Record<string, unknown>, nodePath: string, local: Map<string, Record<string, unknown>>, owner: KubeObject, index: ObjectIndex,
): Violation[] {
  const violations: Violation[] = [];
  const target = resolveTarget(node, local, owner, index);
  switch (target.kind) {
    case 'missing-local':
      violations.push(unknownTemplate(`${nodePath}.template`, 'argo/template-ref', 'template', target.name, local));
      break;
    case 'missing-in-ref': {
      const suggestion = suggestName(target.template, target.known);
      violations.push(error(`${nodePath}.templateRef.template`, 'argo/template-ref',
        `WorkflowTemplate "${target.refName}" has no template "${target.template}"`,
        suggestion ? `did you mean "${suggestion}"?` : `use one of: ${target.known.join(', ')}`));
      break;
    }
    case 'external':
      violations.push(warning(`${nodePath}.templateRef`, 'argo/template-ref-external',
        `templateRef names ${target.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'} "${target.refName}", which is not in the validated files`,
        'make sure the cluster holds it, or validate it together with this file'));
      break;
    case 'found':
      violations.push(...argumentsMatchInputs(node, nodePath, target.template));
      break;
    case 'none':
      break;
  }
  if (isRecord(node.hooks)) {
    for (const [hookName, hook] of Object.entries(node.hooks)) {
      if (isRecord(hook)) violations.push(...checkInvocation(hook, `${nodePath}.hooks.${hookName}`, local, owner, index));
    }
  }
  if (typeof node.onExit === 'string' && !local.has(node.onExit)) {
    violations.push(unknownTemplate(`${nodePath}.onExit`, 'argo/template-ref', 'onExit', node.onExit, local));
  }
  return violations;
}

/** Inputs without a value or default must be passed; arguments the template does not take are likely typos. */
function argumentsMatchInputs(node: Record<string, unknown>, nodePath: string, template: Record<string, unknown>): Violation[] {
  const inputs = isRecord(template.inputs) ? records(template.inputs.parameters) : [];
  const passed = new Set(namesOf(isRecord(node.arguments) ? node.arguments.parameters : undefined));
  const declared = new Set(namesOf(inputs));
  const violations: Violation[] = [];
  for (const input of inputs) {
    if (typeof input.name !== 'string') continue;
    if (input.value !== undefined || input.default !== undefined || input.valueFrom !== undefined) continue;
    if (!passed.has(input.name)) {
      violations.push(error(`${nodePath}.arguments.parameters`, 'argo/missing-argument',
        `input parameter "${input.name}" of template "${String(template.name ?? '(inline)')}" is not passed and has no default`,
        `add {name: ${input.name}, value: ...} to arguments.parameters, or give the input a default`));
    }
  }
  for (const name of passed) {
    if (!declared.has(name)) {
      const suggestion = suggestName(name, declared);
      violations.push(warning(`${nodePath}.arguments.parameters`, 'argo/unused-argument',
        `argument "${name}" is not an input of template "${String(template.name ?? '(inline)')}", so it is ignored`,
        suggestion ? `did you mean "${suggestion}"?` : 'remove it, or declare it in the template\'s inputs.parameters'));
    }
  }
  return violations;
}

/** The entrypoint's inputs take their values from spec.arguments; one with no value anywhere cannot run. */
function entrypointInputs(template: Record<string, unknown> | undefined, spec: Record<string, unknown>, path: string): Violation[] {
  if (!template || !isRecord(template.inputs)) return [];
  const supplied = new Set(namesOf(isRecord(spec.arguments) ? spec.arguments.parameters : undefined));
  return records(template.inputs.parameters)
    .filter((p) => typeof p.name === 'string' && p.value === undefined && p.default === undefined && p.valueFrom === undefined && !supplied.has(p.name))
    .map((p) => error(`${path}.arguments.parameters`, 'argo/missing-argument',
      `entrypoint template "${String(template.name)}" needs input parameter "${String(p.name)}", which spec.arguments.parameters does not supply`,
      `add {name: ${String(p.name)}, value: ...} to spec.arguments.parameters, or give the input a default`));
}

function unknownTemplate(path: string, rule: string, field: string, name: string, known: Map<string, unknown>): Violation {
  const suggestion = suggestName(name, known.keys());
  const names = [...known.keys()];
  return error(path, rule, `${field} "${name}" is not a template of this workflow`,
    suggestion ? `did you mean "${suggestion}"?` : names.length > 0 ? `use one of: ${names.join(', ')}` : 'add the template');
}
