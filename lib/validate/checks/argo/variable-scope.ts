import { suggestName } from '../../suggest-name';
import { isRecord, records } from '../../object-index';
import { Severity } from '../../violation';
import { namesOf, RESULT_TYPES, templateTypes } from './argo-spec';

/** What a task or step (a "node") makes available to later nodes. */
export interface NodeInfo {
  /** the template it runs, when the input holds it */
  readonly template?: Record<string, unknown>;
}

/** The variables one place in a template may use. */
export interface Scope {
  /** name of the template, for messages */
  readonly templateName: string;
  readonly inputParameters: ReadonlySet<string>;
  readonly inputArtifacts: ReadonlySet<string>;
  /** a leaf template's own outputs (`{{outputs.parameters.x.path}}`) */
  readonly outputParameters: ReadonlySet<string>;
  readonly outputArtifacts: ReadonlySet<string>;
  /** `tasks` in a DAG, `steps` in a steps template, undefined in a leaf */
  readonly nodePrefix?: 'tasks' | 'steps';
  /** the nodes this place may refer to (ancestors, earlier step groups, or all for template outputs) */
  readonly visible: ReadonlyMap<string, NodeInfo>;
  /** every node of the template, to tell "not declared" from "not reachable" */
  readonly all: ReadonlyMap<string, NodeInfo>;
  /** the node being looked at, for messages */
  readonly nodeName?: string;
  /** whether `{{item}}` is bound here (the node loops with withItems, withParam or withSequence) */
  readonly item: boolean;
}

/** The workflow-wide facts: declared `workflow.parameters`, and how sure we are that the list is complete. */
export interface GlobalScope {
  /** declared workflow parameters; undefined when they cannot be known (an external workflowTemplateRef) */
  readonly parameters?: ReadonlySet<string>;
  /** severity of an undeclared workflow parameter: warning where the submitting Workflow may add it */
  readonly parameterSeverity: Severity;
}

/** The outcome of resolving one tag: undefined when fine. */
export interface TagProblem {
  readonly message: string;
  readonly fix: string;
  readonly rule: string;
  readonly severity?: Severity;
}

/** Top-level names Argo resolves; tags starting with anything else are not Argo variables and are left alone. */
const ARGO_ROOTS = ['inputs.', 'outputs.', 'workflow.', 'steps.', 'tasks.', 'item', 'pod.', 'node.', 'retries', 'lastRetry.', 'cronworkflow.'];

/**
 * Argo's global variables other than parameters, labels, annotations and outputs.
 * @see https://argo-workflows.readthedocs.io/en/latest/variables/#global
 */
const WORKFLOW_GLOBALS = new Set([
  'workflow.name', 'workflow.namespace', 'workflow.mainEntrypoint', 'workflow.serviceAccountName', 'workflow.uid',
  'workflow.parameters', 'workflow.parameters.json', 'workflow.annotations', 'workflow.annotations.json',
  'workflow.labels', 'workflow.labels.json', 'workflow.creationTimestamp', 'workflow.priority', 'workflow.duration',
  'workflow.scheduledTime', 'workflow.status', 'workflow.failures',
]);
const WORKFLOW_PREFIXES = ['workflow.annotations.', 'workflow.labels.', 'workflow.creationTimestamp.', 'workflow.outputs.parameters.', 'workflow.outputs.artifacts.'];

/** Fields every task or step node has, whatever its template. */
const NODE_FIELDS = new Set(['outputs.exitCode', 'id', 'ip', 'status', 'startedAt', 'finishedAt', 'hostNodeName', 'outputs.parameters', 'outputs.artifacts']);

/** Builds the part of a scope a template's own inputs and outputs give. */
export function templateScope(template: Record<string, unknown>): Pick<Scope, 'templateName' | 'inputParameters' | 'inputArtifacts' | 'outputParameters' | 'outputArtifacts'> {
  const inputs = isRecord(template.inputs) ? template.inputs : {};
  const outputs = isRecord(template.outputs) ? template.outputs : {};
  return {
    templateName: typeof template.name === 'string' ? template.name : '(unnamed)',
    inputParameters: new Set(namesOf(inputs.parameters)),
    inputArtifacts: new Set(namesOf(inputs.artifacts)),
    outputParameters: new Set(namesOf(outputs.parameters)),
    outputArtifacts: new Set(namesOf(outputs.artifacts)),
  };
}

/** True when a node loops, so `{{item}}` is bound in it. */
export function loops(node: Record<string, unknown>): boolean {
  return node.withItems !== undefined || node.withParam !== undefined || node.withSequence !== undefined;
}

/** Resolves one tag against a scope; undefined when it resolves or is not an Argo variable. */
export function resolveTag(tag: string, scope: Scope, globals: GlobalScope): TagProblem | undefined {
  if (!ARGO_ROOTS.some((root) => tag.startsWith(root))) return undefined;
  if (tag === 'item' || tag.startsWith('item.')) {
    return scope.item ? undefined : {
      rule: 'argo/item', message: `"{{${tag}}}" is used where no loop binds it`,
      fix: 'use {{item}} only in a task or step with withItems, withParam or withSequence, and pass it to the template as an argument',
    };
  }
  if (tag.startsWith('item')) return undefined; // `items...` and the like are not Argo's
  if (tag.startsWith('workflow.')) return resolveWorkflow(tag, globals);
  if (tag.startsWith('inputs.')) return resolveInputs(tag, scope);
  if (tag.startsWith('outputs.')) return resolveOwnOutputs(tag, scope);
  if (tag.startsWith('tasks.') || tag.startsWith('steps.')) return resolveNode(tag, scope);
  return undefined; // pod.*, node.*, retries, lastRetry.*, cronworkflow.*: bound by Argo at run time
}

function resolveWorkflow(tag: string, globals: GlobalScope): TagProblem | undefined {
  if (WORKFLOW_GLOBALS.has(tag) || WORKFLOW_PREFIXES.some((p) => tag.startsWith(p))) return undefined;
  if (tag.startsWith('workflow.parameters.')) {
    const name = tag.slice('workflow.parameters.'.length);
    if (!globals.parameters || globals.parameters.has(name)) return undefined;
    const suggestion = suggestName(name, globals.parameters);
    return {
      rule: 'argo/workflow-parameter', severity: globals.parameterSeverity,
      message: `"{{${tag}}}" refers to workflow parameter "${name}", which spec.arguments.parameters does not declare`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `declare {name: ${name}} in spec.arguments.parameters`,
    };
  }
  return {
    rule: 'argo/unknown-variable', message: `"{{${tag}}}" is not an Argo workflow variable`,
    fix: 'see https://argo-workflows.readthedocs.io/en/latest/variables/ for the variables Argo provides',
  };
}

function resolveInputs(tag: string, scope: Scope): TagProblem | undefined {
  if (tag === 'inputs.parameters' || tag === 'inputs.artifacts') return undefined;
  for (const [prefix, declared, what] of [
    ['inputs.parameters.', scope.inputParameters, 'input parameter'],
    ['inputs.artifacts.', scope.inputArtifacts, 'input artifact'],
  ] as const) {
    if (!tag.startsWith(prefix)) continue;
    const rest = tag.slice(prefix.length);
    // Artifacts have sub-fields (`.path`); parameter names are the whole rest.
    const name = prefix === 'inputs.artifacts.' ? rest.split('.')[0] : rest;
    if (declared.has(name)) return undefined;
    const suggestion = suggestName(name, declared);
    return {
      rule: 'argo/input', message: `"{{${tag}}}" refers to ${what} "${name}", which template "${scope.templateName}" does not declare`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `declare {name: ${name}} in the template's inputs.${prefix.split('.')[1]}`,
    };
  }
  return { rule: 'argo/unknown-variable', message: `"{{${tag}}}" is not an Argo variable`, fix: 'use inputs.parameters.<name> or inputs.artifacts.<name>' };
}

function resolveOwnOutputs(tag: string, scope: Scope): TagProblem | undefined {
  for (const [prefix, declared, what] of [
    ['outputs.parameters.', scope.outputParameters, 'output parameter'],
    ['outputs.artifacts.', scope.outputArtifacts, 'output artifact'],
  ] as const) {
    if (!tag.startsWith(prefix)) continue;
    const name = tag.slice(prefix.length).split('.')[0];
    if (declared.has(name)) return undefined;
    return {
      rule: 'argo/output', message: `"{{${tag}}}" refers to ${what} "${name}", which template "${scope.templateName}" does not declare`,
      fix: `declare {name: ${name}} in the template's outputs`,
    };
  }
  return undefined;
}

function resolveNode(tag: string, scope: Scope): TagProblem | undefined {
  const prefix = tag.startsWith('tasks.') ? 'tasks' : 'steps';
  const what = prefix === 'tasks' ? 'task' : 'step';
  const rest = tag.slice(prefix.length + 1);
  if (rest === 'name') return undefined;
  if (scope.nodePrefix !== prefix) {
    return {
      rule: 'argo/node-reference', message: `"{{${tag}}}" refers to a ${what}, but template "${scope.templateName}" is not a ${prefix === 'tasks' ? 'DAG' : 'steps template'}`,
      fix: `pass the value in as an input parameter and use {{inputs.parameters.<name>}}`,
    };
  }
  const dot = rest.indexOf('.');
  const nodeName = dot < 0 ? rest : rest.slice(0, dot);
  const field = dot < 0 ? '' : rest.slice(dot + 1);
  const node = scope.visible.get(nodeName);
  if (!node) {
    if (scope.all.has(nodeName)) {
      return prefix === 'tasks'
        ? {
          rule: 'argo/node-reference', message: `"{{${tag}}}" refers to task "${nodeName}", which is not an ancestor of task "${scope.nodeName}"`,
          fix: `add "${nodeName}" to the dependencies (or depends) of "${scope.nodeName}"`,
        }
        : {
          rule: 'argo/node-reference', message: `"{{${tag}}}" refers to step "${nodeName}", which does not run before step "${scope.nodeName}"`,
          fix: `move "${scope.nodeName}" to a step group after the one holding "${nodeName}"`,
        };
    }
    const suggestion = suggestName(nodeName, scope.all.keys());
    return {
      rule: 'argo/node-reference', message: `"{{${tag}}}" refers to ${what} "${nodeName}", which template "${scope.templateName}" does not have`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `use one of: ${[...scope.all.keys()].join(', ')}`,
    };
  }
  if (field === '' || NODE_FIELDS.has(field)) return undefined;
  const template = node.template;
  const templateName = template && typeof template.name === 'string' ? template.name : '(inline)';
  if (field === 'outputs.result' || field === 'exitCode') {
    if (!template) return undefined;
    const types = templateTypes(template);
    if (types.length === 0 || types.some((t) => RESULT_TYPES.has(t))) return undefined;
    return {
      rule: 'argo/output', message: `"{{${tag}}}": ${what} "${nodeName}" runs template "${templateName}" (${types.join(', ')}), which has no ${field === 'exitCode' ? 'exit code' : 'result'}`,
      fix: 'declare an output parameter on that template and use outputs.parameters.<name>',
    };
  }
  for (const [prefix2, key, kind] of [['outputs.parameters.', 'parameters', 'output parameter'], ['outputs.artifacts.', 'artifacts', 'output artifact']] as const) {
    if (!field.startsWith(prefix2)) continue;
    if (!template) return undefined;
    const name = field.slice(prefix2.length);
    const outputs = isRecord(template.outputs) ? records(template.outputs[key]) : [];
    const declared = namesOf(outputs);
    if (declared.includes(name)) return undefined;
    const suggestion = suggestName(name, declared);
    return {
      rule: 'argo/output', message: `"{{${tag}}}": ${what} "${nodeName}" runs template "${templateName}", which has no ${kind} "${name}"`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `declare {name: ${name}} in the outputs.${key} of template "${templateName}"`,
    };
  }
  return {
    rule: 'argo/unknown-variable', message: `"{{${tag}}}" is not a field of a ${what}`,
    fix: `use one of: ${[...NODE_FIELDS, 'outputs.result', 'exitCode'].join(', ')}, outputs.parameters.<name>, outputs.artifacts.<name>`,
  };
}
