import { isCheckedVariable } from '../../../argo-spec/variables';
import { didYouMean, suggestName } from '../../../suggest-name';
import { isRecord } from '../../object-index';
import { Severity } from '../../violation';
import { GlobalScope } from './global-scope';
import { namesOf, TemplateInfo, templateLabel } from './workflow-model';

/** What a task or step (a "node") makes available to the nodes after it. */
export interface NodeInfo {
  /** the template it runs, when the validated objects hold it */
  readonly template?: TemplateInfo;
  /** it loops, so its outputs are aggregated (`outputs.parameters` is a JSON list) */
  readonly loops: boolean;
}

/** A set of node names, as far as a scope needs one. */
export interface NameSet {
  has(name: string): boolean;
}

/** The tasks or steps a place inside a DAG or steps template may refer to. */
export interface NodeScope {
  readonly prefix: 'tasks' | 'steps';
  /** the node being looked at, for messages; undefined in the template's outputs */
  readonly current?: string;
  /** nodes whose outputs are available here: ancestors, or steps of earlier groups */
  readonly visible: NameSet;
  /** nodes whose `.status` is available here (Argo adds a step's own status, and a task's when it has hooks) */
  readonly status: NameSet;
  /** every node of the template, to tell "not declared" from "not reachable" */
  readonly all: ReadonlyMap<string, NodeInfo>;
}

/** Which `{{item...}}` a place may use: none outside a loop, any key with withParam, the keys of withItems maps. */
export type ItemScope =
  | { readonly kind: 'none' }
  | { readonly kind: 'any' }
  | { readonly kind: 'items'; readonly keys: ReadonlySet<string>; readonly scalar: boolean };

/** What a template's own inputs and outputs make available anywhere in it. */
export interface TemplateScope {
  readonly template: TemplateInfo;
  readonly inputParameters: ReadonlySet<string>;
  readonly inputArtifacts: ReadonlySet<string>;
  /** `{{inputs.artifacts.x.path}}` exists (leaf templates, which put artifacts on disk) */
  readonly artifactPaths: boolean;
  readonly outputParameters: ReadonlySet<string>;
  readonly outputArtifacts: ReadonlySet<string>;
  /** the template runs a pod, so `{{pod.name}}` exists */
  readonly pod: boolean;
  /** `{{workflow.failures}}` exists: in the exit handler and templates validated after it */
  readonly failures: boolean;
}

/** The variables one place in a template may use. */
export interface Scope {
  readonly own: TemplateScope;
  readonly nodes?: NodeScope;
  readonly item: ItemScope;
}

/** Why a tag does not resolve. */
export interface TagProblem {
  readonly rule: string;
  readonly message: string;
  readonly fix: string;
  readonly severity: Severity;
}

/** The part of a scope a template's own inputs and outputs give. */
export function templateScope(info: TemplateInfo, globals: GlobalScope): TemplateScope {
  const inputs = isRecord(info.template.inputs) ? info.template.inputs : {};
  const outputs = isRecord(info.template.outputs) ? info.template.outputs : {};
  return {
    template: info,
    inputParameters: new Set(namesOf(inputs.parameters)),
    inputArtifacts: new Set(namesOf(inputs.artifacts)),
    artifactPaths: info.leaf,
    outputParameters: new Set(namesOf(outputs.parameters)),
    outputArtifacts: new Set(namesOf(outputs.artifacts)),
    pod: info.pod,
    failures: globals.exitHandler && !globals.reachable.has(info.template),
  };
}

/** The `{{item...}}` keys a task's or step's loop binds. */
export function itemScope(node: Record<string, unknown>): ItemScope {
  if (typeof node.withParam === 'string' && node.withParam !== '') return { kind: 'any' };
  if (Array.isArray(node.withItems) && node.withItems.length > 0) {
    const keys = new Set<string>();
    let scalar = false;
    for (const item of node.withItems) {
      if (Array.isArray(item)) item.forEach((_, i) => keys.add(`[${i}]`));
      else if (isRecord(item)) for (const key of Object.keys(item)) keys.add(key);
      else scalar = true;
    }
    return { kind: 'items', keys, scalar };
  }
  if (isRecord(node.withSequence)) return { kind: 'items', keys: new Set(), scalar: true };
  return { kind: 'none' };
}

const error = (rule: string, message: string, fix: string): TagProblem => ({ rule, message, fix, severity: Severity.ERROR });
const warning = (rule: string, message: string, fix: string): TagProblem => ({ rule, message, fix, severity: Severity.WARNING });

/** Node fields every task or step has, whatever its template. */
const NODE_FIELDS = new Set(['id', 'startedAt', 'finishedAt', 'hostNodeName']);

/**
 * Resolves one simple tag (not a `{{=expression}}`) against a scope, the way Argo's validator does before a run,
 * plus what is sure to break when the run gets there (a task reading a task it does not wait for).
 * Undefined when the tag resolves, or is not one Argo checks.
 */
export function resolveTag(tag: string, scope: Scope, globals: GlobalScope): TagProblem | undefined {
  if (!isCheckedVariable(tag)) {
    // Argo passes a bare {{item}} through unchecked; outside a loop it reaches the container as literal text.
    return tag === 'item' && scope.item.kind === 'none'
      ? warning('argo/item', '"{{item}}" is used where no loop binds it, so it stays literal text',
        'use {{item}} only in a task or step with withItems, withParam or withSequence, and pass it to the template as an argument')
      : undefined;
  }
  if (tag.startsWith('item.')) return resolveItem(tag, scope.item);
  if (tag.startsWith('workflow.')) return resolveWorkflow(tag, scope, globals);
  if (tag.startsWith('inputs.')) return resolveInputs(tag, scope);
  if (tag.startsWith('outputs.')) return resolveOwnOutputs(tag, scope);
  if (tag.startsWith('pod.')) return resolvePod(tag, scope);
  return resolveNode(tag, scope);
}

function resolveItem(tag: string, item: ItemScope): TagProblem | undefined {
  if (item.kind === 'any') return undefined;
  if (item.kind === 'none') {
    return error('argo/item', `"{{${tag}}}" is used where no loop binds it`,
      'use {{item...}} only in a task or step with withItems, withParam or withSequence, and pass it to the template as an argument');
  }
  const key = tag.slice('item.'.length);
  if (item.keys.has(key)) return undefined;
  if (item.keys.size === 0) {
    return error('argo/item', `"{{${tag}}}" reads key "${key}", but the loop's items are plain values`, 'use {{item}}, or loop over objects that have the key');
  }
  return error('argo/item', `"{{${tag}}}" reads key "${key}", which the loop's items do not have`,
    didYouMean(key, item.keys, `use one of: ${[...item.keys].map((k) => `{{item.${k}}}`).join(', ')}`));
}

/** Argo's workflow-wide variables that always exist. */
const WORKFLOW_GLOBALS = new Set([
  'workflow.name', 'workflow.namespace', 'workflow.mainEntrypoint', 'workflow.serviceAccountName', 'workflow.uid', 'workflow.status',
  'workflow.annotations', 'workflow.annotations.json', 'workflow.labels', 'workflow.labels.json',
]);
/** Prefixes Argo resolves at run time without checking ahead. */
const RUNTIME_PREFIXES = ['workflow.creationTimestamp', 'workflow.scheduledTime', 'workflow.duration'];

function resolveWorkflow(tag: string, scope: Scope, globals: GlobalScope): TagProblem | undefined {
  if (WORKFLOW_GLOBALS.has(tag) || RUNTIME_PREFIXES.some((p) => tag.startsWith(p))) return undefined;
  if (tag === 'workflow.parameters' || tag === 'workflow.parameters.json') {
    if (globals.anyParameter || globals.parameters === undefined || globals.parameters.size > 0) return undefined;
    return error('argo/workflow-parameter', `"{{${tag}}}" lists the workflow parameters, but spec.arguments.parameters declares none`,
      'declare the parameters in spec.arguments.parameters');
  }
  if (tag.startsWith('workflow.parameters.')) return resolveWorkflowParameter(tag, globals);
  for (const [prefix, known, what, where] of [
    ['workflow.labels.', globals.labels, 'label', 'metadata.labels or spec.workflowMetadata.labels'],
    ['workflow.annotations.', globals.annotations, 'annotation', 'metadata.annotations or spec.workflowMetadata.annotations'],
  ] as const) {
    if (!tag.startsWith(prefix)) continue;
    const key = tag.slice(prefix.length);
    if (known === undefined || known.has(key)) return undefined;
    // Argo rejects it, unless the controller's workflowDefaults (which no manifest shows) set it.
    return warning('argo/workflow-variable', `"{{${tag}}}" reads ${what} "${key}", which the workflow does not set; Argo rejects it unless the controller's workflowDefaults set it`,
      didYouMean(key, known, `set the ${what} in ${where}`));
  }
  if (tag === 'workflow.priority') {
    return globals.priority ? undefined
      : error('argo/workflow-variable', '"{{workflow.priority}}" exists only when spec.priority is set', 'set spec.priority, or drop the reference');
  }
  if (tag === 'workflow.failures') {
    if (scope.own.failures) return undefined;
    return globals.exitHandler
      ? error('argo/workflow-variable', `"{{workflow.failures}}" is used in ${templateLabel(scope.own.template)}, which runs as part of the entrypoint; it exists only in the exit handler`,
        'read it in the template spec.onExit names')
      : error('argo/workflow-variable', '"{{workflow.failures}}" exists only in an exit handler, and the workflow has none',
        'set spec.onExit to a template and read it there');
  }
  for (const [prefix, known, what] of [
    ['workflow.outputs.parameters.', globals.outputParameters, 'parameter'],
    ['workflow.outputs.artifacts.', globals.outputArtifacts, 'artifact'],
  ] as const) {
    if (!tag.startsWith(prefix)) continue;
    const name = tag.slice(prefix.length);
    if (known === 'any' || known.has(name)) return undefined;
    return error('argo/workflow-variable', `"{{${tag}}}" reads global output ${what} "${name}", which no template exports`,
      didYouMean(name, known, `set globalName: ${name} on the output ${what} of the template that produces it`));
  }
  return error('argo/unknown-variable', `"{{${tag}}}" is not an Argo workflow variable`,
    'see https://argo-workflows.readthedocs.io/en/latest/variables/ for the variables Argo provides');
}

function resolveWorkflowParameter(tag: string, globals: GlobalScope): TagProblem | undefined {
  const name = tag.slice('workflow.parameters.'.length);
  if (globals.parameters === undefined || globals.parameters.has(name)) return undefined;
  const suggestion = suggestName(name, globals.parameters);
  if (globals.anyParameter) {
    // `argo template lint` accepts any: the Workflow or event binding that runs the template may supply it.
    // Only a near miss of a declared name is worth a word.
    return suggestion === undefined ? undefined
      : warning('argo/workflow-parameter', `"{{${tag}}}" refers to workflow parameter "${name}", which spec.arguments.parameters does not declare; the submitting Workflow must supply it`,
        `did you mean "${suggestion}"?`);
  }
  return error('argo/workflow-parameter', `"{{${tag}}}" refers to workflow parameter "${name}", which spec.arguments.parameters does not declare`,
    suggestion ? `did you mean "${suggestion}"?` : `declare {name: ${name}} in spec.arguments.parameters`);
}

function resolveInputs(tag: string, scope: Scope): TagProblem | undefined {
  const where = templateLabel(scope.own.template);
  // SubstituteParams (run by ProcessArgs before the leaf's variables are resolved) always replaces it: with the
  // inputs' JSON, or `null` in a template that declares none (Hera's runner templates use it so).
  if (tag === 'inputs.parameters') return undefined;
  if (tag.startsWith('inputs.parameters.')) {
    const name = tag.slice('inputs.parameters.'.length);
    if (scope.own.inputParameters.has(name)) return undefined;
    return error('argo/input', `"{{${tag}}}" refers to input parameter "${name}", which ${where} does not declare`,
      didYouMean(name, scope.own.inputParameters, `declare {name: ${name}} in the template's inputs.parameters`));
  }
  if (tag.startsWith('inputs.artifacts.')) {
    const rest = tag.slice('inputs.artifacts.'.length);
    const name = rest.endsWith('.path') ? rest.slice(0, -'.path'.length) : rest;
    if (!scope.own.inputArtifacts.has(name)) {
      return error('argo/input', `"{{${tag}}}" refers to input artifact "${name}", which ${where} does not declare`,
        didYouMean(name, scope.own.inputArtifacts, `declare {name: ${name}} in the template's inputs.artifacts`));
    }
    if (rest === name || (rest.endsWith('.path') && scope.own.artifactPaths)) return undefined;
    return rest.endsWith('.path')
      ? error('argo/input', `"{{${tag}}}": ${where} is a ${scope.own.template.type ?? 'non-leaf'} template, which puts no artifact on disk`,
        'read the artifact path in the container or script template that receives it')
      : error('argo/unknown-variable', `"{{${tag}}}" is not an input artifact variable`, `use {{inputs.artifacts.${name}}} or {{inputs.artifacts.${name}.path}}`);
  }
  return error('argo/unknown-variable', `"{{${tag}}}" is not an Argo variable`, 'use inputs.parameters.<name> or inputs.artifacts.<name>');
}

/**
 * Argo accepts any `{{outputs...}}` (a template's metrics may read its own outputs), so an undeclared one is only
 * worth a warning: it stays literal text.
 */
function resolveOwnOutputs(tag: string, scope: Scope): TagProblem | undefined {
  for (const [prefix, declared, what] of [
    ['outputs.parameters.', scope.own.outputParameters, 'output parameter'],
    ['outputs.artifacts.', scope.own.outputArtifacts, 'output artifact'],
  ] as const) {
    if (!tag.startsWith(prefix)) continue;
    const name = tag.slice(prefix.length).replace(/\.path$/, '');
    if (declared.has(name)) return undefined;
    return warning('argo/output', `"{{${tag}}}" refers to ${what} "${name}", which ${templateLabel(scope.own.template)} does not declare`,
      didYouMean(name, declared, `declare {name: ${name}} in the template's outputs`));
  }
  return undefined;
}

function resolvePod(tag: string, scope: Scope): TagProblem | undefined {
  if (tag !== 'pod.name') return error('argo/unknown-variable', `"{{${tag}}}" is not an Argo variable`, 'the only pod variable is {{pod.name}}');
  return scope.own.pod ? undefined
    : error('argo/unknown-variable', `"{{pod.name}}" is used in ${templateLabel(scope.own.template)}, a ${scope.own.template.type ?? 'typeless'} template, which runs no pod of its own`,
      'read {{pod.name}} in the container, script or resource template that runs the pod');
}

function resolveNode(tag: string, scope: Scope): TagProblem | undefined {
  const prefix = tag.startsWith('tasks.') ? 'tasks' : 'steps';
  const what = prefix === 'tasks' ? 'task' : 'step';
  const rest = tag.slice(prefix.length + 1);
  if (rest.startsWith('name')) return undefined; // {{tasks.name}} / {{steps.name}}: the current node's name
  const nodes = scope.nodes;
  if (nodes?.prefix !== prefix) {
    return error('argo/node-reference', `"{{${tag}}}" refers to a ${what}, but ${templateLabel(scope.own.template)} is not a ${prefix === 'tasks' ? 'DAG' : 'steps template'}`,
      'pass the value in as an input parameter and use {{inputs.parameters.<name>}}');
  }
  const dot = rest.indexOf('.');
  const nodeName = dot < 0 ? rest : rest.slice(0, dot);
  const field = dot < 0 ? '' : rest.slice(dot + 1);
  const node = nodes.all.get(nodeName);
  if (!node) {
    return error('argo/node-reference', `"{{${tag}}}" refers to ${what} "${nodeName}", which ${templateLabel(scope.own.template)} does not have`,
      didYouMean(nodeName, nodes.all.keys(), `use one of: ${[...nodes.all.keys()].join(', ')}`));
  }
  if (field === 'status' ? !nodes.status.has(nodeName) : !nodes.visible.has(nodeName)) return unreachable(tag, nodeName, nodes);
  if (NODE_FIELDS.has(field) || field === 'status') return undefined;
  const template = node.template;
  if (!template) return undefined; // a template outside the validated objects: its outputs are unknown
  const where = `${what} "${nodeName}" runs ${templateLabel(template)}`;
  if (field === 'ip') {
    return template.template.daemon === true ? undefined
      : error('argo/output', `"{{${tag}}}": ${where}, which is not a daemon, so it has no IP to read`, 'set daemon: true on that template, or drop the reference');
  }
  if (field === 'outputs.result' || field === 'exitCode') {
    const aggregated = node.loops && (template.type === 'script' || template.type === 'containerSet');
    if (template.hasResult || aggregated) return undefined;
    return error('argo/output', `"{{${tag}}}": ${where} (${template.type ?? 'no type'}), which has no ${field === 'exitCode' ? 'exit code' : 'result'}`,
      'declare an output parameter on that template and use outputs.parameters.<name>');
  }
  if (field === 'outputs.parameters' && node.loops) return undefined;
  for (const [fieldPrefix, key, kind] of [['outputs.parameters.', 'parameters', 'output parameter'], ['outputs.artifacts.', 'artifacts', 'output artifact']] as const) {
    if (!field.startsWith(fieldPrefix)) continue;
    const name = field.slice(fieldPrefix.length);
    const declared = namesOf(isRecord(template.template.outputs) ? template.template.outputs[key] : undefined);
    if (declared.includes(name)) return undefined;
    return error('argo/output', `"{{${tag}}}": ${where}, which has no ${kind} "${name}"`,
      didYouMean(name, declared, `declare {name: ${name}} in the outputs.${key} of that template`));
  }
  return error('argo/unknown-variable', `"{{${tag}}}" is not a field of a ${what}`,
    `use one of: ${[...NODE_FIELDS, 'status', 'exitCode', 'outputs.result'].join(', ')}, outputs.parameters.<name>, outputs.artifacts.<name>`);
}

function unreachable(tag: string, nodeName: string, nodes: NodeScope): TagProblem {
  if (nodes.current === undefined) {
    return error('argo/node-reference', `"{{${tag}}}" reads the status of "${nodeName}", which is not available here`, 'read it in a task that depends on it');
  }
  return nodes.prefix === 'tasks'
    ? error('argo/node-reference', `"{{${tag}}}" refers to task "${nodeName}", which is not an ancestor of task "${nodes.current}"`,
      `add "${nodeName}" to the dependencies (or depends) of "${nodes.current}"`)
    : error('argo/node-reference', `"{{${tag}}}" refers to step "${nodeName}", which does not run before step "${nodes.current}"`,
      `move "${nodes.current}" to a step group after the one holding "${nodeName}"`);
}
