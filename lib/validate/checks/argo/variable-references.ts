import { Check } from '../../check';
import { isRecord, KubeObject, ObjectIndex } from '../../object-index';
import { Severity, Violation } from '../../violation';
import {
  ArgoSpec, argoSpecOf, dagTasks, Invocation, namesOf, resolveTarget, stepGroups, templatesByName, templatesOf,
  workflowTemplateRefTarget,
} from './argo-spec';
import { dagAncestors } from './dag-graph';
import { collectTags, FoundTag } from './template-tags';
import { GlobalScope, loops, NodeInfo, resolveTag, Scope, templateScope } from './variable-scope';

/**
 * Every `{{...}}` Argo variable resolves: inputs the template declares, workflow parameters the spec declares,
 * tasks that are ancestors (steps in earlier groups) with the outputs their templates declare, and `{{item}}`
 * only inside a loop. Argo's documented globals always resolve; tags that are not Argo variables (`{{=expr}}`,
 * Helm or Jinja text in a script) are left alone, so the check does not cry wolf.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/variables/
 */
export const checkArgoVariables: Check = (object, { index }) => {
  const argo = argoSpecOf(object);
  if (!argo) return [];
  const globals = globalScope(argo, object, index);
  const local = templatesByName(argo.spec);
  const violations: Violation[] = [];
  const report = (tags: readonly FoundTag[], scope: Scope) => {
    for (const { tag, path } of tags) {
      const problem = resolveTag(tag, scope, globals);
      if (problem) {
        violations.push({ path, rule: problem.rule, message: problem.message, fix: problem.fix, severity: problem.severity ?? Severity.ERROR });
      }
    }
  };

  // Outside the templates only the globals resolve.
  const specTags: FoundTag[] = [];
  collectTags(argo.spec, argo.path, specTags, new Set(['templates']));
  report(specTags.filter((t) => t.tag.startsWith('workflow.')), emptyScope('(spec)'));

  for (const { template, index: i } of templatesOf(argo.spec)) {
    const templatePath = `${argo.path}.templates[${i}]`;
    const own = templateScope(template);
    const tasks = dagTasks(template, templatePath);
    const groups = stepGroups(template, templatePath);
    if (tasks.length > 0) {
      const all = nodeInfos(tasks, local, object, index);
      const ancestors = dagAncestors(tasks);
      for (const task of tasks) {
        const visible = new Map([...(ancestors.get(task.name ?? '') ?? [])].map((n) => [n, all.get(n) ?? {}]));
        const scope: Scope = { ...own, nodePrefix: 'tasks', visible, all, nodeName: task.name, item: loops(task.node) };
        reportNode(task, scope, all, report);
      }
      const rest: FoundTag[] = [];
      collectTags(template, templatePath, rest, new Set(['dag']));
      collectTags(template.dag, `${templatePath}.dag`, rest, new Set(['tasks']));
      report(rest, { ...own, nodePrefix: 'tasks', visible: all, all, item: false });
    } else if (groups.length > 0) {
      const all = nodeInfos(groups.flat(), local, object, index);
      const earlier = new Map<string, NodeInfo>();
      for (const group of groups) {
        for (const step of group) {
          const scope: Scope = { ...own, nodePrefix: 'steps', visible: new Map(earlier), all, nodeName: step.name, item: loops(step.node) };
          reportNode(step, scope, all, report);
        }
        for (const step of group) if (step.name !== undefined) earlier.set(step.name, all.get(step.name) ?? {});
      }
      const rest: FoundTag[] = [];
      collectTags(template, templatePath, rest, new Set(['steps']));
      report(rest, { ...own, nodePrefix: 'steps', visible: all, all, item: false });
    } else {
      const tags: FoundTag[] = [];
      collectTags(template, templatePath, tags);
      report(tags, { ...own, visible: new Map(), all: new Map(), item: false });
    }
  }
  return violations;
};

/**
 * A node's own fields see its scope; its hooks run after it, so they see every node of the template; an
 * `inline` template is a template of its own, seeing only its inputs.
 */
function reportNode(
  node: Invocation, scope: Scope, all: ReadonlyMap<string, NodeInfo>, report: (tags: readonly FoundTag[], scope: Scope) => void,
): void {
  const tags: FoundTag[] = [];
  collectTags(node.node, node.path, tags, new Set(['hooks', 'inline']));
  report(tags, scope);
  if (node.node.hooks !== undefined) {
    const hookTags: FoundTag[] = [];
    collectTags(node.node.hooks, `${node.path}.hooks`, hookTags);
    report(hookTags, { ...scope, visible: all });
  }
  if (isRecord(node.node.inline)) {
    const inlineTags: FoundTag[] = [];
    collectTags(node.node.inline, `${node.path}.inline`, inlineTags);
    report(inlineTags, { ...templateScope(node.node.inline), visible: new Map(), all: new Map(), item: false });
  }
}

function nodeInfos(
  nodes: readonly Invocation[], local: Map<string, Record<string, unknown>>, owner: KubeObject, index: ObjectIndex,
): Map<string, NodeInfo> {
  const infos = new Map<string, NodeInfo>();
  for (const node of nodes) {
    if (node.name === undefined) continue;
    const target = resolveTarget(node.node, local, owner, index);
    infos.set(node.name, target.kind === 'found' ? { template: target.template } : {});
  }
  return infos;
}

function emptyScope(templateName: string): Scope {
  const none = new Set<string>();
  return {
    templateName, inputParameters: none, inputArtifacts: none, outputParameters: none, outputArtifacts: none,
    visible: new Map(), all: new Map(), item: false,
  };
}

/**
 * Which workflow parameters exist. A Workflow's are its own plus its WorkflowTemplate's. A WorkflowTemplate's may
 * also come from the Workflow that submits or references it: an undeclared one is an error only when the template
 * declares parameters at all (then a miss is most likely a typo), else a warning.
 */
function globalScope(argo: ArgoSpec, object: KubeObject, index: ObjectIndex): GlobalScope {
  const own = namesOf(isRecord(argo.spec.arguments) ? argo.spec.arguments.parameters : undefined);
  if (argo.kind === 'WorkflowTemplate' || argo.kind === 'ClusterWorkflowTemplate') {
    return { parameters: new Set(own), parameterSeverity: own.length > 0 ? Severity.ERROR : Severity.WARNING };
  }
  const ref = workflowTemplateRefTarget(argo.spec, object, index);
  if (ref === 'external') return { parameterSeverity: Severity.WARNING };
  const inherited = ref && isRecord(ref.spec) && isRecord(ref.spec.arguments) ? namesOf(ref.spec.arguments.parameters) : [];
  return { parameters: new Set([...own, ...inherited]), parameterSeverity: Severity.ERROR };
}
