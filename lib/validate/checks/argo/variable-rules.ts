import { isRecord, KubeObject } from '../../object-index';
import { error, Violation } from '../../violation';
import { dagGraph } from './dag-graph';
import { GlobalScope, loops } from './global-scope';
import { collectTags, CollectedTags, newCollection } from './template-tags';
import { ItemScope, itemScope, NodeInfo, NodeScope, resolveTag, Scope, TagProblem, TemplateScope, templateScope } from './variable-scope';
import { callsOf, describeObject, Invocation, stepGroups, TemplateInfo, templateInfo, WorkflowModel } from './workflow-model';

type Report = (collected: CollectedTags, scope: Scope) => void;

/** Keys a region's walk leaves to the walk of another region. */
const SKIP_TEMPLATES: ReadonlySet<string> = new Set(['templates']);
const SKIP_DAG: ReadonlySet<string> = new Set(['dag']);
const SKIP_TASKS: ReadonlySet<string> = new Set(['tasks']);
const SKIP_STEPS: ReadonlySet<string> = new Set(['steps']);
const SKIP_NODE_PARTS: ReadonlySet<string> = new Set(['hooks', 'inline']);

/**
 * Every `{{...}}` Argo checks before a run resolves where it is used: inputs the template declares, workflow
 * parameters, labels and annotations the workflow sets, outputs of tasks it depends on (steps of earlier groups),
 * `{{item...}}` keys its loop binds, and `{{workflow.failures}}` only in the exit handler. `{{=expressions}}` and
 * tags Argo does not check (`{{ .Values.x }}` in a script) are left alone; a `{{` never closed is an error, since
 * Argo cannot substitute the template at all.
 *
 * Argo: `resolveAllVariables` and the scopes `validateSteps`, `validateDAG` and `validateLeaf` build.
 */
export function variableRules(model: WorkflowModel, globals: GlobalScope): Violation[] {
  const violations: Violation[] = [];
  const toViolation = (path: string, problem: TagProblem): Violation => ({ path, rule: problem.rule, message: problem.message, fix: problem.fix, severity: problem.severity });
  const report: Report = (collected, scope) => {
    for (const { tag, kind, path } of collected.tags) {
      if (kind !== 'simple') continue;
      const problem = resolveTag(tag, scope, globals);
      if (problem) violations.push(toViolation(path, problem));
    }
    for (const path of collected.unclosed) {
      violations.push(error(path, 'argo/unclosed-tag', 'the value opens "{{" and never closes it, so Argo cannot substitute the template',
        'close the tag with "}}", or write the braces some other way if they are not an Argo variable'));
    }
  };

  // Outside the templates only the workflow's own variables mean anything.
  const specTags = collectTags(model.spec, model.path, newCollection(), SKIP_TEMPLATES);
  const specScope: Scope = { own: { ...emptyScope(templateInfo(model.spec, model.path)), failures: true }, item: { kind: 'none' } };
  report({ tags: specTags.tags.filter((t) => t.tag.startsWith('workflow.')), unclosed: [] }, specScope);

  for (const info of model.templates) templateVariables(info, model, globals, report);

  // Argo checks the templates a workflow runs from other WorkflowTemplates with this workflow's own parameters,
  // labels and annotations, so what the other template may lean on at its own submission is not there.
  for (const { info, path, owner } of foreignTemplates(model)) {
    const found: TagProblem[] = [];
    templateVariables(info, model, globals, (collected, scope) => {
      for (const { tag, kind } of collected.tags) {
        const problem = kind === 'simple' && FOREIGN_CHECKED.some((p) => tag.startsWith(p)) ? resolveTag(tag, scope, globals) : undefined;
        if (problem) found.push(problem);
      }
    });
    for (const problem of found) {
      violations.push(toViolation(path, {
        ...problem, message: `${describeObject(owner)}, ${info.path}: ${problem.message}`,
        fix: problem.rule === 'argo/workflow-parameter' ? `pass it in this workflow's spec.arguments.parameters, or ${problem.fix}` : `set it on this workflow: ${problem.fix}`,
      }));
    }
  }
  return violations;
}

/** The variables a foreign template reads from the workflow that runs it. */
const FOREIGN_CHECKED = ['workflow.parameters.', 'workflow.labels.', 'workflow.annotations.'];

/**
 * Templates of other objects this workflow runs: all of its workflowTemplateRef's, and those its tasks and steps
 * call with templateRef, each with where to report a problem and the object it belongs to.
 */
function foreignTemplates(model: WorkflowModel): { info: TemplateInfo; path: string; owner: KubeObject }[] {
  const found: { info: TemplateInfo; path: string; owner: KubeObject }[] = [];
  const seen = new Set<Record<string, unknown>>();
  const ref = model.workflowTemplate;
  if (isRecord(ref)) {
    for (const info of model.available.values()) {
      if (info.name !== undefined && model.local.get(info.name) === info) continue;
      seen.add(info.template);
      found.push({ info, path: `${model.path}.workflowTemplateRef`, owner: ref });
    }
  }
  for (const info of model.templates) {
    for (const call of callsOf(info)) {
      const target = model.target(call);
      if (target.kind !== 'found' || !isRecord(call.node.templateRef) || seen.has(target.info.template)) continue;
      seen.add(target.info.template);
      const owner = model.templateOwner(target.info);
      if (owner) found.push({ info: target.info, path: `${call.path}.templateRef`, owner });
    }
  }
  return found;
}

function emptyScope(info: TemplateInfo): TemplateScope {
  const none = new Set<string>();
  return { template: info, inputParameters: none, inputArtifacts: none, artifactPaths: false, outputParameters: none, outputArtifacts: none, pod: false, failures: false };
}

/** Reports the tags of one template, each against the scope of the place it sits in. */
function templateVariables(info: TemplateInfo, model: WorkflowModel, globals: GlobalScope, report: Report): void {
  const own = templateScope(info, globals);
  const none: ItemScope = { kind: 'none' };
  if (info.type === 'dag') {
    const { tasks, ancestorOf } = dagGraph(info);
    const all = nodeInfos(tasks, model);
    const everyone = new Set(all.keys());
    for (const task of tasks) {
      const visible = task.name === undefined ? new Set<string>() : ancestorOf(task.name);
      const withSelf = task.name !== undefined && task.node.hooks !== undefined ? { has: (n: string) => n === task.name || visible.has(n) } : visible;
      const nodes: NodeScope = { prefix: 'tasks', current: task.name, visible, status: withSelf, all };
      // Hooks run while or after the task runs, so they may read any task's outputs (as Argo allows).
      nodeVariables(task, { own, nodes, item: itemScope(task.node) }, { ...nodes, visible: everyone, status: withSelf }, model, globals, report);
    }
    const rest = collectTags(info.template, info.path, newCollection(), SKIP_DAG);
    collectTags(info.template.dag, `${info.path}.dag`, rest, SKIP_TASKS);
    report(rest, { own, nodes: { prefix: 'tasks', visible: everyone, status: everyone, all }, item: none });
  } else if (info.type === 'steps') {
    const groups = stepGroups(info);
    const all = nodeInfos(groups.flat(), model);
    let earlier = new Set<string>();
    for (const group of groups) {
      const before = earlier;
      const position = new Map<string, number>();
      group.forEach((step, i) => {
        if (step.name !== undefined && !position.has(step.name)) position.set(step.name, i);
      });
      group.forEach((step, i) => {
        // Argo lets a step read its own status and that of the steps listed before it in its group.
        const status = { has: (name: string) => before.has(name) || (position.get(name) ?? Infinity) <= i };
        const nodes: NodeScope = { prefix: 'steps', current: step.name, visible: before, status, all };
        const afterItself = { has: (name: string) => before.has(name) || name === step.name };
        nodeVariables(step, { own, nodes, item: itemScope(step.node) }, { ...nodes, visible: afterItself }, model, globals, report);
      });
      earlier = new Set([...before, ...position.keys()]);
    }
    const everyone = new Set(all.keys());
    report(collectTags(info.template, info.path, newCollection(), SKIP_STEPS), { own, nodes: { prefix: 'steps', visible: everyone, status: everyone, all }, item: none });
  } else {
    report(collectTags(info.template, info.path, newCollection()), { own, item: none });
  }
}

/**
 * A node's own fields see its scope, its hooks the nodes a hook may read, and an `inline` template, being a
 * template of its own, only its own inputs (Argo validates it as such).
 */
function nodeVariables(node: Invocation, scope: Scope, hookNodes: NodeScope, model: WorkflowModel, globals: GlobalScope, report: Report): void {
  report(collectTags(node.node, node.path, newCollection(), SKIP_NODE_PARTS), scope);
  if (node.node.hooks !== undefined) report(collectTags(node.node.hooks, `${node.path}.hooks`, newCollection()), { ...scope, nodes: hookNodes });
  if (isRecord(node.node.inline)) {
    const target = model.target(node);
    if (target.kind === 'found') templateVariables(target.info, model, globals, report);
  }
}

function nodeInfos(nodes: readonly Invocation[], model: WorkflowModel): Map<string, NodeInfo> {
  const infos = new Map<string, NodeInfo>();
  for (const node of nodes) {
    if (node.name === undefined) continue;
    const target = model.target(node);
    infos.set(node.name, { template: target.kind === 'found' ? target.info : undefined, loops: loops(node.node) });
  }
  return infos;
}
